package sqlite_test

import (
	"testing"

	"mutua/data"
)

// A sponsor note is dated by its session, whenever it was typed; a note on the partnership
// as a whole by the day it was written. The summary lists them by those dates.
func TestCohortSummaryDatesNotesByTheirSession(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 9, 1), "Ana Pereira", "Ben Okafor")
	if err := s.AddNote(&data.Note{PartnershipID: p.ID, Visibility: data.Sponsor, Body: "On the whole partnership."}); err != nil {
		t.Fatal(err)
	}
	se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, 10, 5), DurationMinutes: 60,
		Attendance: []data.Attendance{{ParticipantID: p.Members[0].ParticipantID, Attended: true}},
		Notes:      []data.Note{{Visibility: data.Sponsor, Body: "Typed weeks after the session."}}}
	if err := s.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	sum, err := s.CohortSummary(p.CohortID, data.NewDate(2026, 11, 22), 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Notes) != 2 {
		t.Fatalf("notes: %+v", sum.Notes)
	}
	if n := sum.Notes[0]; n.Note.Body != "Typed weeks after the session." || n.On != data.NewDate(2026, 10, 5) {
		t.Errorf("first note %q dated %s, want the session's note dated 2026-10-05", n.Note.Body, n.On.String())
	}
	if n := sum.Notes[1]; n.Note.Body != "On the whole partnership." || n.On != data.NewDate(2026, 11, 22) {
		t.Errorf("second note %q dated %s, want the partnership's note dated 2026-11-22", n.Note.Body, n.On.String())
	}
	// Started on 1 September, the partnership is too early to tell until 1 March.
	if sum.Outcome.Counted() != 0 || sum.FirstJudged() != data.NewDate(2027, 3, 1) {
		t.Errorf("outcome %+v, first judged %s", sum.Outcome, sum.FirstJudged().String())
	}
}
