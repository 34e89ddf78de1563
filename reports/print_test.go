package reports_test

import (
	"bytes"
	"testing"

	"mutua/data"
	"mutua/reports"
)

// progressOf, briefOf and summaryOf read a report's model the way Print does.
func progressOf(s reports.Source, participantID int64, today data.Date) (*data.ParticipantReport, error) {
	r, err := reports.Read(s, reports.Progress, participantID, today, reports.Options{})
	if err != nil {
		return nil, err
	}
	return r.Progress, nil
}

func briefOf(s reports.Source, partnershipID int64, today data.Date) (*data.PairBrief, error) {
	r, err := reports.Read(s, reports.Brief, partnershipID, today, reports.Options{})
	if err != nil {
		return nil, err
	}
	return r.Brief, nil
}

func summaryOf(s reports.Source, cohortID int64, today data.Date, inactiveDays int) (*data.CohortSummary, error) {
	r, err := reports.Read(s, reports.Summary, cohortID, today, reports.Options{InactiveDays: inactiveDays})
	if err != nil {
		return nil, err
	}
	return r.Summary, nil
}

// Print writes the same PDF as reading the model and writing it, for every kind.
func TestPrintIsReadThenWrite(t *testing.T) {
	pr := newPractice(t)
	o := options(t)
	for _, tc := range []struct {
		kind    reports.Kind
		subject int64
	}{
		{reports.Progress, pr.people["A"].ID},
		{reports.Brief, pr.ps["AB"].ID},
		{reports.Summary, pr.cohort.ID},
		{reports.Record, pr.people["A"].ID},
	} {
		var printed, written bytes.Buffer
		if err := reports.Print(&printed, pr.s, tc.kind, tc.subject, today, o); err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		r, err := reports.Read(pr.s, tc.kind, tc.subject, today, o)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Write(&written, o); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(printed.Bytes(), []byte("%PDF")) || !bytes.Equal(printed.Bytes(), written.Bytes()) {
			t.Errorf("%s: Print and Read+Write differ (%d and %d bytes)", tc.kind, printed.Len(), written.Len())
		}
	}
	if err := reports.Print(&bytes.Buffer{}, pr.s, "letter", 1, today, o); err == nil {
		t.Error("an unknown kind printed")
	}
	if _, err := reports.Read(pr.s, reports.Brief, 9999, today, o); data.ErrorCode(err) != data.NotFound {
		t.Errorf("brief of a deleted partnership: %v, want not found", err)
	}
}

// A sponsor note is dated by its session, whenever it was typed; a note on the partnership
// as a whole by the day it was written. The summary lists them by those dates.
func TestCohortSummaryDatesNotesByTheirSession(t *testing.T) {
	y := newYoungPractice(t) // sessions on 15 September and 13 October, notes typed on 22 November
	if err := y.s.AddNote(&data.Note{PartnershipID: y.triad.ID, Visibility: data.Sponsor, Body: "On the whole partnership."}); err != nil {
		t.Fatal(err)
	}
	sum, err := summaryOf(y.s, y.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Notes) != 5 {
		t.Fatalf("notes: %+v", sum.Notes)
	}
	if n := sum.Notes[0]; n.Note.Body != "Sponsor note 0." || n.On != data.NewDate(2026, 9, 15) {
		t.Errorf("first note %q dated %s, want a session's note dated 2026-09-15", n.Note.Body, n.On.String())
	}
	if n := sum.Notes[4]; n.Note.Body != "On the whole partnership." || n.On != today {
		t.Errorf("last note %q dated %s, want the partnership's note dated 2026-11-22", n.Note.Body, n.On.String())
	}
	// Started on 1 September, the partnerships are too early to tell until 1 March.
	if sum.Outcome.Counted() != 0 || sum.FirstJudged() != data.NewDate(2027, 3, 1) {
		t.Errorf("outcome %+v, first judged %s", sum.Outcome, sum.FirstJudged().String())
	}
}
