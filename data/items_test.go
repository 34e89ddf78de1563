package data_test

import (
	"math"
	"strings"
	"testing"

	"mutua/data"
)

// drive is a small questionnaire: three 1–5 statements (the third reverse-keyed) feeding
// one scale, plus one item of every other format feeding a scale of its own.
func drive(rule data.ScoringRule, lo, hi float64) data.Instrument {
	return data.Instrument{
		Name: "Drive",
		Scales: []data.Scale{
			{ID: 1, Name: "Drive", Kind: data.Score, Min: lo, Max: hi, Scoring: rule},
			{ID: 2, Name: "Other", Kind: data.Score, Min: 0, Max: 100, Scoring: data.ScorePercent},
			{ID: 3, Name: "Typed", Kind: data.Score, Min: 0, Max: 10},
		},
		Items: []data.Item{
			{Key: "d1", Text: "I start early.", Format: data.Agree5, Scale: "Drive", Required: true},
			{Key: "d2", Text: "I finish what I start.", Format: data.Agree5, Scale: "drive", Required: true},
			{Key: "d3", Text: "I put things off.", Format: data.Agree5, Scale: "Drive", Reversed: true},
			{Key: "o1", Text: "Seven points", Format: data.Agree7, Scale: "Other", Reversed: true},
			{Key: "o2", Text: "Yes or no", Format: data.YesNo, Scale: "Other", Reversed: true},
			{Key: "o3", Text: "Pick one", Format: data.Choice, Scale: "Other", Reversed: true,
				Options: []data.ItemOption{{"Never", 0}, {"Sometimes", 2}, {"Always", 5}}},
			{Key: "o4", Text: "How many", Format: data.NumberIn, Min: 0, Max: 10, Scale: "Other", Reversed: true},
			{Key: "note", Text: "Unscored", Format: data.YesNo},
		},
	}
}

