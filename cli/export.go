package cli

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/reports"
)

// runExportRoster writes the roster as CSV, the same columns import reads.
func runExportRoster(args []string, stdout, stderr io.Writer) error {
	return export("export roster", args, stdout, stderr, func(s *sqlite.Store, w io.Writer) error { return s.ExportRoster(w) })
}

// runExportAll writes every record of the practice as JSON.
func runExportAll(args []string, stdout, stderr io.Writer) error {
	return export("export all", args, stdout, stderr, func(s *sqlite.Store, w io.Writer) error { return s.ExportAll(w) })
}

// export opens the practice, writes into memory and then to --out, so a failed export
// leaves no file behind.
func export(name string, args []string, stdout, stderr io.Writer, write func(*sqlite.Store, io.Writer) error) error {
	fs := flags(name, stderr)
	db := dbFlag(fs)
	out := fs.String("out", "", "the file to write")
	if _, err := parse(fs, name, db, 0, args); err != nil {
		return err
	}
	if err := need(name, *out, "--out FILE"); err != nil {
		return err
	}
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	var buf bytes.Buffer
	if err := write(store, &buf); err != nil {
		return err
	}
	return writeOut(store, *out, buf.Bytes(), stdout)
}

// runExportPerson writes everything the practice holds about one participant as JSON, or as
// a readable PDF when --out ends in .pdf: the answer to a subject access request. It holds
// the coach's private notes about them.
func runExportPerson(args []string, stdout, stderr io.Writer) error {
	name := "export person"
	fs := flags(name, stderr)
	db := dbFlag(fs)
	out := fs.String("out", "", "the JSON file to write, or a PDF when it ends in .pdf")
	email := fs.String("participant", "", "the participant's email")
	if _, err := parse(fs, name, db, 0, args); err != nil {
		return err
	}
	if err := need(name, *email, "--participant EMAIL"); err != nil {
		return err
	}
	if err := need(name, *out, "--out FILE"); err != nil {
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
	var buf bytes.Buffer
	if strings.EqualFold(filepath.Ext(*out), ".pdf") {
		if err := reports.Print(&buf, store, reports.Record, p.ID, data.DateOf(time.Now()), reportOptions(reports.A4, data.DayMonthYear)); err != nil {
			return err
		}
	} else if err := store.ExportPerson(p.ID, &buf); err != nil {
		return err
	}
	return writeOut(store, *out, buf.Bytes(), stdout)
}
