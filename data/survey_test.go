package data_test

import (
	"strings"
	"testing"

	"mutua/data"
)

func day(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func surveyPair(id int64, start, end string) data.Partnership {
	p := data.Partnership{ID: id, CohortID: 1, StartedOn: day(start), Status: data.Running,
		Members: []data.Member{{ParticipantID: 1, Name: "Ana Lima"}, {ParticipantID: 2, Name: "Ben Okafor"}}}
	if end != "" {
		p.PlannedEndOn = day(end)
	}
	return p
}

func TestPulsesFallDueAfterThirtyDaysThenEveryInterval(t *testing.T) {
	p := surveyPair(1, "2026-01-01", "2026-06-01")
	var got []string
	for _, d := range data.PulseDue(&p, 45, day("2026-12-31")) {
		got = append(got, d.String())
	}
	// 31 Jan, then every 45 days, stopping before the planned end (the closing takes its place).
	if strings.Join(got, " ") != "2026-01-31 2026-03-17 2026-05-01" {
		t.Errorf("pulses due %v", got)
	}
	if n := len(data.PulseDue(&p, 0, day("2026-01-30"))); n != 0 {
		t.Errorf("%d pulses due before 30 days", n)
	}
	if n := len(data.PulseDue(&p, 0, day("2026-03-02"))); n != 2 {
		t.Errorf("default interval: %d pulses due by 2 March, want 2 (31 Jan, 2 Mar)", n)
	}
}

func TestWhichSurveyIsDue(t *testing.T) {
	p := surveyPair(1, "2026-01-01", "2026-06-01")
	if k, d, ok := data.SurveyDue(&p, 30, day("2026-02-05"), nil); !ok || k != data.Pulse || d.String() != "2026-01-31" {
		t.Errorf("5 Feb: %v %v %v, want the pulse of 31 Jan", k, d, ok)
	}
	answered := []data.SurveyAnswer{{PartnershipID: 1, Kind: data.Pulse, DueOn: day("2026-01-31"), AnsweredOn: day("2026-02-03"), Productive: 4}}
	if _, _, ok := data.SurveyDue(&p, 30, day("2026-02-05"), answered); ok {
		t.Error("a pulse answered by one member is still due")
	}
	if k, d, ok := data.SurveyDue(&p, 30, day("2026-06-02"), answered); !ok || k != data.Closing || d.String() != "2026-06-01" {
		t.Errorf("after the planned end: %v %v %v, want the closing evaluation", k, d, ok)
	}
	closed := append(answered, data.SurveyAnswer{PartnershipID: 1, Kind: data.Closing, AnsweredOn: day("2026-06-03"), Productive: 5})
	if _, _, ok := data.SurveyDue(&p, 30, day("2026-06-05"), closed); ok {
		t.Error("the closing evaluation is due again once answered")
	}
	p.Status, p.EndedOn = data.EndedEarly, day("2026-02-20")
	if _, _, ok := data.SurveyDue(&p, 30, day("2026-03-05"), nil); ok {
		t.Error("a partnership ended early is sent surveys")
	}
}

func TestALowOrMissingPulseNeedsAttention(t *testing.T) {
	today := day("2026-03-20")
	low := surveyPair(1, "2026-01-01", "")
	quiet := surveyPair(2, "2026-01-01", "")
	quiet.Members = []data.Member{{ParticipantID: 3, Name: "Cara Diaz"}, {ParticipantID: 4, Name: "Dev Rao"}}
	fine := surveyPair(3, "2026-01-01", "")
	fine.Members = []data.Member{{ParticipantID: 5, Name: "Eva Berg"}, {ParticipantID: 6, Name: "Finn Ode"}}
	recent := surveyPair(4, "2026-02-10", "") // first pulse due 12 March: not late yet
	recent.Members = []data.Member{{ParticipantID: 7, Name: "Gus Tan"}, {ParticipantID: 8, Name: "Hana Ito"}}
	answers := []data.SurveyAnswer{
		// Ana was low on the first pulse, then better: only the latest counts. Ben is low now.
		{PartnershipID: 1, ParticipantID: 1, Kind: data.Pulse, DueOn: day("2026-01-31"), AnsweredOn: day("2026-02-01"), Productive: 1},
		{PartnershipID: 1, ParticipantID: 1, Kind: data.Pulse, DueOn: day("2026-03-02"), AnsweredOn: day("2026-03-03"), Productive: 4},
		{PartnershipID: 1, ParticipantID: 2, Kind: data.Pulse, DueOn: day("2026-03-02"), AnsweredOn: day("2026-03-04"), Productive: 2},
		{PartnershipID: 2, ParticipantID: 3, Kind: data.Pulse, DueOn: day("2026-01-31"), AnsweredOn: day("2026-02-02"), Productive: 5},
		{PartnershipID: 3, ParticipantID: 5, Kind: data.Pulse, DueOn: day("2026-03-02"), AnsweredOn: day("2026-03-05"), Productive: 3},
	}
	items := data.PulseAttention(today, []data.Partnership{low, quiet, fine, recent}, map[int64]int{}, answers, 14)
	if len(items) != 2 {
		t.Fatalf("%d items, want the low pulse and the missing one: %+v", len(items), items)
	}
	if items[0].Kind != data.LowPulseScore || items[0].PartnershipID != 1 || !strings.Contains(items[0].Detail, "Ben rated it 2 of 5") || strings.Contains(items[0].Detail, "Ana") {
		t.Errorf("low pulse item: %+v", items[0])
	}
	if items[1].Kind != data.PulseMissing || items[1].PartnershipID != 2 || !strings.Contains(items[1].Detail, "18 days later") {
		t.Errorf("missing pulse item: %+v", items[1])
	}
	// Within the grace days a missing pulse waits.
	if items := data.PulseAttention(day("2026-03-16"), []data.Partnership{quiet}, nil, answers, 14); len(items) != 0 {
		t.Errorf("14 days after it was due: %+v", items)
	}
	// Attention ranks the survey items after inactive partnerships and before fit checks.
	all := append(items, data.AttentionItem{Kind: data.FitCheck}, data.AttentionItem{Kind: data.Inactive})
	data.SortAttention(all)
	if all[0].Kind != data.Inactive || all[1].Kind != data.LowPulseScore || all[3].Kind != data.FitCheck {
		t.Errorf("order: %v %v %v %v", all[0].Kind, all[1].Kind, all[2].Kind, all[3].Kind)
	}
}

func TestSurveyAggregatesNeedThreePeople(t *testing.T) {
	two := []data.SurveyAnswer{
		{Kind: data.Pulse, ParticipantID: 1, Productive: 4, Learned: "negotiation"},
		{Kind: data.Pulse, ParticipantID: 2, Productive: 2},
		{Kind: data.Closing, ParticipantID: 3, Productive: 5},
	}
	s := data.SummarizeSurveys(data.Pulse, two)
	if s.Shown || s.Answers != 2 || s.Mean != 0 || s.Counts != [5]int{} {
		t.Errorf("two answers give %+v, want only their count", s)
	}
	// One person's third pulse is not a third person: the figures would tell their ratings.
	again := append(append([]data.SurveyAnswer(nil), two...), data.SurveyAnswer{Kind: data.Pulse, ParticipantID: 1, Productive: 3})
	if s = data.SummarizeSurveys(data.Pulse, again); s.Shown || s.Answers != 3 {
		t.Errorf("three answers from two people give %+v, want only their count", s)
	}
	three := append(two, data.SurveyAnswer{Kind: data.Pulse, ParticipantID: 3, Productive: 3})
	s = data.SummarizeSurveys(data.Pulse, three)
	if !s.Shown || s.Answers != 3 || s.Mean != 3 || s.Counts != [5]int{0, 1, 1, 1, 0} {
		t.Errorf("three answers give %+v", s)
	}
	closing := []data.SurveyAnswer{{Kind: data.Closing, ParticipantID: 1, Productive: 5, Recommend: "yes"},
		{Kind: data.Closing, ParticipantID: 2, Productive: 4, Recommend: "yes"}, {Kind: data.Closing, ParticipantID: 3, Productive: 2, Recommend: "no"}}
	s = data.SummarizeSurveys(data.Closing, closing)
	if !s.Shown || s.Recommend["yes"] != 2 || s.Recommend["no"] != 1 {
		t.Errorf("closing summary %+v", s)
	}
}

func TestAReturnedSurveyIsReadIntoAnAnswer(t *testing.T) {
	req := data.SurveyRequest{ID: "r1", Kind: data.Closing, PartnershipID: 7, ParticipantID: 2, DueOn: day("2026-06-01")}
	values := map[string]string{data.SurveyProductive: "4", data.SurveyLearned: "  How a board thinks ", data.SurveyRecommend: "Yes",
		data.SurveyContinues: "We meet quarterly", data.SurveyFreeText: "Ben was late twice"}
	a, problems := data.ParseSurveyAnswer(req, day("2026-06-03"), func(k string) string { return values[k] })
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.Productive != 4 || a.Learned != "How a board thinks" || a.Recommend != data.RecommendYes || a.Visibility != data.Private {
		t.Errorf("answer %+v: free text must default to private", a)
	}
	values[data.SurveyVisibility] = "The coach and my partner"
	if a, _ := data.ParseSurveyAnswer(req, day("2026-06-03"), func(k string) string { return values[k] }); a.Visibility != data.Shared {
		t.Errorf("visibility %q", a.Visibility)
	}
	for _, bad := range []string{"", "7", "four"} {
		values[data.SurveyProductive] = bad
		if _, problems := data.ParseSurveyAnswer(req, day("2026-06-03"), func(k string) string { return values[k] }); len(problems) != 1 {
			t.Errorf("productive %q gives %v", bad, problems)
		}
	}
	pulse := data.SurveyAnswer{Kind: data.Pulse, Productive: 3, Recommend: "yes", AnsweredOn: day("2026-02-01")}
	pulse.Tidy()
	if err := pulse.Validate(); err == nil {
		t.Error("a pulse answer with a recommendation passes")
	}
}
