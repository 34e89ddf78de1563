package cli

import (
	"fmt"
	"io"

	"mutua/data/sqlite"
)

// runBackup makes a verified backup now: into the practice's rotation, or to --out.
func runBackup(args []string, stdout, stderr io.Writer) error {
	fs := flags("backup", stderr)
	db := dbFlag(fs)
	out := fs.String("out", "", "the file to write the backup to (outside the rotation)")
	if _, err := parse(fs, "backup", db, 0, args); err != nil {
		return err
	}
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	var b sqlite.Backup
	if *out != "" {
		b, err = store.BackupTo(*out)
	} else {
		b, err = store.Backup("by hand")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote a verified backup to %s.\n", b.Path)
	return nil
}
