// Package forms writes the questionnaires Mutua sends as fillable PDF forms, and reads the
// forms participants send back. A form is laid out by gofpdf (through reports.Canvas, so every
// script prints) and its fields are added as AcroForm fields by pdfcpu, which also reads the
// returned files. The package knows nothing of instruments or profiles: the caller describes a
// Form, and checks the answers Read gives back.
package forms

import (
	"fmt"
	"time"
)

// Form is one questionnaire for one person.
type Form struct {
	Title     string    // e.g. "Intake questionnaire"
	Intro     string    // a paragraph under the title; may hold line breaks
	Person    string    // the person's name, printed filled in (not on the blank version)
	Programme string    // the programme or cohort, printed filled in
	Sections  []Section // in order
	ID        ID        // the hidden form id (not on the blank version)
	Key       []byte    // the practice's secret key that seals the form id; required by Write
	PageSize  string    // "A4" (the default) or "Letter"
	Created   time.Time // the creation time written into the file; now when zero
}

// Section is a titled group of fields.
type Section struct {
	Title  string
	Intro  string // optional, a line or two under the title
	Fields []Field
}

// Kind is what a field asks for.
type Kind int

// The kinds of field.
const (
	Text     Kind = iota // one line of text
	LongText             // several lines of text
	Choice               // exactly one of Options (radio buttons): agreement scales, yes/no, descriptions
	Number               // a number from Min to Max, typed in a box
	Pick                 // one of Options or text of one's own (an editable list)
	Tags                 // any of Options (check boxes)
)

// Field is one question.
type Field struct {
	Key      string   // stable, unique in the form: letters, digits, '-' and '_'
	Label    string   // the question as the person reads it
	Hint     string   // optional, a short line under the label
	Kind     Kind     //
	Required bool     // marked with * on the form; the caller checks it on return
	Options  []string // Choice, Pick and Tags: the texts offered, each once
	Min, Max float64  // Number: the range stated on the form; the caller checks it
}

// Returned is what a returned form holds.
type Returned struct {
	ID ID
	// Values by field key, exactly as the person's reader saved them; a field left empty has
	// no entry. Text, LongText, Number and Pick hold one text; Choice the chosen option's text;
	// Tags the ticked options' texts, in the form's order.
	Values map[string][]string
}

// Value is the one value of a field, or "" when it has none.
func (r Returned) Value(key string) string {
	if v := r.Values[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// check tells what is wrong with a form description, in plain words.
func (f *Form) check(blank bool) error {
	if !blank && len(f.Key) < 16 {
		return fmt.Errorf("the form cannot be sealed: its key is missing or shorter than 16 bytes")
	}
	seen := map[string]bool{idField: true}
	for _, s := range f.Sections {
		for _, fd := range s.Fields {
			if !validKey(fd.Key) {
				return fmt.Errorf("question %q has no usable key %q (letters, digits, - and _ only)", fd.Label, fd.Key)
			}
			if seen[fd.Key] {
				return fmt.Errorf("two questions have the key %q", fd.Key)
			}
			seen[fd.Key] = true
			switch fd.Kind {
			case Choice, Pick, Tags:
				if len(fd.Options) == 0 && fd.Kind != Pick {
					return fmt.Errorf("question %q offers no options", fd.Label)
				}
				opts := map[string]bool{}
				for _, o := range fd.Options {
					if o == "" || opts[o] {
						return fmt.Errorf("question %q offers an empty or repeated option %q", fd.Label, o)
					}
					opts[o] = true
				}
			case Number:
				if fd.Max < fd.Min {
					return fmt.Errorf("question %q asks for a number from %g to %g", fd.Label, fd.Min, fd.Max)
				}
			case Text, LongText:
			default:
				return fmt.Errorf("question %q has an unknown kind %d", fd.Label, fd.Kind)
			}
		}
	}
	return nil
}

func validKey(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
