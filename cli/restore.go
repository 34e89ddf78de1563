package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"mutua/data/sqlite"
)

// stdin is where restore reads a passphrase that was not given in a file.
var stdin io.Reader = os.Stdin

// runRestore replaces the practice with a backup, after keeping the practice as it was. An
// encrypted backup needs its passphrase: from --passphrase-file, typed at the terminal
// (not shown), or the first line of stdin.
func runRestore(args []string, stdout, stderr io.Writer) error {
	fs := flags("restore", stderr)
	db := dbFlag(fs)
	passFile := fs.String("passphrase-file", "", "a file whose first line is the passphrase of an encrypted backup")
	files, err := parse(fs, "restore", db, 1, args)
	if err != nil {
		return err
	}
	var opts sqlite.Options
	if sqlite.IsEncryptedBackup(files[0]) {
		if opts.Passphrase, err = readPassphrase(*passFile, "This backup is encrypted. Its passphrase: ", stderr); err != nil {
			return err
		}
	}
	safety, err := sqlite.Restore(*db, files[0], opts)
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

// readPassphrase reads the first line of file, or of stdin (after prompt) when file is "".
func readPassphrase(file, prompt string, stderr io.Writer) (string, error) {
	from := stdin
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", fmt.Errorf("read the passphrase: %w", err)
		}
		defer f.Close()
		from = f
	} else {
		fmt.Fprint(stderr, prompt)
		if f, ok := from.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			typed, err := term.ReadPassword(int(f.Fd())) // not shown as it is typed
			fmt.Fprintln(stderr)
			if err != nil {
				return "", fmt.Errorf("read the passphrase: %w", err)
			}
			return string(typed), nil
		}
	}
	line, err := bufio.NewReader(from).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read the passphrase: %w", err)
	}
	if file == "" {
		fmt.Fprintln(stderr)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
