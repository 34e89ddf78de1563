package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/questionnaires"
)

// writeSurveyForms is `mutua forms --kind pulse|closing`: it writes one fillable form per
// member of each of the cohort's partnerships the survey is due for (see data.SurveyDue) into
// the folder out, made when missing, and says what it wrote. The command that reads the flags
// (--db, --cohort, --kind, --out) opens the store and calls it for these two kinds.
func writeSurveyForms(store *sqlite.Store, cohort string, kind data.SurveyKind, out, page string, stdout io.Writer) error {
	if !kind.Valid() {
		return fmt.Errorf("--kind is intake, pulse or closing, not %q", kind)
	}
	c, err := store.CohortByName(cohort)
	if err != nil {
		return err
	}
	ctx := context.Background()
	due, err := store.SurveysDue(ctx, c.ID, kind, data.DateOf(time.Now()))
	if err != nil {
		return err
	}
	what := map[data.SurveyKind]string{data.Pulse: "pulse survey", data.Closing: "closing evaluation"}[kind]
	if len(due) == 0 {
		fmt.Fprintf(stdout, "No partnership of %s is due a %s today; nothing written.\n", c.Name, what)
		return nil
	}
	if err := draftsFolder(store, out); err != nil {
		return err
	}
	ids := make([]int64, len(due))
	for i, p := range due {
		ids[i] = p.ID
	}
	w, err := questionnaires.SendSurveys(ctx, store, kind, ids, out, page, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d %s form%s written to %s, one for each member of %d partnership%s.\n",
		len(w.Files), what, data.Plural(len(w.Files)), out, w.Partnerships, data.Plural(w.Partnerships))
	return nil
}