func mustValid(t *testing.T, in *data.Instrument) {
	t.Helper()
	in.Normalize()
	if err := in.Validate(); err != nil {
		t.Fatalf("%s does not validate: %v", in.Name, err)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestItemScoring(t *testing.T) {
	// d1 4, d2 5, d3 2 reversed to 4: keyed 4, 5, 4.
	// o1 2 of 1–7 reversed to 6 (range 1–7); o2 yes reversed to 0 (0–1); o3 2 of 0/2/5
	// reversed to 3 (0–5); o4 3 of 0–10 reversed to 7: keyed sum 16 within 1 to 23, so
	// percent (16-1)/(23-1) = 68.18.
	answers := data.ItemAnswers{"d1": 4, "d2": 5, "d3": 2, "o1": 2, "o2": 1, "o3": 2, "o4": 3, "note": 1}
	for _, tc := range []struct {
		rule   data.ScoringRule
		lo, hi float64
		want   float64
	}{
		{data.ScoreMean, 1, 5, 4.33},       // 13 / 3
		{data.ScoreSum, 0, 15, 13},         // 4 + 5 + 4
		{data.ScorePercent, 0, 100, 83.33}, // (13 - 3) / (15 - 3)
	} {
		t.Run(string(tc.rule), func(t *testing.T) {
			in := drive(tc.rule, tc.lo, tc.hi)
			mustValid(t, &in)
			scores, err := in.ScaleScores(answers)
			if err != nil {
				t.Fatal(err)
			}
			if !near(scores["Drive"], tc.want) || !near(scores["Other"], 68.18) {
				t.Errorf("scores %v, want Drive %v and Other 68.18", scores, tc.want)
			}
			if _, ok := scores["Typed"]; ok {
				t.Errorf("a scale no item feeds got a score: %v", scores)
			}
		})
	}

	t.Run("optional items left blank", func(t *testing.T) {
		// d3 blank: d1 2 and d2 4 answered, 6 of 2–10.
		blank := data.ItemAnswers{"d1": 2, "d2": 4, "o1": 7, "o2": 1, "o3": 5, "o4": 10}
		for _, tc := range []struct {
			rule   data.ScoringRule
			lo, hi float64
			want   float64
		}{
			{data.ScoreMean, 1, 5, 3},       // the mean of those answered
			{data.ScoreSum, 0, 15, 9},       // 6 scaled up to three items: (6-2)/(10-2) of 3 to 15
			{data.ScorePercent, 0, 100, 50}, // (6-2)/(10-2)
		} {
			in := drive(tc.rule, tc.lo, tc.hi)
			mustValid(t, &in)
			scores, err := in.ScaleScores(blank)
			if err != nil {
				t.Fatal(err)
			}
			if !near(scores["Drive"], tc.want) {
				t.Errorf("%s: Drive %v, want %v", tc.rule, scores["Drive"], tc.want)
			}
			if !near(scores["Other"], 0) { // every other item at its lowest once reversed
				t.Errorf("%s: Other %v, want 0", tc.rule, scores["Other"])
			}
		}
		in := drive(data.ScoreMean, 1, 5)
		mustValid(t, &in)
		scores, err := in.ScaleScores(data.ItemAnswers{"d1": 2, "d2": 4})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := scores["Other"]; ok {
			t.Errorf("a scale with every item blank got a score: %v", scores)
		}
	})
}

func TestAnswerChecks(t *testing.T) {
	in := drive(data.ScoreMean, 1, 5)
	mustValid(t, &in)
	for _, tc := range []struct {
		name    string
		answers data.ItemAnswers
		want    []string
	}{
		{"required left blank", data.ItemAnswers{"d1": 3}, []string{`Question 2 (“I finish what I start.”) needs an answer.`}},
		{"agreement out of range", data.ItemAnswers{"d1": 7, "d2": 3}, []string{`Question 1 (“I start early.”) is answered with a whole number from 1 to 5, not 7.`}},
		{"agreement not whole", data.ItemAnswers{"d1": 2.5, "d2": 3}, []string{"whole number from 1 to 5, not 2.5"}},
		{"seven points", data.ItemAnswers{"d1": 1, "d2": 3, "o1": 0}, []string{"from 1 to 7, not 0"}},
		{"yes or no", data.ItemAnswers{"d1": 1, "d2": 3, "o2": 2}, []string{`Question 5 (“Yes or no”) is answered yes (1) or no (0), not 2.`}},
		{"not a choice", data.ItemAnswers{"d1": 1, "d2": 3, "o3": 1}, []string{"is answered with one of its choices (0, 2, 5), not 1."}},
		{"number out of range", data.ItemAnswers{"d1": 1, "d2": 3, "o4": 11}, []string{"is answered with a number from 0 to 10, not 11."}},
		{"not a number", data.ItemAnswers{"d1": 1, "d2": 3, "o4": math.NaN()}, []string{"from 0 to 10, not NaN"}},
		{"unknown question", data.ItemAnswers{"d1": 1, "d2": 3, "zz": 3}, []string{`There is an answer to a question "zz" that Drive does not have.`}},
		{"several at once", data.ItemAnswers{"d1": 9}, []string{"The answers to Drive cannot be scored", "Question 1", "Question 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := in.ScaleScores(tc.answers)
			if data.ErrorCode(err) != data.Invalid {
				t.Fatalf("got %v, want an invalid-input error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not say %q", err.Error(), w)
				}
			}
		})
	}
	typed := data.Instrument{Name: "Typed only", Scales: []data.Scale{{Name: "A", Kind: data.Score, Max: 10}}}
	if err := typed.CheckAnswers(data.ItemAnswers{}); err == nil || !strings.Contains(err.Error(), "has no questions") {
		t.Errorf("answers to an instrument without questions: %v", err)
	}
}

func TestScoreAnswers(t *testing.T) {
	in := drive(data.ScorePercent, 0, 100)
	in.Scales[0].Orientation = data.CallingOrientation
	in.Scales[1].Orientation = data.CareerOrientation
	mustValid(t, &in)

	typed := data.Assessment{Values: []data.ScaleValue{{ScaleID: 1, Number: 40}, {ScaleID: 3, Number: 7}}}
	if err := in.ScoreAnswers(&typed); err != nil || len(typed.Values) != 2 || typed.Values[0].Number != 40 {
		t.Errorf("a typed result was changed: %+v, %v", typed, err)
	}

	a := data.Assessment{
		Answers: data.ItemAnswers{"d1": 5, "d2": 5, "d3": 1, "o1": 7, "o2": 1, "o3": 5, "o4": 10},
		Values:  []data.ScaleValue{{ScaleID: 1, Number: 3}, {ScaleID: 3, Number: 7}},
	}
	if err := in.ScoreAnswers(&a); err != nil {
		t.Fatal(err)
	}
	got := map[int64]float64{}
	for _, v := range a.Values {
		got[v.ScaleID] = v.Number
	}
	// Drive all at the top (100); Other all at the bottom once reversed (0); Typed kept.
	if len(got) != 3 || got[1] != 100 || got[2] != 0 || got[3] != 7 {
		t.Errorf("values %v, want Drive 100, Other 0 and the typed 7 kept", got)
	}
	if a.PrimaryOrientation != data.CallingOrientation {
		t.Errorf("primary %q, want calling", a.PrimaryOrientation)
	}
	bad := data.Assessment{Answers: data.ItemAnswers{"d1": 5}}
	if err := in.ScoreAnswers(&bad); data.ErrorCode(err) != data.Invalid || bad.Values != nil {
		t.Errorf("answers with a required question blank: %v, values %v", err, bad.Values)
	}
}

func TestPrimaryOrientationMargin(t *testing.T) {
	in := data.WorkOrientationQuestionnaire()
	for i := range in.Scales {
		in.Scales[i].ID = int64(i + 1)
	}
	values := func(job, career, calling float64) []data.ScaleValue {
		return []data.ScaleValue{{ScaleID: 1, Number: job}, {ScaleID: 2, Number: career}, {ScaleID: 3, Number: calling}}
	}
	for _, tc := range []struct {
		within               float64
		job, career, calling float64
		want                 string
	}{
		{0, 10, 75, 80, data.CallingOrientation},
		{0, 10, 80, 80, data.MixedOrientation}, // an exact tie, as before margins existed
		{5, 10, 75, 80, data.MixedOrientation}, // within 5 points
		{5, 10, 74.9, 80, data.CallingOrientation},
		{4, 10, 75, 80, data.CallingOrientation},
		{20, 60, 35, 30, data.JobOrientation},
		{20, 60, 45, 40, data.MixedOrientation},
	} {
		in.MixedWithin = tc.within
		v := values(tc.job, tc.career, tc.calling)
		if got := in.PrimaryOrientation(v); got != tc.want {
			t.Errorf("within %v, scores %v/%v/%v: %q, want %q", tc.within, tc.job, tc.career, tc.calling, got, tc.want)
		}
		byName := map[string]float64{"Job": tc.job, "Career": tc.career, "Calling": tc.calling}
		if got := in.PrimaryOfScores(byName); got != tc.want {
			t.Errorf("by name, within %v, scores %v: %q, want %q", tc.within, byName, got, tc.want)
		}
	}
}

func TestItemValidation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(in *data.Instrument)
		want   string
	}{
		{"scored without items", func(in *data.Instrument) { in.Items = nil },
			"Drive is scored from questions, but the instrument has none"},
		{"unknown scale", func(in *data.Instrument) { in.Items[0].Scale = "Drvie" },
			`Question 1 (“I start early.”) feeds a scale called "Drvie", which this instrument does not have.`},
		{"choice without options", func(in *data.Instrument) { in.Items[5].Options = nil },
			`Question 6 (“Pick one”) is a choice but has no choices; add at least two.`},
		{"choice with one option", func(in *data.Instrument) { in.Items[5].Options = in.Items[5].Options[:1] },
			"has only one choice"},
		{"choices counting the same", func(in *data.Instrument) { in.Items[5].Options[2].Value = 2 },
			"Choices 2 and 3 of Question 6 (“Pick one”) both count 2; give each its own value."},
		{"choice without a description", func(in *data.Instrument) { in.Items[5].Options[0].Text = " " },
			"Choice 1 of Question 6 (“Pick one”) needs its description."},
		{"number range upside down", func(in *data.Instrument) { in.Items[6].Min, in.Items[6].Max = 10, 10 },
			"Question 7 (“How many”) needs a lowest answer below its highest (now 10 to 10)."},
		{"number range not a number", func(in *data.Instrument) { in.Items[6].Max = math.Inf(1) },
			"needs real numbers for its lowest and highest answers"},
		{"duplicate keys", func(in *data.Instrument) { in.Items[3].Key = "D1" },
			`Questions 1 and 4 both have the key "d1"; give each question its own key.`},
		{"no key", func(in *data.Instrument) { in.Items[1].Key = "" },
			"Question 2 (“I finish what I start.”) needs a key"},
		{"key with spaces", func(in *data.Instrument) { in.Items[1].Key = "my key" },
			`may only hold lower-case letters, digits, - and _`},
		{"no text", func(in *data.Instrument) { in.Items[1].Text = "" }, "Question 2 needs its text."},
		{"unknown format", func(in *data.Instrument) { in.Items[1].Format = "slider" },
			`must be answered as agreement 1–5, agreement 1–7, yes or no, a choice or a number, not "slider"`},
		{"fed scale without rule", func(in *data.Instrument) { in.Scales[0].Scoring = "" },
			"Drive is fed by 3 questions but has no scoring rule: choose mean, sum or percent of the maximum."},
		{"unknown rule", func(in *data.Instrument) { in.Scales[0].Scoring = "median" },
			`must be scored as the mean, the sum or the percent of the maximum of its questions, not "median"`},
		{"rule outside the scale", func(in *data.Instrument) { in.Scales[0].Scoring = data.ScoreSum },
			"Drive, scored as the sum of its questions, runs from 3 to 15, outside the scale's range of 1 to 5"},
		{"rule with no item", func(in *data.Instrument) { in.Scales[2].Scoring = data.ScoreMean },
			"Typed is scored from questions, but no question feeds it."},
		{"feeds a category scale", func(in *data.Instrument) {
			in.Scales[2] = data.Scale{Name: "Typed", Kind: data.Category, Categories: []string{"A", "B"}}
			in.Items[7].Scale = "Typed"
		}, "feeds Typed, a category scale"},
		{"reversed but unscored", func(in *data.Instrument) { in.Items[7].Reversed = true },
			"is reverse-keyed but feeds no scale"},
		{"mixed margin", func(in *data.Instrument) { in.MixedWithin = -1 },
			"The margin for a mixed orientation must be from 0 to 100 points, not -1."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := drive(data.ScoreMean, 1, 5)
			tc.change(&in)
			in.Normalize()
			err := in.Validate()
			if data.ErrorCode(err) != data.Invalid {
				t.Fatalf("got %v, want an invalid-input error", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q does not say %q", err.Error(), tc.want)
			}
		})
	}
	in := drive(data.ScoreMean, 1, 5)
	in.Items[0].Scale = " drive "
	mustValid(t, &in)
	if in.Items[0].Scale != "Drive" {
		t.Errorf("an item's scale is kept as %q, not as the scale spells it", in.Items[0].Scale)
	}
}

