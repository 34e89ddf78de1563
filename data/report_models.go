package data

import (
	"fmt"
	"strings"
	"time"
)

// The report models hold exactly what each report may show. Notes are chosen here, by
// visibility, so a report can never print what its reader may not see: a participant's
// report gets the shared notes of their own partnerships only; the cohort summary gets
// sponsor-safe notes only; the pair brief gets no notes. Private notes never leave the store.

// ReportPartnership is a partnership as a report shows it.
type ReportPartnership struct {
	Partnership
	Sessions    []Session // oldest first; Notes filtered for the report's reader
	ActionItems []ActionItem
	Notes       []Note // notes on the partnership as a whole, filtered for the reader
	Outcome     Productive
}

// ParticipantReport is a participant's progress report, for the participant (the client).
type ParticipantReport struct {
	Practice     PracticeIdentity // who the report comes from; never the file's name
	Today        Date
	Participant  Participant
	Cohorts      []string
	Orientation  *Instrument  // the Work Orientation instrument, for the chart
	History      []Assessment // Work Orientation results, oldest first
	Partnerships []ReportPartnership
	Goals        []Goal
}

// Period is the span the report covers: from the first partnership or result to today.
func (r *ParticipantReport) Period() (Date, Date) {
	from := r.Today
	for _, a := range r.History {
		if a.AssessedOn.Before(from) {
			from = a.AssessedOn
		}
	}
	for _, p := range r.Partnerships {
		if p.StartedOn.Before(from) {
			from = p.StartedOn
		}
	}
	return from, r.Today
}

// PairBrief is the one- or two-page brief for both members before their first session.
type PairBrief struct {
	Practice    PracticeIdentity // who the brief comes from
	Today       Date
	Partnership Partnership
	Members     []Participant
	Agenda      []string // suggested first-session topics for their orientations
}

// CohortReportPair is one partnership of a cohort summary.
type CohortReportPair struct {
	Partnership
	Outcome  Productive
	Inactive bool // no session for the inactivity threshold
}

// CohortSummary is the summary for the coach or the sponsor: sponsor-safe content only.
type CohortSummary struct {
	Practice     PracticeIdentity // who the report comes from; never the file's name
	Today        Date
	Cohort       Cohort
	InactiveDays int
	Pairs        []CohortReportPair
	Orientations map[string]int // members by primary orientation ("" for not assessed)
	Months       []MonthCount   // sessions per month, oldest first
	Outcome      CohortOutcome
	Notes        []SponsorNote // sponsor-safe notes, by date, oldest first
}

// MonthCount is how many sessions were held in a month.
type MonthCount struct {
	Month time.Time // the first day of the month
	Count int
}

// SponsorNote is a sponsor-safe note with the pair it is about and its date: the date of
// its session, or for a note on the partnership as a whole, the day it was written. The
// progress report dates notes the same way.
type SponsorNote struct {
	Pair string
	On   Date
	Note Note
}

// FirstJudged is the day the cohort's earliest partnership that is too early to tell
// reaches six months, when it can first be judged productive or not; zero when none is too
// early.
func (c *CohortSummary) FirstJudged() Date {
	var first Date
	for _, p := range c.Pairs {
		if !p.Outcome.TooEarly {
			continue
		}
		if on := DateOf(p.StartedOn.Time().AddDate(0, 6, 0)); first.IsZero() || on.Before(first) {
			first = on
		}
	}
	return first
}

// ReportFileName suggests a file name for a report: what it is and whom it is about, nothing more.
func ReportFileName(kind, subject string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '-'
		}
		return r
	}, subject)
	return fmt.Sprintf("%s - %s.pdf", kind, strings.TrimSpace(clean))
}
