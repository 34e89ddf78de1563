package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"mutua/data"
	"mutua/data/pairing"
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
	plan, err := pairing.PlanRound(s.store, autumn.ID, time.Now())
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

// openSessionOf opens the partnership with a member of this name on its newest session.
func openSessionOf(t *testing.T, s *practice, name string) *partnershipPage {
	t.Helper()
	s.openPartnership(findPartnership(t, s, name).ID)
	pg := s.partnerships.page
	if len(pg.page.SessionLog) == 0 {
		t.Fatalf("%s's partnership has no session", name)
	}
	pg.tabs.SelectIndex(1)
	pg.sessions.Select(0)
	return pg
}

func TestEditASession(t *testing.T) {
	s := newSampleShell(t)
	pg := openSessionOf(t, s, "Zoë")
	se := pg.page.SessionLog[0]
	test.Tap(pg.editSession)
	f := pg.sessionForm
	if f == nil || f.editing == nil || !shows(topDialog(s), "Correct the session") || f.topics.Text != se.Topics ||
		len(f.notes) != max(len(se.Notes), 1) || len(f.actions) != len(se.ActionItems) {
		t.Fatalf("the form is not filled with the session: topics %q, %d notes, %d actions", f.topics.Text, len(f.notes), len(f.actions))
	}
	// The same rules as for a new session: a date before the start is refused, nothing changes.
	early := pg.page.StartedOn.Time().AddDate(0, 0, -3)
	f.date.SetDate(&early)
	test.Tap(f.save)
	if !strings.Contains(f.problem.Text, "before the partnership started") || topDialog(s) == nil {
		t.Fatalf("an early date: problem %q", f.problem.Text)
	}
	day := se.HeldOn.Time()
	f.date.SetDate(&day)
	first := pg.page.Members[0]
	f.attended[first.ParticipantID].SetChecked(true)
	f.rating[first.ParticipantID].SetSelectedIndex(2)
	f.topics.SetText("Succession planning, corrected")
	f.addAction()
	test.Type(f.actions[len(f.actions)-1].text, "Draft the succession memo")
	test.Tap(f.save)
	if topDialog(s) != nil {
		t.Fatalf("not saved: %q", f.problem.Text)
	}
	page, _ := s.store.Partnership(pg.page.ID)
	got := page.SessionLog[0]
	if got.ID != se.ID || got.Topics != "Succession planning, corrected" || got.Rating(first.ParticipantID) != 2 ||
		len(got.ActionItems) != len(se.ActionItems)+1 || len(page.SessionLog) != len(pg.page.SessionLog) {
		t.Errorf("session after the edit: %+v", got)
	}
	if !shows(pg.sessionDetail, "Succession planning, corrected") || !shows(pg.sessionDetail, "Draft the succession memo") ||
		!shows(pg.sessionDetail, first.FirstName()+" rated 2") {
		t.Errorf("the page does not show the change: %v", texts(pg.sessionDetail))
	}

	// Emptying a note deletes it, after a confirmation that names it.
	test.Tap(pg.editSession)
	f = pg.sessionForm
	gone := f.notes[0].body.Text
	f.notes[0].body.SetText("")
	s.lastConfirm = nil
	test.Tap(f.save)
	if s.lastConfirm == nil || !shows(topDialog(s), "Saving deletes the note") || !shows(topDialog(s), clip(gone)) {
		t.Fatalf("no confirmation naming the note: %v", texts(topDialog(s)))
	}
	s.lastConfirm.Dismiss()
	if after, _ := s.store.Partnership(pg.page.ID); len(after.SessionLog[0].Notes) != len(got.Notes) {
		t.Fatal("cancelling the confirmation deleted the note")
	}
	test.Tap(f.save)
	s.lastConfirm.Confirm()
	if after, _ := s.store.Partnership(pg.page.ID); len(after.SessionLog[0].Notes) != len(got.Notes)-1 || topDialog(s) != nil {
		t.Errorf("the note was not deleted: %d notes", len(after.SessionLog[0].Notes))
	}
}

