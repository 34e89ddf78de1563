package data

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
)

// PersonRecord is everything the practice holds about one participant, as they may ask for it
// (a subject access request): their profile with the coach's private notes, their cohorts,
// assessments, goals with check-ins, partnerships with agreements, sessions, notes and action
// items, the pairing exclusions that name them and the rounds that left them out. Of anyone
// else it holds only what the person shared with them: a partner's name, the pair's agreement
// and action items, and the notes that are not about the partner. A partnership's reasons
// are left out: they describe the partner's profile too.
type PersonRecord struct {
	ExportedAt   time.Time           `json:"exported_at"`
	Participant  PersonProfile       `json:"participant"`
	Cohorts      []PersonCohort      `json:"cohorts"`
	Assessments  []PersonAssessment  `json:"assessments"`
	Goals        []PersonGoal        `json:"goals"`
	Partnerships []PersonPartnership `json:"partnerships"`
	Exclusions   []string            `json:"pairing_exclusions"`
	LeftOut      []PersonLeftOut     `json:"left_out_of_rounds"`
	Notes        []PersonNote        `json:"notes"` // notes about them outside any partnership
}

// PersonProfile is the participant's own record.
type PersonProfile struct {
	Name             string   `json:"name"`
	Email            string   `json:"email"`
	Phone            string   `json:"phone"`
	Title            string   `json:"title"`
	Company          string   `json:"company"`
	Industry         string   `json:"industry"`
	Function         string   `json:"function"`
	Seniority        string   `json:"seniority"`
	YearsExperience  int      `json:"years_experience"`
	BirthYear        int      `json:"birth_year"`
	Location         string   `json:"location"`
	TimeZone         string   `json:"time_zone"`
	Strengths        []string `json:"strengths"`
	DevelopmentAreas []string `json:"development_areas"`
	Goals            string   `json:"goals"`
	Capacity         int      `json:"capacity"`
	Status           Status   `json:"status"`
	PrivateNotes     string   `json:"coach_private_notes"`
	CreatedAt        string   `json:"created_at"`
	UpdatedAt        string   `json:"updated_at"`
}

// PersonCohort is a cohort the participant belongs to.
type PersonCohort struct {
	Name     string `json:"name"`
	StartsOn string `json:"starts_on,omitempty"`
	EndsOn   string `json:"ends_on,omitempty"`
}

// PersonAssessment is one of the participant's results, its scales named.
type PersonAssessment struct {
	Instrument         string         `json:"instrument"`
	AssessedOn         string         `json:"assessed_on"`
	PrimaryOrientation string         `json:"primary_orientation,omitempty"`
	Note               string         `json:"note,omitempty"`
	Values             map[string]any `json:"values"`
	Answers            ItemAnswers    `json:"answers,omitempty"` // by question key, when the values were computed from answers
}

// PersonGoal is one of the participant's goals with its check-ins, newest first.
type PersonGoal struct {
	Text     string          `json:"text"`
	TargetOn string          `json:"target_on,omitempty"`
	Progress int             `json:"progress_percent"`
	Status   GoalStatus      `json:"status"`
	SetOn    string          `json:"set_on"`
	CheckIns []PersonCheckIn `json:"check_ins"`
}

// PersonCheckIn is one check-in on a goal.
type PersonCheckIn struct {
	On       string `json:"on"`
	Progress int    `json:"progress_percent"`
	Note     string `json:"note,omitempty"`
}

// PersonPartnership is a partnership the participant is or was in.
type PersonPartnership struct {
	Cohort       string            `json:"cohort,omitempty"`
	Partners     []string          `json:"partners"` // their names only
	StartedOn    string            `json:"started_on"`
	PlannedEndOn string            `json:"planned_end_on,omitempty"`
	Status       string            `json:"status"`
	EndedOn      string            `json:"ended_on,omitempty"`
	EndReason    string            `json:"end_reason,omitempty"`
	Score        float64           `json:"score"`
	FitCheck     string            `json:"fit_check,omitempty"`
	Agreements   []PersonAgreement `json:"agreements"` // every version, newest first
	Sessions     []PersonSession   `json:"sessions"`
	Notes        []PersonNote      `json:"notes"`
	ActionItems  []PersonAction    `json:"action_items"`
}

// PersonAgreement is one version of what a pair agreed at the start.
type PersonAgreement struct {
	Objective       string `json:"objective"`
	Cadence         string `json:"cadence"`
	PlannedLength   string `json:"planned_length"`
	MeetingMode     string `json:"meeting_mode"`
	SuccessMeasures string `json:"success_measures"`
	CheckIns        string `json:"check_ins"`
	AgreedOn        string `json:"recorded_at"`
}

// PersonLeftOut is a pairing round that left the participant unpaired, and why.
type PersonLeftOut struct {
	Cohort string `json:"cohort"`
	Round  string `json:"round"` // "approved 2026-03-29T10:00:00Z", or "draft"
	Why    string `json:"why"`
}

// PersonSession is a session of one of their partnerships, with their own attendance.
type PersonSession struct {
	HeldOn          string       `json:"held_on"`
	DurationMinutes int          `json:"duration_minutes"`
	Topics          string       `json:"topics,omitempty"`
	Attended        bool         `json:"attended"`
	Rating          int          `json:"rating,omitempty"` // their 1–5 rating; 0 when not rated
	Notes           []PersonNote `json:"notes"`
}

// PersonNote is a note the coach wrote, with who may read it.
type PersonNote struct {
	Visibility Visibility `json:"visibility"`
	Body       string     `json:"body"`
	CreatedAt  string     `json:"created_at"`
	UpdatedAt  string     `json:"updated_at"`
}

