package sqlite

import (
	"mutua/data"
)

// reportPartnerships reads partnerships in full, as reports show them, keeping only the
// notes keep allows.
func (s *Store) reportPartnerships(list []data.Partnership, today data.Date, keep func(data.Note) bool) ([]data.ReportPartnership, error) {
	var out []data.ReportPartnership
	for _, p := range list {
		page, err := s.Partnership(p.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, data.NewReportPartnership(page, today, keep))
	}
	return out, nil
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
	shared := func(n data.Note) bool { return data.ShownToParticipant(n, participantID) }
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
	b.Agenda, err = s.Agendas(data.AgendaOrientation(b.Partnership.Members))
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
	full, err := s.reportPartnerships(list, today, data.ShownToSponsor)
	if err != nil {
		return nil, err
	}
	r.AddPairs(full)
	orientations, err := latestOrientations(s.db)
	if err != nil {
		return nil, err
	}
	err = s.eachPair(`SELECT participant_id, 0 FROM cohort_members m JOIN participants p ON p.id = m.participant_id
		WHERE m.cohort_id = ? AND p.status <> 'alumni'`, func(pid, _ int64) { r.Orientations[orientations[pid]]++ }, cohortID)
	if err != nil {
		return nil, err
	}
	answers, err := surveyAnswers(s.db, `WHERE a.partnership_id IN (SELECT id FROM partnerships WHERE cohort_id = ?)`, cohortID)
	r.Pulse, r.Closing = data.SummarizeSurveys(data.Pulse, answers), data.SummarizeSurveys(data.Closing, answers)
	return r, err
}
