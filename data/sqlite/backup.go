package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"mutua/data"
)

// Backups: each is a complete copy of the practice made with VACUUM INTO, written to a new
// file readable by the coach only, flushed to disk, then opened and verified (integrity,
// application id, schema version) before it takes its final name. A backup that does not
// verify is deleted and reported; it never replaces a good one.

// Backup is one verified copy of a practice.
type Backup struct {
	Path   string
	Time   time.Time
	Size   int64
	Reason string // why it was made: "daily", "before import", "on closing"…
	// Encrypted backups need their passphrase to be restored (see backup_crypto.go).
	Encrypted bool

	written time.Time // file time, orders backups made within one second
}

// backupName is how a backup is named: when, then why.
const backupLayout = "2006-01-02 150405"

var backupPattern = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2} \d{6}) (.+)\.mutua(\.age)?$`)

// BackupDir is where a practice's backups are kept: a folder named after the practice's file
// (name and extension, so coaching.mutua and coaching.db keep theirs apart) in root, or in
// Backups beside the practice when root is "".
func BackupDir(practicePath, root string) string {
	if real, err := resolvePath(practicePath); err == nil {
		practicePath = real // a practice reached through a symlink keeps its backups beside the real file
	}
	base := backupFolderName(practicePath)
	if root == "" {
		root = filepath.Join(filepath.Dir(practicePath), "Backups")
	}
	if dir := filepath.Join(root, base); dir != filepath.Clean(practicePath) {
		return dir
	}
	return filepath.Join(root, base+" backups") // root is the practice's own folder
}

// BackupDir is where this practice's backups are kept.
func (s *Store) BackupDir() string {
	s.backingUp.Lock()
	defer s.backingUp.Unlock()
	return BackupDir(s.path, s.backupRoot)
}

// SetBackupFolder sends this practice's backups from now on to a folder of its own inside
// root ("" for beside the practice). Backups made before stay where they are.
func (s *Store) SetBackupFolder(root string) {
	s.backingUp.Lock()
	defer s.backingUp.Unlock()
	s.backupRoot = root
}

// Backups lists the backups in a backup folder, newest first.
func Backups(dir string) ([]Backup, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read backups: %w", err)
	}
	var out []Backup
	for _, e := range entries {
		m := backupPattern.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			continue
		}
		t, err := time.ParseInLocation(backupLayout, m[1], time.UTC)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Path: filepath.Join(dir, e.Name()), Time: t, Size: info.Size(), Reason: m[2], Encrypted: m[3] != "", written: info.ModTime()})
	}
	// Names carry whole seconds; within one second the file written last is the newer.
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].written.After(out[j].written)
	})
	return out, nil
}

// Backup makes a verified backup of the practice now, then keeps 7 daily, 4 weekly and 12
// monthly backups and removes the rest.
func (s *Store) Backup(reason string) (Backup, error) {
	if err := s.waitChecked(); err != nil {
		return Backup{}, err
	}
	s.backingUp.Lock()
	defer s.backingUp.Unlock()
	b, err := s.backupTo("", reason)
	if err != nil {
		return b, err
	}
	return b, s.rotateBackups()
}

// backupBefore backs up before a change that cannot be taken back; when the backup fails,
// the change does not happen.
func (s *Store) backupBefore(what string) error {
	if _, err := s.Backup("before " + what); err != nil {
		code := data.ErrorCode(err)
		if code == "" {
			code = data.Unsafe
		}
		return &data.Error{Code: code, Message: "Mutua could not back up the practice first, so nothing was changed: " + data.Message(err), Err: err}
	}
	return nil
}

// BackupTo writes a verified backup to a file the coach chose (outside the rotation).
func (s *Store) BackupTo(path string) (Backup, error) {
	s.backingUp.Lock()
	defer s.backingUp.Unlock()
	if err := CheckOutputPath(s.path, path, BackupDir(s.path, s.backupRoot)); err != nil {
		return Backup{}, err
	}
	return s.backupTo(path, "")
}

// DefaultBackupEvery is how often a practice is backed up when it is opened, unless the
// coach chose otherwise.
const DefaultBackupEvery = 24 * time.Hour

// BackupIfDue makes the regular backup when the newest one is older than every.
func (s *Store) BackupIfDue(every time.Duration) (*Backup, error) {
	list, err := Backups(s.BackupDir())
	if err != nil {
		return nil, err
	}
	if newest := newestBefore(list, s.now()); newest != nil && s.now().Sub(newest.Time) < every {
		return nil, nil
	}
	b, err := s.Backup("scheduled")
	return &b, err
}

func (s *Store) backupTo(path, reason string) (Backup, error) {
	now := s.now().UTC()
	key, err := s.backupKey()
	if err != nil {
		return Backup{}, err
	}
	ext := ".mutua"
	if key != nil {
		ext = encryptedExt
	}
	final := path
	if final == "" {
		dir := BackupDir(s.path, s.backupRoot)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return Backup{}, data.Errorf(data.Unsafe, "Mutua could not create the backup folder %s: %v.", dir, err)
		}
		// Only this copy of Mutua backs the practice up (it holds the lock), so any half-written
		// backup left in the folder is from one that was killed.
		stale, _ := filepath.Glob(filepath.Join(dir, "*.partial*"))
		for _, f := range stale {
			os.Remove(f)
		}
		stem := filepath.Join(dir, now.Format(backupLayout)+" "+strings.ReplaceAll(reason, "/", "-"))
		final = stem + ext
		for n := 2; fileExists(final); n++ { // two backups in one second
			final = fmt.Sprintf("%s %d%s", stem, n, ext)
		}
	}
	tmp := final + ".partial"
	if key != nil { // the plain copy stays beside the practice, out of a synced backup folder
		tmp = s.path + ".backup.partial"
	}
	os.Remove(tmp)
	// VACUUM INTO writes into an empty file that already exists, keeping its permissions.
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return Backup{}, data.Errorf(data.Unsafe, "Mutua could not write the backup %s: %v.", tmp, err)
	}
	f.Close()
	fail := func(err error) (Backup, error) {
		os.Remove(tmp)
		return Backup{}, err
	}
	if _, err := s.db.ExecContext(context.Background(), `VACUUM INTO ?`, tmp); err != nil {
		return fail(storageError(fmt.Errorf("back up: %w", err)))
	}
	if err := syncFile(tmp); err != nil {
		return fail(err)
	}
	if err := VerifyBackup(tmp); err != nil {
		return fail(err)
	}
	if key != nil {
		if err := key.seal(tmp, final+".partial"); err != nil {
			return fail(err)
		}
		os.Remove(tmp)
		tmp = final + ".partial"
	}
	if err := os.Rename(tmp, final); err != nil {
		return fail(fmt.Errorf("back up: %w", err))
	}
	syncDir(filepath.Dir(final))
	info, err := os.Stat(final)
	if err != nil {
		return Backup{}, err
	}
	return Backup{Path: final, Time: now.Truncate(time.Second), Size: info.Size(), Reason: reason, Encrypted: key != nil}, nil
}

// VerifyBackup checks that a file is a sound Mutua practice this version can open.
func VerifyBackup(path string) error {
	name := filepath.Base(path)
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return err
	}
	defer db.Close()
	var check string
	var appID, version int
	err = db.QueryRow(`SELECT (SELECT integrity_check FROM pragma_integrity_check LIMIT 1),
		(SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)`).Scan(&check, &appID, &version)
	switch {
	case err != nil:
		return &data.Error{Code: data.Damaged, Message: fmt.Sprintf("The backup %s could not be read: it is damaged or not a Mutua practice.", name), Err: err}
	case check != "ok":
		return data.Errorf(data.Damaged, "The backup %s failed its integrity check (%s).", name, data.Clip(check))
	case appID != ApplicationID:
		return data.Errorf(data.NotPractice, "%s is not a Mutua practice file.", name)
	case version > SchemaVersion() || version < 1:
		return data.Errorf(data.TooNew, "%s was saved by a newer version of Mutua.", name)
	}
	return nil
}

// recentBackups is how many of the last two days' backups are kept (those made before an
// import or a restore among them), however many imports a busy day holds.
const recentBackups = 30

// rotateBackups keeps the backups of the last two days (up to recentBackups), then the newest
// of each of the last 7 days, 4 weeks and 12 months that have one, and removes the others.
func (s *Store) rotateBackups() error {
	list, err := Backups(BackupDir(s.path, s.backupRoot))
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	list = withoutFuture(list, s.now(), keep) // kept, and never a reason to remove another
	for i, b := range list {
		if i < recentBackups && s.now().Sub(b.Time) < 48*time.Hour {
			keep[b.Path] = true
		}
	}
	for _, rule := range []struct {
		count int
		key   func(time.Time) string
	}{
		{7, func(t time.Time) string { return t.Format("2006-01-02") }},
		{4, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprint(y, w) }},
		{12, func(t time.Time) string { return t.Format("2006-01") }},
	} {
		seen := map[string]bool{}
		for _, b := range list { // newest first: the first of each period is its newest
			k := rule.key(b.Time)
			if seen[k] || len(seen) == rule.count {
				continue
			}
			seen[k] = true
			keep[b.Path] = true
		}
	}
	for _, b := range list {
		if !keep[b.Path] {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove old backup: %w", err)
			}
		}
	}
	return nil
}

// Check runs SQLite's full integrity check and the foreign-key check, then reads every record
// through the code the screens use, and says in plain words what is wrong, or returns nil
// when the practice is sound.
func (s *Store) Check() error {
	rows, err := s.db.Query(`PRAGMA integrity_check`)
	if err != nil {
		return &data.Error{Code: data.Damaged, Message: "The practice could not be checked: it looks damaged.", Err: err}
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if len(problems) > 0 {
		return data.Errorf(data.Damaged, "The practice failed its integrity check: %s.", data.Clip(strings.Join(problems, "; ")))
	}
	var table, parent string
	var rowid, fkid sql.NullInt64
	err = s.db.QueryRow(`PRAGMA foreign_key_check`).Scan(&table, &rowid, &parent, &fkid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return s.readable()
	case err != nil:
		return fmt.Errorf("check references: %w", err)
	}
	return data.Errorf(data.Damaged, "The practice has records that refer to missing ones (first in %s).", table)
}

// Restore replaces the practice at practicePath with a verified backup, after a safety
// backup of the practice as it is (unless it cannot be read). The practice must not be
// open in this or any other copy of Mutua. The safety backup goes where opts say.
func Restore(practicePath, backupPath string, opts Options) (Backup, error) {
	if real, err := resolvePath(practicePath); err == nil {
		practicePath = real // through a symlink, the real file is restored
	}
	// Copied first: the safety backup's rotation may remove the backup being restored.
	tmp := practicePath + ".restoring"
	if err := restoreCopy(backupPath, tmp, opts.Passphrase); err != nil {
		os.Remove(tmp)
		return Backup{}, err
	}
	var safety Backup
	if fileExists(practicePath) {
		opts.CheckLater, opts.restoring = false, true
		s, err := OpenWith(practicePath, opts)
		switch {
		case err == nil:
			safety, err = s.Backup("before restore")
			s.Close()
			if err != nil {
				os.Remove(tmp)
				return Backup{}, fmt.Errorf("safety backup before restoring: %w", err)
			}
		case data.ErrorCode(err) == data.Damaged && !fileExists(practicePath):
			// Open set the damaged practice aside; restoring replaces nothing.
		default:
			os.Remove(tmp)
			return Backup{}, err
		}
	}
	lock, err := lockPractice(practicePath)
	if err != nil {
		os.Remove(tmp)
		return safety, err
	}
	defer lock.Unlock()
	for _, side := range []string{"-wal", "-shm"} {
		os.Remove(practicePath + side) // they belong to the practice being replaced
	}
	if err := os.Rename(tmp, practicePath); err != nil {
		os.Remove(tmp)
		return safety, fmt.Errorf("restore: %w", err)
	}
	syncDir(filepath.Dir(practicePath))
	return safety, nil
}

// setAside renames a damaged practice and its journal files out of the way, so nothing
// overwrites them, and returns the new name of the practice file.
func setAside(path string, now time.Time) (string, error) {
	aside := asideName(path, now.UTC().Format("20060102-150405"))
	for _, side := range []string{"-wal", "-shm"} {
		if fileExists(path + side) {
			if err := os.Rename(path+side, aside+side); err != nil {
				return "", err
			}
		}
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	syncDir(filepath.Dir(path))
	return aside, nil
}

// damagedError tells the coach their practice was set aside, and which backup to restore.
func damagedError(path, aside, backups string, cause error) error {
	msg := fmt.Sprintf("%s is damaged. Mutua set it aside, unchanged, as %s.", filepath.Base(path), filepath.Base(aside))
	list, _ := Backups(backups)
	if newest := NewestBackup(list); newest != nil {
		msg += fmt.Sprintf(" The newest verified backup is from %s: restore it from the Backups section of Settings, or with mutua restore --db %q %q.",
			shownTime(newest.Time), path, newest.Path)
	} else {
		msg += " There is no backup to restore."
	}
	return &data.Error{Code: data.Damaged, Message: msg, Err: cause}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("copy %s: %w", filepath.Base(from), err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return storageError(fmt.Errorf("copy to %s: %w", filepath.Base(to), err))
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return storageError(fmt.Errorf("copy to %s: %w", filepath.Base(to), err))
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return storageError(err)
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// storageError gives a full disk or a refused write its own plain message.
func storageError(err error) error {
	if err == nil {
		return nil
	}
	code := primaryCode(err)
	switch {
	case code == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC):
		return &data.Error{Code: data.DiskFull, Message: "The disk is full, so nothing was saved. Free some space and try again.", Err: err}
	case code == sqlite3.SQLITE_READONLY || errors.Is(err, syscall.EROFS):
		return &data.Error{Code: data.Unsafe, Message: "Mutua cannot write there: the file or its folder is read-only.", Err: err}
	case errors.Is(err, fs.ErrPermission) || code == sqlite3.SQLITE_PERM:
		return &data.Error{Code: data.Unsafe, Message: "Mutua is not allowed to write there (permission denied).", Err: err}
	}
	return err
}
