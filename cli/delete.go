package cli

import (
	"fmt"
	"io"
	"strings"

	"mutua/data/sqlite"
)

// runDeleteParticipant deletes a participant, everything recorded about them and every
// mention of them in the practice's texts. The store makes a backup just before, so a deletion
// by mistake can be undone with mutua restore; --from-backups also erases them from every
// kept backup, that one included, so nothing of them is left to restore.
func runDeleteParticipant(args []string, stdout, stderr io.Writer) error {
	fs := flags("delete participant", stderr)
	db := dbFlag(fs)
	email := fs.String("participant", "", "the participant's email")
	fromBackups := fs.Bool("from-backups", false, "also erase them from every kept backup of the practice")
	passFile := fs.String("passphrase-file", "", "with --from-backups: a file whose first line is the passphrase of the encrypted backups")
	if _, err := parse(fs, "delete participant", db, 0, args); err != nil {
		return err
	}
	if err := need("delete participant", *email, "--participant EMAIL"); err != nil {
		return err
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
	passphrase := ""
	if *fromBackups {
		if passphrase, err = encryptedBackupsPassphrase(store, *passFile, stderr); err != nil {
			return err
		}
	}
	res, err := store.Erase(p.ID, *fromBackups, passphrase, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Deleted %s (%s) and everything recorded about them.\n", p.Name, p.Email)
	fmt.Fprint(stdout, describeErasure(res.ErasurePlan))
	switch {
	case !*fromBackups:
		fmt.Fprintf(stdout, "The practice as it was just before is kept in the backups in %s; they still hold %s until they are rotated out, or until you run this again with --from-backups.\n",
			store.BackupDir(), p.Name)
	default:
		fmt.Fprintf(stdout, "Erased from %d of %d backups in %s.\n", res.BackupsRewritten, res.Backups, store.BackupDir())
		for _, problem := range res.BackupProblems {
			fmt.Fprintf(stdout, "Not erased from %s\n", problem)
		}
		if len(res.BackupProblems) > 0 {
			return fmt.Errorf("%d backups could not be erased and still hold %s; delete them or try again", len(res.BackupProblems), p.Name)
		}
	}
	return nil
}

// encryptedBackupsPassphrase asks for the passphrase of the practice's encrypted backups, if it
// has any, and checks it before anything is erased.
func encryptedBackupsPassphrase(store *sqlite.Store, file string, stderr io.Writer) (string, error) {
	if store.CheckBackupsPassphrase("") == nil {
		return "", nil // no encrypted backup
	}
	passphrase, err := readPassphrase(file, "Some backups are encrypted. Their passphrase: ", stderr)
	if err != nil {
		return "", err
	}
	return passphrase, store.CheckBackupsPassphrase(passphrase)
}

// describeErasure lists what an erasure removes and redacts, one kind a line.
func describeErasure(plan sqlite.ErasurePlan) string {
	var b strings.Builder
	for _, c := range plan.Removed {
		fmt.Fprintf(&b, "  removed: %s\n", c)
	}
	for _, c := range plan.Redacted {
		fmt.Fprintf(&b, "  mentions replaced by %s: %s\n", sqlite.Redacted, c)
	}
	return b.String()
}
