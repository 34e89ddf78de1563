package cli

import (
	"fmt"
	"io"
	"os"

	"mutua/data"
	"mutua/data/sqlite"
)

// runImport imports a roster CSV: all its rows or none. It may start a new practice.
func runImport(args []string, stdout, stderr io.Writer) error {
	fs := flags("import", stderr)
	db := dbFlag(fs)
	files, err := parse(fs, "import", db, 1, args)
	if err != nil {
		return err
	}
	f, err := openInput(files[0], sqlite.MaxImportBytes)
	if err != nil {
		return err
	}
	defer f.Close()
	store, err := open(*db, true, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.ImportRoster(f)
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
	f, err := openInput(files[0], 1<<30)
	if err != nil {
		return err
	}
	defer f.Close()
	store, err := open(*db, true, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.ImportAll(f, sqlite.ImportOptions{}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported everything from %s.\n", files[0])
	return nil
}

// openInput opens a file to import, refusing by its size, before reading it, one larger than
// limit, and anything that is not a file (a FIFO would wait for ever).
func openInput(path string, limit int64) (*os.File, error) {
	fi, err := os.Stat(path) // before opening: opening a FIFO waits for a writer
	switch {
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", path, err)
	case !fi.Mode().IsRegular():
		return nil, data.Errorf(data.Invalid, "%s is not a file; Mutua imports files only.", path)
	case fi.Size() > limit:
		return nil, data.Errorf(data.Invalid, "%s is larger than %d MB; Mutua imports files up to that size.", path, limit>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return f, nil
}
