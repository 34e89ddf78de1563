package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"mutua/data/pairing"
)

// runSuggest prints the round Mutua suggests for a cohort. Nothing is saved.
func runSuggest(args []string, stdout, stderr io.Writer) error {
	fs := flags("suggest", stderr)
	db := dbFlag(fs)
	cohort := fs.String("cohort", "", "the cohort's name")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, "suggest", db, 0, args); err != nil {
		return err
	}
	if err := need("suggest", *cohort, "--cohort NAME"); err != nil {
		return err
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
	plan, err := pairing.PlanRound(store, c.ID, time.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(plan.Summary())
	}
	fmt.Fprint(stdout, plan.Text())
	return nil
}
