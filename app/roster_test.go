package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
)

// newTestShell opens the window on a new practice in a temporary folder; work that would run
// in the background runs at once, so each step is finished when the call returns.
func newTestShell(t *testing.T) *practice {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefDateOrder.key, string(data.DayMonthYear)) // the same dates whatever the machine's locale
	s := openShell(t, a, filepath.Join(t.TempDir(), "practice.mutua"))
	s.win.Resize(fyne.NewSize(1180, 760))
	return s.cur
}

// openShell opens a window of app a on the practice at path; work that would run in the
// background runs at once. The practice is closed when the test ends.
func openShell(t *testing.T, a fyne.App, path string) *Shell {
	t.Helper()
	s := NewShell(a, Options{Sample: assets.Sample()})
	s.background = func(f func()) { f() }
	if err := s.OpenPractice(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeWithoutBackup(s) })
	return s
}

// closeWithoutBackup closes the practice open at the end of a test, without the backup a
// coach gets on closing: the test's folder goes anyway.
func closeWithoutBackup(s *Shell) {
	if p := s.cur; p != nil {
		s.discard(p)
		p.store.Close()
	}
}

// newSampleShell is newTestShell on a practice holding the sample.
func newSampleShell(t *testing.T) *practice {
	t.Helper()
	path := filepath.Join(t.TempDir(), "practice.mutua")
	raw, err := samplePractice()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefDateOrder.key, string(data.DayMonthYear))
	s := openShell(t, a, path)
	s.win.Resize(fyne.NewSize(1180, 760))
	return s.cur
}

// samplePractice is a practice file holding the sample, made once for all the tests that
// start from it (importing it each time cost a second a test).
var samplePractice = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "mutua-sample-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sample.mutua")
	if err := sqlite.CreateFromExport(path, bytes.NewReader(assets.Sample()), sqlite.ImportOptions{}); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
})

// texts returns every text shown under o: labels, buttons, entries and checks.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return out
}

// shows reports whether some text under o contains want.
func shows(o fyne.CanvasObject, want string) bool {
	for _, t := range texts(o) {
		if strings.Contains(t, want) {
			return true
		}
	}
	return false
}

