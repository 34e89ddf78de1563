package data_test

import (
	"strings"
	"testing"

	"mutua/data"
)

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

func TestWorkOrientationQuestionnaire(t *testing.T) {
	in := data.WorkOrientationQuestionnaire()
	mustValid(t, &in)

	perScale, reversed := map[string]int{}, map[string]int{}
	for _, it := range in.Items {
		perScale[it.Scale]++
		if it.Reversed {
			reversed[it.Scale]++
		}
		if it.Format != data.Agree5 || !it.Required {
			t.Errorf("%s is not a required 1–5 statement", it.Key)
		}
		if n := len([]rune(it.Text)); n > 100 {
			t.Errorf("%s is %d characters long; keep statements short", it.Key, n)
		}
		if !strings.HasPrefix(it.Key, strings.ToLower(it.Scale)+"-") {
			t.Errorf("%s feeds %s; its key should name its scale", it.Key, it.Scale)
		}
	}
	for _, s := range []string{"Job", "Career", "Calling"} {
		if perScale[s] != 5 || reversed[s] != 1 {
			t.Errorf("%s has %d statements, %d reverse-keyed; want 5 and 1", s, perScale[s], reversed[s])
		}
	}

	for _, tc := range []struct {
		name                 string
		answers              data.ItemAnswers
		job, career, calling float64
		primary              string
	}{
		{"all calling", answerAs(in, data.CallingOrientation), 0, 0, 100, data.CallingOrientation},
		{"all career", answerAs(in, data.CareerOrientation), 0, 100, 0, data.CareerOrientation},
		{"all job", answerAs(in, data.JobOrientation), 100, 0, 0, data.JobOrientation},
		{"career and calling", answerAs(in, data.CareerOrientation, data.CallingOrientation), 0, 100, 100, data.MixedOrientation},
		{"neutral throughout", constant(in, 3), 50, 50, 50, data.MixedOrientation},
		// Agreeing with everything: four statements at the top, the reversed one at the
		// bottom, 16 of 20 points on each scale.
		{"agrees with everything", constant(in, 5), 80, 80, 80, data.MixedOrientation},
		// A leader leaning to calling: calling 5,4,5,4 and the reversed one 2 (keyed 4):
		// 17 of 20 = 85; career 4,4,3,3 and reversed 2 (keyed 4): 13 of 20 = 65; job
		// 2,1,2,1 and reversed 4 (keyed 2): 3 of 20 = 15.
		{"leaning to calling", data.ItemAnswers{
			"calling-1": 5, "calling-2": 4, "calling-3": 5, "calling-4": 4, "calling-5": 2,
			"career-1": 4, "career-2": 4, "career-3": 3, "career-4": 3, "career-5": 2,
			"job-1": 2, "job-2": 1, "job-3": 2, "job-4": 1, "job-5": 4,
		}, 15, 65, 85, data.CallingOrientation},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scores, err := in.ScaleScores(tc.answers)
			if err != nil {
				t.Fatal(err)
			}
			if scores["Job"] != tc.job || scores["Career"] != tc.career || scores["Calling"] != tc.calling {
				t.Errorf("job %v, career %v, calling %v; want %v, %v, %v", scores["Job"], scores["Career"], scores["Calling"], tc.job, tc.career, tc.calling)
			}
			if got := in.PrimaryOfScores(scores); got != tc.primary {
				t.Errorf("primary %q, want %q", got, tc.primary)
			}
		})
	}

	t.Run("a statement left blank", func(t *testing.T) {
		answers := answerAs(in, data.CallingOrientation)
		delete(answers, "career-3")
		_, err := in.ScaleScores(answers)
		if err == nil || !strings.Contains(err.Error(), "Question 8 (“I compare my progress with that of peers…”) needs an answer.") {
			t.Errorf("got %v", err)
		}
	})
}

func constant(in data.Instrument, v float64) data.ItemAnswers {
	out := data.ItemAnswers{}
	for _, it := range in.Items {
		out[it.Key] = v
	}
	return out
}
