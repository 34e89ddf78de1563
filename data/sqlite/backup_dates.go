package sqlite

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// NewestBackup returns the newest of list (as Backups returns it, newest first) that is not
// dated in the future, or nil. A backup dated after now was made while the computer's clock
// was wrong: it is kept and listed, but never offered as the newest.
func NewestBackup(list []Backup) *Backup { return newestBefore(list, time.Now()) }

// newestBefore returns the newest backup of list (newest first) not dated after now.
func newestBefore(list []Backup, now time.Time) *Backup {
	for i := range list {
		if !list[i].Time.After(now.Add(time.Minute)) {
			return &list[i]
		}
	}
	return nil
}

// withoutFuture marks the backups dated after now to be kept, and returns the others.
func withoutFuture(list []Backup, now time.Time, keep map[string]bool) []Backup {
	var out []Backup
	for _, b := range list {
		if b.Time.After(now.Add(time.Minute)) {
			keep[b.Path] = true
			continue
		}
		out = append(out, b)
	}
	return out
}

// backupFolderName is the name of a practice's backup folder: its file name, extension and
// all. Practices named *.mutua kept theirs under the name without the extension before; the
// first backup after moves that folder to the new name (adoptOldBackupFolder).
func backupFolderName(practicePath string) string {
	return filepath.Base(practicePath)
}

// adoptOldBackupFolder renames the backup folder an older Mutua named after the practice
// without its extension, when the practice is a .mutua file and its new folder does not exist
// yet, so its backups stay listed and rotated.
func adoptOldBackupFolder(practicePath, root string) {
	if !strings.EqualFold(filepath.Ext(practicePath), ".mutua") {
		return
	}
	dir := BackupDir(practicePath, root)
	old := filepath.Join(filepath.Dir(dir), strings.TrimSuffix(filepath.Base(practicePath), filepath.Ext(practicePath)))
	if fileExists(dir) || !fileExists(old) {
		return
	}
	if fi, err := os.Stat(old); err == nil && fi.IsDir() {
		os.Rename(old, dir)
	}
}
