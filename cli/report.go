package cli

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
	"mutua/reports"
)

// runReport returns the command that prints one kind of report (participant, pair or
// cohort) to a PDF file.
func runReport(kind string) func(args []string, stdout, stderr io.Writer) error {
	name := "report " + kind
	return func(args []string, stdout, stderr io.Writer) error {
		fs := flags(name, stderr)
		db := dbFlag(fs)
		out := fs.String("out", "", "the PDF file to write")
		email, cohort := new(string), new(string)
		if kind == "cohort" {
			cohort = fs.String("cohort", "", "the cohort's name")
		} else {
			email = fs.String("participant", "", "the participant's email")
		}
		page := fs.String("page", reports.A4, "page size: A4 or Letter")
		dates := fs.String("dates", string(data.DayMonthYear), "how dates are written: dmy, mdy or iso")
		if _, err := parse(fs, name, db, 0, args); err != nil {
			return err
		}
		switch {
		case *out == "":
			return fmt.Errorf("%s needs --out FILE", name)
		case kind != "cohort" && *email == "":
			return fmt.Errorf("%s needs --participant EMAIL", name)
		case kind == "cohort" && *cohort == "":
			return fmt.Errorf("%s needs --cohort NAME", name)
		case *page != reports.A4 && *page != reports.Letter:
			return fmt.Errorf("--page is A4 or Letter, not %q", *page)
		case !data.DateOrder(*dates).Valid():
			return fmt.Errorf("--dates is dmy, mdy or iso, not %q", *dates)
		}
		store, err := open(*db, false, stderr)
		if err != nil {
			return err
		}
		defer store.Close()
		opts := reportOptions(*page, data.DateOrder(*dates))
		subject, err := reportSubject(store, reports.Kind(kind), *email, *cohort)
		if err != nil {
			return err
		}
		// printed into memory, so a failed report leaves no file behind
		var pdf bytes.Buffer
		if err := reports.Print(&pdf, store, reports.Kind(kind), subject, data.DateOf(time.Now()), opts); err != nil {
			return err
		}
		return writeOut(store, *out, pdf.Bytes(), stdout)
	}
}

// reportSubject finds what a report is about: the cohort by its name, the participant by
// their email, or for a pair brief the participant's current partnership.
func reportSubject(store *sqlite.Store, kind reports.Kind, email, cohort string) (int64, error) {
	if kind == reports.Summary {
		c, err := store.CohortByName(cohort)
		return c.ID, err
	}
	p, err := store.ParticipantByEmail(email)
	if err != nil || kind == reports.Progress {
		return p.ID, err
	}
	ps, err := reports.CurrentPartnership(store, p.ID)
	return ps.ID, err
}

// reportOptions are what every PDF is printed with: the fonts, a page size and a date order.
func reportOptions(page string, dates data.DateOrder) reports.Options {
	regular, bold := assets.ReportFont()
	return reports.Options{Regular: regular, Bold: bold, Scripts: assets.ScriptFonts(), PageSize: page, DateOrder: dates}
}
