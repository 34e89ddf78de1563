package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

func TestWriteSurveyForms(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	const cohort = "Spring 2026 executive circle"
	store, err := sqlite.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	out := filepath.Join(dir, "Pulse")
	var stdout bytes.Buffer

	// Every 60 days, as the sample has it, the last pulse is back: nothing is due.
	if err := writeSurveyForms(store, cohort, data.Pulse, out, "A4", &stdout); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "No partnership of "+cohort+" is due a pulse survey today") {
		t.Errorf("nothing due: %q", stdout.String())
	}

	c, err := store.CohortByName(cohort)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SetPulseEvery(context.Background(), c.ID, 20); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if err := writeSurveyForms(store, cohort, data.Pulse, out, "A4", &stdout); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "14 pulse survey forms written to "+out+", one for each member of 7 partnerships.") {
		t.Errorf("written: %q", stdout.String())
	}
	if files, _ := filepath.Glob(filepath.Join(out, "*.pdf")); len(files) != 14 {
		t.Errorf("%d files in %s", len(files), out)
	}
	if err := writeSurveyForms(store, "Nobody's cohort", data.Pulse, out, "A4", &stdout); err == nil {
		t.Error("an unknown cohort is not refused")
	}
	if err := writeSurveyForms(store, cohort, "weekly", out, "A4", &stdout); err == nil || !strings.Contains(err.Error(), "--kind is intake, pulse or closing") {
		t.Errorf("an unknown kind: %v", err)
	}
}
