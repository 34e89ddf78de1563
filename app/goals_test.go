package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// newGoalsTestPanel shows the goals of a new participant in the window.
func newGoalsTestPanel(t *testing.T) (*practice, *goalsPanel, data.Participant) {
	t.Helper()
	s := newTestShell(t)
	p := data.Participant{Name: "Ana Pereira"}
	if err := s.store.CreateParticipant(&p); err != nil {
		t.Fatal(err)
	}
	g := newGoalsPanel(s)
	s.win.SetContent(g.content)
	g.show(p.ID, p.Name)
	return s, g, p
}

// addGoalThroughDialog adds a goal the way the coach does and returns it as saved.
func addGoalThroughDialog(t *testing.T, s *practice, g *goalsPanel, text string) data.Goal {
	t.Helper()
	test.Tap(g.addGoal)
	if g.form == nil || topDialog(s) == nil {
		t.Fatal("Add goal… opened no dialog")
	}
	test.Type(g.form.text, text)
	test.Tap(g.form.save)
	if topDialog(s) != nil {
		t.Fatalf("the goal dialog stayed open: %q", g.form.problem.Text)
	}
	for _, goal := range g.goals {
		if goal.Text == text {
			return goal
		}
	}
	t.Fatalf("the panel does not list %q", text)
	return data.Goal{}
}

func goalsOf(t *testing.T, s *practice, participantID int64) []data.Goal {
	t.Helper()
	goals, err := s.store.Goals(participantID)
	if err != nil {
		t.Fatal(err)
	}
	return goals
}

func TestGoalsPanelAddGoalAndCheckIn(t *testing.T) {
	s, g, ana := newGoalsTestPanel(t)
	if !g.none.Visible() || !shows(g.content, "No tracked goals yet") || len(g.cards) != 0 {
		t.Fatalf("no empty state: %v", texts(g.content))
	}

	// A goal needs a text: the dialog stays open and says so.
	test.Tap(g.addGoal)
	test.Tap(g.form.save)
	if topDialog(s) == nil || !g.form.problem.Visible() || !strings.Contains(g.form.problem.Text, "A goal needs a text") {
		t.Fatalf("an empty goal: dialog open %v, problem %q", topDialog(s) != nil, g.form.problem.Text)
	}
	if len(goalsOf(t, s, ana.ID)) != 0 {
		t.Fatal("an empty goal was saved")
	}
	test.Type(g.form.text, "Chair the board's risk committee")
	target := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	g.form.target.SetDate(&target)
	test.Tap(g.form.save)
	if topDialog(s) != nil {
		t.Fatalf("the goal dialog stayed open: %q", g.form.problem.Text)
	}
	saved := goalsOf(t, s, ana.ID)
	if len(saved) != 1 || saved[0].Text != "Chair the board's risk committee" || saved[0].TargetOn != data.NewDate(2027, 3, 1) ||
		saved[0].Status != data.GoalOpen || saved[0].Progress != 0 {
		t.Fatalf("saved %+v", saved)
	}
	if g.none.Visible() || len(g.cards) != 1 {
		t.Fatalf("the panel shows %d goals after adding one", len(g.cards))
	}
	card := g.cards[0]
	if !shows(card.content, "Chair the board's risk committee") || !shows(card.content, "Target 1 Mar 2027") ||
		!shows(card.content, "Open") || !shows(card.content, "No check-ins yet.") || card.progress.value != 0 {
		t.Errorf("new goal card: %v, progress %v", texts(card.content), card.progress.value)
	}

	// Check in at 60% with a note: the database and the card follow.
	test.Tap(card.checkIn)
	f := g.checkIn
	if f == nil || topDialog(s) == nil {
		t.Fatal("Check in… opened no dialog")
	}
	if on, err := f.date.value(); err != nil || on != data.DateOf(time.Now()) {
		t.Errorf("the check-in date does not default to today: %q", f.date.entry.Text)
	}
	if f.progress.Value != 0 || f.percent.Text != "0%" {
		t.Errorf("the slider starts at %v (%q), not the goal's 0%%", f.progress.Value, f.percent.Text)
	}
	f.progress.SetValue(60)
	if f.percent.Text != "60%" {
		t.Errorf("the slider's number shows %q", f.percent.Text)
	}
	test.Type(f.note, "Chaired two meetings; the agenda still runs over.")
	test.Tap(f.save)
	if topDialog(s) != nil {
		t.Fatalf("the check-in dialog stayed open: %q", f.problem.Text)
	}
	saved = goalsOf(t, s, ana.ID)
	if saved[0].Progress != 60 || saved[0].Status != data.GoalOpen || len(saved[0].CheckIns) != 1 ||
		saved[0].CheckIns[0].Note != "Chaired two meetings; the agenda still runs over." || saved[0].CheckIns[0].On != data.DateOf(time.Now()) {
		t.Fatalf("after the check-in: %+v", saved[0])
	}
	card = g.cards[0]
	if card.progress.value != 60 || card.progress.text != "60%" {
		t.Errorf("progress bar at %v (%q), want 60%%", card.progress.value, card.progress.text)
	}
	if !shows(card.content, "Chaired two meetings; the agenda still runs over.") || !shows(card.content, formatDate(data.DateOf(time.Now()))+" · 60%") {
		t.Errorf("the check-in is not on the card: %v", texts(card.content))
	}

	// The next check-in starts from the goal's current progress.
	test.Tap(card.checkIn)
	if g.checkIn.progress.Value != 60 || g.checkIn.percent.Text != "60%" {
		t.Errorf("the second check-in starts at %v", g.checkIn.progress.Value)
	}
	g.checkIn.dialog.Hide()
}

