package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
)

// goalClock is "now" in the goal tests: 20 Nov 2026 at noon.
var goalClock = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// mustOpenForGoals opens a practice whose clock reads goalClock, with one participant.
func mustOpenForGoals(t *testing.T) (*sqlite.Store, data.Participant) {
	t.Helper()
	s := mustOpen(t)
	s.SetClock(func() time.Time { return goalClock })
	return s, mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
}

// mustSaveGoal saves a new goal for the participant and returns it with its ID.
func mustSaveGoal(t *testing.T, s *sqlite.Store, g data.Goal) data.Goal {
	t.Helper()
	if err := s.SaveGoal(&g); err != nil {
		t.Fatalf("save goal %q: %v", g.Text, err)
	}
	return g
}

// mustGoal reads one goal back through Goals.
func mustGoal(t *testing.T, s *sqlite.Store, participantID, goalID int64) data.Goal {
	t.Helper()
	goals, err := s.Goals(participantID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goals {
		if g.ID == goalID {
			return g
		}
	}
	t.Fatalf("goal %d not found among %d goals", goalID, len(goals))
	return data.Goal{}
}

// hasProblem reports whether err is Invalid and names field with a message containing want.
func hasProblem(err error, field, want string) bool {
	if data.ErrorCode(err) != data.Invalid {
		return false
	}
	for _, p := range data.Problems(err) {
		if p.Field == field && strings.Contains(p.Message, want) {
			return true
		}
	}
	return false
}

func TestGoals(t *testing.T) {
	t.Run("created with tidy text and edited", func(t *testing.T) {
		s, ana := mustOpenForGoals(t)
		g := mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "  Chair a board meeting  ", TargetOn: data.NewDate(2027, 3, 1)})
		if g.ID == 0 || g.Status != data.GoalOpen || g.Text != "Chair a board meeting" || !g.CreatedAt.Equal(goalClock) {
			t.Fatalf("saved %+v", g)
		}
		got := mustGoal(t, s, ana.ID, g.ID)
		if got.Text != "Chair a board meeting" || got.TargetOn != data.NewDate(2027, 3, 1) || got.Progress != 0 ||
			got.Status != data.GoalOpen || got.ParticipantID != ana.ID || len(got.CheckIns) != 0 {
			t.Errorf("read back %+v", got)
		}

		edit := data.Goal{ID: g.ID, Text: "Chair two board meetings", TargetOn: data.Date{}, Progress: 30, Status: data.GoalDropped}
		if err := s.SaveGoal(&edit); err != nil {
			t.Fatal(err)
		}
		if edit.ParticipantID != ana.ID || !edit.CreatedAt.Equal(goalClock) {
			t.Errorf("edit did not fill in the participant and created time: %+v", edit)
		}
		got = mustGoal(t, s, ana.ID, g.ID)
		if got.Text != "Chair two board meetings" || !got.TargetOn.IsZero() || got.Progress != 30 || got.Status != data.GoalDropped {
			t.Errorf("after edit %+v", got)
		}
	})

	t.Run("a goal for someone who does not exist is refused", func(t *testing.T) {
		s, _ := mustOpenForGoals(t)
		err := s.SaveGoal(&data.Goal{ParticipantID: 999, Text: "Delegate more"})
		if data.ErrorCode(err) != data.NotFound || !strings.Contains(err.Error(), "participant no longer exists") {
			t.Errorf("got %v", err)
		}
		err = s.SaveGoal(&data.Goal{ID: 999, Text: "Delegate more"})
		if data.ErrorCode(err) != data.NotFound || !strings.Contains(err.Error(), "goal no longer exists") {
			t.Errorf("editing a missing goal: %v", err)
		}
	})

	t.Run("invalid goals are refused with each problem named and nothing is saved", func(t *testing.T) {
		s, ana := mustOpenForGoals(t)
		err := s.SaveGoal(&data.Goal{ParticipantID: ana.ID, Text: "   ", Progress: 150, Status: "done"})
		if !hasProblem(err, "text", "A goal needs a text") || !hasProblem(err, "progress", "from 0 to 100%, not 150") ||
			!hasProblem(err, "status", `open, achieved or dropped, not "done"`) {
			t.Errorf("got %v (%+v)", err, data.Problems(err))
		}
		err = s.SaveGoal(&data.Goal{ParticipantID: ana.ID, Text: strings.Repeat("x", data.MaxTextLength+1)})
		if !hasProblem(err, "text", "too long") {
			t.Errorf("a goal that is too long: %v", err)
		}
		err = s.SaveGoal(&data.Goal{ParticipantID: ana.ID, Text: "Grow", Progress: -1})
		if !hasProblem(err, "progress", "not -1") {
			t.Errorf("negative progress: %v", err)
		}
		if goals, _ := s.Goals(ana.ID); len(goals) != 0 {
			t.Errorf("%d invalid goals were saved", len(goals))
		}
	})

	t.Run("open goals come first, then achieved, then dropped", func(t *testing.T) {
		s, ana := mustOpenForGoals(t)
		ben := mustAdd(t, s, data.Participant{Name: "Ben Okafor"})
		mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "dropped", Status: data.GoalDropped})
		mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "open, no target"})
		mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "achieved", Status: data.GoalAchieved, Progress: 100})
		mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "open, due later", TargetOn: data.NewDate(2027, 6, 1)})
		mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "open, due sooner", TargetOn: data.NewDate(2027, 1, 15)})
		mustSaveGoal(t, s, data.Goal{ParticipantID: ben.ID, Text: "Ben's goal"})
		goals, err := s.Goals(ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, g := range goals {
			order = append(order, g.Text)
		}
		want := "open, due sooner | open, due later | open, no target | achieved | dropped"
		if got := strings.Join(order, " | "); got != want {
			t.Errorf("order:\n got %s\nwant %s", got, want)
		}
	})

	t.Run("a check-in sets the goal's progress; 100 marks it achieved", func(t *testing.T) {
		s, ana := mustOpenForGoals(t)
		g := mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "Run the quarterly review without notes"})
		first := data.CheckIn{GoalID: g.ID, On: data.NewDate(2026, 11, 20), Progress: 60, Note: "  Ran half of it unaided.  "}
		if err := s.AddCheckIn(&first); err != nil {
			t.Fatal(err)
		}
		if first.ID == 0 || first.Note != "Ran half of it unaided." {
			t.Errorf("saved %+v", first)
		}
		got := mustGoal(t, s, ana.ID, g.ID)
		if got.Progress != 60 || got.Status != data.GoalOpen || len(got.CheckIns) != 1 || got.CheckIns[0].Note != "Ran half of it unaided." {
			t.Fatalf("after 60: %+v", got)
		}

		// Three days on: 100 % marks the goal achieved, and a forgotten check-in from the day
		// before is kept but does not move the goal back.
		s.SetClock(func() time.Time { return goalClock.AddDate(0, 0, 3) })
		late := data.CheckIn{GoalID: g.ID, On: data.NewDate(2026, 11, 23), Progress: 100}
		if err := s.AddCheckIn(&late); err != nil {
			t.Fatal(err)
		}
		earlier := data.CheckIn{GoalID: g.ID, On: data.NewDate(2026, 11, 21), Progress: 80}
		if err := s.AddCheckIn(&earlier); err != nil {
			t.Fatal(err)
		}
		got = mustGoal(t, s, ana.ID, g.ID)
		if got.Progress != 100 || got.Status != data.GoalAchieved {
			t.Errorf("after 100: progress %d, status %s", got.Progress, got.Status)
		}
		var days []string
		for _, c := range got.CheckIns {
			days = append(days, c.On.String())
		}
		if strings.Join(days, " ") != "2026-11-23 2026-11-21 2026-11-20" {
			t.Errorf("check-ins not newest first: %v", days)
		}
	})

	t.Run("a check-in in the future, before the goal, or with bad progress is refused and nothing is saved", func(t *testing.T) {
		s, ana := mustOpenForGoals(t)
		g := mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "Speak at the all-hands"})
		if err := s.AddCheckIn(&data.CheckIn{GoalID: g.ID, On: data.NewDate(2026, 11, 20), Progress: 20}); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name  string
			c     data.CheckIn
			field string
			want  string
		}{
			{"tomorrow", data.CheckIn{On: data.NewDate(2026, 11, 21), Progress: 50}, "checked_on",
				"A check-in cannot be dated in the future (21 Nov 2026); today is 20 Nov 2026."},
			{"before the goal was set", data.CheckIn{On: data.NewDate(2026, 11, 19), Progress: 50}, "checked_on",
				"A check-in cannot be dated before the goal was set (20 Nov 2026)."},
			{"no date", data.CheckIn{Progress: 50}, "checked_on", "needs the date"},
			{"over 100", data.CheckIn{On: data.NewDate(2026, 11, 20), Progress: 101}, "progress", "from 0 to 100%, not 101"},
			{"below 0", data.CheckIn{On: data.NewDate(2026, 11, 20), Progress: -5}, "progress", "not -5"},
			{"note too long", data.CheckIn{On: data.NewDate(2026, 11, 20), Progress: 50, Note: strings.Repeat("n", data.MaxTextLength+1)}, "note", "too long"},
		}
		for _, tc := range cases {
			c := tc.c
			c.GoalID = g.ID
			err := s.AddCheckIn(&c)
			if !hasProblem(err, tc.field, tc.want) {
				t.Errorf("%s: got %v (%+v)", tc.name, err, data.Problems(err))
			}
			if c.ID != 0 {
				t.Errorf("%s: the refused check-in got an ID", tc.name)
			}
		}
		got := mustGoal(t, s, ana.ID, g.ID)
		if got.Progress != 20 || got.Status != data.GoalOpen || len(got.CheckIns) != 1 {
			t.Errorf("refused check-ins changed the goal: progress %d, status %s, %d check-ins", got.Progress, got.Status, len(got.CheckIns))
		}
		err := s.AddCheckIn(&data.CheckIn{GoalID: 999, On: data.NewDate(2026, 11, 20), Progress: 10})
		if data.ErrorCode(err) != data.NotFound {
			t.Errorf("a check-in on a missing goal: %v", err)
		}
	})

	t.Run("deleting a goal removes its check-ins", func(t *testing.T) {
		s, ana := mustOpenForGoals(t)
		keep := mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "Mentor a new director"})
		gone := mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "Learn the budget cycle"})
		for _, id := range []int64{keep.ID, gone.ID, gone.ID} {
			if err := s.AddCheckIn(&data.CheckIn{GoalID: id, On: data.NewDate(2026, 11, 20), Progress: 40}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.DeleteGoal(gone.ID); err != nil {
			t.Fatal(err)
		}
		goals, _ := s.Goals(ana.ID)
		if len(goals) != 1 || goals[0].ID != keep.ID || len(goals[0].CheckIns) != 1 {
			t.Fatalf("after delete: %+v", goals)
		}
		db, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var left int
		if err := db.QueryRow(`SELECT count(*) FROM goal_checkins WHERE goal_id = ?`, gone.ID).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left != 0 {
			t.Errorf("%d check-ins of the deleted goal are left", left)
		}
		if err := s.DeleteGoal(gone.ID); data.ErrorCode(err) != data.NotFound {
			t.Errorf("deleting it again: %v", err)
		}
	})

	t.Run("goals survive reopening the practice", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "practice.mutua")
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
		g := mustSaveGoal(t, s, data.Goal{ParticipantID: ana.ID, Text: "Build a successor"})
		if err := s.AddCheckIn(&data.CheckIn{GoalID: g.ID, On: data.DateOf(time.Now()), Progress: 35, Note: "Shortlist of two."}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err = sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		got := mustGoal(t, s, ana.ID, g.ID)
		if got.Progress != 35 || len(got.CheckIns) != 1 || got.CheckIns[0].Note != "Shortlist of two." {
			t.Errorf("after reopening: %+v", got)
		}
	})
}
