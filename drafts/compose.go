package drafts

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The input structs below are all a caller can hand this package. By design they hold only
// what may be shown to the people a draft is sent to: names, email addresses, why a pair was
// matched, the agenda, the agreement's rhythm and dates, action items they agreed to. There is
// no field for notes, ratings, scores, fit checks, goals or anything private to the coach, so a
// template cannot print such text whatever the coach writes in it.

// Coach is who the drafts come from, from the practice settings.
type Coach struct {
	Name      string
	Email     string // From, the invitations' organiser, and Cc when CopyMe is set
	Practice  string // the practice's name
	Contact   string // the practice's contact line
	Signature string // empty: the name, the practice and the contact line, one a line
	TimeZone  string // IANA name, e.g. "Europe/Lisbon": session times and invitations are in it
	CopyMe    bool   // put the coach in copy of every draft
	// Dates writes a date the way the practice's date setting says; nil: "Mon 2 Jan 2006".
	Dates func(time.Time) string
	// PracticeKey is any text that stays the same for the practice (e.g. its file's id), so
	// an invitation written again keeps its UID and calendars update it instead of adding one.
	// Empty: the coach's email is used.
	PracticeKey string
}

func (c Coach) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if c.Dates != nil {
		return c.Dates(t)
	}
	return t.Format("Mon 2 Jan 2006")
}

