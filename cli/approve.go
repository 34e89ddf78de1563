package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"mutua/data"
	"mutua/data/pairing"
)

// runApprove approves a cohort's round as the pairing screen's Approve does: the saved draft
// with the coach's locks and rejections when there is one, else the round Mutua suggests.
// The pairs become partnerships starting on --start.
func runApprove(args []string, stdout, stderr io.Writer) error {
	fs := flags("approve", stderr)
	db := dbFlag(fs)
	cohort := fs.String("cohort", "", "the cohort's name")
	start := fs.String("start", "", "the day the partnerships start, YYYY-MM-DD")
	if _, err := parse(fs, "approve", db, 0, args); err != nil {
		return err
	}
	if err := need("approve", *cohort, "--cohort NAME"); err != nil {
		return err
	}
	if err := need("approve", *start, "--start YYYY-MM-DD, the day the partnerships start"); err != nil {
		return err
	}
	day, err := data.ParseDate(*start)
	if err != nil {
		return fmt.Errorf("--start: %w", err)
	}
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	c, err := store.CohortByName(*cohort)
	if err != nil {
		return err
	}
	current, err := pairing.OpenRound(store, c.ID, time.Now())
	if err != nil {
		return err
	}
	plan := current.Plan // the draft, or the first suggestion
	if plan == nil {     // the latest round is approved: suggest the next one, as Suggest does
		if plan, err = pairing.PlanRound(store, c.ID, time.Now()); err != nil {
			return err
		}
	}
	if len(plan.Round.Pairs) == 0 {
		msg := fmt.Sprintf("%s has no pairs to approve", c.Name)
		if u := plan.Round.Unpaired; len(u) > 0 {
			msg += fmt.Sprintf(": %d not paired, such as %s: %s", len(u), plan.People[u[0].Member].Name, strings.TrimSuffix(u[0].Why, "."))
		} else if len(plan.People) < 2 {
			msg += ": it needs two active members or more"
		}
		return fmt.Errorf("%s", msg)
	}
	if err := store.ApproveRound(plan, day); err != nil {
		return err
	}
	n, what := len(plan.Round.Pairs), "partnerships start"
	if n == 1 {
		what = "partnership starts"
	}
	fmt.Fprintf(stdout, "Approved the round of %s: %d %s on %s.", c.Name, n, what, day)
	if u := plan.Round.UnpairedSentence(); u != "" {
		fmt.Fprint(stdout, " "+u)
	}
	fmt.Fprintln(stdout)
	return nil
}
