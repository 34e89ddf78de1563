package app

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mutua/data"
)

// fillForm fills a questionnaire with pdftk, as a participant's PDF reader would.
func fillForm(t *testing.T, in, out string, values map[string]string) {
	t.Helper()
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?><xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>`)
	for k, v := range values {
		x.WriteString(`<field name="` + k + `"><value>` + v + `</value></field>`)
	}
	x.WriteString(`</fields></xfdf>`)
	xfdf := filepath.Join(t.TempDir(), "v.xfdf")
	os.WriteFile(xfdf, []byte(x.String()), 0o644)
	if b, err := exec.Command("pdftk", in, "fill_form", xfdf, "output", out).CombinedOutput(); err != nil {
		t.Fatalf("pdftk: %v %s", err, b)
	}
}

func TestSendQuestionnairesAndImportAnswers(t *testing.T) {
	if _, err := exec.LookPath("pdftk"); err != nil {
		t.Skip("pdftk is not installed")
	}
	s := newSampleShell(t)
	dir := t.TempDir()
	var opened []string
	s.forms.chooseFolder = func(use func(string)) { use(dir) }
	s.forms.openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }

	s.selectTab("Cohorts")
	c := s.cohorts
	for i, co := range c.roster.Cohorts {
		if co.Name == springCohort {
			c.list.Select(i)
		}
	}
	test.Tap(findButton(t, c.content, "Send questionnaires…"))
	if s.forms.ask == nil || !strings.HasPrefix(s.forms.instrument.Selected, "Work Orientation") {
		t.Fatalf("the questionnaire offers %v", s.forms.instrument)
	}
	s.forms.instrument.SetSelected(noInstrument)
	test.Tap(findButton(t, topDialog(s), "Choose the folder…"))
	sent := s.forms.lastSent
	if len(sent.Files) != 16 {
		t.Fatalf("%d forms written", len(sent.Files))
	}
	shown := strings.Join(texts(topDialog(s)), "\n")
	if !strings.Contains(shown, "Wrote 16 questionnaires and a blank one for paper to "+dir) {
		t.Errorf("the summary shows:\n%s", shown)
	}
	test.Tap(findButton(t, topDialog(s), "Open folder"))
	if len(opened) != 1 || !strings.Contains(opened[0], filepath.Base(dir)) {
		t.Errorf("opened %v", opened)
	}
	test.Tap(findButton(t, topDialog(s), "Close"))

	// again, with the emails: each draft carries its person's own form
	withCoachAddress(t, s)
	mailDir := t.TempDir()
	s.forms.chooseFolder = func(use func(string)) { use(mailDir) }
	test.Tap(findButton(t, c.content, "Send questionnaires…"))
	test.Tap(s.forms.withDrafts)
	test.Tap(findButton(t, topDialog(s), "Choose the folder…"))
	emls, _ := filepath.Glob(filepath.Join(mailDir, "*.eml"))
	if len(emls) != 16 || s.forms.lastDrafts.Drafts != 16 {
		t.Fatalf("%d drafts written: %+v", len(emls), s.forms.lastDrafts.Failed)
	}
	eml, _ := os.ReadFile(emls[0])
	if !strings.Contains(string(eml), "Intake questionnaire.pdf") || !strings.Contains(string(eml), "application/pdf") {
		t.Errorf("a draft without its form:\n%.600s", eml)
	}
	if !shows(topDialog(s), "16 drafts written to "+mailDir) {
		t.Errorf("the summary shows %q", texts(topDialog(s)))
	}
	test.Tap(findButton(t, topDialog(s), "Close"))

	// one returned form filled in, one file that is no questionnaire: nothing can be imported
	back := t.TempDir()
	fillForm(t, sent.Files[0], filepath.Join(back, "returned.pdf"), map[string]string{"p-title": "Chief operating officer", "p-years": "7"})
	os.WriteFile(filepath.Join(back, "notes.pdf"), []byte("not a pdf"), 0o644)
	s.forms.choosePaths = func(use func([]string)) { use([]string{back}) }
	s.selectTab("Roster")
	test.Tap(s.roster.questionnaires)
	test.Tap(findButton(t, topDialog(s), "Import answers…"))
	shown = strings.Join(texts(topDialog(s)), "\n")
	if !strings.Contains(shown, "notes.pdf: This file is not a PDF.") || !strings.Contains(shown, "Nothing can be imported while 1 file cannot be") {
		t.Errorf("the preview of a bad batch shows:\n%s", shown)
	}
	if !s.forms.confirm.Disabled() {
		t.Error("a bad batch can be imported")
	}
	test.Tap(findButton(t, topDialog(s), "Cancel"))

	// the bad file set aside: the change shown field by field, then imported
	os.Remove(filepath.Join(back, "notes.pdf"))
	test.Tap(s.roster.questionnaires)
	test.Tap(findButton(t, topDialog(s), "Import answers…"))
	person := sent.People[0]
	shown = strings.Join(texts(topDialog(s)), "\n")
	for _, want := range []string{person.Name, "Title: Chief operating officer (was " + shortValue(person.Title) + ")", "7 (was "} {
		if !strings.Contains(shown, want) {
			t.Errorf("the preview lacks %q:\n%s", want, shown)
		}
	}
	if got, _ := s.store.Participant(person.ID); got.Title == "Chief operating officer" {
		t.Fatal("the preview stored the answers")
	}
	test.Tap(s.forms.confirm)
	if got, _ := s.store.Participant(person.ID); got.Title != "Chief operating officer" || got.YearsExperience != 7 {
		t.Errorf("after import: %q, %d years", got.Title, got.YearsExperience)
	}
	if !shows(topDialog(s), "Imported 1 questionnaire.") || !shows(topDialog(s), "Still to come back from the same sending: 15 (") {
		t.Errorf("the end shows %q", texts(topDialog(s)))
	}
}

// The roster sends to the participants it shows: narrowed by the search, one.
func TestSendQuestionnairesFromTheRoster(t *testing.T) {
	s := newSampleShell(t)
	dir := t.TempDir()
	s.forms.chooseFolder = func(use func(string)) { use(dir) }
	s.selectTab("Roster")
	s.roster.search.SetText("Zoë")
	test.Tap(s.roster.questionnaires)
	test.Tap(findButton(t, topDialog(s), "Send to the 1 shown…"))
	if !shows(topDialog(s), "for the one participant the roster shows") {
		t.Errorf("the question shows %q", texts(topDialog(s)))
	}
	test.Tap(findButton(t, topDialog(s), "Choose the folder…"))
	sent := s.forms.lastSent
	if len(sent.Files) != 1 || !strings.HasPrefix(filepath.Base(sent.Files[0]), "Zoë") {
		t.Fatalf("written %v", sent.Files)
	}
	reqs, err := s.store.FormRequests(context.Background(), sent.People[0].ID)
	if err != nil || len(reqs) != 1 || reqs[0].Kind != data.IntakeForm || reqs[0].InstrumentID == 0 {
		t.Errorf("requests %+v, %v", reqs, err)
	}
}
