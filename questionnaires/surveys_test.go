package questionnaires_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/forms/formstest"
	"mutua/questionnaires"
)

// A partnership's pulse surveys come back through the same import as the questionnaires: the
// preview names each answer, a form without its score is refused with the batch, and a good
// batch stores the answers on the partnership.
func TestPulseSurveysComeBackThroughImportAnswers(t *testing.T) {
	formstest.NeedPdftk(t)
	ctx := context.Background()
	s := openSample(t)
	list, err := s.Partnerships()
	if err != nil {
		t.Fatal(err)
	}
	var p data.Partnership
	for _, ps := range list {
		if ps.Status == data.Running && len(ps.Members) == 2 {
			p = ps
			break
		}
	}
	if p.ID == 0 {
		t.Fatal("the sample has no active pair")
	}
	before, err := s.SurveyAnswers(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	written, err := questionnaires.SendSurveys(ctx, s, data.Pulse, []int64{p.ID}, t.TempDir(), "A4", nil)
	if err != nil || len(written.Files) != 2 {
		t.Fatalf("wrote %v: %v", written.Files, err)
	}
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first.pdf"), filepath.Join(dir, "second.pdf")
	formstest.Fill(t, written.Files[0], first, map[string]string{data.SurveyProductive: "4", data.SurveyLearned: "How a board reads a plan"})
	formstest.Fill(t, written.Files[1], second, map[string]string{data.SurveyLearned: "No score given"})

	today := data.DateOf(time.Now())
	pv, err := questionnaires.Read(ctx, s, []string{first, second}, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := fileOf(pv, "second.pdf"); !strings.Contains(f.Problem, "How productive") {
		t.Errorf("a pulse without its score: %+v", f)
	}
	if len(pv.Changes) != 1 || !strings.Contains(pv.Changes[0].Survey, "productive 4 of 5") {
		t.Fatalf("changes %+v", pv.Changes)
	}
	if err := questionnaires.Apply(ctx, s, pv); data.ErrorCode(err) != data.Invalid {
		t.Errorf("a batch with a bad file was applied: %v", err)
	}
	if got, _ := s.SurveyAnswers(ctx, p.ID); len(got) != len(before) {
		t.Fatalf("a refused batch stored %d answers", len(got)-len(before))
	}

	pv, err = questionnaires.Read(ctx, s, []string{first}, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pv.Summary(), "1 pulse or closing survey") {
		t.Errorf("summary %q", pv.Summary())
	}
	if err := questionnaires.Apply(ctx, s, pv); err != nil {
		t.Fatal(err)
	}
	got, err := s.SurveyAnswers(ctx, p.ID)
	if err != nil || len(got) != len(before)+1 {
		t.Fatalf("answers after import: %d (was %d), %v", len(got), len(before), err)
	}
	found := false
	for _, a := range got {
		found = found || a.Productive == 4 && a.Learned == "How a board reads a plan"
	}
	if !found {
		t.Errorf("the imported pulse is not on the partnership: %+v", got)
	}
}
