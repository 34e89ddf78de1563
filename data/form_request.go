package data

import "time"

// Kinds of form request. A returned form is read by its request's kind (see the
// questionnaires package); the intake questionnaire is the first.
const (
	IntakeForm = "intake" // the profile questions and, optionally, an instrument's items
)

// FormRequest is one questionnaire sent to one person as a fillable PDF form. Its ID is sealed
// in the form, so the returned file is matched by it, never by its file name.
type FormRequest struct {
	ID            string // random; the forms.ID's Request
	Kind          string // IntakeForm, …
	ParticipantID int64  // 0 once the person has been deleted
	InstrumentID  int64  // the instrument whose items the form asks; 0 for none
	CohortID      int64  // the cohort it was sent for; 0 for none
	FileName      string // the file's name as written, for the coach's eyes only
	CreatedAt     time.Time
	ReturnedAt    time.Time // when its answers were imported; zero while out
	AssessmentID  int64     // the result its answers made, 0 for none
}

// Returned reports whether the form's answers have been imported.
func (r FormRequest) Returned() bool { return !r.ReturnedAt.IsZero() }

// FormReturn is what one returned form changes, applied with others all together or not at
// all: a new result from the instrument's items and the person's profile as the form left it.
// Another kind of form adds its own field here (a survey's answers, say) and applies it in
// the same transaction.
type FormReturn struct {
	RequestID  string
	Assessment *Assessment   // nil when the form asked no instrument or it was left blank
	Profile    *Participant  // the person's profile with the form's changes; nil when none
	Survey     *SurveyAnswer // a partnership's pulse or closing answers (a survey request, not a form request)
}
