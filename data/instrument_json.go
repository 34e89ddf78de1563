package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// ExportFormat names Mutua's full-export JSON format: a whole practice, not an instrument.
const ExportFormat = "mutua-practice"

// The file a coach shares an instrument in.
const (
	InstrumentFileFormat  = "mutua-instrument"
	InstrumentFileVersion = 1       // the newest version this Mutua writes and reads
	maxInstrumentFile     = 2 << 20 // bytes: far above any real instrument
)

// instrumentFile is the outer shape of a shared instrument. Record IDs, the built-in key and
// whether the coach retired it are the sender's own and stay out.
type instrumentFile struct {
	Format     string         `json:"format"`
	Version    int            `json:"version"`
	Instrument instrumentJSON `json:"instrument"`
}

type instrumentJSON struct {
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	MixedWithin float64     `json:"mixed_within,omitempty"`
	Scales      []scaleJSON `json:"scales"`
	Items       []itemJSON  `json:"items,omitempty"`
}

type scaleJSON struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Min         *float64 `json:"min,omitempty"`
	Max         *float64 `json:"max,omitempty"`
	Categories  []string `json:"categories,omitempty"`
	Orientation string   `json:"orientation,omitempty"`
	Description string   `json:"description,omitempty"`
	Scoring     string   `json:"scoring,omitempty"`
}

type itemJSON struct {
	Key      string       `json:"key"`
	Text     string       `json:"text"`
	Format   string       `json:"format"`
	Options  []optionJSON `json:"options,omitempty"`
	Min      *float64     `json:"min,omitempty"`
	Max      *float64     `json:"max,omitempty"`
	Reversed bool         `json:"reversed,omitempty"`
	Scale    string       `json:"scale,omitempty"`
	Required bool         `json:"required,omitempty"`
}

type optionJSON struct {
	Text  string   `json:"text"`
	Value *float64 `json:"value"`
}