// PersonAction is an action item of one of their partnerships.
type PersonAction struct {
	Text   string `json:"text"`
	Owner  string `json:"owner"` // a name, or "the pair"
	DueOn  string `json:"due_on,omitempty"`
	DoneOn string `json:"done_on,omitempty"`
}

// PersonRecord gathers everything the practice holds about one participant.
func (s *Store) PersonRecord(participantID int64) (*PersonRecord, error) {
	prof, err := s.Profile(participantID)
	if err != nil {
		return nil, err
	}
	p := prof.Participant
	r := &PersonRecord{ExportedAt: s.now().UTC().Truncate(time.Second), Participant: PersonProfile{
		Name: p.Name, Email: p.Email, Phone: p.Phone, Title: p.Title, Company: p.Company, Industry: p.Industry,
		Function: p.Function, YearsExperience: p.YearsExperience, BirthYear: p.BirthYear, Location: p.Location,
		TimeZone: p.TimeZone, Strengths: p.Strengths, DevelopmentAreas: p.DevelopmentAreas, Goals: p.Goals,
		Capacity: p.Capacity, Status: p.Status, PrivateNotes: p.PrivateNotes,
		CreatedAt: stamp(p.CreatedAt), UpdatedAt: stamp(p.UpdatedAt),
	}}
	if s := SeniorityLabel(p.Seniority); s != "" {
		r.Participant.Seniority = s
	}
	for _, id := range prof.CohortIDs {
		c, err := s.Cohort(id)
		if err != nil {
			return nil, err
		}
		r.Cohorts = append(r.Cohorts, PersonCohort{Name: c.Name, StartsOn: c.StartsOn.String(), EndsOn: c.EndsOn.String()})
	}
	if r.Assessments, err = s.personAssessments(participantID); err != nil {
		return nil, err
	}
	goals, err := s.Goals(participantID)
	if err != nil {
		return nil, err
	}
	for _, g := range goals {
		pg := PersonGoal{Text: g.Text, TargetOn: g.TargetOn.String(), Progress: g.Progress, Status: g.Status, SetOn: g.SetOn().String()}
		for _, c := range g.CheckIns {
			pg.CheckIns = append(pg.CheckIns, PersonCheckIn{On: c.On.String(), Progress: c.Progress, Note: c.Note})
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
	// An empty list says "none held", where null could read as "not looked at".
	r.Cohorts, r.Assessments, r.Goals = nonNil(r.Cohorts), nonNil(r.Assessments), nonNil(r.Goals)
	r.Partnerships, r.Exclusions, r.Notes = nonNil(r.Partnerships), nonNil(r.Exclusions), nonNil(r.Notes)
	r.LeftOut = nonNil(r.LeftOut)
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
func (s *Store) personAssessments(participantID int64) ([]PersonAssessment, error) {
	instruments, err := s.Instruments()
	if err != nil {
		return nil, err
	}
	history, err := s.History(participantID)
	if err != nil {
		return nil, err
	}
	slices.Reverse(history)
	var out []PersonAssessment
	for _, a := range history {
		pa := PersonAssessment{AssessedOn: a.AssessedOn.String(), PrimaryOrientation: a.PrimaryOrientation, Note: a.Note, Values: map[string]any{},
			Answers: a.Answers}
		var in *Instrument
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
func (s *Store) personPartnership(partnershipID, participantID int64) (PersonPartnership, error) {
	page, err := s.Partnership(partnershipID)
	if err != nil {
		return PersonPartnership{}, err
	}
	ps := page.Partnership
	pp := PersonPartnership{
		Cohort: ps.CohortName, StartedOn: ps.StartedOn.String(), PlannedEndOn: ps.PlannedEndOn.String(),
		Status: string(ps.Status), EndedOn: ps.EndedOn.String(), EndReason: ps.EndReason, Score: ps.Score,
		Notes: personNotes(page.Notes, participantID),
	}
	for _, a := range page.Agreements {
		pp.Agreements = append(pp.Agreements, PersonAgreement{Objective: a.Objective, Cadence: a.Cadence, PlannedLength: a.PlannedLength,
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
		ses := PersonSession{HeldOn: se.HeldOn.String(), DurationMinutes: se.DurationMinutes, Topics: se.Topics,
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
		pp.ActionItems = append(pp.ActionItems, PersonAction{Text: a.Text, Owner: owner, DueOn: a.DueOn.String(), DoneOn: a.DoneOn.String()})
	}
	return pp, nil
}

// personLeftOut reads the pairing rounds, approved or draft, that left the participant unpaired.
func (s *Store) personLeftOut(participantID int64) ([]PersonLeftOut, error) {
	rows, err := s.db.Query(`SELECT c.name, r.status, r.approved_at, u.why FROM round_unpaired u
		JOIN pairing_rounds r ON r.id = u.round_id JOIN cohorts c ON c.id = r.cohort_id
		WHERE u.participant_id = ? ORDER BY r.created_at, r.id`, participantID)
	if err != nil {
		return nil, fmt.Errorf("read rounds: %w", err)
	}
	defer rows.Close()
	var out []PersonLeftOut
	for rows.Next() {
		var l PersonLeftOut
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
func personNotes(notes []Note, participantID int64) []PersonNote {
	var out []PersonNote
	for _, n := range notes {
		if n.ParticipantID != 0 && n.ParticipantID != participantID {
			continue
		}
		out = append(out, PersonNote{Visibility: n.Visibility, Body: n.Body, CreatedAt: stamp(n.CreatedAt), UpdatedAt: stamp(n.UpdatedAt)})
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
