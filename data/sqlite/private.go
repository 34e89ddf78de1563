package sqlite

import (
	"os"
	"path/filepath"

	"mutua/data"
)

// A practice holds private notes: its file and journal are readable by the coach's account
// only. SQLite gives the journal files the practice's own permissions, so making the practice
// private before SQLite opens it keeps them private too.

// makePrivate takes away others' access to the practice at path and its journal files, and
// reports whether there was any to take away.
func makePrivate(path string) bool {
	changed := false
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o077 != 0 {
			if os.Chmod(f, fi.Mode().Perm()&0o700) == nil {
				changed = true
			}
		}
	}
	return changed
}

// notAFile refuses, before anything reads it, something at the practice's path that is not a
// file (a folder, a FIFO, a device): reading a FIFO would wait for ever.
func notAFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() {
		return nil
	}
	return data.Errorf(data.NotPractice, "%s is not a file, so it is not a Mutua practice. Mutua left it as it is.", filepath.Base(path))
}

// MadePrivate reports whether opening took away other accounts' access to the practice file
// or its journal: say so to the coach, once (the next opening finds nothing to change).
func (s *Store) MadePrivate() bool { return s.madePrivate }
