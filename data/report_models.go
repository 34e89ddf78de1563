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

// reportPartnerships reads partnerships in full (sessions oldest first), keeping only the
// notes keep allows.
func (s *Store) reportPartnerships(list []Partnership, today Date, keep func(Note) bool) ([]ReportPartnership, error) {
	var out []ReportPartnership
	for _, p := range list {
		page, err := s.Partnership(p.ID)
		if err != nil {
			return nil, err
		}
		rp := ReportPartnership{Partnership: page.Partnership, Outcome: page.Outcome(today)}
		for i := len(page.SessionLog) - 1; i >= 0; i-- {
			se := page.SessionLog[i]
			se.Notes = filterNotes(se.Notes, keep)
			rp.Sessions = append(rp.Sessions, se)
			rp.ActionItems = append(rp.ActionItems, se.ActionItems...)
		}
		rp.Notes = filterNotes(page.Notes, keep)
		out = append(out, rp)
	}
	return out, nil
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

// ParticipantReport gathers a participant's progress report: only notes shared with the
// participants, and only from partnerships this participant is in.
func (s *Store) ParticipantReport(participantID int64, today Date) (*ParticipantReport, error) {
	prof, err := s.Profile(participantID)
	if err != nil {
		return nil, err
	}
	id, err := s.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	r := &ParticipantReport{Practice: id, Today: today, Participant: prof.Participant}
	cohorts, err := s.Cohorts()
	if err != nil {
		return nil, err
	}
	for _, c := range cohorts {
		for _, id := range prof.CohortIDs {
			if id == c.ID {
				r.Cohorts = append(r.Cohorts, c.Name)
			}
		}
	}
	wo, err := s.InstrumentByKey(WorkOrientationKey)
	if err != nil {
		return nil, err
	}
	r.Orientation = &wo
	if r.History, err = s.Assessments(participantID, wo.ID); err != nil {
		return nil, err
	}
	shared := func(n Note) bool {
		return n.Visibility == Shared && (n.ParticipantID == 0 || n.ParticipantID == participantID)
	}
	if r.Partnerships, err = s.reportPartnerships(prof.Partnerships, today, shared); err != nil {
		return nil, err
	}
	r.Goals, err = s.Goals(participantID)
	return r, err
}

// CurrentPartnership returns the participant's running partnership, or their latest one.
func (s *Store) CurrentPartnership(participantID int64) (Partnership, error) {
	prof, err := s.Profile(participantID)
	if err != nil {
		return Partnership{}, err
	}
	if len(prof.Partnerships) == 0 {
		return Partnership{}, Errorf(NotFound, "%s is not in a partnership yet.", prof.Name)
	}
	return prof.Partnerships[0], nil // running ones come first, newest first
}

// PairBrief gathers the brief for a partnership's members: who they are, why they were
// matched, what each can teach and wants to learn, and a suggested first agenda.
func (s *Store) PairBrief(partnershipID int64, today Date) (*PairBrief, error) {
	list, err := s.loadPartnerships(s.db, "WHERE ps.id = ?", partnershipID)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, Errorf(NotFound, "This partnership no longer exists.")
	}
	id, err := s.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	b := &PairBrief{Practice: id, Today: today, Partnership: list[0]}
	for _, m := range b.Partnership.Members {
		p, err := s.Participant(m.ParticipantID)
		if err != nil {
			return nil, err
		}
		p.PrivateNotes = "" // the coach's own notes are not for the pair
		b.Members = append(b.Members, p)
	}
	orientation := MixedOrientation
	for i, m := range b.Partnership.Members {
		if i == 0 {
			orientation = m.Orientation
		} else if m.Orientation != orientation {
			orientation = MixedOrientation
		}
	}
	if orientation == "" {
		orientation = MixedOrientation
	}
	b.Agenda, err = s.Agendas(orientation)
	return b, err
}

// CohortSummary gathers the summary of a cohort for the coach or the sponsor: pairs and
// scores, sessions, engagement, the orientation mix, outcomes and sponsor-safe notes only.
func (s *Store) CohortSummary(cohortID int64, today Date, inactiveDays int) (*CohortSummary, error) {
	c, err := s.Cohort(cohortID)
	if err != nil {
		return nil, err
	}
	if inactiveDays <= 0 {
		inactiveDays = DefaultInactiveDays
	}
	id, err := s.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	r := &CohortSummary{Practice: id, Today: today, Cohort: c, InactiveDays: inactiveDays, Orientations: map[string]int{}}
	list, err := s.loadPartnerships(s.db, "WHERE ps.cohort_id = ?", cohortID)
	if err != nil {
		return nil, err
	}
	sponsor := func(n Note) bool { return n.Visibility == Sponsor }
	full, err := s.reportPartnerships(list, today, sponsor)
	if err != nil {
		return nil, err
	}
	months := map[time.Time]int{}
	for _, p := range full {
		since := p.LastSession
		if since.IsZero() {
			since = p.StartedOn
		}
		r.Pairs = append(r.Pairs, CohortReportPair{Partnership: p.Partnership, Outcome: p.Outcome,
			Inactive: !p.Ended() && since.DaysUntil(today) >= inactiveDays})
		r.Outcome.add(p.Outcome)
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
	orientations, err := latestOrientations(s.db)
	if err != nil {
		return nil, err
	}
	err = s.eachPair(`SELECT participant_id, 0 FROM cohort_members m JOIN participants p ON p.id = m.participant_id
		WHERE m.cohort_id = ? AND p.status <> 'alumni'`, func(pid, _ int64) { r.Orientations[orientations[pid]]++ }, cohortID)
	return r, err
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
