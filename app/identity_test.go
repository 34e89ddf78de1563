package app

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mutua/data"
)

func logoPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func savedIdentity(t *testing.T, s *practice) data.PracticeIdentity {
	t.Helper()
	id, err := s.store.PracticeIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSettingsPracticeSavesWhoReportsComeFrom(t *testing.T) {
	s := newTestShell(t)
	s.selectTab("Settings")
	is := s.settings.identity
	for _, want := range []string{"Practice", "Coach", "Contact", "Logo", "No logo", "never the practice file's name"} {
		if !shows(s.settings.content, want) {
			t.Errorf("Settings lacks %q: %v", want, texts(s.settings.content))
		}
	}
	if !is.save.Disabled() || !is.removeLogo.Disabled() {
		t.Error("Save or Remove logo is on before anything changed")
	}
	test.Type(is.name, "Silva Coaching")
	test.Type(is.coach, "Ana Silva")
	test.Type(is.contact, "ana@silva.example")
	if savedIdentity(t, s).Name != "" {
		t.Fatal("saved before Save was tapped")
	}
	is.onLogoChosen(logoPNG(t, 120, 40))
	if is.logoPreview.Resource == nil || !shows(is.content, "PNG, 120 × 40 pixels") || is.removeLogo.Disabled() {
		t.Errorf("the logo is not shown: %v", texts(is.content))
	}
	test.Tap(is.save)
	id := savedIdentity(t, s)
	if id.Name != "Silva Coaching" || id.Coach != "Ana Silva" || id.Contact != "ana@silva.example" || id.LogoKind != "png" {
		t.Fatalf("saved %+v", id)
	}
	if !is.save.Disabled() || !strings.Contains(is.status.Text, "Saved. Reports now come from Ana Silva, Silva Coaching") {
		t.Errorf("after saving: Save on %v, %q", !is.save.Disabled(), is.status.Text)
	}
	// The change signal read it again: the fields show what was saved.
	if is.name.Text != "Silva Coaching" || is.logoPreview.Resource == nil {
		t.Errorf("after the change signal: %q", is.name.Text)
	}

	// Removing the logo and clearing a field saves both.
	test.Tap(is.removeLogo)
	is.contact.SetText("")
	test.Tap(is.save)
	if id := savedIdentity(t, s); id.Logo != nil || id.Contact != "" || id.Coach != "Ana Silva" {
		t.Errorf("after removing: %+v", id)
	}
}

func TestSettingsPracticeRefusesBadInputByField(t *testing.T) {
	s := newTestShell(t)
	s.selectTab("Settings")
	is := s.settings.identity
	test.Type(is.coach, strings.Repeat("a", 201))
	if !is.coachProblem.Visible() || !strings.Contains(is.coachProblem.Text, "The coach's name is too long") || !is.save.Disabled() {
		t.Errorf("a long name: %q, Save on %v", is.coachProblem.Text, !is.save.Disabled())
	}
	if is.nameProblem.Visible() || is.contactProblem.Visible() {
		t.Error("a problem shows under a field that has none")
	}
	is.coach.SetText("Ana")
	if is.coachProblem.Visible() || is.save.Disabled() {
		t.Errorf("fixed: problem %q, Save on %v", is.coachProblem.Text, !is.save.Disabled())
	}
	for _, c := range []struct {
		raw  []byte
		want string
	}{
		{[]byte("not a picture at all"), "must be a PNG or JPEG image"},
		{logoPNG(t, data.MaxLogoDimension+1, 1), "at most 4000 pixels"},
		{make([]byte, data.MaxLogoBytes+1), "too large"},
	} {
		is.onLogoChosen(c.raw)
		if !is.logoProblem.Visible() || !strings.Contains(is.logoProblem.Text, c.want) || is.logo != nil {
			t.Errorf("logo problem %q, want %q", is.logoProblem.Text, c.want)
		}
	}
	test.Tap(is.save)
	if id := savedIdentity(t, s); id.Coach != "Ana" || id.Logo != nil {
		t.Errorf("saved %+v", id)
	}
}

func TestWelcomeAsksForTheCoachsName(t *testing.T) {
	s := newTestShell(t)
	s.welcomeOnFirstRun()
	welcome := topDialog(s)
	if !shows(welcome, "Your name") || s.welcomeName == nil {
		t.Fatalf("the welcome does not ask for the coach's name: %v", texts(welcome))
	}
	test.Type(s.welcomeName, "  Ana   Silva ")
	test.Tap(findButton(t, welcome, "Add a participant"))
	if got := savedIdentity(t, s).Coach; got != "Ana Silva" {
		t.Errorf("saved coach %q", got)
	}
	if s.roster.form == nil || !shows(topDialog(s), "Add participant") {
		t.Errorf("the chosen start did not follow: %v", texts(topDialog(s)))
	}
	s.roster.form.dialog.Hide()

	// Shown again, it holds the saved name; skipped, it saves nothing.
	s.showWelcome()
	if s.welcomeName.Text != "Ana Silva" {
		t.Errorf("the welcome shows %q", s.welcomeName.Text)
	}
	s.welcomeName.SetText("")
	test.Tap(findButton(t, topDialog(s), "Close"))
	if got := savedIdentity(t, s).Coach; got != "Ana Silva" {
		t.Errorf("skipping changed the name to %q", got)
	}
}
