package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/forms"
	"mutua/forms/formstest"
	"mutua/questionnaires"
)

// fillForm fills a form as a participant's PDF reader would (see formstest) and returns the
// filled file.
func fillForm(t testing.TB, in string, values map[string]string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "filled.pdf")
	formstest.Fill(t, in, out, values)
	return out
}

// readForm reads a returned form as the import does.
func readForm(t testing.TB, s *sqlite.Store, path string) forms.Returned {
	t.Helper()
	practice, key, err := s.FormIdentity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := forms.Read(b, practice, key)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// formFor picks the written form of the named person.
func formFor(t testing.TB, files []string, name string) string {
	t.Helper()
	for _, f := range files {
		if strings.Contains(filepath.Base(f), name) {
			return f
		}
	}
	t.Fatalf("no form for %s among %v", name, files)
	return ""
}

func TestPulseSurveysOutAndBack(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 4, 20))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Ana Pereira", "Ben Okafor")
	due, err := s.SurveysDue(ctx, p.CohortID, data.Pulse, data.NewDate(2026, 4, 20))
	if err != nil || len(due) != 1 {
		t.Fatalf("pulses due: %v %v", due, err)
	}

	dir := t.TempDir()
	var steps []int
	written, err := questionnaires.SendSurveys(ctx, s, data.Pulse, []int64{p.ID}, dir, "A4", func(done, total int) { steps = append(steps, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(written.Files) != 2 || fmt.Sprint(steps) != "[1 2]" {
		t.Fatalf("wrote %v with progress %v", written.Files, steps)
	}

	// Ana rates it 2 and writes a private comment; Ben leaves the score empty.
	ana := fillForm(t, formFor(t, written.Files, "Ana"), map[string]string{
		data.SurveyProductive: "2", data.SurveyLearned: "How Ben runs a turnaround — in detail", data.SurveyChange: "Meet every two weeks",
		data.SurveyFreeText: "Ben cancelled twice; I am losing heart."})
	ben := fillForm(t, formFor(t, written.Files, "Ben"), map[string]string{data.SurveyLearned: "Negotiation"})

	r := readForm(t, s, ana)
	if kind, err := s.SurveyRequestKind(ctx, r.ID.Request); err != nil || kind != data.Pulse {
		t.Fatalf("request kind %q %v", kind, err)
	}
	prev, err := s.PreviewSurvey(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if prev.Person != "Ana Pereira" || prev.Answer.Productive != 2 || prev.Answer.Visibility != data.Private || prev.Replaces ||
		prev.Answer.Learned != "How Ben runs a turnaround — in detail" {
		t.Errorf("preview %+v", prev)
	}
	if _, err := s.PreviewSurvey(ctx, readForm(t, s, ben)); data.ErrorCode(err) != data.Invalid || !strings.Contains(data.Problems(err)[0].Message, "How productive") {
		t.Errorf("Ben's form without a score: %v", err)
	}
	if answers, _ := s.SurveyAnswers(ctx, p.ID); len(answers) != 0 {
		t.Fatal("a preview stored an answer")
	}

	if err := s.ApplySurveys(ctx, []data.SurveyAnswer{prev.Answer}); err != nil {
		t.Fatal(err)
	}
	page := mustPage(t, s, p.ID)
	if len(page.Surveys) != 1 || page.Surveys[0].ParticipantName != "Ana Pereira" || page.Surveys[0].FreeText != "Ben cancelled twice; I am losing heart." {
		t.Fatalf("page surveys %+v", page.Surveys)
	}
	items, err := s.Attention(data.NewDate(2026, 4, 20), 30)
	if err != nil {
		t.Fatal(err)
	}
	var low bool
	for _, it := range items {
		low = low || it.Kind == data.LowPulseScore && it.PartnershipID == p.ID && strings.Contains(it.Detail, "Ana rated it 2 of 5")
	}
	if !low {
		t.Errorf("the low pulse is not on the attention list: %+v", items)
	}
	if due, _ := s.SurveysDue(ctx, p.CohortID, data.Pulse, data.NewDate(2026, 4, 20)); len(due) != 0 {
		t.Errorf("the pulse answered by Ana is still due")
	}

	// The same form read again replaces the first answer: one answer, the new score.
	again := fillForm(t, ana, map[string]string{data.SurveyProductive: "4"})
	prev, err = s.PreviewSurvey(ctx, readForm(t, s, again))
	if err != nil || !prev.Replaces {
		t.Fatalf("again: %+v %v", prev, err)
	}
	if err := s.ApplySurveys(ctx, []data.SurveyAnswer{prev.Answer}); err != nil {
		t.Fatal(err)
	}
	if page := mustPage(t, s, p.ID); len(page.Surveys) != 1 || page.Surveys[0].Productive != 4 {
		t.Errorf("after returning it again: %+v", page.Surveys)
	}

	// All or nothing: one bad answer in a batch stores none.
	bad := prev.Answer
	bad.Productive = 9
	good := prev.Answer
	good.Productive = 1
	if err := s.ApplySurveys(ctx, []data.SurveyAnswer{good, bad}); data.ErrorCode(err) != data.Invalid {
		t.Errorf("a batch with a score of 9: %v", err)
	}
	if page := mustPage(t, s, p.ID); page.Surveys[0].Productive != 4 {
		t.Error("part of a refused batch was stored")
	}
	if err := s.Check(); err != nil {
		t.Errorf("check: %v", err)
	}

	// A form for a person since erased is refused, and their answers went with them.
	if _, err := s.Erase(page.Members[0].ParticipantID, false, "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PreviewSurvey(ctx, readForm(t, s, again)); data.ErrorCode(err) != data.NotFound {
		t.Errorf("a form of an erased person: %v", err)
	}
	if answers, _ := s.SurveyAnswers(ctx, p.ID); len(answers) != 0 {
		t.Errorf("an erased person's answers are kept: %+v", answers)
	}
}

func TestPulseInterval(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	c := data.Cohort{Name: "Spring"}
	if err := s.SaveCohort(&c); err != nil {
		t.Fatal(err)
	}
	if days, err := s.PulseEvery(ctx, c.ID); err != nil || days != data.DefaultPulseEveryDays {
		t.Errorf("default interval %d %v", days, err)
	}
	for _, bad := range []int{0, 400} {
		if err := s.SetPulseEvery(ctx, c.ID, bad); data.ErrorCode(err) != data.Invalid {
			t.Errorf("every %d days: %v", bad, err)
		}
	}
	if err := s.SetPulseEvery(ctx, c.ID, 45); err != nil {
		t.Fatal(err)
	}
	if days, _ := s.PulseEvery(ctx, c.ID); days != 45 {
		t.Errorf("interval %d after setting 45", days)
	}
}

func TestClosingEvaluationForm(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 9, 20))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Chloé Dubois", "Dmitri Volkov")
	written, err := questionnaires.SendSurveys(ctx, s, data.Closing, []int64{p.ID}, t.TempDir(), "A4", nil)
	if err != nil {
		t.Fatal(err)
	}
	filled := fillForm(t, formFor(t, written.Files, "Chloé"), map[string]string{data.SurveyProductive: "5", data.SurveyRecommend: "Yes",
		data.SurveyContinues: "We meet each quarter", data.SurveyFreeText: "Ask Dmitri to speak next year", data.SurveyVisibility: "Also the programme sponsor"})
	prev, err := s.PreviewSurvey(ctx, readForm(t, s, filled))
	if err != nil {
		t.Fatal(err)
	}
	a := prev.Answer
	if a.Kind != data.Closing || a.Productive != 5 || a.Recommend != data.RecommendYes || a.Continues != "We meet each quarter" || a.Visibility != data.Sponsor {
		t.Errorf("closing answer %+v", a)
	}
	// The form names the partner by first name, and the blank parts stay blank.
	out, err := exec.Command("pdftotext", formFor(t, written.Files, "Dmitri"), "-").Output()
	if err == nil && !strings.Contains(string(out), "partnership with Chloé") {
		t.Errorf("Dmitri's form does not name Chloé:\n%s", out)
	}
}
