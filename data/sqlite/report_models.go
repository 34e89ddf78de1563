package sqlite

import (
	"sort"
	"time"

	"mutua/data"
)

// reportPartnerships reads partnerships in full (sessions oldest first), keeping only the
// notes keep allows.
func (s *Store) reportPartnerships(list []data.Partnership, today data.Date, keep func(data.Note) bool) ([]data.ReportPartnership, error) {
	var out []data.ReportPartnership
	for _, p := range list {
		page, err := s.Partnership(p.ID)
		if err != nil {
			return nil, err
		}
		rp := data.ReportPartnership{Partnership: page.Partnership, Outcome: page.Outcome(today)}
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

func filterNotes(notes []data.Note, keep func(data.Note) bool) []data.Note {
	var out []data.Note
	for _, n := range notes {
		if keep(n) {
			out = append(out, n)
		}
	}
	return out
}

// ParticipantReport gathers a participant's progress report: only notes shared with the
// participants, and only from partnerships this participant is in.
func (s *Store) ParticipantReport(participantID int64, today data.Date) (*data.ParticipantReport, error) {
	prof, err := s.Profile(participantID)
	if err != nil {
		return nil, err
	}
	id, err := s.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	r := &data.ParticipantReport{Practice: id, Today: today, Participant: prof.Participant}
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
	wo, err := s.InstrumentByKey(data.WorkOrientationKey)
	if err != nil {
		return nil, err
	}
	r.Orientation = &wo
	if r.History, err = s.Assessments(participantID, wo.ID); err != nil {
		return nil, err
	}
	shared := func(n data.Note) bool {
		return n.Visibility == data.Shared && (n.ParticipantID == 0 || n.ParticipantID == participantID)
	}
	if r.Partnerships, err = s.reportPartnerships(prof.Partnerships, today, shared); err != nil {
		return nil, err
	}
	r.Goals, err = s.Goals(participantID)
	return r, err
}

// CurrentPartnership returns the participant's running partnership, or their latest one.
func (s *Store) CurrentPartnership(participantID int64) (data.Partnership, error) {
	prof, err := s.Profile(participantID)
	if err != nil {
		return data.Partnership{}, err
	}
	if len(prof.Partnerships) == 0 {
		return data.Partnership{}, data.Errorf(data.NotFound, "%s is not in a partnership yet.", prof.Name)
	}
	return prof.Partnerships[0], nil // running ones come first, newest first
}

// PairBrief gathers the brief for a partnership's members: who they are, why they were
// matched, what each can teach and wants to learn, and a suggested first agenda.
func (s *Store) PairBrief(partnershipID int64, today data.Date) (*data.PairBrief, error) {
	list, err := s.loadPartnerships(s.db, "WHERE ps.id = ?", partnershipID)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, data.Errorf(data.NotFound, "This partnership no longer exists.")
	}
	id, err := s.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	b := &data.PairBrief{Practice: id, Today: today, Partnership: list[0]}
	for _, m := range b.Partnership.Members {
		p, err := s.Participant(m.ParticipantID)
		if err != nil {
			return nil, err
		}
		p.PrivateNotes = "" // the coach's own notes are not for the pair
		b.Members = append(b.Members, p)
	}
	orientation := data.MixedOrientation
	for i, m := range b.Partnership.Members {
		if i == 0 {
			orientation = m.Orientation
		} else if m.Orientation != orientation {
			orientation = data.MixedOrientation
		}
	}
	if orientation == "" {
		orientation = data.MixedOrientation
	}
	b.Agenda, err = s.Agendas(orientation)
	return b, err
}

// CohortSummary gathers the summary of a cohort for the coach or the sponsor: pairs and
// scores, sessions, engagement, the orientation mix, outcomes and sponsor-safe notes only.
func (s *Store) CohortSummary(cohortID int64, today data.Date, inactiveDays int) (*data.CohortSummary, error) {
	c, err := s.Cohort(cohortID)
	if err != nil {
		return nil, err
	}
	if inactiveDays <= 0 {
		inactiveDays = data.DefaultInactiveDays
	}
	id, err := s.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	r := &data.CohortSummary{Practice: id, Today: today, Cohort: c, InactiveDays: inactiveDays, Orientations: map[string]int{}}
	list, err := s.loadPartnerships(s.db, "WHERE ps.cohort_id = ?", cohortID)
	if err != nil {
		return nil, err
	}
	sponsor := func(n data.Note) bool { return n.Visibility == data.Sponsor }
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
		r.Pairs = append(r.Pairs, data.CohortReportPair{Partnership: p.Partnership, Outcome: p.Outcome,
			Inactive: !p.Ended() && since.DaysUntil(today) >= inactiveDays})
		r.Outcome.Add(p.Outcome)
		names := p.Names(" + ")
		for _, se := range p.Sessions {
			t := se.HeldOn.Time()
			months[time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)]++
			for _, n := range se.Notes {
				r.Notes = append(r.Notes, data.SponsorNote{Pair: names, On: se.HeldOn, Note: n})
			}
		}
		for _, n := range p.Notes {
			r.Notes = append(r.Notes, data.SponsorNote{Pair: names, On: data.DateOf(n.CreatedAt), Note: n})
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
		r.Months = append(r.Months, data.MonthCount{Month: m, Count: n})
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