func TestDeleteASessionAsksAndSaysWhatGoes(t *testing.T) {
	s := newSampleShell(t)
	pg := openSessionOf(t, s, "Zoë")
	se := pg.page.SessionLog[0]
	before := len(pg.page.SessionLog)
	test.Tap(pg.deleteSession)
	if s.lastConfirm == nil || !shows(topDialog(s), "Delete the session of "+formatDate(se.HeldOn)) {
		t.Fatalf("no confirmation naming the session: %v", texts(topDialog(s)))
	}
	if n := len(se.Notes); n > 0 && !shows(topDialog(s), fmt.Sprintf("%d note", n)) {
		t.Errorf("the confirmation does not say its %d notes go: %v", n, texts(topDialog(s)))
	}
	s.lastConfirm.Dismiss()
	if page, _ := s.store.Partnership(pg.page.ID); len(page.SessionLog) != before {
		t.Fatal("cancel deleted the session")
	}
	test.Tap(pg.deleteSession)
	s.lastConfirm.Confirm()
	page, _ := s.store.Partnership(pg.page.ID)
	if len(page.SessionLog) != before-1 || len(pg.page.SessionLog) != before-1 {
		t.Fatalf("%d sessions after deleting, want %d", len(page.SessionLog), before-1)
	}
	for _, left := range page.SessionLog {
		if left.ID == se.ID {
			t.Error("the deleted session is still there")
		}
	}
}

func TestReopenADoneActionItem(t *testing.T) {
	s := newSampleShell(t)
	zoe := findPartnership(t, s, "Zoë")
	item := data.ActionItem{PartnershipID: zoe.ID, Text: "Read the governance code"}
	if err := s.store.AddActionItem(&item); err != nil {
		t.Fatal(err)
	}
	s.openPartnership(zoe.ID)
	pg := s.partnerships.page
	pg.actionDone[item.ID].SetChecked(true)
	if !shows(pg.overview, "Done action items") || !shows(pg.overview, "Read the governance code (for both, done ") {
		t.Fatalf("the done item vanished: %v", texts(pg.overview))
	}
	if !pg.actionDone[item.ID].Checked {
		t.Error("the done item is not ticked")
	}
	pg.actionDone[item.ID].SetChecked(false) // a tick by mistake
	page, _ := s.store.Partnership(zoe.ID)
	open := false
	for _, a := range page.OpenActions {
		open = open || a.ID == item.ID
	}
	if !open || !shows(pg.overview, "Read the governance code (for both)") {
		t.Errorf("the item is not open again: %v", texts(pg.overview))
	}
}

func TestPlannedEndAndLengthFollowEachOther(t *testing.T) {
	s := newSampleShell(t)
	zoe := findPartnership(t, s, "Zoë")
	s.openPartnership(zoe.ID)
	pg := s.partnerships.page
	versions := len(pg.page.Agreements)
	test.Tap(pg.changePlan)
	f := pg.planForm
	if f == nil || topDialog(s) == nil {
		t.Fatal("no planned end form")
	}
	// A new end: the length follows.
	end := zoe.StartedOn.Time().AddDate(0, 9, 0)
	f.end.SetDate(&end)
	if f.length.Text != "9 months" {
		t.Errorf("length after picking the end: %q", f.length.Text)
	}
	// A new length: the end follows.
	f.length.SetText("14 months")
	want := data.DateOf(zoe.StartedOn.Time().AddDate(0, 14, 0))
	if f.end.Date == nil || data.DateOf(*f.end.Date) != want {
		t.Errorf("end after typing the length: %v, want %s", f.end.Date, want)
	}
	f.length.SetText("soon")
	test.Tap(f.save)
	if !strings.Contains(f.problem.Text, "Write the planned length") {
		t.Errorf("a length that is not one: %q", f.problem.Text)
	}
	f.length.SetText("14 months")
	test.Tap(f.save)
	if topDialog(s) != nil {
		t.Fatalf("not saved: %q", f.problem.Text)
	}
	page, _ := s.store.Partnership(zoe.ID)
	if page.PlannedEndOn != want || page.Agreement.PlannedLength != "14 months" {
		t.Errorf("saved end %s, length %q", page.PlannedEndOn, page.Agreement.PlannedLength)
	}
	if page.Agreement.ID != 0 && len(page.Agreements) != versions+1 {
		t.Errorf("the agreement's history has %d versions, want %d", len(page.Agreements), versions+1)
	}
	if !shows(pg.overview, "Planned length: 14 months, to "+formatDate(want)) || !shows(pg.subtitle, "planned to end "+formatDate(want)) {
		t.Errorf("the page does not show the new plan: %v", texts(pg.overview))
	}
}

