package cli

import (
	"fmt"
	"io"

	"mutua/data"
)

// runRestore replaces the practice with a backup, after keeping the practice as it was.
func runRestore(args []string, stdout, stderr io.Writer) error {
	fs := flags("restore", stderr)
	db := dbFlag(fs)
	files, err := parse(fs, "restore", db, 1, args)
	if err != nil {
		return err
	}
	safety, err := data.Restore(*db, files[0], data.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s.", *db, files[0])
	if safety.Path != "" {
		fmt.Fprintf(stdout, " The practice as it was is kept in %s.", safety.Path)
	}
	fmt.Fprintln(stdout)
	return nil
}
