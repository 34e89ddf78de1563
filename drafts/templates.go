package drafts

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// Kind is what a draft is for.
type Kind int

// The kinds of draft Mutua writes.
const (
	Introduction  Kind = iota // one per partnership, to all its members, with the pair brief
	Questionnaire             // one per person, with their own form
	Nudge                     // one per partnership that has gone quiet or has overdue actions
	ThankYou                  // one per person at the end of the programme, with their progress report
)

// Kinds lists every kind, in the order Settings shows their templates.
var Kinds = []Kind{Introduction, Questionnaire, Nudge, ThankYou}

// Label names the kind the way the coach sees it (and the start of the draft's file name).
func (k Kind) Label() string {
	switch k {
	case Introduction:
		return "Introduction"
	case Questionnaire:
		return "Questionnaire"
	case Nudge:
		return "Checking in"
	case ThankYou:
		return "Thank you"
	}
	return "Draft"
}

// Template is the subject and body the coach edits for one kind of draft. They are Go
// text/template texts: {{.FirstNames}} prints a field, {{if .PlannedEnd}}...{{end}} prints
// text only when the field has a value.
type Template struct {
	Subject string
	Body    string
}

// Fields is everything a template can print. Every field is plain text that may be shown to
// the recipients: this struct has no notes, no ratings, no scores, no coach-private field, and
// the input structs it is filled from have none either, so no template can reach private text.
// A field a kind does not fill is empty (see FieldsOf).
type Fields struct {
	FirstNames           string // every member's first name: "Ana and Ben", "Ana, Ben and Chloé"
	Names                string // every member's full name
	Recipient            string // first name of the one person a per-person draft is for
	Partners             string // first names of the recipient's partners (thank-you)
	Cohort               string // the cohort's name
	WhyMatched           string // why they were paired, one reason a line
	Agenda               string // a suggested first-session agenda, one numbered item a line
	Cadence              string // how often they meet, in words: "every two weeks"
	FirstSession         string // day and time of the proposed first session
	PlannedEnd           string // the partnership's planned end date
	CheckIns             string // the check-in dates
	LastSession          string // date of the last session held (nudge)
	DaysSinceLastSession string // how many days ago that was (nudge)
	OverdueActions       string // actions past their due date, one a line (nudge)
	Questionnaire        string // the questionnaire's title (questionnaire)
	ReturnBy             string // the date to send it back by (questionnaire)
	Coach                string // the coach's name
	Practice             string // the practice's name
	Signature            string // the coach's signature, several lines
}

// FieldInfo describes a template field for the coach.
type FieldInfo struct {
	Name    string // as written in a template: {{.Name}}
	Meaning string
}

var fieldMeanings = map[string]string{
	"FirstNames":           "every member's first name, e.g. Ana and Ben",
	"Names":                "every member's full name",
	"Recipient":            "the first name of the person the email is for",
	"Partners":             "the first names of their partners",
	"Cohort":               "the cohort's name",
	"WhyMatched":           "why they were paired, one reason a line",
	"Agenda":               "a suggested first-session agenda, one item a line",
	"Cadence":              "how often they meet, in words",
	"FirstSession":         "the day and time of the first session",
	"PlannedEnd":           "the planned end date",
	"CheckIns":             "the check-in dates",
	"LastSession":          "the date of their last session",
	"DaysSinceLastSession": "how many days ago their last session was",
	"OverdueActions":       "the actions past their due date, one a line",
	"Questionnaire":        "the questionnaire's title",
	"ReturnBy":             "the date to send the form back by",
	"Coach":                "your name",
	"Practice":             "your practice's name",
	"Signature":            "your signature",
}

var kindFields = map[Kind][]string{
	Introduction:  {"FirstNames", "Names", "Cohort", "WhyMatched", "Agenda", "Cadence", "FirstSession", "PlannedEnd", "CheckIns"},
	Questionnaire: {"Recipient", "Cohort", "Questionnaire", "ReturnBy"},
	Nudge:         {"FirstNames", "Names", "Cohort", "Cadence", "PlannedEnd", "LastSession", "DaysSinceLastSession", "OverdueActions"},
	ThankYou:      {"Recipient", "Partners", "FirstNames", "Cohort", "PlannedEnd"},
}

var everyKindFields = []string{"Coach", "Practice", "Signature"}

// FieldsOf lists the fields a kind's templates may use, for the help beside the editor.
func FieldsOf(k Kind) []FieldInfo {
	var l []FieldInfo
	for _, f := range append(slices.Clone(kindFields[k]), everyKindFields...) {
		l = append(l, FieldInfo{Name: f, Meaning: fieldMeanings[f]})
	}
	return l
}

func allowed(k Kind, field string) bool {
	return slices.Contains(kindFields[k], field) || slices.Contains(everyKindFields, field)
}

