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
		var email, cohort *string
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
		case email != nil && *email == "":
			return fmt.Errorf("%s needs --participant EMAIL", name)
		case cohort != nil && *cohort == "":
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
		var pdf []byte
		if kind == "cohort" {
			pdf, err = cohortReport(store, *cohort, opts)
		} else {
			pdf, err = personReport(store, kind, *email, opts)
		}
		if err != nil {
			return err
		}
		return writeOut(store, *out, pdf, stdout)
	}
}

// cohortReport prints a cohort's summary into memory, so a failed one leaves no file behind.
func cohortReport(store *sqlite.Store, cohort string, opts reports.Options) ([]byte, error) {
	c, err := store.CohortByName(cohort)
	if err != nil {
		return nil, err
	}
	summary, err := store.CohortSummary(c.ID, data.DateOf(time.Now()), data.DefaultInactiveDays)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = reports.Cohort(&buf, summary, opts)
	return buf.Bytes(), err
}

// personReport prints a participant's progress report, or the brief of their current pair.
func personReport(store *sqlite.Store, kind, email string, opts reports.Options) ([]byte, error) {
	today := data.DateOf(time.Now())
	p, err := store.ParticipantByEmail(email)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if kind == "participant" {
		r, err := store.ParticipantReport(p.ID, today)
		if err != nil {
			return nil, err
		}
		err = reports.Participant(&buf, r, opts)
		return buf.Bytes(), err
	}
	ps, err := store.CurrentPartnership(p.ID)
	if err != nil {
		return nil, err
	}
	brief, err := store.PairBrief(ps.ID, today)
	if err != nil {
		return nil, err
	}
	err = reports.Pair(&buf, brief, opts)
	return buf.Bytes(), err
}

// reportOptions are what every PDF is printed with: the fonts, a page size and a date order.
func reportOptions(page string, dates data.DateOrder) reports.Options {
	regular, bold := assets.ReportFont()
	return reports.Options{Regular: regular, Bold: bold, Scripts: assets.ScriptFonts(), PageSize: page, DateOrder: dates}
}
