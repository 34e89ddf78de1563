package sqlite

import (
	"fmt"
)

// damagedNotForeign reports whether a file Mutua cannot read as a practice was one: its header
// still carries Mutua's application id, or there are backups of a practice under its name. A
// practice whose header was damaged, or that was cut short, is then set aside as damage, with
// a backup to restore offered, instead of being called "not a Mutua practice".
func damagedNotForeign(path, backupRoot string) bool {
	if headerAppID(path) == ApplicationID {
		return true
	}
	list, _ := Backups(BackupDir(path, backupRoot))
	return len(list) > 0
}

// asideName returns the first free name to set the damaged practice at path aside under: two
// set aside within one second both keep theirs.
func asideName(path, stamp string) string {
	aside := fmt.Sprintf("%s.damaged-%s", path, stamp)
	for n := 2; fileExists(aside) || fileExists(aside+"-wal"); n++ {
		aside = fmt.Sprintf("%s.damaged-%s-%d", path, stamp, n)
	}
	return aside
}

// CheckAndSetAside runs Check; a practice that fails it is closed and set aside, and the error
// says so and names the backup to restore, as opening a damaged practice does. A sound practice
// stays open.
func (s *Store) CheckAndSetAside() error { return s.setAsideIfDamaged(s.Check()) }
