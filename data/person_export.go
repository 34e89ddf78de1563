package data

import (
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
	Notes        []PersonNote        `json:"notes"`          // notes about them outside any partnership
	Surveys      []PersonSurvey      `json:"surveys"`        // their answers to pulse surveys and closing evaluations
	Forms        []PersonForm        `json:"questionnaires"` // the questionnaires sent to them as forms
}

// PersonSurvey is one of their answers to a partnership's pulse survey or closing evaluation.
type PersonSurvey struct {
	Kind       string `json:"kind"`
	AnsweredOn string `json:"answered_on"`
	Productive int    `json:"productive"`
	Learned    string `json:"learned,omitempty"`
	Change     string `json:"change,omitempty"`
	Recommend  string `json:"would_recommend,omitempty"`
	Continues  string `json:"continues,omitempty"`
	FreeText   string `json:"comment,omitempty"`
	Visibility string `json:"comment_visibility"`
}

// PersonForm is a questionnaire sent to them, and when its answers came back.
type PersonForm struct {
	Kind       string `json:"kind"`
	SentAt     string `json:"sent_at"`
	ReturnedAt string `json:"returned_at,omitempty"`
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
