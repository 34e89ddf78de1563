package sqlite_test

import (
	"strings"
	"testing"

	"mutua/data"
)

func TestCorrectingAndDeletingResults(t *testing.T) {
	s := mustOpen(t)
	ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
	wo, err := s.InstrumentByKey(data.WorkOrientationKey)
	if err != nil {
		t.Fatal(err)
	}
	result := func(on data.Date, job, career, calling float64) data.Assessment {
		return data.Assessment{ParticipantID: ana.ID, InstrumentID: wo.ID, AssessedOn: on, Values: []data.ScaleValue{
			{ScaleID: wo.Scales[0].ID, Number: job}, {ScaleID: wo.Scales[1].ID, Number: career}, {ScaleID: wo.Scales[2].ID, Number: calling}}}
	}
	first, second := result(data.NewDate(2025, 1, 15), 30, 60, 40), result(data.NewDate(2026, 10, 20), 10, 30, 90)
	for _, a := range []*data.Assessment{&first, &second} {
		if err := s.SaveAssessment(a); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("a result typed again on its day without a note keeps the note", func(t *testing.T) {
		noted := result(data.NewDate(2026, 3, 2), 20, 50, 70)
		noted.Note = "Taken at the kick-off"
		if err := s.SaveAssessment(&noted); err != nil {
			t.Fatal(err)
		}
		again := result(noted.AssessedOn, 25, 50, 70) // as the results grid saves it: no note
		if err := s.SaveAssessment(&again); err != nil {
			t.Fatal(err)
		}
		history, _ := s.History(ana.ID)
		for _, h := range history {
			if h.AssessedOn == noted.AssessedOn && (h.Note != "Taken at the kick-off" || h.Values[0].Number != 25) {
				t.Errorf("after typing it again: note %q, job %v", h.Note, h.Values[0].Number)
			}
		}
		if err := s.DeleteAssessment(again.ID); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a correction is checked as a new result is, and a bad one changes nothing", func(t *testing.T) {
		bad := result(data.NewDate(2026, 10, 21), 10, 130, 90)
		bad.ID = second.ID
		if err := s.CorrectAssessment(&bad); data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "Career must be from 0 to 100") {
			t.Errorf("out of range: %v", err)
		}
		clash := result(first.AssessedOn, 10, 30, 90)
		clash.ID = second.ID
		if err := s.CorrectAssessment(&clash); data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "already a Work Orientation") {
			t.Errorf("a date another result has: %v", err)
		}
		gone := result(data.NewDate(2026, 10, 21), 10, 30, 90)
		gone.ID = 99999
		if err := s.CorrectAssessment(&gone); data.ErrorCode(err) != data.NotFound {
			t.Errorf("a result that is gone: %v", err)
		}
		h, _ := s.History(ana.ID)
		if len(h) != 2 || h[0].AssessedOn != second.AssessedOn || h[0].Values[1].Number != 30 {
			t.Errorf("refused corrections changed the history: %+v", h)
		}
	})

	t.Run("a correction changes date, values, note and the primary orientation", func(t *testing.T) {
		fixed := result(data.NewDate(2026, 10, 21), 10, 95, 20)
		fixed.ID, fixed.Note = second.ID, "Career and calling were swapped."
		if err := s.CorrectAssessment(&fixed); err != nil {
			t.Fatal(err)
		}
		h, _ := s.History(ana.ID)
		if len(h) != 2 || h[0].ID != second.ID || h[0].AssessedOn != data.NewDate(2026, 10, 21) || h[0].Values[1].Number != 95 ||
			h[0].PrimaryOrientation != data.CareerOrientation || h[0].Note != "Career and calling were swapped." {
			t.Errorf("after the correction: %+v", h[0])
		}
	})

	t.Run("deleting a result makes the one before the latest again", func(t *testing.T) {
		if err := s.DeleteAssessment(second.ID); err != nil {
			t.Fatal(err)
		}
		h, _ := s.History(ana.ID)
		latest, _ := s.LatestAssessments(wo.ID)
		if len(h) != 1 || h[0].ID != first.ID || latest[ana.ID].ID != first.ID || len(latest[ana.ID].Values) != 3 {
			t.Errorf("after deleting: history %+v, latest %+v", h, latest[ana.ID])
		}
		if err := s.DeleteAssessment(second.ID); data.ErrorCode(err) != data.NotFound {
			t.Errorf("deleting twice: %v", err)
		}
	})
}