// DefaultTemplate is Mutua's own template for a kind: warm, professional and short.
func DefaultTemplate(k Kind) Template {
	return defaults[k]
}

var defaults = map[Kind]Template{
	Introduction: {
		Subject: "Introducing {{.FirstNames}}: your peer-mentoring partnership",
		Body: `Dear {{.FirstNames}},

I am delighted to introduce you to each other as mentoring partners{{if .Cohort}} in {{.Cohort}}{{end}}. You will learn from each other, and I think you will enjoy it.
{{if .WhyMatched}}
Why I paired you:
{{.WhyMatched}}
{{end}}{{if .Agenda}}
For your first conversation, you might start with:
{{.Agenda}}
{{end}}{{if .Cadence}}
The plan is to meet {{.Cadence}}{{if .PlannedEnd}} until {{.PlannedEnd}}{{end}}.{{end}}{{if .FirstSession}} I suggest a first session on {{.FirstSession}}: the calendar invitation is attached; accept it, or agree another time between you.{{end}}

Your pair brief is attached. It says a little more about each of you and leaves room to write down what you agree.

Do reply to me with any question. I look forward to hearing how it goes.

{{.Signature}}
`,
	},
	Questionnaire: {
		Subject: "{{.Questionnaire}} for {{.Recipient}}",
		Body: `Dear {{.Recipient}},

Attached is a PDF form for you: {{.Questionnaire}}. You can fill it in on screen with any PDF reader (Adobe Acrobat Reader, Preview on a Mac, or your web browser), save it, and send it back to me by replying to this email{{if .ReturnBy}} by {{.ReturnBy}}{{end}}.

Your answers come to me and help me prepare the programme{{if .Cohort}} for {{.Cohort}}{{end}}. Thank you for your time.

{{.Signature}}
`,
	},
	Nudge: {
		Subject: "Checking in: {{.FirstNames}}",
		Body: `Dear {{.FirstNames}},

I hope all is well. {{if .LastSession}}Your last session was on {{.LastSession}}{{else}}I have not yet heard of a first session between you{{end}}, so I wanted to check in.
{{if .OverdueActions}}
These actions have passed their due date:
{{.OverdueActions}}
{{end}}
If it helps, pick the date of your next conversation now{{if .Cadence}}: the plan was to meet {{.Cadence}}{{end}}. And if something is in the way, tell me: we can change the rhythm or the format.

{{.Signature}}
`,
	},
	ThankYou: {
		Subject: "Thank you, {{.Recipient}}",
		Body: `Dear {{.Recipient}},

As {{if .Cohort}}{{.Cohort}}{{else}}our programme{{end}} comes to a close, thank you for the time and openness you brought to your partnership{{if .Partners}} with {{.Partners}}{{end}}.

Attached is your progress report: a record of your sessions, your goals and the ground you covered. I hope it serves you as you carry the work forward.

It has been a pleasure to work with you.

{{.Signature}}
`,
	},
}

// TemplateError is a problem in a template, in plain words: which part (subject or body),
// which line, and which field when a field is the problem.
type TemplateError struct {
	Part    string // "subject" or "body"
	Line    int    // 0 when not known
	Field   string // the field at fault, when there is one
	Message string
}

func (e *TemplateError) Error() string {
	where := "The " + e.Part
	if e.Line > 0 && e.Part == "body" {
		where = fmt.Sprintf("Line %d of the body", e.Line)
	}
	return where + ": " + e.Message
}

// Check tells whether a template can be used for a kind of draft: its syntax, and every field
// it names. The error, a *TemplateError, says what is wrong in plain words.
func (t Template) Check(k Kind) error {
	_, _, err := t.render(k, sampleFields())
	return err
}

// Render fills the template with f and returns the subject (one line) and the body.
func (t Template) Render(k Kind, f Fields) (subject, body string, err error) {
	return t.render(k, f)
}

func (t Template) render(k Kind, f Fields) (string, string, error) {
	if strings.TrimSpace(t.Subject) == "" {
		return "", "", &TemplateError{Part: "subject", Message: "it is empty: write a subject."}
	}
	if strings.TrimSpace(t.Body) == "" {
		return "", "", &TemplateError{Part: "body", Message: "it is empty: write the message."}
	}
	subject, err := fill("subject", t.Subject, k, f)
	if err != nil {
		return "", "", err
	}
	body, err := fill("body", t.Body, k, f)
	if err != nil {
		return "", "", err
	}
	return oneLine(subject), tidy(body), nil
}

var lineOf = regexp.MustCompile(`^template: \w+:(\d+):(?:\d+:)?\s*(.*)$`)

func fill(part, text string, k Kind, f Fields) (string, error) {
	tpl, err := template.New(part).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", syntaxError(part, err)
	}
	if err := checkFields(part, text, tpl, k); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, f); err != nil {
		return "", syntaxError(part, err)
	}
	return buf.String(), nil
}