func TestItemAnswersAndLabels(t *testing.T) {
	in := drive(data.ScoreMean, 1, 5)
	mustValid(t, &in)
	texts := func(opts []data.ItemOption) string {
		var out []string
		for _, o := range opts {
			out = append(out, o.Text+"="+data.FormatNumber(o.Value))
		}
		return strings.Join(out, ", ")
	}
	for i, want := range []string{
		"Strongly disagree=1, Disagree=2, Neither agree nor disagree=3, Agree=4, Strongly agree=5",
		"", "",
		"Strongly disagree=1, Disagree=2, Somewhat disagree=3, Neither agree nor disagree=4, Somewhat agree=5, Agree=6, Strongly agree=7",
		"Yes=1, No=0",
		"Never=0, Sometimes=2, Always=5",
		"",
	} {
		if want == "" {
			continue
		}
		if got := texts(in.Items[i].AnswerChoices()); got != want {
			t.Errorf("question %d offers %q, want %q", i+1, got, want)
		}
	}
	if got := in.Items[6].AnswerChoices(); got != nil {
		t.Errorf("a number question offers %v", got)
	}
	for _, f := range data.ResponseFormats {
		if f.Label() == string(f) {
			t.Errorf("%q has no label for the coach", f)
		}
	}

	in.RenameScale("DRIVE", "Energy")
	mustValid(t, &in)
	if in.Scales[0].Name != "Energy" || in.Items[0].Scale != "Energy" || in.Items[2].Scale != "Energy" || in.Items[3].Scale != "Other" {
		t.Errorf("after renaming: scale %q, items feed %q, %q, %q", in.Scales[0].Name, in.Items[0].Scale, in.Items[2].Scale, in.Items[3].Scale)
	}
}
