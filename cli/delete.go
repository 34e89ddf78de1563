package cli

import (
	"errors"
	"fmt"
	"io"
)

// runDeleteParticipant deletes a participant and everything recorded about them. The store
// makes a backup just before, so a deletion by mistake can be undone with mutua restore.
// --from-backups would also erase them from the practice's backups.
func runDeleteParticipant(args []string, stdout, stderr io.Writer) error {
	fs := flags("delete participant", stderr)
	db := dbFlag(fs)
	email := fs.String("participant", "", "the participant's email")
	fromBackups := fs.Bool("from-backups", false, "also erase them from the practice's backups")
	if _, err := parse(fs, "delete participant", db, 0, args); err != nil {
		return err
	}
	if err := need("delete participant", *email, "--participant EMAIL"); err != nil {
		return err
	}
	if *fromBackups {
		return errors.New("erasing from backups is not available in this version")
	}
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	p, err := store.ParticipantByEmail(*email)
	if err != nil {
		return err
	}
	if err := store.DeleteParticipant(p.ID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Deleted %s (%s) and everything recorded about them. The practice as it was just before is kept in the backups in %s.\n",
		p.Name, p.Email, store.BackupDir())
	return nil
}