// syntaxError turns text/template's message into plain words, keeping its line number.
func syntaxError(part string, err error) error {
	msg := err.Error()
	e := &TemplateError{Part: part}
	if m := lineOf.FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &e.Line)
		msg = m[2]
	}
	switch {
	case strings.Contains(msg, "unclosed action"):
		e.Message = "a {{ has no matching }}."
	case strings.Contains(msg, "unexpected EOF"):
		e.Message = "an {{if}} has no {{end}}."
	case strings.Contains(msg, "unexpected {{end}}"):
		e.Message = "there is an {{end}} without the {{if}} it closes."
	case strings.Contains(msg, "expected end"), strings.Contains(msg, "missing end"):
		e.Message = "an {{if}} has no {{end}}."
	case strings.Contains(msg, "function") && strings.Contains(msg, "not defined"):
		name := regexp.MustCompile(`function "([^"]*)"`).FindStringSubmatch(msg)
		e.Field = name[len(name)-1]
		e.Message = fmt.Sprintf("%q is not a field. Fields start with a dot, e.g. {{.FirstNames}}.", e.Field)
	default:
		e.Message = "Mutua cannot read this template (" + msg + ")."
	}
	return e
}

// checkFields walks the template and refuses any field the kind does not offer, naming it.
func checkFields(part, text string, tpl *template.Template, k Kind) error {
	var bad *TemplateError
	var walk func(n parse.Node)
	check := func(pos parse.Pos, idents []string) {
		if bad != nil || len(idents) == 0 {
			return
		}
		name := idents[0]
		if allowed(k, name) && len(idents) == 1 {
			return
		}
		bad = &TemplateError{Part: part, Line: 1 + strings.Count(text[:pos], "\n"), Field: name}
		switch {
		case allowed(k, name):
			bad.Message = fmt.Sprintf("{{.%s}} is plain text: write it without anything after it.", name)
		case fieldMeanings[name] != "":
			bad.Message = fmt.Sprintf("{{.%s}} cannot be used in %s emails. Fields you can use: %s.", name, strings.ToLower(k.Label()), fieldList(k))
		default:
			bad.Message = fmt.Sprintf("Mutua has no field called %q. Fields you can use: %s.", name, fieldList(k))
		}
	}
	walk = func(n parse.Node) {
		if bad != nil || n == nil || reflect.ValueOf(n).IsNil() {
			return
		}
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			check(n.Pos, n.Ident)
		case *parse.ChainNode:
			walk(n.Node)
			if bad == nil {
				bad = &TemplateError{Part: part, Line: 1 + strings.Count(text[:n.Pos], "\n"), Message: "fields are plain text: write them as {{.Name}}."}
			}
		case *parse.VariableNode:
			if len(n.Ident) > 1 {
				check(n.Pos, n.Ident[1:])
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			bad = &TemplateError{Part: part, Line: 1 + strings.Count(text[:n.Pos], "\n"), Message: "{{range}} is not needed: lists such as {{.WhyMatched}} are already written one item a line."}
		case *parse.IdentifierNode:
			if !slices.Contains(templateFuncs, n.Ident) {
				bad = &TemplateError{Part: part, Line: 1 + strings.Count(text[:n.Pos], "\n"), Field: n.Ident,
					Message: fmt.Sprintf("%q cannot be used in a template. Fields start with a dot, e.g. {{.FirstNames}}; conditions use {{if}}, and, or, not, eq, ne.", n.Ident)}
			}
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			bad = &TemplateError{Part: part, Line: 1 + strings.Count(text[:n.Pos], "\n"), Message: "a template cannot include another one."}
		}
	}
	walk(tpl.Tree.Root)
	if bad != nil {
		return bad
	}
	if len(tpl.Templates()) > 1 {
		return &TemplateError{Part: part, Message: "a template cannot define other templates."}
	}
	return nil
}

// templateFuncs are the template functions a coach may use: conditions only, so a template
// cannot print a value's inner form or build a huge text.
var templateFuncs = []string{"and", "or", "not", "eq", "ne"}

func fieldList(k Kind) string {
	var names []string
	for _, f := range FieldsOf(k) {
		names = append(names, "{{."+f.Name+"}}")
	}
	return strings.Join(names, ", ")
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)

// tidy drops the runs of blank lines that empty optional parts leave, and spaces at line ends.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.Trim(s, "\n") + "\n"
}

// sampleFields has every field filled, to try a template before any real draft uses it.
func sampleFields() Fields {
	var f Fields
	v := reflect.ValueOf(&f).Elem()
	for i := 0; i < v.NumField(); i++ {
		v.Field(i).SetString("sample " + v.Type().Field(i).Name)
	}
	return f
}