func TestGoalsPanelRefusesFutureCheckIn(t *testing.T) {
	s, g, ana := newGoalsTestPanel(t)
	goal := addGoalThroughDialog(t, s, g, "Hire a deputy")
	test.Tap(g.cards[0].checkIn)
	f := g.checkIn
	tomorrow := time.Now().AddDate(0, 0, 1)
	f.date.SetDate(&tomorrow)
	f.progress.SetValue(40)
	test.Type(f.note, "Interviews booked.")
	test.Tap(f.save)
	if topDialog(s) == nil || !f.problem.Visible() || !strings.Contains(f.problem.Text, "is in the future") {
		t.Fatalf("a check-in dated tomorrow: dialog open %v, problem %q", topDialog(s) != nil, f.problem.Text)
	}
	// The refusal shows at the field, which never keeps a tick.
	if !strings.Contains(f.date.words.Text, "is in the future") || f.date.words.Importance != widget.DangerImportance || f.date.entry.Validate() == nil {
		t.Errorf("the date field says %q (%v) of a date in the future", f.date.words.Text, f.date.words.Importance)
	}
	saved := goalsOf(t, s, ana.ID)
	if len(saved) != 1 || saved[0].ID != goal.ID || saved[0].Progress != 0 || len(saved[0].CheckIns) != 0 {
		t.Fatalf("a future check-in changed the goal: %+v", saved)
	}
	if g.cards[0].progress.value != 0 {
		t.Error("the card moved although nothing was saved")
	}

	// Fixing the date saves it, with the progress and note the coach already entered.
	today := time.Now()
	f.date.SetDate(&today)
	test.Tap(f.save)
	if topDialog(s) != nil {
		t.Fatalf("still refused: %q", f.problem.Text)
	}
	if saved := goalsOf(t, s, ana.ID); saved[0].Progress != 40 || len(saved[0].CheckIns) != 1 || saved[0].CheckIns[0].Note != "Interviews booked." {
		t.Errorf("after fixing the date: %+v", saved[0])
	}
}

func TestGoalsPanelCheckInAt100MarksAchieved(t *testing.T) {
	s, g, ana := newGoalsTestPanel(t)
	addGoalThroughDialog(t, s, g, "Present the strategy to the board")
	addGoalThroughDialog(t, s, g, "Mentor a first-time manager")
	if len(g.cards) != 2 {
		t.Fatalf("%d cards for 2 goals", len(g.cards))
	}
	var target *goalCard
	for _, c := range g.cards {
		if c.goal.Text == "Present the strategy to the board" {
			target = c
		}
	}
	test.Tap(target.checkIn)
	g.checkIn.progress.SetValue(100)
	test.Type(g.checkIn.note, "Board approved it.")
	test.Tap(g.checkIn.save)
	if topDialog(s) != nil {
		t.Fatalf("the check-in dialog stayed open: %q", g.checkIn.problem.Text)
	}
	saved := goalsOf(t, s, ana.ID)
	// Open goals come first, so the achieved one is now last.
	if len(saved) != 2 || saved[1].Text != "Present the strategy to the board" || saved[1].Status != data.GoalAchieved || saved[1].Progress != 100 {
		t.Fatalf("after a check-in at 100%%: %+v", saved)
	}
	last := g.cards[1]
	if last.goal.Status != data.GoalAchieved || last.status.Text != "Achieved" || last.progress.value != 100 {
		t.Errorf("the card says %q at %v", last.status.Text, last.progress.value)
	}
	if g.summary.Text != "1 open · 1 achieved" {
		t.Errorf("summary %q", g.summary.Text)
	}
}

func TestGoalsPanelEditAndDelete(t *testing.T) {
	s, g, ana := newGoalsTestPanel(t)
	addGoalThroughDialog(t, s, g, "Learn to read a balance sheet")
	for _, n := range []int{20, 30, 45, 50} {
		test.Tap(g.cards[0].checkIn)
		g.checkIn.progress.SetValue(float64(n))
		test.Tap(g.checkIn.save)
	}
	card := g.cards[0]
	if len(card.checkIns) != checkInsShown || !card.earlier.Visible() || card.earlier.Text != "and 1 earlier" {
		t.Errorf("a goal with 4 check-ins shows %d and %q", len(card.checkIns), card.earlier.Text)
	}

	test.Tap(card.edit)
	f := g.form
	if f.status == nil || f.status.Selected != "Open" || f.text.Text != "Learn to read a balance sheet" {
		t.Fatalf("edit dialog: status %v, text %q", f.status, f.text.Text)
	}
	f.text.SetText("Read a balance sheet unaided")
	f.status.SetSelected("Dropped")
	test.Tap(f.save)
	saved := goalsOf(t, s, ana.ID)
	if len(saved) != 1 || saved[0].Text != "Read a balance sheet unaided" || saved[0].Status != data.GoalDropped || saved[0].Progress != 50 {
		t.Fatalf("after edit: %+v", saved)
	}
	if g.cards[0].status.Text != "Dropped" {
		t.Errorf("card status %q", g.cards[0].status.Text)
	}

	test.Tap(g.cards[0].edit)
	test.Tap(g.form.remove)
	if g.form.confirm == nil || !shows(topDialog(s), "Delete this goal and its 4 check-ins?") {
		t.Fatal("Delete goal did not ask first")
	}
	test.Tap(findButton(t, topDialog(s), "Delete"))
	if goals := goalsOf(t, s, ana.ID); len(goals) != 0 {
		t.Fatalf("%d goals left after deleting", len(goals))
	}
	if topDialog(s) != nil || len(g.cards) != 0 || !g.none.Visible() {
		t.Error("the panel did not go back to its empty state")
	}
}
