package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"mutua/data"
	"mutua/questionnaires"
	"mutua/reports"
)

// runForms writes a cohort's questionnaires: one fillable PDF form per member and a blank one
// for paper, into a folder.
func runForms(args []string, stdout, stderr io.Writer) error {
	const name = "forms"
	fs := flags(name, stderr)
	db := dbFlag(fs)
	cohort := fs.String("cohort", "", "the cohort's name")
	kind := fs.String("kind", data.IntakeForm, "the questionnaire: intake, pulse or closing")
	out := fs.String("out", "", "the folder for the forms (made when missing)")
	instrument := fs.String("instrument", "", `the instrument whose questions follow the profile questions (default: the Work Orientation questionnaire; "none" for none)`)
	page := fs.String("page", reports.A4, "page size: A4 or Letter")
	if _, err := parse(fs, name, db, 0, args); err != nil {
		return err
	}
	switch {
	case *cohort == "":
		return fmt.Errorf("%s needs --cohort NAME", name)
	case *out == "":
		return fmt.Errorf("%s needs --out DIR, the folder for the forms", name)
	case *kind != data.IntakeForm && !data.SurveyKind(*kind).Valid():
		return fmt.Errorf("--kind is intake, pulse or closing, not %q", *kind)
	case *page != reports.A4 && *page != reports.Letter:
		return fmt.Errorf("--page is A4 or Letter, not %q", *page)
	}
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if *kind != data.IntakeForm {
		return writeSurveyForms(store, *cohort, data.SurveyKind(*kind), *out, *page, stdout)
	}
	c, err := store.CohortByName(*cohort)
	if err != nil {
		return err
	}
	var instrumentID int64
	if !strings.EqualFold(*instrument, "none") {
		list, err := store.Instruments()
		if err != nil {
			return err
		}
		for _, in := range list {
			if (*instrument == "" && in.Key == data.WorkOrientationKey) || (*instrument != "" && strings.EqualFold(in.Name, strings.TrimSpace(*instrument))) {
				instrumentID = in.ID
				if !in.HasItems() {
					return fmt.Errorf("%s has no questions: its results are typed, not asked in a form", in.Name)
				}
			}
		}
		if instrumentID == 0 {
			return fmt.Errorf("there is no instrument named %q", *instrument)
		}
	}
	if err := draftsFolder(store, *out); err != nil {
		return err
	}
	sent, err := questionnaires.Send(context.Background(), store, questionnaires.Sending{
		Kind: *kind, CohortID: c.ID, Instrument: instrumentID, Dir: *out, PageSize: *page}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, sent.Summary())
	return nil
}

// runImportForms reads returned questionnaires, prints what they would change, and imports
// them, all or none, when --yes is given.
func runImportForms(args []string, stdout, stderr io.Writer) error {
	const name = "import forms"
	fs := flags(name, stderr)
	db := dbFlag(fs)
	yes := fs.Bool("yes", false, "import the answers; without it, only show what they would change")
	paths, err := parse(fs, name, db, -1, args)
	if err != nil {
		return err
	}
	files, err := questionnaires.Files(paths)
	if err != nil {
		return err
	}
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx := context.Background()
	pv, err := questionnaires.Read(ctx, store, files, data.DateOf(time.Now()), nil)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, pv.Text())
	fmt.Fprintln(stdout, pv.Summary())
	switch {
	case pv.Problems() > 0:
		return data.Errorf(data.Invalid, "nothing was imported: set aside or fix the files that cannot be imported, and run it again")
	case len(pv.Changes) == 0:
		return data.Errorf(data.Invalid, "there are no answers to import")
	case !*yes:
		fmt.Fprintln(stdout, "Nothing imported yet: run it again with --yes to import these answers.")
		return nil
	}
	if err := questionnaires.Apply(ctx, store, pv); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported %d questionnaire%s.\n", len(pv.Changes), data.Plural(len(pv.Changes)))
	if out, err := questionnaires.StillOut(ctx, store, pv); err == nil && out != "" {
		fmt.Fprintln(stdout, out)
	}
	return nil
}
