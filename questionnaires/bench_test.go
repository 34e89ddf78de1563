package questionnaires_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/questionnaires"
)

// bigCohort makes a practice with a cohort of n participants.
func bigCohort(b *testing.B, n int) (*sqlite.Store, data.Cohort) {
	b.Helper()
	s, err := sqlite.Open(filepath.Join(b.TempDir(), "big.mutua"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	c := data.Cohort{Name: "Big cohort"}
	if err := s.SaveCohort(&c); err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for i := range n {
		p := data.Participant{Name: fmt.Sprintf("Participant %03d", i), Strengths: []string{"finance", fmt.Sprintf("topic %d", i%30)},
			DevelopmentAreas: []string{"negotiation"}}
		if err := s.CreateParticipant(&p); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if err := s.AddToCohort(c.ID, ids...); err != nil {
		b.Fatal(err)
	}
	c.Members = n
	return s, c
}

// Writing 300 intake questionnaires (with the Work Orientation questions): the requests
// stored and the files written.
func BenchmarkSend300(b *testing.B) {
	s, c := bigCohort(b, 300)
	in, _ := s.InstrumentByKey(data.WorkOrientationKey)
	b.ResetTimer()
	for range b.N {
		if _, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: data.IntakeForm, CohortID: c.ID, Instrument: in.ID, Dir: b.TempDir()}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// Reading 300 returned questionnaires into a preview (each checked against the practice),
// and importing them.
func BenchmarkReadAndImport300(b *testing.B) {
	s, c := bigCohort(b, 300)
	for range b.N {
		b.StopTimer()
		sent, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: data.IntakeForm, CohortID: c.ID, Dir: b.TempDir()}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		pv, err := questionnaires.Read(ctx, s, sent.Files, data.NewDate(2026, 12, 5), nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := questionnaires.Apply(ctx, s, pv); err != nil {
			b.Fatal(err)
		}
	}
}