// pressShortcut presses Ctrl (Cmd on macOS) and key on the window, as the coach would.
func pressShortcut(s interface{ Window() fyne.Window }, key fyne.KeyName) {
	// The test canvas wraps the canvas that holds the shortcuts.
	inner := reflect.ValueOf(s.Window().Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
	inner.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

// topDialog returns what the topmost dialog shows, or nil when none is open.
func topDialog(s interface{ Window() fyne.Window }) fyne.CanvasObject {
	return s.Window().Canvas().Overlays().Top()
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button in %v", text, texts(o))
	}
	return found
}

func TestEmptyRosterSaysWhatToDo(t *testing.T) {
	s := newTestShell(t)
	if !strings.HasPrefix(s.win.Title(), "practice.mutua") {
		t.Errorf("window title %q does not name the practice file", s.win.Title())
	}
	r := s.roster
	if r.content.Objects[0] != r.empty {
		t.Fatal("an empty practice should show the empty state")
	}
	for _, b := range []string{"Add participant", "Import roster (CSV)…", "Open sample practice"} {
		findButton(t, r.content, b)
	}
	test.Tap(findButton(t, r.content, "Add participant"))
	if r.form == nil || topDialog(s) == nil {
		t.Fatal("Add participant did not open the form")
	}
}

func TestAddParticipant(t *testing.T) {
	s := newTestShell(t)
	r := s.roster
	pressShortcut(s, fyne.KeyN)
	if r.form == nil {
		t.Fatal("Ctrl+N did not open the form")
	}
	f := r.form
	test.Type(f.name, "Zoë Ødegård")
	test.Type(f.email, "zoe@fernhill.example")
	test.Type(f.company, "Fernhill Bank")
	test.Type(f.strengths, "negotiation; board relations")
	f.seniority.SetSelectedIndex(5)
	test.Tap(f.save)

	got, err := s.store.ParticipantByEmail("zoe@fernhill.example")
	if err != nil {
		t.Fatalf("participant not saved: %v", err)
	}
	if got.Name != "Zoë Ødegård" || got.Seniority != 5 || len(got.Strengths) != 2 {
		t.Errorf("saved %+v", got)
	}
	if topDialog(s) != nil {
		t.Error("the form stayed open after saving")
	}
	if r.content.Objects[0] != r.main || len(r.shown) != 1 || r.count.Text != "1 participant" {
		t.Errorf("roster shows %d (%q), want the new participant", len(r.shown), r.count.Text)
	}
	if r.selected != got.ID || !shows(r.detail, "Zoë Ødegård") || !shows(r.detail, "negotiation; board relations") {
		t.Errorf("the new participant's page is not open: %v", texts(r.detail))
	}
}

func TestAddParticipantShowsProblems(t *testing.T) {
	s := newTestShell(t)
	r := s.roster
	r.onAddTapped()
	f := r.form
	test.Type(f.email, "zoe@")
	f.capacity.SetText("12")
	test.Tap(f.save)
	if !f.problem.Visible() {
		t.Fatal("no problem shown")
	}
	for _, want := range []string{"needs a name", `"zoe@" is not a valid email`, "Capacity must be a whole number from 1 to 10"} {
		if !strings.Contains(f.problem.Text, want) {
			t.Errorf("problem %q does not say %q", f.problem.Text, want)
		}
	}
	if topDialog(s) == nil {
		t.Error("the form closed, losing what was typed")
	}
	roster, _ := s.store.Roster()
	if len(roster.Entries) != 0 {
		t.Errorf("%d participants saved, want none", len(roster.Entries))
	}

	// A duplicate email is caught by the store and shown in the same place.
	s.store.CreateParticipant(&data.Participant{Name: "Zoe Other", Email: "zoe@fernhill.example"})
	f.name.SetText("Zoë Ødegård")
	f.email.SetText("ZOE@fernhill.example")
	f.capacity.SetText("1")
	test.Tap(f.save)
	if !strings.Contains(f.problem.Text, "already exists: Zoe Other") {
		t.Errorf("duplicate email problem = %q", f.problem.Text)
	}
}

func TestEditParticipant(t *testing.T) {
	s := newSampleShell(t)
	r := s.roster
	zoe, _ := s.store.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	r.selectParticipant(zoe.ID)
	if !shows(r.detail, "Chief Financial Officer") {
		t.Fatalf("page shows %v", texts(r.detail))
	}
	test.Tap(r.page.edit)
	f := r.form
	if f.name.Text != "Zoë Ødegård" || f.seniority.SelectedIndex() != 6 {
		t.Fatalf("form not filled in: %q, seniority %d", f.name.Text, f.seniority.SelectedIndex())
	}
	f.title.SetText("Chief Executive")
	f.development.SetText("digital product thinking; public speaking")
	test.Tap(f.save)
	got, _ := s.store.Participant(zoe.ID)
	if got.Title != "Chief Executive" || data.JoinTags(got.DevelopmentAreas) != "digital product thinking; public speaking" {
		t.Errorf("saved %q, %v", got.Title, got.DevelopmentAreas)
	}
	if got.Email != zoe.Email || got.YearsExperience != zoe.YearsExperience {
		t.Errorf("fields not on the form's screen were changed: %+v", got)
	}
	if !shows(r.detail, "Chief Executive") || !shows(r.detail, "public speaking") {
		t.Errorf("page not updated: %v", texts(r.detail))
	}
}

func TestSearchAndFilters(t *testing.T) {
	s := newSampleShell(t)
	r := s.roster
	total := len(r.roster.Entries)
	if len(r.shown) != total || total < 24 {
		t.Fatalf("sample shows %d of %d", len(r.shown), total)
	}
	pressShortcut(s, fyne.KeyF)
	if s.win.Canvas().Focused() != r.search {
		t.Error("Ctrl+F did not focus the search")
	}
	test.Type(r.search, "fernhill")
	if len(r.shown) != 3 || r.count.Text != "3 of 26 participants" {
		t.Errorf("search fernhill shows %d (%q), want 3", len(r.shown), r.count.Text)
	}
	r.search.SetText("zoe")
	if len(r.shown) != 1 || r.roster.Entries[r.shown[0]].Name != "Zoë Ødegård" {
		t.Errorf("accent-free search did not find Zoë")
	}
	r.search.SetText("generative ai")
	if len(r.shown) != 7 {
		t.Errorf("tag search shows %d, want the 7 who can teach or want to learn it", len(r.shown))
	}
	r.search.SetText("")
	r.cohort.SetSelected("Autumn 2026 reverse mentoring")
	if len(r.shown) != 10 {
		t.Errorf("cohort filter shows %d, want 10", len(r.shown))
	}
	r.status.SetSelected("Alumni")
	if len(r.shown) != 0 || r.count.Text != "0 of 26 participants" {
		t.Errorf("alumni filter shows %d", len(r.shown))
	}
}

func TestArchiveAndCohortMembership(t *testing.T) {
	s := newSampleShell(t)
	r := s.roster
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	r.selectParticipant(ana.ID)
	test.Tap(r.page.archive)
	got, _ := s.store.Participant(ana.ID)
	if got.Status != data.Alumni || r.page.archive.Text != "Reactivate" {
		t.Errorf("after Archive: status %s, button %q", got.Status, r.page.archive.Text)
	}
	test.Tap(r.page.archive)
	if got, _ := s.store.Participant(ana.ID); got.Status != data.Active {
		t.Errorf("after Reactivate: status %s", got.Status)
	}

	r.page.cohorts.SetSelected([]string{"Autumn 2026 reverse mentoring", "Spring 2026 executive circle"})
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	if autumn.Members != 11 {
		t.Errorf("autumn has %d members, want 11", autumn.Members)
	}
	r.page.cohorts.SetSelected([]string{"Autumn 2026 reverse mentoring"})
	spring, _ := s.store.CohortByName("Spring 2026 executive circle")
	if spring.Members != 15 {
		t.Errorf("spring has %d members, want 15", spring.Members)
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Roster")
	r := s.roster
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	r.selectParticipant(ana.ID)
	test.Tap(r.page.remove)
	if r.page.confirm == nil || !shows(topDialog(s), "Delete Ana Pereira from this practice?") {
		t.Fatal("no confirmation naming the participant")
	}
	kept, _ := sqlite.Backups(s.store.BackupDir())
	for _, want := range []string{"the backups keep Ana Pereira for up to 12 months", fmt.Sprintf("Also erase them from every kept backup (%d backups", len(kept)), "1 profile", "notes"} {
		if !shows(topDialog(s), want) {
			t.Errorf("the confirmation does not say %q: %v", want, texts(topDialog(s)))
		}
	}
	r.page.confirm.Dismiss()
	if _, err := s.store.Participant(ana.ID); err != nil {
		t.Fatalf("cancel deleted the participant: %v", err)
	}
	test.Tap(r.page.remove)
	r.page.confirm.Confirm()
	if _, err := s.store.Participant(ana.ID); data.ErrorCode(err) != data.NotFound {
		t.Fatalf("after confirming, participant still there: %v", err)
	}
	if len(r.roster.Entries) != 25 || r.selected != 0 || shows(r.detail, "Ana Pereira") {
		t.Errorf("roster still shows the deleted participant")
	}
	if d := topDialog(s); !shows(d, "Ana Pereira was deleted, and every mention of them in the practice replaced by [removed].") || !shows(d, "backups still hold them") {
		t.Errorf("after deleting: %v", texts(d))
	}
}

func TestDeleteFromEveryBackup(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Roster")
	r := s.roster
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	if _, err := s.store.Backup("daily"); err != nil {
		t.Fatal(err)
	}
	r.selectParticipant(ana.ID)
	test.Tap(r.page.remove)
	if r.page.eraseBackups == nil || r.page.eraseBackups.Checked {
		t.Fatal("no checkbox to erase from the backups, or it is ticked already")
	}
	r.page.eraseBackups.SetChecked(true)
	r.page.confirm.Confirm()
	if d := topDialog(s); !shows(d, "They were erased from all") {
		t.Errorf("after deleting: %v", texts(d))
	}
	list, _ := sqlite.Backups(s.store.BackupDir())
	for _, b := range list {
		raw, _ := os.ReadFile(b.Path)
		if len(raw) == 0 || bytes.Contains(raw, []byte("ana.pereira@northwind.example")) || bytes.Contains(raw, []byte("Pereira")) {
			t.Errorf("%s still holds her", b.Path)
		}
	}
}

func TestImportRosterCSV(t *testing.T) {
	s := newTestShell(t)
	s.selectTab("Roster")
	r := s.roster
	s.store.CreateParticipant(&data.Participant{Name: "Dev Patel", Email: "dev@northwind.example", Title: "Head of Data"})
	r.previewImport("spring cohort.csv", []byte("name,email,title,company,cohort,shoe size\nMei Lin,mei@orbital.example,CTO,Orbital Software,Spring 2027,38\n"+
		"Dev Patel,DEV@northwind.example,Chief Data Officer,Northwind,,44\nNoor Haddad,noor@helix.example,CEO,Helix,Spring 2027,39\n"))
	d := topDialog(s)
	for _, want := range []string{"File: spring cohort.csv", "3 participants: 2 new (Mei Lin, Noor Haddad); 1 already in the practice, matched by email, whose details will be updated (Dev Patel)", "New cohort: Spring 2027", "shoe size"} {
		if !shows(d, want) {
			t.Errorf("the preview does not say %q: %v", want, texts(d))
		}
	}
	if roster, _ := s.store.Roster(); len(roster.Entries) != 1 {
		t.Fatalf("%d participants before the coach confirmed, want the 1 there already", len(roster.Entries))
	}
	test.Tap(findButton(t, d, "Cancel"))
	if roster, _ := s.store.Roster(); len(roster.Entries) != 1 || topDialog(s) != nil {
		t.Fatalf("Cancel imported %d participants or left the preview open", len(roster.Entries)-1)
	}

	r.previewImport("spring cohort.csv", []byte("name,email,title,company,cohort,shoe size\nMei Lin,mei@orbital.example,CTO,Orbital Software,Spring 2027,38\n"+
		"Dev Patel,DEV@northwind.example,Chief Data Officer,Northwind,,44\nNoor Haddad,noor@helix.example,CEO,Helix,Spring 2027,39\n"))
	test.Tap(findButton(t, topDialog(s), "Import 3 participants"))
	if !shows(topDialog(s), "Added 2 participants and updated 1") {
		t.Errorf("import report shows %v", texts(topDialog(s)))
	}
	if dev, _ := s.store.ParticipantByEmail("dev@northwind.example"); dev.Title != "Chief Data Officer" {
		t.Errorf("Dev's title = %q, want the file's", dev.Title)
	}
	if len(r.shown) != 3 || r.content.Objects[0] != r.main {
		t.Errorf("roster shows %d after import, want 3", len(r.shown))
	}
	if len(r.cohort.Options) != 2 || r.cohort.Options[1] != "Spring 2027" {
		t.Errorf("cohort filter options = %v", r.cohort.Options)
	}

	// A bad file changes nothing and lists every problem with its line, before any confirmation.
	r.previewImport("bad.csv", []byte("name,email,seniority\nAna,ana@x.example,9\nBen,ben@,2\n"))
	d = topDialog(s)
	for _, want := range []string{"2 problems", "line 2: Seniority must be a level from 1", `line 3: "ben@" is not a valid email`} {
		if !shows(d, want) {
			t.Errorf("error dialog does not say %q: %v", want, texts(d))
		}
	}
	roster, _ := s.store.Roster()
	if len(roster.Entries) != 3 {
		t.Errorf("%d participants after a refused import, want 3", len(roster.Entries))
	}
}

func TestImportQuestionnaireMeansAsks(t *testing.T) {
	raw, err := os.ReadFile("../data/sqlite/testdata/roster_questionnaire_means.csv")
	if err != nil {
		t.Fatal(err)
	}
	results := func(s *practice, key string) []data.Assessment {
		ana, err := s.store.ParticipantByEmail("ana.pereira@northwind.example")
		if err != nil {
			return nil
		}
		in, _ := s.store.InstrumentByKey(key)
		list, _ := s.store.Assessments(ana.ID, in.ID)
		return list
	}
	for _, tc := range []struct {
		button     string
		five, wo   int
		wantJob    float64
		reportSays string
	}{
		{"Cancel", 0, 0, 0, ""},
		{"Record on the 1–5 questionnaire", 1, 0, 3.2, "5 results on the Five Work Orientations questionnaire"},
		{"Rescale to 0–100", 0, 1, 55, "5 work-orientation results rescaled from 1–5 to 0–100"},
	} {
		t.Run(tc.button, func(t *testing.T) {
			s := newTestShell(t)
			s.roster.previewImport("means.csv", raw)
			d := topDialog(s)
			if !shows(d, "5 or less") || !shows(d, "Work Orientation is scored from 0 to 100") {
				t.Errorf("the preview does not say why it stopped: %v", texts(d))
			}
			for _, b := range []string{"Cancel", "Record on the 1–5 questionnaire", "Rescale to 0–100"} {
				findButton(t, d, b)
			}
			if roster, _ := s.store.Roster(); len(roster.Entries) != 0 {
				t.Fatal("participants imported before the coach chose")
			}
			test.Tap(findButton(t, d, tc.button))
			five, wo := results(s, sqlite.FiveOrientationsKey), results(s, data.WorkOrientationKey)
			if len(five) != tc.five || len(wo) != tc.wo {
				t.Fatalf("Ana has %d questionnaire and %d Work Orientation results, want %d and %d", len(five), len(wo), tc.five, tc.wo)
			}
			if got := append(five, wo...); len(got) == 1 && got[0].Values[0].Number != tc.wantJob {
				t.Errorf("Ana's job score = %v, want %v", got[0].Values[0].Number, tc.wantJob)
			}
			if tc.reportSays != "" && !shows(topDialog(s), tc.reportSays) {
				t.Errorf("import report shows %v", texts(topDialog(s)))
			}
			if roster, _ := s.store.Roster(); tc.button == "Cancel" && len(roster.Entries) != 0 {
				t.Error("Cancel imported the file")
			}
		})
	}
}

func TestCohortsScreen(t *testing.T) {
	s := newSampleShell(t)
	c := s.cohorts
	s.selectTab("Cohorts")
	if len(c.roster.Cohorts) != 2 {
		t.Fatalf("cohorts screen lists %d cohorts", len(c.roster.Cohorts))
	}
	test.Tap(c.add)
	f := c.form
	test.Type(f.name, "Winter 2027 lateral circle")
	test.Type(f.cadence, "Monthly")
	test.Tap(f.save)
	winter, err := s.store.CohortByName("Winter 2027 lateral circle")
	if err != nil {
		t.Fatalf("cohort not saved: %v", err)
	}
	if c.selected != winter.ID || c.title.Text != "Winter 2027 lateral circle" || c.memberCount.Text != "0 members" {
		t.Errorf("new cohort not shown: %q %q", c.title.Text, c.memberCount.Text)
	}

	test.Tap(c.addMembers)
	p := c.picker
	test.Type(p.search, "chief executive")
	if len(p.shown) != 5 {
		t.Errorf("picker search shows %d, want 5 chief executives", len(p.shown))
	}
	for _, e := range p.shown[:2] {
		p.onTicked(e.ID, true)
	}
	if p.add.Text != "Add 2" {
		t.Errorf("add button says %q", p.add.Text)
	}
	test.Tap(p.add)
	if winter, _ = s.store.CohortByName(winter.Name); winter.Members != 2 || len(c.members) != 2 {
		t.Errorf("cohort has %d members (screen %d), want 2", winter.Members, len(c.members))
	}

	c.onRemoveMember(c.members[0].ID)
	if winter, _ = s.store.CohortByName(winter.Name); winter.Members != 1 {
		t.Errorf("after removing: %d members", winter.Members)
	}

	test.Tap(c.edit)
	c.form.name.SetText("Spring 2026 executive circle")
	test.Tap(c.form.save)
	if !strings.Contains(c.form.problem.Text, "already a cohort called") {
		t.Errorf("duplicate name problem = %q", c.form.problem.Text)
	}
	c.form.name.SetText("Winter 2027 circle")
	test.Tap(c.form.save)
	if _, err := s.store.CohortByName("Winter 2027 circle"); err != nil {
		t.Errorf("rename not saved: %v", err)
	}

	test.Tap(c.remove)
	c.confirm.Confirm()
	if _, err := s.store.CohortByName("Winter 2027 circle"); data.ErrorCode(err) != data.NotFound {
		t.Errorf("cohort not deleted: %v", err)
	}
	if roster, _ := s.store.Roster(); len(roster.Entries) != 26 {
		t.Errorf("deleting a cohort removed participants: %d left", len(roster.Entries))
	}
}

func TestCancelAddParticipantAsksWhenTyped(t *testing.T) {
	s := newTestShell(t)
	r := s.roster
	r.onAddTapped()
	test.Tap(r.form.cancel)
	if topDialog(s) != nil {
		t.Fatal("Cancel on an untouched form should just close it")
	}

	r.onAddTapped()
	f := r.form
	test.Type(f.name, "Zoë Ødegård")
	s.lastConfirm = nil
	test.Tap(f.cancel)
	if s.lastConfirm == nil || !shows(topDialog(s), "Close without saving what you typed?") {
		t.Fatalf("Cancel after typing did not ask: %v", texts(topDialog(s)))
	}
	s.lastConfirm.Dismiss()
	if topDialog(s) == nil || f.name.Text != "Zoë Ødegård" {
		t.Fatal("keeping the form lost it or what was typed")
	}
	test.Tap(f.cancel)
	s.lastConfirm.Confirm()
	if topDialog(s) != nil {
		t.Error("Discard left the form open")
	}
	if roster, _ := s.store.Roster(); len(roster.Entries) != 0 {
		t.Errorf("Discard saved %d participants", len(roster.Entries))
	}
}

func TestDuplicateEmailMarkedWhileTyping(t *testing.T) {
	s := newSampleShell(t)
	r := s.roster
	r.onAddTapped()
	f := r.form
	test.Type(f.name, "Zoe Odegard")
	test.Type(f.email, "ZOE.odegard@fernhillbank.example")
	if !f.emailTaken.Visible() || !strings.Contains(f.emailTaken.Text, "already exists: Zoë Ødegård") || !shows(topDialog(s), "already exists: Zoë Ødegård") {
		t.Errorf("duplicate email while typing: %q", f.emailTaken.Text)
	}
	if err := f.email.Validate(); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("the email entry takes the duplicate as valid: %v", err)
	}
	test.Type(f.email, "x")
	if f.emailTaken.Visible() {
		t.Error("an email no one has is still marked")
	}
	f.email.SetText("zoe.odegard@other.example")
	if err := f.email.Validate(); err != nil || f.emailTaken.Visible() {
		t.Errorf("a new email is marked: %v", err)
	}
	s.lastConfirm = nil
	test.Tap(f.cancel)
	s.lastConfirm.Confirm()

	// Her own email is not a duplicate when her profile is edited.
	zoe, _ := s.store.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	r.selectParticipant(zoe.ID)
	test.Tap(r.page.edit)
	if err := r.form.email.Validate(); err != nil || r.form.emailTaken.Visible() {
		t.Errorf("editing Zoë marks her own email: %v", err)
	}
}

func TestParticipantPageOpensAtItsTop(t *testing.T) {
	s := newSampleShell(t)
	r := s.roster
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	zoe, _ := s.store.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	r.selectParticipant(ana.ID)
	r.page.scroll.ScrollToBottom()
	if r.page.scroll.Offset.Y == 0 {
		t.Fatal("Ana's page is too short to scroll; the test needs a longer page")
	}
	test.Tap(r.page.archive) // the same page, read again, stays where the coach was
	if r.page.scroll.Offset.Y == 0 {
		t.Error("reading the same page again jumped to its top")
	}
	r.selectParticipant(zoe.ID)
	if r.page.scroll.Offset.Y != 0 || !shows(r.detail, "Zoë Ødegård") {
		t.Errorf("Zoë's page opened scrolled down by %v", r.page.scroll.Offset.Y)
	}
}

func TestExportEverythingAboutAPerson(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Roster")
	r := s.roster
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	r.selectParticipant(ana.ID)
	test.Tap(findButton(t, r.detail, "Export everything about this person…"))
	if r.page.exportForm == nil || r.page.exportForm.Selected != personAsPDF || !shows(topDialog(s), "including your private notes") {
		t.Fatalf("the export dialog: %v", texts(topDialog(s)))
	}
	dir := t.TempDir()
	r.page.exportPerson(true, filepath.Join(dir, "ana.pdf"))
	r.page.exportPerson(false, filepath.Join(dir, "ana.json"))
	pdf, _ := os.ReadFile(filepath.Join(dir, "ana.pdf"))
	js, _ := os.ReadFile(filepath.Join(dir, "ana.json"))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(js, []byte(`"email": "ana.pereira@northwind.example"`)) {
		t.Errorf("PDF %d bytes, JSON %q", len(pdf), js[:min(len(js), 200)])
	}
	if !shows(topDialog(s), "Everything held about Ana Pereira was saved to") {
		t.Errorf("after saving: %v", texts(topDialog(s)))
	}
}
