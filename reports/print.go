package reports

import (
	"context"
	"fmt"
	"io"

	"mutua/data"
)

// Kind is a kind of report.
type Kind string

// The reports Mutua prints. The values are the command line's words for them.
const (
	Progress Kind = "participant" // a participant's progress report, for the participant
	Brief    Kind = "pair"        // a partnership's pair brief, for its members
	Summary  Kind = "cohort"      // a cohort's summary, for the coach or the sponsor
	Record   Kind = "person"      // everything held about a person, for that person
)

// Source is what the reports read from a practice. *sqlite.Store satisfies it; the rules of
// what each report may show are applied here and in package data, never by the source.
type Source interface {
	PracticeIdentity() (data.PracticeIdentity, error)
	Profile(participantID int64) (data.Profile, error)
	Participant(id int64) (data.Participant, error)
	Cohorts() ([]data.Cohort, error)
	Cohort(id int64) (data.Cohort, error)
	InstrumentByKey(key string) (data.Instrument, error)
	Assessments(participantID, instrumentID int64) ([]data.Assessment, error)
	Goals(participantID int64) ([]data.Goal, error)
	Partnership(id int64) (*data.PartnershipPage, error)
	Agendas(orientation string) ([]string, error)
	// CohortPartnerships lists a cohort's partnerships, as Partnerships does.
	CohortPartnerships(ctx context.Context, cohortID int64) ([]data.Partnership, error)
	// CohortOrientations counts a cohort's members who are not alumni by the primary
	// orientation of their latest Work Orientation result ("" for not assessed).
	CohortOrientations(ctx context.Context, cohortID int64) (map[string]int, error)
	// CohortSurveyAnswers reads the pulse and closing answers given in a cohort's partnerships.
	CohortSurveyAnswers(ctx context.Context, cohortID int64) ([]data.SurveyAnswer, error)
	// PersonRecord reads everything held about a person, private notes included.
	PersonRecord(participantID int64) (*data.PersonRecord, error)
}

// Report is a report's model, read and ready to print: exactly one of its models is set,
// the one of its Kind.
type Report struct {
	Kind     Kind
	Progress *data.ParticipantReport
	Brief    *data.PairBrief
	Summary  *data.CohortSummary
	Record   *data.PersonRecord
	Practice data.PracticeIdentity // who the report comes from
}

// Print reads what a report of the kind about subject (a participant, a partnership or a
// cohort, by ID) needs as of today and writes its PDF into w.
func Print(w io.Writer, src Source, kind Kind, subject int64, today data.Date, o Options) error {
	r, err := Read(src, kind, subject, today, o)
	if err != nil {
		return err
	}
	return r.Write(w, o)
}

// Read reads what a report of the kind about subject needs as of today, holding only what
// its reader may see: what Print prints, for a preview of its contents.
func Read(src Source, kind Kind, subject int64, today data.Date, o Options) (*Report, error) {
	r := &Report{Kind: kind}
	var err error
	switch kind {
	case Progress:
		r.Progress, err = participantReport(src, subject, today)
	case Brief:
		r.Brief, err = pairBrief(src, subject, today)
	case Summary:
		r.Summary, err = cohortSummary(src, subject, today, o.InactiveDays)
	case Record:
		r.Record, err = src.PersonRecord(subject)
	default:
		return nil, fmt.Errorf("there is no %q report", kind)
	}
	if err != nil {
		return nil, err
	}
	switch kind {
	case Progress:
		r.Practice = r.Progress.Practice
	case Brief:
		r.Practice = r.Brief.Practice
	case Summary:
		r.Practice = r.Summary.Practice
	default:
		r.Practice, err = src.PracticeIdentity()
	}
	return r, err
}

// Write prints the report's PDF into w.
func (r *Report) Write(w io.Writer, o Options) error {
	switch r.Kind {
	case Progress:
		return Participant(w, r.Progress, o)
	case Brief:
		return Pair(w, r.Brief, o)
	case Summary:
		return Cohort(w, r.Summary, o)
	case Record:
		return Person(w, r.Record, r.Practice, o)
	}
	return fmt.Errorf("there is no %q report", r.Kind)
}

