package drafts_test

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"mutua/drafts"
)

// memberRecord and partnershipRecord stand for what the practice holds about people and
// partnerships: the shareable fields the drafts need, and private-looking ones (notes of every
// visibility, the coach's private notes, goals, ratings, scores, fit checks, phone...), which
// hold planted markers.
type memberRecord struct {
	Name, Email                                   string
	PrivateNotes, Goals, Phone, FitCheck, Company string
	BirthYear, Title, Ratings                     string
}

type partnershipRecord struct {
	ID                                              int64
	Cohort                                          string
	Reasons, Agenda                                 []string
	Cadence                                         string
	FirstSession, PlannedEnd                        time.Time
	CheckIns                                        []time.Time
	Notes, SharedNotes, SponsorNotes, SessionNotes  []string
	PrivateNotes, EndReason, Score, ScoreBreakdown  string
	FitCheck, Objective, SuccessMeasures, Rematched string
}

type coachRecord struct {
	Name, Email, Practice, Contact, TimeZone, PracticeKey string
	PrivateNotes, BackupPassphrase, Notes                 string
}

const marker = "PLANTED-PRIVATE"

// plant writes a distinct marker into every private-looking field of a record.
func plant(v any, shareable ...string) {
	rv := reflect.ValueOf(v).Elem()
	for i := 0; i < rv.NumField(); i++ {
		name := rv.Type().Field(i).Name
		if slicesContains(shareable, name) {
			continue
		}
		switch f := rv.Field(i); f.Kind() {
		case reflect.String:
			f.SetString(fmt.Sprintf("%s-%s", marker, name))
		case reflect.Slice:
			if f.Type().Elem().Kind() == reflect.String {
				f.Set(reflect.ValueOf([]string{marker + "-" + name + "-1", marker + "-" + name + "-2"}))
			}
		}
	}
}

func slicesContains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// copyByName fills dst from src field by field, by name, as a caller would map the practice's
// records onto the drafts' input: any field the input offered for private text would carry a
// marker into the drafts.
func copyByName(dst, src any) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := 0; i < d.NumField(); i++ {
		sf := s.FieldByName(d.Type().Field(i).Name)
		if sf.IsValid() && sf.Type().AssignableTo(d.Field(i).Type()) {
			d.Field(i).Set(sf)
		}
	}
}

// everyField is a template printing every field its kind offers.
func everyField(k drafts.Kind) drafts.Template {
	var b strings.Builder
	for _, f := range drafts.FieldsOf(k) {
		b.WriteString(f.Name + ": {{." + f.Name + "}}\n")
	}
	return drafts.Template{Subject: "{{.Coach}}", Body: b.String()}
}

