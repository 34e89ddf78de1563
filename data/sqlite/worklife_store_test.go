package sqlite_test

import (
	"testing"

	"mutua/data"
)

// The questionnaire's scales are those of the built-in Work Orientation instrument of every
// practice, so its results are the 0–100 profile the pairing reads.
func TestWorkOrientationQuestionnaireFitsThePractice(t *testing.T) {
	s := mustOpen(t)
	stored, err := s.InstrumentByKey(data.WorkOrientationKey)
	if err != nil {
		t.Fatal(err)
	}
	q := data.WorkOrientationQuestionnaire()
	if q.Key != stored.Key || q.Name != stored.Name || len(q.Scales) != len(stored.Scales) {
		t.Fatalf("the questionnaire is %q %q with %d scales; the practice has %q %q with %d", q.Key, q.Name, len(q.Scales), stored.Key, stored.Name, len(stored.Scales))
	}
	for i, sc := range stored.Scales {
		qs := q.Scales[i]
		if qs.Name != sc.Name || qs.Kind != sc.Kind || qs.Min != sc.Min || qs.Max != sc.Max || qs.Orientation != sc.Orientation {
			t.Errorf("scale %d: questionnaire %+v, practice %+v", i+1, qs, sc)
		}
		stored.Scales[i].Scoring = qs.Scoring
	}
	stored.Items = q.Items
	stored.Normalize()
	if err := stored.Validate(); err != nil {
		t.Fatalf("%s does not validate: %v", stored.Name, err)
	}

	p := mustAdd(t, s, data.Participant{Name: "Ana Reyes"}).ID
	a := data.Assessment{ParticipantID: p, InstrumentID: stored.ID, AssessedOn: data.NewDate(2026, 3, 2),
		Answers: answerAs(stored, data.CallingOrientation)}
	if err := stored.ScoreAnswers(&a); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	saved, err := s.Assessments(p, stored.ID)
	if err != nil || len(saved) != 1 {
		t.Fatalf("%d results saved, %v", len(saved), err)
	}
	if saved[0].PrimaryOrientation != data.CallingOrientation {
		t.Errorf("saved primary %q, want calling", saved[0].PrimaryOrientation)
	}
	got := map[string]float64{}
	for _, v := range saved[0].Values {
		for _, sc := range stored.Scales {
			if sc.ID == v.ScaleID {
				got[sc.Name] = v.Number
			}
		}
	}
	if got["Job"] != 0 || got["Career"] != 0 || got["Calling"] != 100 {
		t.Errorf("saved scores %v, want job 0, career 0, calling 100", got)
	}
}

// answerAs answers every statement of the built-in questionnaire: agree with those of the
// given orientations (5), disagree with the rest (1); a reverse-keyed statement the other way.
func answerAs(in data.Instrument, agree ...string) data.ItemAnswers {
	out := data.ItemAnswers{}
	for _, it := range in.Items {
		sc, _ := in.Scale(it.Scale)
		yes := false
		for _, o := range agree {
			yes = yes || sc.Orientation == o
		}
		if yes != it.Reversed {
			out[it.Key] = 5
		} else {
			out[it.Key] = 1
		}
	}
	return out
}
