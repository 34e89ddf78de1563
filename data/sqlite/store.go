package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gofrs/flock"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"mutua/data"
)

// ApplicationID marks a SQLite file as a Mutua practice ("MUTU").
const ApplicationID = 0x4D555455

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded schema steps in order.
func migrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded at build time
	}
	var out []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			panic("migration file without a number: " + e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: n, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("migrations must be numbered 1, 2, 3…: %s", m.name))
		}
	}
	return out
}

// SchemaVersion is the schema version this build of Mutua writes.
func SchemaVersion() int { return len(migrations()) }

// Store is an open practice: one SQLite file, held exclusively by this process.
type Store struct {
	db   *sql.DB
	path string
	lock *practiceLock
	now  func() time.Time

	onChange func() // called after every committed write; set once, before the first write

	madePrivate bool // opening took away other accounts' access to the file

	backupRoot string     // where backups go; "" for beside the practice
	backingUp  sync.Mutex // one backup at a time (they share a folder and its rotation); guards backupRoot

	// The integrity check of a practice opened with CheckLater: it runs once, when first
	// waited for (checkErr is its verdict); stopCheck interrupts it when the practice closes.
	checkLater bool
	check      sync.Once
	checkErr   error
	checkCtx   context.Context
	stopCheck  context.CancelFunc
	setAside   sync.Once
	asideErr   error
}

// DefaultPath returns where the practice lives when the coach has not picked a file:
// Mutua/practice.mutua inside the user's configuration folder.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the data folder: %w", err)
	}
	return filepath.Join(dir, "Mutua", "practice.mutua"), nil
}

// Options are the coach's choices about how a practice is kept.
type Options struct {
	// BackupFolder holds a folder of backups per practice; "" keeps them beside the practice.
	BackupFolder string
	// CheckLater leaves the integrity check that opening makes until Checked or the first
	// write, so the practice can be read at once. Nothing is written until the check has
	// passed; Checked runs it and sets a damaged practice aside.
	CheckLater bool
	// Passphrase opens an encrypted backup being restored; it is never kept.
	Passphrase string

	restoring bool // opened by Restore, whose copy of the backup waits beside the practice
}

// Open opens the practice at path, creating it (and its folder, readable by the coach only)
// when it does not exist, and brings its schema up to date. It refuses a file another copy of
// Mutua holds, a file that is not a Mutua practice, and one written by a newer Mutua, each
// with its own message and without changing the file.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith opens the practice at path as Open does, with the coach's options.
func OpenWith(path string, opts Options) (*Store, error) {
	path, err := resolvePath(path) // the real file: one practice, whatever name it is opened by
	if err != nil {
		return nil, fmt.Errorf("open practice: %w", err)
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, data.Errorf(data.Unsafe, "Mutua could not create the folder %s: %v.", dir, err)
		}
	}
	if err := notAFile(path); err != nil {
		return nil, err
	}
	lock, err := lockPractice(path)
	if err != nil {
		return nil, explainAccess(path, err)
	}
	s, err := open(path, lock, opts)
	if err != nil {
		_ = lock.Unlock()
		return nil, explainAccess(path, err)
	}
	return s, nil
}

// explainAccess turns a failure to open the practice into the reason, when the reason is
// where it is kept: a read-only disk, a folder or file the coach may not write, or a file
// they may not read. Other failures already say what they are.
func explainAccess(path string, err error) error {
	switch data.ErrorCode(err) {
	case data.Locked, data.NotPractice, data.TooNew, data.Damaged, data.DiskFull, data.NotFound:
		return err
	}
	if problem := accessProblem(path); problem != nil {
		problem.Err = err
		return problem
	}
	return err
}