// No draft and no invitation carries a planted private marker, whatever the template, and
// templates that reach for private fields are refused.
func TestNoPrivateTextInDrafts(t *testing.T) {
	ana := &memberRecord{Name: "Ana Silva", Email: "ana@example.com"}
	ben := &memberRecord{Name: "Ben Okafor", Email: "ben@example.com"}
	plant(ana, "Name", "Email")
	plant(ben, "Name", "Email")
	pr := &partnershipRecord{ID: 7, Cohort: "Autumn circle", Reasons: []string{"Both are career-oriented"}, Agenda: []string{"Goals"},
		Cadence: "weekly", FirstSession: time.Date(2027, 3, 9, 10, 0, 0, 0, time.UTC), PlannedEnd: day(2027, 4, 30),
		CheckIns: []time.Time{day(2027, 4, 1)}}
	plant(pr, "Cohort", "Reasons", "Agenda", "Cadence")
	cr := &coachRecord{Name: "Zoë Martín", Email: "zoe@example.org", Practice: "Silva Coaching", Contact: "zoe@example.org",
		TimeZone: "Europe/Lisbon", PracticeKey: "k"}
	plant(cr, "Name", "Email", "Practice", "Contact", "TimeZone", "PracticeKey")

	var coach drafts.Coach
	copyByName(&coach, cr)
	var p drafts.Partnership
	copyByName(&p, pr)
	for _, m := range []*memberRecord{ana, ben} {
		var person drafts.Person
		copyByName(&person, m)
		p.Members = append(p.Members, person)
	}
	if p.Cadence != "weekly" || len(p.Members) != 2 || p.Members[1].Email != "ben@example.com" || coach.Email != "zoe@example.org" {
		t.Fatalf("the mapping lost shareable fields: %+v %+v", p, coach)
	}
	quiet := drafts.Quiet{LastSession: day(2027, 2, 1), Today: day(2027, 3, 1),
		Overdue: []drafts.ActionItem{{Text: "Read the chapter", Owner: "Ben Okafor", Due: day(2027, 2, 15)}}}
	form := drafts.Attachment{Name: "Form.pdf", Data: []byte("%PDF-1.4 form")}

	var all []*drafts.Draft
	for _, tpls := range []func(drafts.Kind) drafts.Template{drafts.DefaultTemplate, everyField} {
		d1, err1 := drafts.IntroductionDraft(coach, p, tpls(drafts.Introduction), now)
		d2, err2 := drafts.QuestionnaireDraft(coach, drafts.QuestionnaireSending{To: p.Members[0], Title: "Pulse survey", Cohort: p.Cohort, Form: form}, tpls(drafts.Questionnaire), now)
		d3, err3 := drafts.NudgeDraft(coach, p, quiet, tpls(drafts.Nudge), now)
		d4, err4 := drafts.ThankYouDraft(coach, p, p.Members[1], form, tpls(drafts.ThankYou), now)
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, d1, d2, d3, d4)
	}
	ics, err := drafts.Invitation(coach, p, now)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{string(ics)}
	for _, d := range all {
		var eml bytes.Buffer
		if err := d.WriteEML(&eml); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, d.Subject, d.Body, d.Text(), eml.String(), d.FileName())
	}
	if !strings.Contains(all[4].Body, "WhyMatched: - Both are career-oriented") {
		t.Fatalf("the every-field template printed nothing shareable:\n%s", all[4].Body)
	}
	for _, text := range texts {
		if i := strings.Index(text, marker); i >= 0 {
			t.Errorf("private text reached a draft: %q", text[i:min(len(text), i+40)])
		}
	}

	// Templates reaching for private fields, directly or through a variable, are refused.
	for _, body := range []string{"{{.PrivateNotes}}", "{{.Notes}}", "{{$.SessionNotes}}", "{{with .FirstNames}}{{.Goals}}{{end}}",
		"{{range $i, $m := .Members}}{{$m.PrivateNotes}}{{end}}", `{{index . "PrivateNotes"}}`} {
		if _, err := drafts.IntroductionDraft(coach, p, drafts.Template{Subject: "Hi", Body: body}, now); err == nil {
			t.Errorf("template %q was accepted", body)
		}
	}
}

// The input structs and the template's fields have no field a private text could travel in.
func TestInputsHaveNoPrivateFields(t *testing.T) {
	private := regexp.MustCompile(`(?i)note|private|rating|score|fit|goal|phone|birth|secret|sponsor|objective|measure|comment`)
	for _, v := range []any{drafts.Coach{}, drafts.Person{}, drafts.Partnership{}, drafts.Quiet{}, drafts.ActionItem{},
		drafts.QuestionnaireSending{}, drafts.Attachment{}, drafts.Fields{}, drafts.Draft{}} {
		walkFields(reflect.TypeOf(v), func(path string) {
			if private.MatchString(path) {
				t.Errorf("%T has the field %s: drafts take only what the recipients may read", v, path)
			}
		}, "")
	}
}

func walkFields(typ reflect.Type, visit func(string), prefix string) {
	for typ.Kind() == reflect.Slice || typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ.Kind() != reflect.Struct || typ.PkgPath() != "mutua/drafts" {
		return
	}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		visit(prefix + f.Name)
		walkFields(f.Type, visit, prefix+f.Name+".")
	}
}
