package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mutua/data"
)

// lowPulsePartnership finds the sample's partnership a member rated 2 of 5 on the last pulse.
func lowPulsePartnership(t *testing.T, s *practice) data.Partnership {
	t.Helper()
	list, err := s.store.Partnerships()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		answers, err := s.store.SurveyAnswers(context.Background(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range answers {
			if a.Productive == 2 {
				return p
			}
		}
	}
	t.Fatal("the sample has no low pulse")
	return data.Partnership{}
}

func TestPartnershipPageShowsSurveyAnswersAndSendsTheNext(t *testing.T) {
	s := newSampleShell(t)
	p := lowPulsePartnership(t, s)
	s.openPartnership(p.ID)
	pg := s.partnerships.page
	first, second := p.Members[0].FirstName(), p.Members[1].FirstName()
	for _, want := range []string{
		p.Members[0].Name + ", ", "productive 2 of 5 — pulse survey",
		"Learned: How " + second + " prepares a board paper.",
		"Safe for the sponsor: Working with " + second + " has been useful",
		"Private to you: Working with " + first + " has been useful",
	} {
		if !shows(pg.surveys, want) {
			t.Errorf("the Surveys tab does not show %q: %v", want, texts(pg.surveys))
		}
	}

	dir := t.TempDir()
	s.surveys.chooseFolder = func(use func(string)) { use(dir) }
	test.Tap(pg.sendPulse)
	if got := len(s.surveys.last.Files); got != 2 {
		t.Fatalf("%d forms written, want one per member", got)
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "Pulse survey - *.pdf"))
	if len(pdfs) != 2 {
		t.Errorf("files in the folder: %v", pdfs)
	}
	shown := strings.Join(texts(topDialog(s)), "\n")
	if !strings.Contains(shown, "2 forms written into "+dir) || findButton(t, topDialog(s), "Open folder") == nil {
		t.Errorf("the summary shows:\n%s", shown)
	}
}

func TestHomeListsALowPulse(t *testing.T) {
	_, h := newHomeTestScreen(t)
	low := itemsOf(h, data.LowPulseScore)
	if len(low) != 1 || !strings.Contains(low[0].Detail, "rated it 2 of 5") || low[0].PartnershipID == 0 {
		t.Fatalf("low pulse items: %+v", low)
	}
	if !shows(h.content, "Low pulse") {
		t.Errorf("the home screen does not show the low pulse: %v", texts(h.content))
	}
	h.openItem(low[0]) // opens the partnership where its answers are
	if tabs := h.shell.partnerships.page.tabs; tabs.Selected() == nil || tabs.Selected().Text != "Surveys" {
		t.Errorf("the low pulse opens the partnership on %v", tabs.Selected())
	}
}

func TestCohortSurveysSetTheIntervalAndSendWhatIsDue(t *testing.T) {
	s, _ := newHomeTestScreen(t) // dates moved to today, so what is due does not depend on the day the test runs
	s.selectTab("Cohorts")
	c := s.cohorts
	var spring int64
	for i, co := range c.roster.Cohorts {
		if co.Name == springCohort {
			c.list.Select(i)
			spring = co.ID
		}
	}
	test.Tap(findButton(t, c.content, "Surveys…"))
	if s.surveys.cohortDialog == nil || s.surveys.every.Text != "60" {
		t.Fatalf("the surveys dialog does not show the sample's 60 days")
	}
	s.surveys.every.SetText("every week")
	test.Tap(s.surveys.saveEvery)
	if !s.surveys.everyProblem.Visible() {
		t.Error("a bad interval is not refused")
	}

	// At 60 days the last pulse was answered: nothing is due.
	test.Tap(findButton(t, topDialog(s), "Send pulse surveys due…"))
	if !shows(topDialog(s), "No partnership of this cohort is due a pulse survey today") {
		t.Errorf("with nothing due: %v", texts(topDialog(s)))
	}

	// Every 20 days, a pulse fell due after the last one returned.
	test.Tap(findButton(t, c.content, "Surveys…"))
	s.surveys.every.SetText("20")
	test.Tap(s.surveys.saveEvery)
	if days, _ := s.store.PulseEvery(context.Background(), spring); days != 20 || s.surveys.everyProblem.Visible() {
		t.Fatalf("interval %d after saving 20", days)
	}
	dir := t.TempDir()
	s.surveys.chooseFolder = func(use func(string)) { use(dir) }
	test.Tap(findButton(t, topDialog(s), "Send pulse surveys due…"))
	if s.surveys.confirm == nil || !shows(topDialog(s), "7 partnerships are due a pulse survey") {
		t.Fatalf("no confirmation of what is due: %v", texts(topDialog(s)))
	}
	test.Tap(findButton(t, topDialog(s), "Write the forms"))
	if got := len(s.surveys.last.Files); got != 14 {
		t.Errorf("%d forms written, want 14 (7 pairs)", got)
	}
}