// accessProblem looks at the practice's folder and file for what keeps Mutua from using
// them. Writing needs the folder too: the lock and the journal live beside the practice.
func accessProblem(path string) *data.Error {
	name, dir := filepath.Base(path), filepath.Dir(path)
	if probe, err := os.CreateTemp(dir, ".mutua-probe-*"); err != nil {
		switch {
		case errors.Is(err, syscall.EROFS):
			return &data.Error{Code: data.ReadOnly, Message: fmt.Sprintf("The disk that holds %s is read-only, so Mutua cannot work on the practice there. Copy it to a folder on this computer and open the copy.", name)}
		case errors.Is(err, fs.ErrPermission):
			return &data.Error{Code: data.ReadOnly, Message: fmt.Sprintf("Your account may not write in the folder %s, where %s keeps its lock and journal. Mutua left the practice as it is: open a copy from a folder of your own, or ask for permission to write there.", dir, name)}
		}
	} else {
		probe.Close()
		os.Remove(probe.Name())
	}
	if f, err := os.Open(path); errors.Is(err, fs.ErrPermission) {
		return &data.Error{Code: data.NoAccess, Message: fmt.Sprintf("Your account may not read %s (permission denied). Mutua left it as it is.", path)}
	} else if err == nil {
		f.Close()
	}
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); errors.Is(err, fs.ErrPermission) {
		return &data.Error{Code: data.ReadOnly, Message: fmt.Sprintf("%s is read-only for your account, so Mutua cannot save to it. Mutua left it as it is: make it writable, or open a copy.", path)}
	} else if err == nil {
		f.Close()
	}
	return nil
}

// OpenExisting opens a practice that must already exist, for commands that only read one:
// a mistyped path is reported instead of creating a new, empty practice.
func OpenExisting(path string) (*Store, error) {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return nil, data.Errorf(data.NotFound, "There is no practice at %s.", path)
	}
	return Open(path)
}

// lockPractice takes the OS lock that keeps a second copy of Mutua off the practice; it is
// released when the process ends, however it ends. Once the practice file exists, the lock
// on its identity (lockIdentity) keeps its other names off it too.
func lockPractice(path string) (*practiceLock, error) {
	lock := flock.New(path + "-lock")
	locked, err := lock.TryLock()
	if err != nil {
		if se := storageError(err); se != err {
			return nil, se
		}
		return nil, data.Errorf(data.Unsafe, "Mutua could not open %s: %v.", path, err)
	}
	if !locked {
		return nil, lockedError(path)
	}
	l := &practiceLock{byPath: lock}
	if fileExists(path) {
		if err := l.lockIdentity(path); err != nil {
			lock.Unlock()
			return nil, err
		}
	}
	return l, nil
}

func open(path string, lock *practiceLock, opts Options) (*Store, error) {
	removeLeftovers(path, opts)
	if err := inspect(path, !opts.CheckLater); err != nil {
		if data.ErrorCode(err) == data.Damaged || data.ErrorCode(err) == data.NotPractice && damagedNotForeign(path, opts.BackupFolder) {
			return nil, setAsideDamaged(path, opts, err)
		}
		return nil, err
	}
	if err := createPractice(path); err != nil {
		return nil, err
	}
	// Create the file ourselves so it is readable by the coach's account only.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err != nil {
		if se := storageError(err); se != err {
			return nil, se
		}
		return nil, data.Errorf(data.Unsafe, "Mutua could not open %s: %v.", path, err)
	} else {
		f.Close()
	}
	if err := lock.lockIdentity(path); err != nil {
		return nil, err
	}
	madePrivate := makePrivate(path)
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open practice: %w", err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: path, lock: lock, now: time.Now, backupRoot: opts.BackupFolder, madePrivate: madePrivate}
	if err := s.checkPragmas(); err != nil {
		db.Close()
		if data.ErrorCode(err) == data.Damaged {
			return nil, setAsideDamaged(path, opts, err)
		}
		return nil, err
	}
	if err := s.migrate(); err != nil {
		db.Close()
		if isCorrupt(err) {
			return nil, setAsideDamaged(path, opts, err)
		}
		return nil, err
	}
	adoptOldBackupFolder(path, opts.BackupFolder)
	if opts.CheckLater {
		s.checkLater = true
		s.checkCtx, s.stopCheck = context.WithCancel(context.Background())
	}
	return s, nil
}

// Checked runs the integrity check of a practice opened with CheckLater (once; later calls
// wait for it) and returns its verdict. A damaged practice is closed and set aside, and the
// error names the backup to restore.
func (s *Store) Checked() error { return s.setAsideIfDamaged(s.waitChecked()) }