// CurrentPartnership returns the participant's running partnership, or their latest one:
// the one whose brief the command line prints for a participant.
func CurrentPartnership(src Source, participantID int64) (data.Partnership, error) {
	prof, err := src.Profile(participantID)
	if err != nil {
		return data.Partnership{}, err
	}
	if len(prof.Partnerships) == 0 {
		return data.Partnership{}, data.Errorf(data.NotFound, "%s is not in a partnership yet.", prof.Name)
	}
	return prof.Partnerships[0], nil // running ones come first, newest first
}

// reportPartnerships reads partnerships in full, as reports show them, keeping only the
// notes keep allows.
func reportPartnerships(src Source, list []data.Partnership, today data.Date, keep func(data.Note) bool) ([]data.ReportPartnership, error) {
	var out []data.ReportPartnership
	for _, p := range list {
		page, err := src.Partnership(p.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, data.NewReportPartnership(page, today, keep))
	}
	return out, nil
}

// participantReport gathers a participant's progress report: only notes shared with the
// participants, and only from partnerships this participant is in.
func participantReport(src Source, participantID int64, today data.Date) (*data.ParticipantReport, error) {
	prof, err := src.Profile(participantID)
	if err != nil {
		return nil, err
	}
	id, err := src.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	r := &data.ParticipantReport{Practice: id, Today: today, Participant: prof.Participant}
	cohorts, err := src.Cohorts()
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
	wo, err := src.InstrumentByKey(data.WorkOrientationKey)
	if err != nil {
		return nil, err
	}
	r.Orientation = &wo
	if r.History, err = src.Assessments(participantID, wo.ID); err != nil {
		return nil, err
	}
	shared := func(n data.Note) bool { return data.ShownToParticipant(n, participantID) }
	if r.Partnerships, err = reportPartnerships(src, prof.Partnerships, today, shared); err != nil {
		return nil, err
	}
	r.Goals, err = src.Goals(participantID)
	return r, err
}

// pairBrief gathers the brief for a partnership's members: who they are, why they were
// matched, what each can teach and wants to learn, and a suggested first agenda.
func pairBrief(src Source, partnershipID int64, today data.Date) (*data.PairBrief, error) {
	page, err := src.Partnership(partnershipID)
	if err != nil {
		return nil, err
	}
	id, err := src.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	b := &data.PairBrief{Practice: id, Today: today, Partnership: page.Partnership}
	for _, m := range b.Partnership.Members {
		p, err := src.Participant(m.ParticipantID)
		if err != nil {
			return nil, err
		}
		p.PrivateNotes = "" // the coach's own notes are not for the pair
		b.Members = append(b.Members, p)
	}
	b.Agenda, err = src.Agendas(data.AgendaOrientation(b.Partnership.Members))
	return b, err
}

// cohortSummary gathers the summary of a cohort for the coach or the sponsor: pairs and
// scores, sessions, engagement, the orientation mix, outcomes and sponsor-safe notes only.
func cohortSummary(src Source, cohortID int64, today data.Date, inactiveDays int) (*data.CohortSummary, error) {
	c, err := src.Cohort(cohortID)
	if err != nil {
		return nil, err
	}
	if inactiveDays <= 0 {
		inactiveDays = data.DefaultInactiveDays
	}
	id, err := src.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	r := &data.CohortSummary{Practice: id, Today: today, Cohort: c, InactiveDays: inactiveDays}
	ctx := context.Background()
	list, err := src.CohortPartnerships(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	full, err := reportPartnerships(src, list, today, data.ShownToSponsor)
	if err != nil {
		return nil, err
	}
	r.AddPairs(full)
	if r.Orientations, err = src.CohortOrientations(ctx, cohortID); err != nil {
		return nil, err
	}
	answers, err := src.CohortSurveyAnswers(ctx, cohortID)
	r.Pulse, r.Closing = data.SummarizeSurveys(data.Pulse, answers), data.SummarizeSurveys(data.Closing, answers)
	return r, err
}
