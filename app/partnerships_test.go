package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"mutua/data"
)

// findPartnership returns the sample partnership that has a member with this name.
func findPartnership(t *testing.T, s *practice, name string) data.Partnership {
	t.Helper()
	list, err := s.store.Partnerships()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if strings.Contains(p.Names(" "), name) {
			return p
		}
	}
	t.Fatalf("no partnership with %s", name)
	return data.Partnership{}
}

func TestPartnershipsScreen(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Partnerships")
	ps := s.partnerships
	if len(ps.shown) != 7 || !strings.Contains(ps.count.Text, "7 of 8") {
		t.Errorf("active filter shows %d (%q), want the 7 active", len(ps.shown), ps.count.Text)
	}
	if !strings.HasPrefix(ps.outcome.Text, "Productive: ") {
		t.Errorf("outcome line %q", ps.outcome.Text)
	}
	ps.status.SetSelected(endedLabel)
	if len(ps.shown) != 1 {
		t.Errorf("ended early: %d", len(ps.shown))
	}
	ps.status.SetSelected(anyLabel)
	ps.search.SetText("lukasz")
	if len(ps.shown) != 1 || !strings.Contains(ps.all[ps.shown[0]].Names(" "), "Łukasz") {
		t.Errorf("search by member without accents: %d", len(ps.shown))
	}

	jose := findPartnership(t, s, "José")
	s.openPartnership(jose.ID)
	pg := ps.page
	if pg.page == nil || pg.page.ID != jose.ID || !shows(pg.content, "José Álvarez + Dev Patel") {
		t.Fatalf("page not open: %v", texts(pg.content))
	}
	for _, want := range []string{"Why they were paired", "José can teach Dev team morale", "Fit check", "Agreement", "Open action items", "How productive"} {
		if !shows(pg.overview, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
}

func TestLogSessionWithNotesAndActions(t *testing.T) {
	s := newSampleShell(t)
	zoe := findPartnership(t, s, "Zoë")
	s.openPartnership(zoe.ID)
	pg := s.partnerships.page
	before := len(pg.page.SessionLog)
	test.Tap(pg.logSession)
	f := pg.sessionForm
	if f == nil || topDialog(s) == nil {
		t.Fatal("no session form")
	}
	members := pg.page.Members
	f.rating[members[0].ParticipantID].SetSelectedIndex(5)
	f.rating[members[1].ParticipantID].SetSelectedIndex(4)
	f.suggestion.SetSelectedIndex(0)
	if f.topics.Text == "" {
		t.Error("choosing a suggested agenda did not fill the topics")
	}
	test.Type(f.notes[0].body, "Zoë worried about the board vote.")
	f.addNote()
	f.notes[1].visibility.SetSelected(data.Shared.Label())
	test.Type(f.notes[1].body, "Agreed to swap board papers.")
	f.addNote()
	f.notes[2].visibility.SetSelected(data.Sponsor.Label())
	test.Type(f.notes[2].body, "Productive session on governance.")
	for _, want := range []string{"no report ever shows it", "goes into their progress reports", "may go into the cohort summary"} {
		if !shows(topDialog(s), want) {
			t.Errorf("the form does not say who reads a note: %q missing", want)
		}
	}
	f.addAction()
	test.Type(f.actions[0].text, "Send Ngozi the board paper")
	f.actions[0].owner.SetSelected(members[0].Name)
	due := time.Now().AddDate(0, 0, 14)
	f.actions[0].due.SetDate(&due)
	test.Tap(f.save)
	if f.problem.Visible() {
		t.Fatalf("problem: %s", f.problem.Text)
	}

	page, _ := s.store.Partnership(zoe.ID)
	if len(page.SessionLog) != before+1 {
		t.Fatalf("%d sessions, want %d", len(page.SessionLog), before+1)
	}
	se := page.SessionLog[0]
	vis := map[data.Visibility]string{}
	for _, n := range se.Notes {
		vis[n.Visibility] = n.Body
	}
	if vis[data.Private] != "Zoë worried about the board vote." || vis[data.Shared] != "Agreed to swap board papers." || vis[data.Sponsor] != "Productive session on governance." {
		t.Errorf("notes saved: %v", vis)
	}
	if se.Rating(members[0].ParticipantID) != 5 || se.Rating(members[1].ParticipantID) != 4 || len(se.ActionItems) != 1 || se.ActionItems[0].OwnerID != members[0].ParticipantID {
		t.Errorf("session saved: %+v", se)
	}
	if pg.selectedSession != 0 || !shows(pg.sessionDetail, "Zoë worried about the board vote.") || !shows(pg.sessionDetail, "Send Ngozi the board paper") {
		t.Errorf("the new session is not shown: %v", texts(pg.sessionDetail))
	}

	// Change a note's visibility from the session's page: private becomes sponsor-safe.
	var private data.Note
	for _, n := range se.Notes {
		if n.Visibility == data.Private {
			private = n
		}
	}
	pg.visibility[private.ID].SetSelected(data.Sponsor.Label())
	page, _ = s.store.Partnership(zoe.ID)
	for _, n := range page.SessionLog[0].Notes {
		if n.ID == private.ID && n.Visibility != data.Sponsor {
			t.Errorf("visibility now %s, want sponsor", n.Visibility)
		}
	}

	// A session dated before the partnership started is refused, the form stays open.
	test.Tap(pg.logSession)
	f = pg.sessionForm
	early := page.StartedOn.Time().AddDate(0, 0, -3)
	f.date.SetDate(&early)
	test.Type(f.notes[0].body, "Should not be saved.")
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "before the partnership started") || topDialog(s) == nil {
		t.Errorf("early session: problem %q", f.problem.Text)
	}
}

func TestFitCheckAndEnding(t *testing.T) {
	s := newSampleShell(t)
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	plan, err := s.store.PlanRound(autumn.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	start := data.DateOf(time.Now().AddDate(0, 0, -20))
	if err := s.store.ApproveRound(plan, start); err != nil {
		t.Fatal(err)
	}
	var fresh data.Partnership
	list, _ := s.store.Partnerships()
	for _, p := range list {
		if p.CohortID == autumn.ID {
			fresh = p
		}
	}
	se := data.Session{PartnershipID: fresh.ID, HeldOn: start.AddDays(7), DurationMinutes: 45,
		Attendance: []data.Attendance{{ParticipantID: fresh.Members[0].ParticipantID, Attended: true}, {ParticipantID: fresh.Members[1].ParticipantID, Attended: true}}}
	if err := s.store.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	s.reload()
	s.openPartnership(fresh.ID)
	pg := s.partnerships.page
	first, second := fresh.Members[0], fresh.Members[1]
	buttons, ok := pg.fitButtons[first.ParticipantID]
	if !ok {
		t.Fatalf("no fit check buttons: %v", texts(pg.overview))
	}
	test.Tap(buttons[0]) // keep
	if p, _ := s.store.Partnership(fresh.ID); p.Member(first.ParticipantID).FitCheck != data.Keep {
		t.Errorf("keep not recorded")
	}
	test.Tap(pg.fitButtons[second.ParticipantID][1]) // re-match: asks first
	if s.lastConfirm == nil {
		t.Fatal("re-match did not ask for confirmation")
	}
	s.lastConfirm.Confirm()
	p, _ := s.store.Partnership(fresh.ID)
	if p.Status != data.EndedEarly || p.EndReason != "fit" {
		t.Errorf("after re-match: %s, %q", p.Status, p.EndReason)
	}
	if !pg.logSession.Disabled() || !shows(pg.subtitle, "Ended early") {
		t.Errorf("the page does not show the end: %q", pg.subtitle.Text)
	}

	// End another partnership by hand, early, with a reason; then the agreement gets measures.
	other := findPartnership(t, s, "Hiroshi")
	s.openPartnership(other.ID)
	test.Tap(pg.editAgreement)
	pg.agreement.measures.SetText("Hiroshi runs a data review with his plant team by March.")
	test.Tap(pg.agreement.save)
	if p, _ := s.store.Partnership(other.ID); p.Agreement.SuccessMeasures == "" || len(p.Agreements) != 2 {
		t.Errorf("agreement not saved as a new version: %+v", p.Agreements)
	}
	test.Tap(pg.end)
	pg.endForm.how.SetSelected(endedLabel)
	test.Tap(pg.endForm.save)
	if !strings.Contains(pg.endForm.problem.Text, "Say why") {
		t.Errorf("ending early without a reason: %q", pg.endForm.problem.Text)
	}
	pg.endForm.reason.SetText("changed role")
	test.Tap(pg.endForm.save)
	if p, _ := s.store.Partnership(other.ID); p.Status != data.EndedEarly || p.EndReason != "changed role" {
		t.Errorf("after ending: %s %q", p.Status, p.EndReason)
	}
}

func TestParticipantPageOpensTheirPartnership(t *testing.T) {
	s := newSampleShell(t)
	jose, _ := s.store.ParticipantByEmail("jose.alvarez@marigold.example")
	s.openParticipant(jose.ID)
	pg := s.roster.page
	button := findButton(t, pg.partners, "José Álvarez + Dev Patel · Spring 2026 executive circle")
	test.Tap(button)
	if s.tabs.Selected().Text != "Partnerships" || s.partnerships.page.page == nil || !strings.Contains(s.partnerships.page.page.Names(" "), "José") {
		t.Errorf("the partnership did not open")
	}
}

// dialogHeight is how tall the topmost dialog is on screen.
func dialogHeight(s *practice) float32 {
	return shownSize(topDialog(s)).Height
}

func TestPartnershipDialogsShowTheirForms(t *testing.T) {
	s := newSampleShell(t)
	hiroshi := findPartnership(t, s, "Hiroshi")
	s.openPartnership(hiroshi.ID)
	pg := s.partnerships.page
	test.Tap(pg.end)
	f := pg.endForm
	if f.reason.Disabled() == false {
		t.Error("the reason is asked for a completed partnership")
	}
	form := f.how.MinSize().Height + f.reason.MinSize().Height + f.date.MinSize().Height
	if h := dialogHeight(s); h < form+60 {
		t.Errorf("end dialog is %v high; its form needs %v", h, form)
	}
	f.how.SetSelected(endedLabel)
	if f.reason.Disabled() {
		t.Error("no reason can be given for an early end")
	}
	f.dialog.Hide()

	test.Tap(pg.addNote)
	if h := dialogHeight(s); h < pg.noteForm.body.MinSize().Height+pg.noteForm.visibility.MinSize().Height+40 {
		t.Errorf("note dialog is %v high", h)
	}
	pg.noteForm.visibility.SetSelected(data.Sponsor.Label())
	test.Type(pg.noteForm.body, "Whole-partnership note.")
	test.Tap(pg.noteForm.save)
	page, _ := s.store.Partnership(hiroshi.ID)
	if len(page.Notes) == 0 || page.Notes[len(page.Notes)-1].Visibility != data.Sponsor {
		t.Fatalf("partnership note not saved: %+v", page.Notes)
	}
	// Delete it again, after a confirmation.
	pg.onEditNote(page.Notes[len(page.Notes)-1])
	test.Tap(pg.noteForm.remove)
	s.lastConfirm.Confirm()
	if again, _ := s.store.Partnership(hiroshi.ID); len(again.Notes) != len(page.Notes)-1 {
		t.Error("note not deleted")
	}
}

func TestBackdatedSessionIsTheOneShown(t *testing.T) {
	s := newSampleShell(t)
	zoe := findPartnership(t, s, "Zoë")
	s.openPartnership(zoe.ID)
	pg := s.partnerships.page
	pg.tabs.SelectIndex(1)
	test.Tap(pg.logSession)
	f := pg.sessionForm
	day := zoe.StartedOn.Time().AddDate(0, 1, 3)
	f.date.SetDate(&day)
	test.Type(f.notes[0].body, "Back-dated session note.")
	test.Tap(f.save)
	if f.problem.Visible() {
		t.Fatal(f.problem.Text)
	}
	if pg.selectedSession <= 0 || !shows(pg.sessionDetail, "Back-dated session note.") {
		t.Errorf("shown session %d: %v", pg.selectedSession, texts(pg.sessionDetail))
	}
	// Opening the partnership from elsewhere shows the overview, where the fixes are.
	s.selectTab("Home")
	s.openPartnership(zoe.ID)
	if pg.tabs.SelectedIndex() != 0 {
		t.Error("the partnership opened on its sessions, not its overview")
	}
}

func TestSessionFormAsksBeforeLosingTyping(t *testing.T) {
	s := newSampleShell(t)
	s.openPartnership(findPartnership(t, s, "Zoë").ID)
	pg := s.partnerships.page
	test.Tap(pg.logSession)
	f := pg.sessionForm
	test.Type(f.topics, "Half a thought")
	s.lastConfirm = nil
	test.Tap(f.cancel)
	if s.lastConfirm == nil || topDialog(s) == nil {
		t.Fatal("Cancel threw away the typing without asking")
	}
	s.lastConfirm.Dismiss()
	if f.topics.Text != "Half a thought" {
		t.Error("keeping the form lost the typing")
	}
	// A problem shows above the form, in sight, however far it was scrolled.
	early := time.Date(2020, 1, 1, 0, 0, 0, 0, time.Local)
	f.date.SetDate(&early)
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "before the partnership started") {
		t.Errorf("problem %q", f.problem.Text)
	}
}