// setAsideIfDamaged closes and sets aside a practice a check found damaged (once), and
// returns the error that names the backup to restore; any other verdict is returned as it is.
func (s *Store) setAsideIfDamaged(err error) error {
	if data.ErrorCode(err) != data.Damaged {
		return err
	}
	s.setAside.Do(func() {
		s.Close()
		s.backingUp.Lock()
		opts := Options{BackupFolder: s.backupRoot}
		s.backingUp.Unlock()
		s.asideErr = setAsideDamaged(s.path, opts, err)
	})
	return s.asideErr
}

// waitChecked runs the integrity check left for later, or waits for it; every write and
// backup does, so nothing is written to a damaged practice.
func (s *Store) waitChecked() error {
	if !s.checkLater {
		return nil
	}
	s.check.Do(func() { s.checkErr = quickCheck(s.checkCtx, s.db, s.path) })
	return s.checkErr
}

// setAsideDamaged moves a damaged practice out of the way and says which backup to restore.
func setAsideDamaged(path string, opts Options, cause error) error {
	aside, err := setAside(path, time.Now())
	if err != nil {
		return &data.Error{Code: data.Damaged, Message: fmt.Sprintf("%s is damaged, and Mutua could not set it aside: %v. Mutua left it as it is.", filepath.Base(path), err), Err: cause}
	}
	return damagedError(path, aside, BackupDir(path, opts.BackupFolder), cause)
}

// isCorrupt reports whether SQLite says the file is damaged.
func isCorrupt(err error) bool {
	switch primaryCode(err) {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// dsn builds the connection string; every connection in the pool gets the same settings.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	if readOnly {
		q.Set("mode", "ro")
		q.Add("_pragma", "busy_timeout(5000)")
		q.Add("_pragma", "temp_store(MEMORY)") // private text never spills into temporary files
	} else {
		for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)",
			"busy_timeout(5000)", "secure_delete(1)", "temp_store(MEMORY)"} {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", "immediate")
	}
	// An absolute path with forward slashes, so a relative name and a Windows drive
	// letter both make a sound file: URI.
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	u := url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}
	return u.String()
}

