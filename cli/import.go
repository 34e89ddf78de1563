package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"mutua/data"
)

// runImport imports a roster CSV: all its rows or none. It may start a new practice.
func runImport(args []string, stdout, stderr io.Writer) error {
	fs := flags("import", stderr)
	db := dbFlag(fs)
	files, err := parse(fs, "import", db, 1, args)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		return fmt.Errorf("read %s: %w", files[0], err)
	}
	store, err := open(*db, true, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.ImportRoster(bytes.NewReader(raw))
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "mutua: warning: "+w)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, res.Summary())
	return nil
}

// runImportAll reads a full export into an empty practice, which it may create.
func runImportAll(args []string, stdout, stderr io.Writer) error {
	fs := flags("import all", stderr)
	db := dbFlag(fs)
	files, err := parse(fs, "import all", db, 1, args)
	if err != nil {
		return err
	}
	f, err := os.Open(files[0])
	if err != nil {
		return fmt.Errorf("read %s: %w", files[0], err)
	}
	defer f.Close()
	store, err := open(*db, true, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.ImportAll(f, data.ImportOptions{}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported everything from %s.\n", files[0])
	return nil
}
