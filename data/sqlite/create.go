package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"mutua/data"
)

// A new practice is made whole in a temporary file beside it (path.creating), schema and all,
// and renamed into place only when complete: a copy of Mutua killed while making it leaves no
// half-made practice that would be refused for ever, only a temporary file the next opening
// removes.

// createPractice makes the practice at path when there is none yet (no file, or an empty one).
func createPractice(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 || err != nil && !os.IsNotExist(err) {
		return nil // there is a file: inspect and open take it from here
	}
	tmp := path + ".creating"
	removeWithJournal(tmp)
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if se := storageError(err); se != err {
			return se
		}
		return data.Errorf(data.Unsafe, "Mutua could not create %s: %v.", filepath.Base(path), err)
	}
	f.Close()
	fail := func(err error) error {
		removeWithJournal(tmp)
		return err
	}
	db, err := sql.Open("sqlite", dsn(tmp, false))
	if err != nil {
		return fail(err)
	}
	s := &Store{db: db, path: tmp, now: time.Now}
	if err := s.checkPragmas(); err != nil {
		db.Close()
		return fail(err)
	}
	if err := s.migrate(); err != nil {
		db.Close()
		return fail(err)
	}
	if err := db.Close(); err != nil { // the last connection moves the journal into the file
		return fail(storageError(err))
	}
	if err := syncFile(tmp); err != nil {
		return fail(storageError(err))
	}
	if err := os.Rename(tmp, path); err != nil {
		return fail(storageError(err))
	}
	syncDir(filepath.Dir(path))
	return nil
}

// removeLeftovers removes what a copy of Mutua killed while it made or restored this practice
// left beside it; only the copy holding the practice's lock calls it.
func removeLeftovers(path string, opts Options) {
	removeWithJournal(path + ".creating")
	if !opts.restoring {
		os.Remove(path + ".restoring")
	}
	stale, _ := filepath.Glob(filepath.Join(BackupDir(path, opts.BackupFolder), "*.partial"))
	for _, f := range stale { // half-written backups
		os.Remove(f)
	}
}

// removeWithJournal removes a file and its journal files.
func removeWithJournal(path string) {
	for _, side := range []string{"-wal", "-shm", ""} {
		os.Remove(path + side)
	}
}

// copyBackup copies the backup (or any copy of a practice) at from into to, for Restore. A copy
// with its journal beside it holds committed changes that are only in the journal: it is then
// read through SQLite, journal and all, into a single whole file.
func copyBackup(from, to string) error {
	if fi, err := os.Stat(from + "-wal"); err != nil || fi.Size() == 0 {
		return copyFile(from, to)
	}
	os.Remove(to)
	f, err := os.OpenFile(to, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return storageError(err)
	}
	f.Close()
	db, closeDB, err := openReader(from)
	if err != nil {
		return err
	}
	defer closeDB()
	if _, err := db.Exec(`VACUUM INTO ?`, to); err != nil {
		return storageError(fmt.Errorf("copy %s with its journal: %w", filepath.Base(from), err))
	}
	return syncFile(to)
}