func (c Coach) signature() string {
	if s := strings.TrimSpace(c.Signature); s != "" {
		return s
	}
	var lines []string
	for _, l := range []string{c.Name, c.Practice, c.Contact} {
		if l = oneLine(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func (c Coach) person() Person { return Person{Name: c.Name, Email: c.Email} }

func (c Coach) cc() []Person {
	if c.CopyMe {
		return []Person{c.person()}
	}
	return nil
}

func (c Coach) fields() Fields {
	return Fields{Coach: oneLine(c.Name), Practice: oneLine(c.Practice), Signature: c.signature()}
}

// Partnership is what the drafts and invitations of one partnership show.
type Partnership struct {
	ID      int64 // the partnership's id in the practice, for the invitation's UID
	Cohort  string
	Members []Person
	Reasons []string // why they were matched, one sentence each (the pairing's reasons)
	Agenda  []string // suggested first-session topics
	// Cadence is the agreement's rhythm as written, e.g. "every two weeks, 60 minutes".
	Cadence string
	// FirstSession is the proposed first session: its date and wall-clock time are read in the
	// coach's time zone. Zero: none proposed.
	FirstSession  time.Time
	SessionLength time.Duration // zero: what the cadence says, else one hour
	PlannedEnd    time.Time     // a date; zero: none
	CheckIns      []time.Time   // dates
	Sequence      int           // raise it when the invitation changes, so calendars update it
}

// ActionItem is an action the members agreed on, past its due date.
type ActionItem struct {
	Text  string
	Owner string // a member's name; empty: the pair
	Due   time.Time
}

// Quiet says why a partnership is nudged.
type Quiet struct {
	LastSession time.Time // zero: no session held yet
	Today       time.Time
	Overdue     []ActionItem
}

// QuestionnaireSending is one person's questionnaire going out.
type QuestionnaireSending struct {
	To       Person
	Title    string // e.g. "Intake questionnaire", "Pulse survey"
	Cohort   string
	ReturnBy time.Time // zero: no date given
	Form     Attachment
}

// andList joins names as a sentence does: "Ana", "Ana and Ben", "Ana, Ben and Chloé".
func andList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func firstNames(ps []Person) string {
	var n []string
	for _, p := range ps {
		n = append(n, oneLine(p.FirstName()))
	}
	return andList(n)
}

func fullNames(ps []Person) string {
	var n []string
	for _, p := range ps {
		n = append(n, oneLine(p.Name))
	}
	return andList(n)
}

func lines(items []string, numbered bool) string {
	var out []string
	for _, it := range items {
		if it = oneLine(it); it == "" {
			continue
		}
		if numbered {
			out = append(out, fmt.Sprintf("%d. %s", len(out)+1, it))
		} else {
			out = append(out, "- "+it)
		}
	}
	return strings.Join(out, "\n")
}

func (p Partnership) fields(c Coach) Fields {
	f := c.fields()
	f.FirstNames, f.Names = firstNames(p.Members), fullNames(p.Members)
	f.Cohort = oneLine(p.Cohort)
	f.WhyMatched = lines(p.Reasons, false)
	f.Agenda = lines(p.Agenda, true)
	if cad, err := ParseCadence(p.Cadence); err == nil {
		f.Cadence = cad.Words()
	} else {
		f.Cadence = oneLine(p.Cadence)
	}
	if !p.FirstSession.IsZero() {
		if loc, err := coachZone(c.TimeZone); err == nil {
			t := wallClock(p.FirstSession, loc)
			f.FirstSession = fmt.Sprintf("%s at %s (%s time)", c.date(t), t.Format("15:04"), zoneName(loc))
		} else {
			f.FirstSession = c.date(p.FirstSession) + " at " + p.FirstSession.Format("15:04")
		}
	}
	f.PlannedEnd = c.date(p.PlannedEnd)
	var ci []string
	for _, d := range p.CheckIns {
		ci = append(ci, c.date(d))
	}
	f.CheckIns = andList(ci)
	return f
}

func (p Partnership) check() error {
	if len(p.Members) < 2 {
		return errors.New("A partnership needs at least two members to be introduced.")
	}
	return nil
}

func draft(k Kind, tpl Template, c Coach, to []Person, f Fields, attach []Attachment, now time.Time) (*Draft, error) {
	subject, body, err := tpl.Render(k, f)
	if err != nil {
		return nil, err
	}
	d := &Draft{Kind: k, From: c.person(), To: to, Cc: c.cc(), Subject: subject, Body: body,
		Attachments: attach, Date: now}
	if err := d.check(); err != nil {
		return nil, err
	}
	return d, nil
}

// IntroductionDraft is the introduction of a partnership: to all its members, from the coach,
// with the given attachments (the pair brief, and the invitation from InvitationAttachment).
func IntroductionDraft(c Coach, p Partnership, tpl Template, now time.Time, attach ...Attachment) (*Draft, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return draft(Introduction, tpl, c, p.Members, p.fields(c), attach, now)
}

// NudgeDraft is a note to a partnership with no recent session or an overdue action item.
func NudgeDraft(c Coach, p Partnership, q Quiet, tpl Template, now time.Time) (*Draft, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	f := p.fields(c)
	f.WhyMatched, f.Agenda, f.FirstSession, f.CheckIns = "", "", "", ""
	if !q.LastSession.IsZero() {
		f.LastSession = c.date(q.LastSession)
		if !q.Today.IsZero() {
			f.DaysSinceLastSession = strconv.Itoa(int(dateOnly(q.Today).Sub(dateOnly(q.LastSession)).Hours() / 24))
		}
	}
	var items []string
	for _, a := range q.Overdue {
		it := oneLine(a.Text)
		if a.Owner != "" {
			it = oneLine(Person{Name: a.Owner}.FirstName()) + ": " + it
		}
		if !a.Due.IsZero() {
			it += " (due " + c.date(a.Due) + ")"
		}
		items = append(items, it)
	}
	f.OverdueActions = lines(items, false)
	return draft(Nudge, tpl, c, p.Members, f, nil, now)
}

// QuestionnaireDraft sends one person their own questionnaire form.
func QuestionnaireDraft(c Coach, q QuestionnaireSending, tpl Template, now time.Time) (*Draft, error) {
	f := c.fields()
	f.Recipient = oneLine(q.To.FirstName())
	f.Questionnaire = oneLine(q.Title)
	if f.Questionnaire == "" {
		f.Questionnaire = "questionnaire"
	}
	f.Cohort = oneLine(q.Cohort)
	f.ReturnBy = c.date(q.ReturnBy)
	var attach []Attachment
	if len(q.Form.Data) > 0 {
		attach = append(attach, q.Form)
	}
	return draft(Questionnaire, tpl, c, []Person{q.To}, f, attach, now)
}

// ThankYouDraft thanks one member of a partnership at the end of the programme, with their
// progress report attached.
func ThankYouDraft(c Coach, p Partnership, to Person, report Attachment, tpl Template, now time.Time) (*Draft, error) {
	f := c.fields()
	f.Recipient = oneLine(to.FirstName())
	f.FirstNames = firstNames(p.Members)
	f.Cohort = oneLine(p.Cohort)
	f.PlannedEnd = c.date(p.PlannedEnd)
	var partners []Person
	for _, m := range p.Members {
		if !strings.EqualFold(strings.TrimSpace(m.Email), strings.TrimSpace(to.Email)) || m.Name != to.Name {
			partners = append(partners, m)
		}
	}
	f.Partners = firstNames(partners)
	var attach []Attachment
	if len(report.Data) > 0 {
		attach = append(attach, report)
	}
	return draft(ThankYou, tpl, c, []Person{to}, f, attach, now)
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
