package data_test

import (
	"strings"
	"testing"

	"mutua/data"
)

// A participant's report shows only notes shared with the participants, for everyone or for
// them; a cohort summary shows only the sponsor's notes. Private notes appear in neither.
func TestWhichNotesReportsShow(t *testing.T) {
	notes := []data.Note{
		{Body: "private", Visibility: data.Private},
		{Body: "shared with both", Visibility: data.Shared},
		{Body: "shared with Ana", Visibility: data.Shared, ParticipantID: 1},
		{Body: "shared with Ben", Visibility: data.Shared, ParticipantID: 2},
		{Body: "for the sponsor", Visibility: data.Sponsor},
	}
	shown := func(keep func(data.Note) bool) string {
		var out []string
		for _, n := range notes {
			if keep(n) {
				out = append(out, n.Body)
			}
		}
		return strings.Join(out, "; ")
	}
	if got := shown(func(n data.Note) bool { return data.ShownToParticipant(n, 1) }); got != "shared with both; shared with Ana" {
		t.Errorf("Ana's report shows %q", got)
	}
	if got := shown(data.ShownToSponsor); got != "for the sponsor" {
		t.Errorf("the cohort summary shows %q", got)
	}
}

// What needs attention is worked out from the partnerships, overdue items and people without
// an assessment, without the store: an unanswered fit check, a missing agreement, a cohort of
// three unassessed people as one item, and the most urgent kind first.
func TestAttentionFromValues(t *testing.T) {
	today := data.NewDate(2026, 11, 22)
	p := data.Partnership{ID: 7, Status: data.Running, StartedOn: today.AddDays(-10), LastSession: today.AddDays(-3), Sessions: 1,
		Members: []data.Member{{ParticipantID: 1, Name: "Ana Silva", FitCheck: data.Keep}, {ParticipantID: 2, Name: "Ben Okoro"}}}
	overdue := []data.ActionItem{{PartnershipID: 7, Text: "Send the draft", DueOn: today.AddDays(-2)}}
	var unassessed []data.Unassessed
	for i, name := range []string{"Cara", "Dev", "Eli"} {
		unassessed = append(unassessed, data.Unassessed{ParticipantID: int64(10 + i), Name: name, CohortID: 3, CohortName: "Spring"})
	}
	unassessed = append(unassessed, data.Unassessed{ParticipantID: 20, Name: "Fay"})
	items := data.Attention(today, 0, []data.Partnership{p}, overdue, unassessed)
	var got []string
	for _, it := range items {
		got = append(got, string(it.Kind)+": "+it.Title)
	}
	want := []string{
		"overdue: Ana Silva + Ben Okoro: Send the draft",
		"fit-check: Ana Silva + Ben Okoro",
		"no-measures: Ana Silva + Ben Okoro",
		"no-assessment: Spring: 3 participants not assessed",
		"no-assessment: Fay",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("attention:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if items[1].Detail != "Fit check after the first session not answered by Ben." {
		t.Errorf("fit check detail %q", items[1].Detail)
	}
}
