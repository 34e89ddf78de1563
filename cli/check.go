package cli

import (
	"fmt"
	"io"

	"mutua/data/sqlite"
)

// runCheck checks the practice's integrity and references; it writes nothing, not even the
// daily backup.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := flags("check", stderr)
	db := dbFlag(fs)
	if _, err := parse(fs, "check", db, 0, args); err != nil {
		return err
	}
	store, err := sqlite.OpenExisting(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	sayMadePrivate(store, stderr)
	if err := store.CheckAndSetAside(); err != nil { // a damaged practice is set aside, with the restore command
		return err
	}
	fmt.Fprintf(stdout, "%s is sound: its integrity and references check out.\n", *db)
	return nil
}