func TestChangeAFitCheckAnswer(t *testing.T) {
	s := newSampleShell(t)
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	plan, err := pairing.PlanRound(s.store, autumn.ID, time.Now())
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
	first, second := fresh.Members[0], fresh.Members[1]
	se := data.Session{PartnershipID: fresh.ID, HeldOn: start.AddDays(7), DurationMinutes: 45,
		Attendance: []data.Attendance{{ParticipantID: first.ParticipantID, Attended: true}, {ParticipantID: second.ParticipantID, Attended: true}}}
	if err := s.store.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	if err := s.store.RecordFitCheck(fresh.ID, second.ParticipantID, data.Rematch); err != nil {
		t.Fatal(err)
	}
	s.reload()
	s.openPartnership(fresh.ID)
	pg := s.partnerships.page
	change, ok := pg.fitChange[second.ParticipantID]
	if !ok || !pg.logSession.Disabled() {
		t.Fatalf("no way to change the re-match answer: %v", texts(pg.overview))
	}
	test.Tap(change)
	f := pg.fitForm
	if f.answer.Selected != "Re-match" {
		t.Errorf("the form opens on %q", f.answer.Selected)
	}
	f.answer.SetSelected("Keep")
	if !strings.Contains(f.effect.Text, "opens the partnership again") {
		t.Errorf("the form does not say the partnership opens again: %q", f.effect.Text)
	}
	test.Tap(f.save)
	p, _ := s.store.Partnership(fresh.ID)
	if p.Status != data.Running || p.Member(second.ParticipantID).FitCheck != data.Keep {
		t.Errorf("after changing to keep: %s, %q", p.Status, p.Member(second.ParticipantID).FitCheck)
	}
	if pg.logSession.Disabled() || shows(pg.subtitle, "Ended early") || !shows(pg.overview, second.Name+": Keep") {
		t.Errorf("the page still shows the end: %q", pg.subtitle.Text)
	}
}

func TestEditANotesText(t *testing.T) {
	s := newSampleShell(t)
	pg := openSessionOf(t, s, "Zoë")
	n := pg.page.SessionLog[0].Notes[0]
	pg.onEditNote(n)
	f := pg.noteForm
	if f.body.Text != n.Body {
		t.Fatalf("the note form opens on %q", f.body.Text)
	}
	f.body.SetText("Zoë was tired after the board meeting; ask about it next time.")
	f.visibility.SetSelected(data.Shared.Label())
	test.Tap(f.save)
	page, _ := s.store.Partnership(pg.page.ID)
	got := page.SessionLog[0].Notes[0]
	if got.ID != n.ID || got.Body != "Zoë was tired after the board meeting; ask about it next time." || got.Visibility != data.Shared {
		t.Errorf("note after editing: %+v", got)
	}
	if !shows(pg.sessionDetail, "Zoë was tired after the board meeting") {
		t.Errorf("the page does not show the new text: %v", texts(pg.sessionDetail))
	}
	// Deleting it names the note.
	pg.onEditNote(got)
	test.Tap(pg.noteForm.remove)
	if !shows(topDialog(s), `Delete the note "Zoë was tired after the board meeting`) {
		t.Errorf("the confirmation does not name the note: %v", texts(topDialog(s)))
	}
}