// inspect refuses, without writing to it, a file that is not a Mutua practice or is too new,
// and, when check is set, a damaged one. A practice that was not closed cleanly (its journal
// holds changes) or is not in WAL mode is checked in any case, because opening it for writing
// changes the file.
func inspect(path string, check bool) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return data.Errorf(data.Unsafe, "Mutua could not read %s: %v.", path, err)
	}
	header := make([]byte, 20)
	n, _ := io.ReadFull(f, header)
	f.Close()
	journal, _ := os.Stat(path + "-wal")
	unclean := journal != nil && journal.Size() > 0 // changes not yet in the file itself
	if n == 0 {
		if unclean {
			return data.Errorf(data.NotPractice, "%s is empty, but its journal (%s-wal) is not: the practice looks damaged. Mutua left both files as they are.",
				filepath.Base(path), filepath.Base(path))
		}
		return nil // an empty file becomes a new practice
	}
	notPractice := data.Errorf(data.NotPractice, "%s is not a Mutua practice file. Mutua left it as it is.", filepath.Base(path))
	if !bytes.Equal(header[:min(n, 16)], []byte("SQLite format 3\x00")) {
		return notPractice
	}
	// Opening for writing changes a file not in WAL mode (bytes 18 and 19 of the header) or
	// not closed cleanly, so those are checked before, whatever the caller wants.
	check = check || unclean || header[18] != 2 || header[19] != 2
	if unclean && walLosesCommits(path) && headerAppID(path) == ApplicationID {
		return &data.Error{Code: data.Damaged, Message: "damaged", Err: errors.New("the journal is damaged: SQLite would drop committed changes")}
	}
	db, closeDB, err := openReader(path)
	if err != nil {
		return notPractice
	}
	defer closeDB()
	var appID, version, objects int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)`).Scan(&appID, &version, &objects)
	switch {
	case err != nil && isCorrupt(err) && headerAppID(path) == ApplicationID:
		return &data.Error{Code: data.Damaged, Message: "damaged", Err: err} // ours, but unreadable
	case err != nil && headerAppID(path) == ApplicationID:
		return &data.Error{Code: data.Unsafe, Message: fmt.Sprintf("Mutua could not read %s: %v.", filepath.Base(path), err), Err: err}
	case err != nil:
		notPractice.Err = err
		return notPractice
	case appID == 0 && objects == 0:
		return nil // an empty SQLite file becomes a new practice
	case appID != ApplicationID:
		return notPractice
	case version > SchemaVersion():
		return data.Errorf(data.TooNew, "%s was saved by a newer version of Mutua. Install the newest Mutua to open it; this file was left as it is.", filepath.Base(path))
	case check:
		return quickCheck(context.Background(), db, path)
	}
	return nil
}

// openReader opens the practice at path read-only. Closing it removes the journal files
// SQLite made for the reader where there were none (only a connection that may write clears
// them away).
func openReader(path string) (*sql.DB, func(), error) {
	var made []string
	for _, side := range []string{"-wal", "-shm"} {
		if !fileExists(path + side) {
			made = append(made, path+side)
		}
	}
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		for _, f := range made {
			if fi, err := os.Stat(f); err == nil && (fi.Size() == 0 || strings.HasSuffix(f, "-shm")) {
				os.Remove(f)
			}
		}
	}, nil
}

// headerAppID reads the application id from the file's header directly, to tell a damaged
// practice from a file that was never one.
func headerAppID(path string) uint32 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	header := make([]byte, 72)
	if _, err := io.ReadFull(f, header); err != nil {
		return 0
	}
	return uint32(header[68])<<24 | uint32(header[69])<<16 | uint32(header[70])<<8 | uint32(header[71])
}

// checkPragmas reads back the settings that keep the file safe and refuses to run without them.
func (s *Store) checkPragmas() error {
	var journal string
	var synchronous, foreignKeys, busy, secureDelete, tempStore int
	err := s.db.QueryRow(`SELECT (SELECT journal_mode FROM pragma_journal_mode),
		(SELECT synchronous FROM pragma_synchronous), (SELECT foreign_keys FROM pragma_foreign_keys),
		(SELECT timeout FROM pragma_busy_timeout), (SELECT secure_delete FROM pragma_secure_delete),
		(SELECT temp_store FROM pragma_temp_store)`).
		Scan(&journal, &synchronous, &foreignKeys, &busy, &secureDelete, &tempStore)
	if err != nil {
		if isCorrupt(err) && headerAppID(s.path) == ApplicationID {
			return &data.Error{Code: data.Damaged, Message: "damaged", Err: err}
		}
		if primaryCode(err) == sqlite3.SQLITE_NOTADB {
			return &data.Error{Code: data.NotPractice, Message: fmt.Sprintf("%s is not a Mutua practice file, or it is damaged. Mutua left it as it is.", filepath.Base(s.path)), Err: err}
		}
		return &data.Error{Code: data.Unsafe, Message: fmt.Sprintf("Mutua could not open %s: %v.", filepath.Base(s.path), err), Err: err}
	}
	// temp_store 2 keeps SQLite's temporary storage in memory: private note text never lands
	// in the system's temporary folder.
	if journal != "wal" || synchronous != 2 || foreignKeys != 1 || busy < 1000 || secureDelete != 1 || tempStore != 2 {
		return data.Errorf(data.Unsafe, "Mutua could not open %s with its safety settings (journal %s, synchronous %d, foreign keys %d, busy timeout %d, secure delete %d, temporary storage %d).",
			filepath.Base(s.path), journal, synchronous, foreignKeys, busy, secureDelete, tempStore)
	}
	return nil
}

// quickCheck reads every page of the practice at path once (SQLite's quick_check), so that
// damage anywhere in the file is found when it is opened, before anything is written to it.
func quickCheck(ctx context.Context, db *sql.DB, path string) error {
	var result string
	err := db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&result)
	switch {
	case err == nil && result == "ok":
		return nil
	case err != nil && !isCorrupt(err):
		return &data.Error{Code: data.Unsafe, Message: fmt.Sprintf("Mutua could not check %s: %v.", filepath.Base(path), err), Err: err}
	case err == nil:
		err = errors.New(result)
	}
	return &data.Error{Code: data.Damaged, Message: fmt.Sprintf("%s is damaged, so Mutua saves nothing more to it. Restore a backup from the Backups section of Settings.", filepath.Base(path)), Err: err}
}

// migrate applies the schema steps the file does not have yet, each in its own transaction.
func (s *Store) migrate() error {
	var version int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > 0 && version < SchemaVersion() {
		if err := s.backupBefore(fmt.Sprintf("upgrade to schema %d", SchemaVersion())); err != nil {
			return err
		}
	}
	for _, m := range migrations()[min(version, SchemaVersion()):] {
		if err := s.tx(context.Background(), func(tx *txn) error { return applyMigration(tx, m) }); err != nil {
			if isCorrupt(err) {
				return err
			}
			msg := fmt.Sprintf("Mutua could not update %s to this version, so it left the practice as it was", filepath.Base(s.path))
			code := data.ErrorCode(err)
			if code == "" {
				code, msg = data.Unsafe, msg+fmt.Sprintf(" (the schema step %d failed: %v).", m.version, err)
			} else {
				msg += ": " + data.Message(err)
			}
			return &data.Error{Code: code, Message: msg, Err: err}
		}
	}
	return nil
}

// applyMigration runs one schema step inside tx and records it.
func applyMigration(tx *txn, m migration) error {
	if _, err := tx.tx.Exec(m.sql); err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	if err := afterMigration(tx, m.version); err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	_, err := tx.tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d`, ApplicationID, m.version))
	return err
}

