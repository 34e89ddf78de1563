package reports_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"mutua/data"
	"mutua/forms"
	"mutua/questionnaires"
	"mutua/reports"
)

// surveyAnswers sends a pulse survey to the partnership's members and returns an answer for
// each, its texts carrying marker words that must never reach a cohort summary.
func surveyAnswers(t *testing.T, pr *practice, key string, scores ...int) []data.SurveyAnswer {
	t.Helper()
	ctx := context.Background()
	p := pr.ps[key]
	written, err := questionnaires.SendSurveys(ctx, pr.s, data.Pulse, []int64{p.ID}, t.TempDir(), "A4", nil)
	if err != nil {
		t.Fatal(err)
	}
	practice, seal, err := pr.s.FormIdentity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []data.SurveyAnswer
	for i, path := range written.Files[:len(scores)] {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := forms.Read(b, practice, seal)
		if err != nil {
			t.Fatal(err)
		}
		r.Values = map[string][]string{data.SurveyProductive: {string(rune('0' + scores[i]))},
			data.SurveyLearned: {"MARKERLEARNED" + key}, data.SurveyChange: {"MARKERCHANGE" + key},
			data.SurveyFreeText: {"MARKERCOMMENT" + key}, data.SurveyVisibility: {"Also the programme sponsor"}}
		prev, err := pr.s.PreviewSurvey(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, prev.Answer)
	}
	return out
}

func cohortText(t *testing.T, pr *practice) string {
	t.Helper()
	c, err := summaryOf(pr.s, pr.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Cohort(&buf, c, options(t)); err != nil {
		t.Fatal(err)
	}
	return text(t, buf.Bytes())
}

// The cohort summary shows survey aggregates only from three answers, and never an
// individual answer's text, not even a comment its writer marked safe for the sponsor.
func TestCohortSummaryShowsSurveyAggregatesOnly(t *testing.T) {
	needTools(t)
	pr := newPractice(t)
	ctx := context.Background()
	if got := cohortText(t, pr); !strings.Contains(got, "No pulse surveys or closing evaluations have been returned yet.") {
		t.Errorf("without answers the summary says:\n%s", got)
	}

	if err := pr.s.ApplySurveys(ctx, surveyAnswers(t, pr, "AB", 2, 4)); err != nil {
		t.Fatal(err)
	}
	got := cohortText(t, pr)
	if !strings.Contains(got, "fewer than 3 answers") || strings.Contains(got, "answers; how productive") {
		t.Errorf("two answers are shown as an aggregate:\n%s", got)
	}

	if err := pr.s.ApplySurveys(ctx, surveyAnswers(t, pr, "CD", 5)); err != nil {
		t.Fatal(err)
	}
	got = cohortText(t, pr)
	if !strings.Contains(got, "Pulse surveys: 3 answers; how productive the partnership is, on average 3.7 of 5.") {
		t.Errorf("three answers: no aggregate in\n%s", got)
	}
	if strings.Contains(got, "MARKERLEARNED") || strings.Contains(got, "MARKERCHANGE") || strings.Contains(got, "MARKERCOMMENT") {
		t.Errorf("an individual survey answer is in the cohort summary:\n%s", got)
	}
}
