package data

import (
	"fmt"
	"sort"
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
	// Pulse and Closing sum up the survey answers: figures only from MinSurveyAggregate
	// answers, never an individual answer or its text.
	Pulse, Closing SurveySummary
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

// ShownToParticipant reports whether a participant's progress report may show the note:
// only notes shared with the participants, written for everyone in the partnership or for
// this participant.
func ShownToParticipant(n Note, participantID int64) bool {
	return n.Visibility == Shared && (n.ParticipantID == 0 || n.ParticipantID == participantID)
}

// ShownToSponsor reports whether a cohort summary may show the note: only notes the coach
// marked for the sponsor.
func ShownToSponsor(n Note) bool { return n.Visibility == Sponsor }

// NewReportPartnership is a partnership as a report shows it: its sessions oldest first and
// their action items, with only the notes keep allows.
func NewReportPartnership(page *PartnershipPage, today Date, keep func(Note) bool) ReportPartnership {
	rp := ReportPartnership{Partnership: page.Partnership, Outcome: page.Outcome(today)}
	for i := len(page.SessionLog) - 1; i >= 0; i-- {
		se := page.SessionLog[i]
		se.Notes = filterNotes(se.Notes, keep)
		rp.Sessions = append(rp.Sessions, se)
		rp.ActionItems = append(rp.ActionItems, se.ActionItems...)
	}
	rp.Notes = filterNotes(page.Notes, keep)
	return rp
}

func filterNotes(notes []Note, keep func(Note) bool) []Note {
	var out []Note
	for _, n := range notes {
		if keep(n) {
			out = append(out, n)
		}
	}
	return out
}

// AgendaOrientation is the orientation whose agenda a pair brief suggests: the members'
// shared orientation, or mixed when they differ or none is known.
func AgendaOrientation(members []Member) string {
	orientation := MixedOrientation
	for i, m := range members {
		if i == 0 {
			orientation = m.Orientation
		} else if m.Orientation != orientation {
			orientation = MixedOrientation
		}
	}
	if orientation == "" {
		orientation = MixedOrientation
	}
	return orientation
}

// AddPairs adds a cohort's partnerships (read for the sponsor) to its summary: each pair with
// its outcome and whether it is inactive, the outcomes counted, the sponsor's notes in date
// order and the sessions held each month. Today and InactiveDays must be set.
func (r *CohortSummary) AddPairs(full []ReportPartnership) {
	months := map[time.Time]int{}
	for _, p := range full {
		since := p.LastSession
		if since.IsZero() {
			since = p.StartedOn
		}
		r.Pairs = append(r.Pairs, CohortReportPair{Partnership: p.Partnership, Outcome: p.Outcome,
			Inactive: !p.Ended() && since.DaysUntil(r.Today) >= r.InactiveDays})
		r.Outcome.Add(p.Outcome)
		names := p.Names(" + ")
		for _, se := range p.Sessions {
			t := se.HeldOn.Time()
			months[time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)]++
			for _, n := range se.Notes {
				r.Notes = append(r.Notes, SponsorNote{Pair: names, On: se.HeldOn, Note: n})
			}
		}
		for _, n := range p.Notes {
			r.Notes = append(r.Notes, SponsorNote{Pair: names, On: DateOf(n.CreatedAt), Note: n})
		}
	}
	sort.SliceStable(r.Pairs, func(i, j int) bool { return r.Pairs[i].Score > r.Pairs[j].Score })
	sort.SliceStable(r.Notes, func(i, j int) bool {
		a, b := r.Notes[i], r.Notes[j]
		if a.On != b.On {
			return a.On.Before(b.On)
		}
		return a.Note.CreatedAt.Before(b.Note.CreatedAt)
	})
	for m, n := range months {
		r.Months = append(r.Months, MonthCount{Month: m, Count: n})
	}
	sort.Slice(r.Months, func(i, j int) bool { return r.Months[i].Month.Before(r.Months[j].Month) })
}
