package data

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Code classifies an Error so callers can react without reading its words.
type Code string

// Error codes.
const (
	Invalid     Code = "invalid"      // the input breaks a rule; nothing was changed
	Conflict    Code = "conflict"     // the input clashes with what is saved (a duplicate email, say)
	NotFound    Code = "not_found"    // the record asked for does not exist
	Locked      Code = "locked"       // another copy of Mutua has the practice open
	NotPractice Code = "not_practice" // the file is not a Mutua practice
	TooNew      Code = "too_new"      // the practice was written by a newer Mutua
	Unsafe      Code = "unsafe"       // the database could not be opened with the settings that keep it safe
	Damaged     Code = "damaged"      // the practice file is damaged; it was set aside
	DiskFull    Code = "disk_full"    // the disk is full; nothing was saved
	ReadOnly    Code = "read_only"    // the practice, its folder or its disk may not be written
	NoAccess    Code = "no_access"    // the coach's account may not read the practice
	Closed      Code = "closed"       // the practice was closed (another one was opened); nothing was saved
)

// Problem is one thing wrong with an input: a field (and a line, for files) and what is wrong.
type Problem struct {
	Line    int    // line in an imported file, 0 when not from a file
	Field   string // the field or column, "" when the problem is not about one field
	Message string // plain words for the coach
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return p.Message
}

// Error is an error the coach can read: a code, a message in plain words and, for invalid
// input, every problem found.
type Error struct {
	Code     Code
	Message  string
	Problems []Problem
	Err      error // the underlying cause, if any
}

func (e *Error) Error() string {
	if len(e.Problems) == 0 || (len(e.Problems) == 1 && e.Problems[0].Message == e.Message) {
		return e.Message
	}
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = strings.TrimSuffix(p.String(), ".")
	}
	return e.Message + ": " + strings.Join(parts, "; ") + "."
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// invalid returns an Invalid error holding problems, or nil when there are none.
func NewInvalid(message string, problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	if len(problems) == 1 && message == "" {
		message = problems[0].String()
	}
	return &Error{Code: Invalid, Message: message, Problems: problems}
}

// Refusal returns an error of the given code holding problems, or nil when there are none:
// a single problem's words are its message; with more, the summary is.
func Refusal(code Code, summary string, problems []Problem) error {
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return &Error{Code: code, Message: problems[0].String(), Problems: problems}
	}
	return &Error{Code: code, Message: summary, Problems: problems}
}

// ErrorCode returns the code of err, or "" when err is not (or does not wrap) an *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Problems returns the problems carried by err, if any.
func Problems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

// Message returns the words to show the coach for err: the message of an *Error, or a
// general sentence with the technical cause for anything unexpected.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong: " + err.Error()
}

// Clip shortens a value quoted back in a message, and replaces its control characters
// (terminal escape codes among them) with U+FFFD, so a file cannot write to the coach's screen.
func Clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}
