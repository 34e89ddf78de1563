package cli

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
)

// runSample creates a new practice holding the sample data, with its dates moved to today.
func runSample(args []string, stdout, stderr io.Writer) error {
	fs := flags("sample", stderr)
	db := dbFlag(fs)
	if _, err := parse(fs, "sample", db, 0, args); err != nil {
		return err
	}
	if err := sqlite.CreateFromExport(*db, bytes.NewReader(assets.Sample()), sqlite.ImportOptions{MoveDatesTo: data.DateOf(time.Now())}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created the sample practice in %s.\n", *db)
	return nil
}
