package sqlite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
)

// One practice file is one practice, whatever name it is opened by: a second opener through
// a symlink or a hard link is refused with the practice-is-open message, and everything
// (journal, lock, backups) lives beside the real file.
func TestOnePracticeUnderEveryName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	first, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, first, data.Participant{Name: "Ana Pereira", Email: "ana@northwind.example"})
	other := t.TempDir()
	symlink := filepath.Join(other, "shortcut.mutua")
	if err := os.Symlink(path, symlink); err != nil {
		t.Fatal(err)
	}
	hardlink := filepath.Join(dir, "same.mutua")
	if err := os.Link(path, hardlink); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{symlink, hardlink, filepath.Join(dir, ".", "..", filepath.Base(dir), "practice.mutua")} {
		second, err := sqlite.Open(name)
		if err == nil {
			second.Close()
			first.Close()
			t.Fatalf("%s opened while the practice was open under another name", name)
		}
		if data.ErrorCode(err) != data.Locked || !strings.Contains(err.Error(), "open in another Mutua window") {
			t.Errorf("open %s: %v, want the practice-is-open message", name, err)
		}
	}
	first.Close()

	s, err := sqlite.Open(symlink)
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("opened through a symlink, Path() = %s, want the real file %s", s.Path(), path)
	}
	if !strings.HasPrefix(s.BackupDir(), dir) {
		t.Errorf("backups of a practice opened through a symlink go to %s, not beside the real file", s.BackupDir())
	}
	mustAdd(t, s, data.Participant{Name: "Bruno Costa", Email: "bruno@northwind.example"})
	if fileExists(symlink + "-wal") {
		t.Errorf("a journal was made beside the symlink: %s-wal", symlink)
	}
	s.Close()
}

// Restoring through a symlink restores the real file and leaves the symlink a symlink.
func TestRestoreThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@northwind.example"})
	b, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, data.Participant{Name: "Bruno Costa", Email: "bruno@northwind.example"})
	s.Close()
	symlink := filepath.Join(t.TempDir(), "shortcut.mutua")
	if err := os.Symlink(path, symlink); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Restore(symlink, b.Path, sqlite.Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(symlink); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced by a file (%v)", err)
	}
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ParticipantByEmail("bruno@northwind.example"); data.ErrorCode(err) != data.NotFound {
		t.Errorf("the real practice still holds the record made after the backup (%v): it was not restored", err)
	}
}

// --out is refused when it names the practice, its journal, lock or a backup, however it is
// spelled or linked; any other file is fine.
func TestCheckOutputPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.csv")
	os.Symlink(path, link)
	hard := filepath.Join(dir, "hard.csv")
	os.Link(path, hard)
	backupLink := filepath.Join(dir, "backup.json")
	os.Link(b.Path, backupLink)
	refused := []string{path, path + "-wal", path + "-shm", path + "-lock", link, hard, backupLink, b.Path,
		filepath.Join(s.BackupDir(), "new.csv"), filepath.Join(dir, "..", filepath.Base(dir), "practice.mutua")}
	for _, out := range refused {
		if err := sqlite.CheckOutputPath(path, out, s.BackupDir()); err == nil {
			t.Errorf("--out %s was allowed", out)
		} else if data.ErrorCode(err) != data.Conflict {
			t.Errorf("--out %s: %v, want a Conflict", out, err)
		}
	}
	for _, out := range []string{filepath.Join(dir, "roster.csv"), filepath.Join(t.TempDir(), "practice.mutua.pdf")} {
		if err := sqlite.CheckOutputPath(path, out, s.BackupDir()); err != nil {
			t.Errorf("--out %s: %v", out, err)
		}
	}
}

// Two practices with the same name stem keep their backups apart.
func TestBackupFoldersOfSameStemPractices(t *testing.T) {
	dir := t.TempDir()
	a := sqlite.BackupDir(filepath.Join(dir, "coaching.mutua"), "")
	b := sqlite.BackupDir(filepath.Join(dir, "coaching.db"), "")
	if a == b {
		t.Fatalf("coaching.mutua and coaching.db share the backup folder %s", a)
	}
}

// A backup dated in the future (a clock that was wrong) neither stops the scheduled backup
// nor counts as the newest, and is not a reason to remove any other.
func TestFutureDatedBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	var made []string
	for d := 40; d >= 2; d-- { // backups over 40 days, one a day
		now = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC).AddDate(0, 0, -d)
		b, err := s.Backup("daily")
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, b.Path)
	}
	now = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	future := filepath.Join(s.BackupDir(), "2031-01-01 120000 daily.mutua")
	if err := copyFileForTest(made[len(made)-1], future); err != nil {
		t.Fatal(err)
	}
	before, _ := sqlite.Backups(s.BackupDir())
	b, err := s.BackupIfDue(24 * time.Hour)
	if err != nil || b == nil {
		t.Fatalf("a backup from 2031 stopped the scheduled backup: %v, %v", b, err)
	}
	after, _ := sqlite.Backups(s.BackupDir())
	for _, old := range before {
		if now.Sub(old.Time) <= 7*24*time.Hour && !fileExists(old.Path) {
			t.Errorf("the daily backup %s was rotated away to keep the one from 2031", filepath.Base(old.Path))
		}
	}
	if !fileExists(future) {
		t.Errorf("the future-dated backup was removed")
	}
	if n := sqlite.NewestBackup(after); n == nil || n.Path == future {
		t.Errorf("the backup from 2031 is listed as the newest")
	}
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func copyFileForTest(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

// The backups an older Mutua kept in a folder named without the extension stay listed.
func TestOldBackupFolderIsAdopted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "coaching.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	old := filepath.Join(dir, "Backups", "coaching")
	if err := os.Rename(filepath.Dir(b.Path), old); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := sqlite.Backups(s.BackupDir())
	if err != nil || len(list) != 1 || filepath.Base(list[0].Path) != filepath.Base(b.Path) {
		t.Errorf("backups after the upgrade: %v, %v; want the one in the old folder", list, err)
	}
}