// tx runs fn in a write transaction and commits when it returns nil.
func (s *Store) tx(ctx context.Context, fn func(*txn) error) error {
	if err := s.waitChecked(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if isPoolClosed(err) {
		return data.Errorf(data.Closed, "This practice has been closed, so nothing was saved.")
	}
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	t := &txn{tx: tx, stmts: map[string]*sql.Stmt{}}
	defer t.closeStatements()
	if err := fn(t); err != nil {
		_ = tx.Rollback()
		return storageError(err)
	}
	if err := tx.Commit(); err != nil {
		return storageError(fmt.Errorf("commit: %w", err))
	}
	if s.onChange != nil {
		s.onChange()
	}
	return nil
}

// OnChange has changed called after every write that is committed, on the goroutine that
// wrote. Set it once, before anything is written.
func (s *Store) OnChange(changed func()) { s.onChange = changed }

// txn is a write transaction that prepares each distinct statement once, so an import of
// thousands of rows does not parse the same SQL thousands of times.
type txn struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *txn) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.Prepare(query)
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

// Exec runs a statement that returns no rows.
func (t *txn) Exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.Exec(args...)
}

// Query runs a statement that returns rows.
func (t *txn) Query(query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.Query(args...)
}

// QueryRow runs a statement that returns at most one row.
func (t *txn) QueryRow(query string, args ...any) *sql.Row {
	st, err := t.stmt(query)
	if err != nil {
		return t.tx.QueryRow(query, args...) // reports the same error through Scan
	}
	return st.QueryRow(args...)
}

func (t *txn) closeStatements() {
	for _, st := range t.stmts {
		st.Close()
	}
}

// forget moves everything from the write-ahead log into the main file and empties the log,
// so deleted text (already zeroed in the main file by secure delete) lingers nowhere.
func (s *Store) forget() {
	_, _ = s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`) // best effort: the next checkpoint does the same
}

// Path returns the practice file's path.
func (s *Store) Path() string { return s.path }

// SetClock replaces the clock used for created and updated times (for fixed sample data).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// timestamp returns the current time as stored: RFC 3339 in UTC.
func (s *Store) timestamp() string { return s.now().UTC().Format(time.RFC3339) }

// Close writes everything to the main file and releases the practice for other copies.
func (s *Store) Close() error {
	if s.stopCheck != nil {
		s.stopCheck()
	}
	err := s.db.Close()
	if uerr := s.lock.Unlock(); err == nil {
		err = uerr
	}
	return err
}
