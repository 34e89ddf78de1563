package forms

// Code says what kind of problem a returned file has.
type Code int

// The problems Read reports.
const (
	NotPDF        Code = iota + 1 // not a PDF at all
	Damaged                       // a PDF that cannot be read: cut short or broken
	NotMutua                      // a PDF without a Mutua form id (another form, a report, the blank paper version)
	OtherPractice                 // a Mutua form sent by another practice
	Edited                        // a form id whose check fails: changed by hand
)

// Error is a problem with a returned file, with a message in plain words.
type Error struct {
	Code Code
	Msg  string
	Err  error // the reader's own error, if any
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, forms.ErrEdited) and the like match on the code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Targets for errors.Is.
var (
	ErrNotPDF        = &Error{Code: NotPDF, Msg: "This file is not a PDF."}
	ErrDamaged       = &Error{Code: Damaged, Msg: "This PDF is damaged and cannot be read: it may have been cut short while copying or downloading."}
	ErrNotMutua      = &Error{Code: NotMutua, Msg: "This PDF is not a questionnaire sent by Mutua: it has no Mutua form id. It may be another document, the blank version for paper, or a form that was printed to PDF, which drops its answers."}
	ErrOtherPractice = &Error{Code: OtherPractice, Msg: "This questionnaire was sent by another practice."}
	ErrEdited        = &Error{Code: Edited, Msg: "This questionnaire's hidden form id has been changed, so it cannot be matched to a person."}
)

func fail(like *Error, err error) *Error {
	e := *like
	e.Err = err
	return &e
}
