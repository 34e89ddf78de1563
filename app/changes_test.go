package app

import (
	"maps"
	"testing"

	"fyne.io/fyne/v2/test"
)

// orientationOnRoster is the orientation the roster screen holds for a participant.
func orientationOnRoster(t *testing.T, s *practice, id int64) string {
	t.Helper()
	for _, e := range s.roster.roster.Entries {
		if e.ID == id {
			return e.Orientation
		}
	}
	t.Fatalf("participant %d is not on the roster screen", id)
	return ""
}

// A result typed in the form on a participant's page shows at once in the roster beside it.
func TestANewResultShowsOnTheRosterAtOnce(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Roster")
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	s.openParticipant(ana.ID)
	want := "job"
	if orientationOnRoster(t, s, ana.ID) == want {
		want = "calling"
	}
	h := s.roster.page.history
	h.onAddTapped()
	f := h.form
	scores := map[string][]string{"job": {"95", "5", "5"}, "calling": {"5", "5", "95"}}[want]
	for i, in := range f.inputs[:3] {
		in.entry.SetText(scores[i])
	}
	test.Tap(f.save)
	if topDialog(s) != nil {
		t.Fatalf("the result was not saved: %q", f.problem.Text)
	}
	if got := orientationOnRoster(t, s, ana.ID); got != want {
		t.Errorf("the roster shows Ana as %q after a %s result", got, want)
	}
}

// Results saved in a cohort's grid, opened from Home, show on the roster when it is shown
// next, without a restart; looking at screens writes nothing.
func TestGridResultsShowOnTheRosterWhenShown(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Roster")
	spring, _ := s.store.CohortByName("Spring 2026 executive circle")
	s.selectTab("Home")
	g := newAssessmentGrid(s, spring.ID)
	g.show()
	first := g.members[0]
	want := "job"
	if orientationOnRoster(t, s, first.id) == want {
		want = "calling"
	}
	g.values[0] = map[string][]string{"job": {"95", "5", "5"}, "calling": {"5", "5", "95"}}[want]
	test.Tap(g.save)
	if h, _ := s.store.History(first.id); len(h) == 0 || h[0].PrimaryOrientation != want {
		t.Fatalf("the grid did not save a %s result", want)
	}
	before := contents(t, s.store.Path())
	s.selectTab("Roster")
	if got := orientationOnRoster(t, s, first.id); got != want {
		t.Errorf("the roster shows %q after a %s result in the grid", got, want)
	}
	for _, tab := range tabTitles {
		s.selectTab(tab)
	}
	if after := contents(t, s.store.Path()); !maps.Equal(before, after) {
		t.Error("looking at every screen changed the practice")
	}
}
