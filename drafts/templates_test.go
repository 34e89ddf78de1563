package drafts_test

import (
	"errors"
	"strings"
	"testing"

	"mutua/drafts"
)

// Mutua's own templates are valid for their kind.
func TestDefaultTemplatesCheck(t *testing.T) {
	for _, k := range drafts.Kinds {
		if err := drafts.DefaultTemplate(k).Check(k); err != nil {
			t.Errorf("%s: %v", k.Label(), err)
		}
	}
}

// A template's mistakes are told in plain words, naming the field and the line.
func TestTemplateErrors(t *testing.T) {
	for _, c := range []struct {
		kind          drafts.Kind
		subject, body string
		says, field   string
	}{
		{drafts.Introduction, "Hello", "Dear {{.FirstNames}},\n\n{{.Notes}}", `Line 3 of the body: Mutua has no field called "Notes". Fields you can use: {{.FirstNames}}`, "Notes"},
		{drafts.Introduction, "Hello {{.PrivateNotes}}", "Hi", `The subject: Mutua has no field called "PrivateNotes"`, "PrivateNotes"},
		{drafts.Introduction, "Hello", "{{.Questionnaire}}", "{{.Questionnaire}} cannot be used in introduction emails", "Questionnaire"},
		{drafts.ThankYou, "Hello", "{{if .Recipient}}{{.WhyMatched}}{{end}}", "{{.WhyMatched}} cannot be used in thank you emails", "WhyMatched"},
		{drafts.Nudge, "Hello", "{{$.Score}}", `Mutua has no field called "Score"`, "Score"},
		{drafts.Nudge, "Hello", "{{.FirstNames.Private}}", "{{.FirstNames}} is plain text", "FirstNames"},
		{drafts.Nudge, "Hello", "Dear {{firstnames}}", `"firstnames" is not a field. Fields start with a dot`, "firstnames"},
		{drafts.Nudge, "Hello", "Dear {{.FirstNames", "a {{ has no matching }}", ""},
		{drafts.Nudge, "Hello", "one\n{{if .Cohort}}two", "an {{if}} has no {{end}}", ""},
		{drafts.Nudge, "Hello", "one\ntwo {{end}}", "Line 2 of the body: there is an {{end}} without the {{if}}", ""},
		{drafts.Nudge, "Hello", `{{template "x"}}`, "cannot include another one", ""},
		{drafts.Nudge, " ", "Hi", "The subject: it is empty", ""},
		{drafts.Nudge, "Hi", "{{range 1000000000}}x{{end}}", "{{range}} is not needed", ""},
		{drafts.Nudge, "Hi", `{{printf "%v" .}}`, `"printf" cannot be used in a template`, "printf"},
		{drafts.Nudge, "Hi", `{{index . "x"}}`, `"index" cannot be used in a template`, "index"},
		{drafts.Nudge, "Hi", "", "The body: it is empty", ""},
	} {
		err := drafts.Template{Subject: c.subject, Body: c.body}.Check(c.kind)
		var te *drafts.TemplateError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), c.says) || te.Field != c.field {
			t.Errorf("%q / %q: %v (field %q); want it to say %q, naming %q", c.subject, c.body, err, fieldOf(te), c.says, c.field)
		}
	}
}

func fieldOf(e *drafts.TemplateError) string {
	if e == nil {
		return ""
	}
	return e.Field
}

// The coach's own template fills every field it may use; optional parts drop out cleanly.
func TestRenderEditedTemplate(t *testing.T) {
	tpl := drafts.Template{Subject: "{{.FirstNames}}\n— {{.Cohort}}{{if and .Cohort (ne .Cohort \"x\")}}!{{end}}",
		Body: "Hi {{.FirstNames}}\n\n{{if .CheckIns}}Check-ins: {{.CheckIns}}{{end}}\n\n\n\n{{.Signature}}   \n"}
	p := samplePartnership()
	d, err := drafts.IntroductionDraft(sampleCoach(), p, tpl, now)
	if err != nil {
		t.Fatal(err)
	}
	if d.Subject != "Ana and Дмитрий — Spring 2027 executive circle!" {
		t.Errorf("subject %q", d.Subject)
	}
	want := "Hi Ana and Дмитрий\n\nCheck-ins: Tue 6 Apr 2027 and Tue 4 May 2027\n\nZoë Martín-Ribeiro\nSilva Coaching\n+351 21 000 0000\n"
	if d.Body != want {
		t.Errorf("body %q, want %q", d.Body, want)
	}
	p.CheckIns = nil
	d, _ = drafts.IntroductionDraft(sampleCoach(), p, tpl, now)
	if want := "Hi Ana and Дмитрий\n\nZoë Martín-Ribeiro\nSilva Coaching\n+351 21 000 0000\n"; d.Body != want {
		t.Errorf("body without check-ins %q, want %q", d.Body, want)
	}
}

// A triad is greeted by all three first names and addressed to all three.
func TestTriadIntroduction(t *testing.T) {
	p := samplePartnership()
	p.Members = append(p.Members, drafts.Person{Name: "Chloé Dubois", Email: "chloe@example.fr"})
	d, err := drafts.IntroductionDraft(sampleCoach(), p, drafts.DefaultTemplate(drafts.Introduction), now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Body, "Dear Ana, Дмитрий and Chloé,\n") || len(d.To) != 3 || d.FileName() != "Introduction - Ana Silva & Дмитрий Иванов & Chloé Dubois.eml" {
		t.Errorf("triad: to %v, file %q, body:\n%s", d.To, d.FileName(), d.Body)
	}
}
