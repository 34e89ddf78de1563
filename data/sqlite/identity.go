package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"

	"mutua/data"
)

// A practice is one file, whatever name it is reached by. Mutua resolves symlinks before it
// uses a path (the journal, the lock and the backups all live beside the real file), and takes
// a second lock keyed on the file's identity (device and inode), so a hard link, another name
// for the same file, is refused too while the practice is open.

// resolvePath returns the absolute path of the real file path names, following symlinks; for a
// file not yet made, its folder's symlinks are followed.
func resolvePath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs)), nil
	}
	return abs, nil
}

// practiceLock holds a practice against every other copy of Mutua: a lock file beside the
// practice, and one named after the file's identity, for its other names.
type practiceLock struct {
	byPath *flock.Flock
	byID   *flock.Flock
}

// lockIdentity takes the lock keyed on the practice file's identity, once the file exists.
// Where the system gives no identity, or there is no folder for such locks, the lock beside
// the practice is all there is.
func (l *practiceLock) lockIdentity(path string) error {
	if l.byID != nil {
		return nil
	}
	key, ok := fileKey(path)
	if !ok {
		return nil
	}
	dir, err := identityLockDir()
	if err != nil {
		return nil
	}
	lock := flock.New(filepath.Join(dir, key+".lock"))
	locked, err := lock.TryLock()
	if err != nil {
		return nil
	}
	if !locked {
		return lockedError(path)
	}
	l.byID = lock
	return nil
}

// identityLockDir is the folder, the coach's own, where the identity locks are kept.
func identityLockDir() (string, error) {
	root, err := os.UserCacheDir()
	if err != nil {
		root = os.TempDir()
	}
	dir := filepath.Join(root, "Mutua", "locks")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, nil
}

// Unlock releases both locks.
func (l *practiceLock) Unlock() error {
	if l == nil {
		return nil
	}
	var err error
	if l.byID != nil {
		err = l.byID.Unlock()
		l.byID = nil
	}
	if l.byPath != nil {
		if uerr := l.byPath.Unlock(); err == nil {
			err = uerr
		}
	}
	return err
}

func lockedError(path string) error {
	return &data.Error{Code: data.Locked, Message: fmt.Sprintf("This practice is open in another Mutua window (%s). Close it there first.", filepath.Base(path))}
}

// CheckOutputPath refuses, with a Conflict, an output file (a CSV, JSON, PDF or backup the
// coach names) that is the practice itself, its journal or lock, or a file in its backup
// folder, by what the file is, not by how its name is spelled: through symlinks, hard links
// and "..", a name that leads there is refused.
func CheckOutputPath(practicePath, out, backupDir string) error {
	refuse := func(what string) error {
		return data.Errorf(data.Conflict, "%s is %s; Mutua wrote nothing. Choose another file name.", out, what)
	}
	practice, err := resolvePath(practicePath)
	if err != nil {
		return nil
	}
	target, err := resolvePath(out)
	if err != nil {
		return nil
	}
	outInfo, outErr := os.Stat(out)
	for _, side := range []string{"", "-wal", "-shm", "-lock", ".restoring"} {
		if target == practice+side {
			return refuse("the practice file or one of its own files")
		}
		if outErr == nil {
			if fi, err := os.Stat(practice + side); err == nil && os.SameFile(fi, outInfo) {
				return refuse("the practice file or one of its own files")
			}
		}
	}
	if backupDir != "" {
		backups, err := resolvePath(backupDir)
		if err == nil && (target == backups || strings.HasPrefix(target, backups+string(filepath.Separator))) {
			return refuse("in the practice's backup folder")
		}
		if outErr == nil && err == nil {
			entries, err := os.ReadDir(backups)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			for _, e := range entries {
				if fi, err := os.Stat(filepath.Join(backups, e.Name())); err == nil && os.SameFile(fi, outInfo) {
					return refuse("one of the practice's backups")
				}
			}
		}
	}
	return nil
}
