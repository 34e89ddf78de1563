package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"mutua/data"
)

// PersonRecord gathers everything the practice holds about one participant.
func (s *Store) PersonRecord(participantID int64) (*data.PersonRecord, error) {
	prof, err := s.Profile(participantID)
	if err != nil {
		return nil, err
	}
	p := prof.Participant
	r := &data.PersonRecord{ExportedAt: s.now().UTC().Truncate(time.Second), Participant: data.PersonProfile{
		Name: p.Name, Email: p.Email, Phone: p.Phone, Title: p.Title, Company: p.Company, Industry: p.Industry,
		Function: p.Function, YearsExperience: p.YearsExperience, BirthYear: p.BirthYear, Location: p.Location,
		TimeZone: p.TimeZone, Strengths: p.Strengths, DevelopmentAreas: p.DevelopmentAreas, Goals: p.Goals,
		Capacity: p.Capacity, Status: p.Status, PrivateNotes: p.PrivateNotes,
		CreatedAt: stamp(p.CreatedAt), UpdatedAt: stamp(p.UpdatedAt),
	}}
	if s := data.SeniorityLabel(p.Seniority); s != "" {
		r.Participant.Seniority = s
	}
	for _, id := range prof.CohortIDs {
		c, err := s.Cohort(id)
		if err != nil {
			return nil, err
		}
		r.Cohorts = append(r.Cohorts, data.PersonCohort{Name: c.Name, StartsOn: c.StartsOn.String(), EndsOn: c.EndsOn.String()})
	}
	if r.Assessments, err = s.personAssessments(participantID); err != nil {
		return nil, err
	}
	goals, err := s.Goals(participantID)
	if err != nil {
		return nil, err
	}
	for _, g := range goals {
		pg := data.PersonGoal{Text: g.Text, TargetOn: g.TargetOn.String(), Progress: g.Progress, Status: g.Status, SetOn: g.SetOn().String()}
		for _, c := range g.CheckIns {
			pg.CheckIns = append(pg.CheckIns, data.PersonCheckIn{On: c.On.String(), Progress: c.Progress, Note: c.Note})
		}
		r.Goals = append(r.Goals, pg)
	}
	for _, ps := range prof.Partnerships {
		pp, err := s.personPartnership(ps.ID, participantID)
		if err != nil {
			return nil, err
		}
		r.Partnerships = append(r.Partnerships, pp)
	}
	exclusions, err := s.Exclusions()
	if err != nil {
		return nil, err
	}
	for _, e := range exclusions {
		if e.ParticipantA == participantID || e.ParticipantB == participantID {
			d := "not to be paired: " + e.Describe()
			if e.Reason != "" {
				d += " (" + e.Reason + ")"
			}
			r.Exclusions = append(r.Exclusions, d)
		}
	}
	notes, err := loadNotes(s.db, `WHERE participant_id = ? AND partnership_id IS NULL`, participantID)
	if err != nil {
		return nil, err
	}
	r.Notes = personNotes(notes, participantID)
	if r.LeftOut, err = s.personLeftOut(participantID); err != nil {
		return nil, err
	}
	surveys, err := surveyAnswers(s.db, `WHERE a.participant_id = ?`, participantID)
	if err != nil {
		return nil, err
	}
	for _, a := range surveys {
		r.Surveys = append(r.Surveys, data.PersonSurvey{Kind: a.Kind.Label(), AnsweredOn: a.AnsweredOn.String(), Productive: a.Productive,
			Learned: a.Learned, Change: a.Change, Recommend: a.Recommend, Continues: a.Continues, FreeText: a.FreeText, Visibility: a.Visibility.Label()})
	}
	sent, err := s.FormRequests(context.Background(), participantID)
	if err != nil {
		return nil, err
	}
	for _, f := range sent {
		pf := data.PersonForm{Kind: f.Kind, SentAt: stamp(f.CreatedAt)}
		if f.Returned() {
			pf.ReturnedAt = stamp(f.ReturnedAt)
		}
		r.Forms = append(r.Forms, pf)
	}
	// An empty list says "none held", where null could read as "not looked at".
	r.Cohorts, r.Assessments, r.Goals = nonNil(r.Cohorts), nonNil(r.Assessments), nonNil(r.Goals)
	r.Partnerships, r.Exclusions, r.Notes = nonNil(r.Partnerships), nonNil(r.Exclusions), nonNil(r.Notes)
	r.LeftOut, r.Surveys, r.Forms = nonNil(r.LeftOut), nonNil(r.Surveys), nonNil(r.Forms)
	return r, nil
}