// WriteInstrumentJSON writes in as a file another coach can import: its name, description,
// scales, items and scoring, without record IDs. An instrument that does not validate is
// refused.
func WriteInstrumentJSON(w io.Writer, in Instrument) error {
	in = in.Clone()
	in.Normalize()
	if err := in.Validate(); err != nil {
		return err
	}
	f := instrumentFile{Format: InstrumentFileFormat, Version: InstrumentFileVersion, Instrument: instrumentJSON{
		Name: in.Name, Description: in.Description, MixedWithin: in.MixedWithin,
	}}
	num := func(v float64) *float64 { return &v }
	for _, sc := range in.Scales {
		s := scaleJSON{Name: sc.Name, Kind: string(sc.Kind), Categories: sc.Categories, Orientation: sc.Orientation,
			Description: sc.Description, Scoring: string(sc.Scoring)}
		switch sc.Kind {
		case Score:
			s.Min, s.Max = num(sc.Min), num(sc.Max)
		case Rank:
			s.Max = num(sc.Max)
		}
		f.Instrument.Scales = append(f.Instrument.Scales, s)
	}
	for _, it := range in.Items {
		j := itemJSON{Key: it.Key, Text: it.Text, Format: string(it.Format), Reversed: it.Reversed, Scale: it.Scale, Required: it.Required}
		for _, o := range it.Options {
			j.Options = append(j.Options, optionJSON{Text: o.Text, Value: num(o.Value)})
		}
		if it.Format == NumberIn {
			j.Min, j.Max = num(it.Min), num(it.Max)
		}
		f.Instrument.Items = append(f.Instrument.Items, j)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("write instrument: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadInstrumentJSON reads an instrument another coach shared. The file is read strictly: a
// field Mutua does not know, a value of the wrong type, a missing range or anything the
// instrument's own rules refuse gives an Invalid *Error in plain words (TooNew for a file
// from a newer Mutua). The instrument comes back normalized and valid, without IDs.
func ReadInstrumentJSON(r io.Reader) (Instrument, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInstrumentFile+1))
	if err != nil {
		return Instrument{}, fmt.Errorf("read instrument file: %w", err)
	}
	if len(b) > maxInstrumentFile {
		return Instrument{}, Errorf(Invalid, "This file is too large to be a Mutua instrument (more than %d MB).", maxInstrumentFile>>20)
	}
	if !utf8.Valid(b) {
		return Instrument{}, Errorf(Invalid, "This is not a Mutua instrument file: it is not UTF-8 text.")
	}
	var head struct {
		Format  any `json:"format"`
		Version any `json:"version"`
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return Instrument{}, Errorf(Invalid, "This is not a Mutua instrument file: it is empty.")
	}
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&head); err != nil {
		return Instrument{}, jsonProblem(b, err)
	}
	switch format, _ := head.Format.(string); {
	case format == ExportFormat:
		return Instrument{}, Errorf(Invalid, "This is a full practice export, not an instrument: open it with Import everything instead.")
	case format != InstrumentFileFormat:
		return Instrument{}, Errorf(Invalid, "This is not a Mutua instrument file: its \"format\" should be %q.", InstrumentFileFormat)
	}
	version, _ := head.Version.(float64)
	switch {
	case version > InstrumentFileVersion && version == float64(int(version)):
		return Instrument{}, Errorf(TooNew, "This instrument was written by a newer Mutua (file version %d; this one reads version %d). Install the newest Mutua to import it.", int(version), InstrumentFileVersion)
	case version != InstrumentFileVersion:
		return Instrument{}, Errorf(Invalid, "This instrument file has no valid \"version\": it should be %d.", InstrumentFileVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f instrumentFile
	if err := dec.Decode(&f); err != nil {
		return Instrument{}, jsonProblem(b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Instrument{}, Errorf(Invalid, "This instrument file has more after the instrument; a file holds one instrument.")
	}
	if key, line := repeatedKey(b); key != "" {
		return Instrument{}, Errorf(Invalid, "This instrument file gives %q twice in one place (line %d); each field may appear only once.", Clip(key), line)
	}
	in, problems := f.Instrument.instrument()
	in.Normalize()
	if err := in.Validate(); err != nil {
		problems = append(problems, Problems(err)...)
	}
	if len(problems) > 0 {
		return Instrument{}, NewInvalid("This instrument file cannot be imported", problems)
	}
	return in, nil
}

// instrument converts the file's instrument, noting the numbers it lacks.
func (j instrumentJSON) instrument() (Instrument, []Problem) {
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	in := Instrument{Name: j.Name, Description: j.Description, MixedWithin: j.MixedWithin}
	for i, s := range j.Scales {
		sc := Scale{Name: s.Name, Kind: ScaleKind(s.Kind), Categories: s.Categories, Orientation: s.Orientation,
			Description: s.Description, Scoring: ScoringRule(s.Scoring)}
		label := s.Name
		if label == "" {
			label = fmt.Sprintf("Scale %d", i+1)
		}
		switch kind := ScaleKind(strings.ToLower(strings.TrimSpace(s.Kind))); {
		case kind == Score && (s.Min == nil || s.Max == nil):
			add(label, "%s is a score and needs its \"min\" and \"max\".", Clip(label))
		case kind == Rank && s.Max == nil:
			add(label, "%s is a rank and needs its \"max\".", Clip(label))
		}
		if s.Min != nil {
			sc.Min = *s.Min
		}
		if s.Max != nil {
			sc.Max = *s.Max
		}
		in.Scales = append(in.Scales, sc)
	}
	for i, q := range j.Items {
		it := Item{Key: q.Key, Text: q.Text, Format: ResponseFormat(q.Format), Reversed: q.Reversed, Scale: q.Scale, Required: q.Required}
		if ResponseFormat(strings.ToLower(strings.TrimSpace(q.Format))) == NumberIn {
			if q.Min == nil || q.Max == nil {
				add(q.Key, "Question %d is answered with a number and needs its \"min\" and \"max\".", i+1)
			} else {
				it.Min, it.Max = *q.Min, *q.Max
			}
		}
		for k, o := range q.Options {
			if o.Value == nil {
				add(q.Key, "Choice %d of question %d needs its \"value\".", k+1, i+1)
				continue
			}
			it.Options = append(it.Options, ItemOption{Text: o.Text, Value: *o.Value})
		}
		in.Items = append(in.Items, it)
	}
	return in, problems
}

// jsonProblem explains a JSON decoding error in plain words, with the line where it is known.
func jsonProblem(b []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return &Error{Code: Invalid, Message: fmt.Sprintf("This is not a Mutua instrument file: it is not valid JSON (line %d).", lineAt(b, syntax.Offset)), Err: err}
	case errors.As(err, &typ):
		field := typ.Field
		switch {
		case field == "":
			return &Error{Code: Invalid, Message: "This is not a Mutua instrument file: it does not hold a JSON object.", Err: err}
		case strings.HasPrefix(typ.Value, "number "): // "number 1e999": too large, or a fraction for a whole number
			return &Error{Code: Invalid, Message: fmt.Sprintf("In this instrument file, %q on line %d holds a number Mutua cannot use there (%s).",
				field, lineAt(b, typ.Offset), Clip(strings.TrimSpace(strings.TrimPrefix(typ.Value, "number")))), Err: err}
		}
		return &Error{Code: Invalid, Message: fmt.Sprintf("In this instrument file, %q on line %d should be %s, not %s.",
			field, lineAt(b, typ.Offset), typeWords(typ.Type), jsonValueWords(typ.Value)), Err: err}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Code: Invalid, Message: "This instrument file is cut short: it ends before the instrument does.", Err: err}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return &Error{Code: Invalid, Message: fmt.Sprintf("This instrument file has a field Mutua does not know: %s.", Clip(name)), Err: err}
	}
	return &Error{Code: Invalid, Message: "This is not a Mutua instrument file: " + err.Error(), Err: err}
}

// repeatedKey returns the first field named twice within one JSON object of b, and its
// line, or "" when there is none: the decoder would keep the last silently.
func repeatedKey(b []byte) (string, int) {
	type level struct {
		object  bool
		keys    map[string]bool
		wantKey bool
	}
	var stack []*level
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", 0
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				stack = append(stack, &level{object: v == '{', keys: map[string]bool{}, wantKey: v == '{'})
				continue
			}
			stack = stack[:len(stack)-1]
		case string:
			if top := len(stack) - 1; top >= 0 && stack[top].wantKey {
				if stack[top].keys[v] {
					return v, lineAt(b, dec.InputOffset())
				}
				stack[top].keys[v], stack[top].wantKey = true, false
				continue
			}
		}
		if top := len(stack) - 1; top >= 0 && stack[top].object {
			stack[top].wantKey = true // a value ended: a key comes next
		}
	}
}

// lineAt returns the line (from 1) of byte offset off in b.
func lineAt(b []byte, off int64) int {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

func typeWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Float64, reflect.Int:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return typeWords(t.Elem())
	}
	return t.String()
}

func jsonValueWords(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "bool":
		return "true or false"
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "number":
		return "a number"
	}
	return v
}

// Clone returns a copy of in that shares no slices with it.
func (in *Instrument) Clone() Instrument {
	out := *in
	out.Scales = nil
	for _, sc := range in.Scales {
		sc.Categories = append([]string(nil), sc.Categories...)
		out.Scales = append(out.Scales, sc)
	}
	out.Items = nil
	for _, it := range in.Items {
		it.Options = append([]ItemOption(nil), it.Options...)
		out.Items = append(out.Items, it)
	}
	return out
}