// ExportPerson writes everything the practice holds about one participant as indented JSON.
func (s *Store) ExportPerson(participantID int64, w io.Writer) error {
	r, err := s.PersonRecord(participantID)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// personAssessments reads a participant's results, oldest first, naming each scale.
func (s *Store) personAssessments(participantID int64) ([]data.PersonAssessment, error) {
	instruments, err := s.Instruments()
	if err != nil {
		return nil, err
	}
	history, err := s.History(participantID)
	if err != nil {
		return nil, err
	}
	slices.Reverse(history)
	var out []data.PersonAssessment
	for _, a := range history {
		pa := data.PersonAssessment{AssessedOn: a.AssessedOn.String(), PrimaryOrientation: a.PrimaryOrientation, Note: a.Note, Values: map[string]any{},
			Answers: a.Answers}
		var in *data.Instrument
		for i := range instruments {
			if instruments[i].ID == a.InstrumentID {
				in = &instruments[i]
			}
		}
		for _, v := range a.Values {
			name := "scale " + formatID(v.ScaleID)
			if in != nil {
				for _, sc := range in.Scales {
					if sc.ID == v.ScaleID {
						name = sc.Name
					}
				}
			}
			if v.Category != "" {
				pa.Values[name] = v.Category
			} else {
				pa.Values[name] = v.Number
			}
		}
		if in != nil {
			pa.Instrument = in.Name
		}
		out = append(out, pa)
	}
	return out, nil
}

// personPartnership reads one partnership as its member sees it: the partners by name, their
// own fit check, attendance and ratings, and no note about a partner.
func (s *Store) personPartnership(partnershipID, participantID int64) (data.PersonPartnership, error) {
	page, err := s.Partnership(partnershipID)
	if err != nil {
		return data.PersonPartnership{}, err
	}
	ps := page.Partnership
	pp := data.PersonPartnership{
		Cohort: ps.CohortName, StartedOn: ps.StartedOn.String(), PlannedEndOn: ps.PlannedEndOn.String(),
		Status: string(ps.Status), EndedOn: ps.EndedOn.String(), EndReason: ps.EndReason, Score: ps.Score,
		Notes: personNotes(page.Notes, participantID),
	}
	for _, a := range page.Agreements {
		pp.Agreements = append(pp.Agreements, data.PersonAgreement{Objective: a.Objective, Cadence: a.Cadence, PlannedLength: a.PlannedLength,
			MeetingMode: a.MeetingMode, SuccessMeasures: a.SuccessMeasures, CheckIns: a.CheckIns, AgreedOn: stamp(a.CreatedAt)})
	}
	for _, m := range ps.Members {
		if m.ParticipantID == participantID {
			pp.FitCheck = m.FitCheck
		} else {
			pp.Partners = append(pp.Partners, m.Name)
		}
	}
	for _, se := range page.SessionLog {
		ses := data.PersonSession{HeldOn: se.HeldOn.String(), DurationMinutes: se.DurationMinutes, Topics: se.Topics,
			Notes: personNotes(se.Notes, participantID)}
		for _, a := range se.Attendance {
			if a.ParticipantID == participantID {
				ses.Attended, ses.Rating = a.Attended, a.Rating
			}
		}
		pp.Sessions = append(pp.Sessions, ses)
	}
	for _, a := range append(page.OpenActions, page.DoneActions...) {
		owner := a.OwnerName
		if a.OwnerID == 0 {
			owner = "the pair"
		}
		pp.ActionItems = append(pp.ActionItems, data.PersonAction{Text: a.Text, Owner: owner, DueOn: a.DueOn.String(), DoneOn: a.DoneOn.String()})
	}
	return pp, nil
}

// personLeftOut reads the pairing rounds, approved or draft, that left the participant unpaired.
func (s *Store) personLeftOut(participantID int64) ([]data.PersonLeftOut, error) {
	rows, err := s.db.Query(`SELECT c.name, r.status, r.approved_at, u.why FROM round_unpaired u
		JOIN pairing_rounds r ON r.id = u.round_id JOIN cohorts c ON c.id = r.cohort_id
		WHERE u.participant_id = ? ORDER BY r.created_at, r.id`, participantID)
	if err != nil {
		return nil, fmt.Errorf("read rounds: %w", err)
	}
	defer rows.Close()
	var out []data.PersonLeftOut
	for rows.Next() {
		var l data.PersonLeftOut
		var status, approved string
		if err := rows.Scan(&l.Cohort, &status, &approved, &l.Why); err != nil {
			return nil, fmt.Errorf("read rounds: %w", err)
		}
		l.Round = status
		if approved != "" {
			l.Round += " " + approved
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// personNotes keeps the notes on the whole partnership or about the participant, and leaves
// out those about anyone else.
func personNotes(notes []data.Note, participantID int64) []data.PersonNote {
	var out []data.PersonNote
	for _, n := range notes {
		if n.ParticipantID != 0 && n.ParticipantID != participantID {
			continue
		}
		out = append(out, data.PersonNote{Visibility: n.Visibility, Body: n.Body, CreatedAt: stamp(n.CreatedAt), UpdatedAt: stamp(n.UpdatedAt)})
	}
	return out
}

// stamp writes a moment for an export, "" when not known.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func formatID(id int64) string { return strconv.FormatInt(id, 10) }

// nonNil returns the list, or an empty one in place of nil.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
