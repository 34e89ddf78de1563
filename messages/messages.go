// Package messages writes a practice's emails and calendar invitations: it reads the
// records it needs through a narrow Store, keeps only what the recipients may read (names,
// addresses, why a pair was matched, the agreement's rhythm and dates, overdue actions) and
// hands that to package drafts, with the PDFs to attach printed by package reports. No
// note, rating, score, goal, fit check or coach-private field is ever copied into a drafts
// input. The window (app) and the command line (cli) both write through it.
package messages

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"mutua/data"
	"mutua/drafts"
	"mutua/reports"
)

// Store is what the messages read from a practice: what the attached reports read, and the
// email settings.
type Store interface {
	reports.Source
	MessageSettings() (data.MessageSettings, error)
	MessageTemplates() (map[string]data.MessageTemplate, error)
	Partnerships() ([]data.Partnership, error)
}

// KindKey names a kind of email in the practice's settings.
func KindKey(k drafts.Kind) string {
	switch k {
	case drafts.Introduction:
		return "introduction"
	case drafts.Questionnaire:
		return "questionnaire"
	case drafts.Nudge:
		return "nudge"
	case drafts.ThankYou:
		return "thankyou"
	}
	return "other"
}

// Templates are the templates a practice uses: the coach's own where saved, Mutua's otherwise.
func Templates(saved map[string]data.MessageTemplate) map[drafts.Kind]drafts.Template {
	out := map[drafts.Kind]drafts.Template{}
	for _, k := range drafts.Kinds {
		out[k] = drafts.DefaultTemplate(k)
		if t, ok := saved[KindKey(k)]; ok {
			out[k] = drafts.Template{Subject: t.Subject, Body: t.Body}
		}
	}
	return out
}

// Writer writes the messages of one practice, as its settings say on the day it is made.
type Writer struct {
	store     Store
	coach     drafts.Coach
	templates map[drafts.Kind]drafts.Template
	options   reports.Options
	now       time.Time
	today     data.Date
	// noAttachments leaves out the PDFs and the invitation, for a quick preview.
	noAttachments bool
}

// NewWriter reads the practice's identity, email settings and templates. options print the
// attached PDFs and say how dates are written; now dates the drafts.
func NewWriter(store Store, options reports.Options, now time.Time) (*Writer, error) {
	id, err := store.PracticeIdentity()
	if err != nil {
		return nil, err
	}
	settings, err := store.MessageSettings()
	if err != nil {
		return nil, err
	}
	saved, err := store.MessageTemplates()
	if err != nil {
		return nil, err
	}
	order := options.DateOrder
	if !order.Valid() {
		order = data.DayMonthYear
	}
	coach := drafts.Coach{
		Name: id.Coach, Email: settings.CoachEmail, Practice: id.Name, Contact: id.Contact,
		Signature: settings.Signature, TimeZone: settings.Zone(), CopyMe: settings.CopyMe,
		Dates: func(t time.Time) string { return order.Format(data.DateOf(t)) },
	}
	return &Writer{store: store, coach: coach, templates: Templates(saved), options: options, now: now,
		today: data.DateOf(now)}, nil
}

// Coach is who the drafts come from.
func (w *Writer) Coach() drafts.Coach { return w.coach }

// SetFrom gives the drafts an address when the practice has none (the command line's --from).
func (w *Writer) SetFrom(email string) { w.coach.Email = strings.TrimSpace(email) }

// Message is one email written for a partnership or a person, ready to save.
type Message struct {
	Draft *drafts.Draft
	// Invitation is the partnership's calendar file, attached to the draft and saved on its
	// own too; nil when there is none.
	Invitation *drafts.Attachment
	// Note says, in plain words, what the coach should know: why an introduction has no
	// invitation, or why its check-ins were left out.
	Note  string
	Names string // the partnership's members, "Ana Silva + Ben Okafor"
}

// bornIn matches a birth year a pairing reason may quote: " (born 1968)", " (born 1968 and 1995)".
var bornIn = regexp.MustCompile(` ?\(born \d{4}( and \d{4})?\)`)

// shareableReasons are why a pair was matched, as the members may read it: without the birth
// years the coach's reasons quote ("A generation apart: Ana and Ben.").
func shareableReasons(reasons []string) []string {
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = bornIn.ReplaceAllString(r, "")
	}
	return out
}

// partnershipInput keeps of a partnership what its members may read.
func (w *Writer) partnershipInput(p data.Partnership, agenda []string) (drafts.Partnership, string) {
	in := drafts.Partnership{
		ID:      p.ID,
		Cohort:  p.CohortName,
		Reasons: shareableReasons(p.Reasons),
		Agenda:  append([]string(nil), agenda...),
		Cadence: p.Agreement.Cadence,
	}
	for _, m := range p.Members {
		in.Members = append(in.Members, drafts.Person{Name: m.Name, Email: m.Email})
	}
	if !p.PlannedEndOn.IsZero() {
		in.PlannedEnd = p.PlannedEndOn.Time()
	}
	order := w.options.DateOrder
	if !order.Valid() {
		order = data.DayMonthYear
	}
	checkIns, err := drafts.ParseCheckIns(p.Agreement.CheckIns, func(s string) (time.Time, error) {
		d, err := order.Parse(s)
		return d.Time(), err
	})
	problem := ""
	if err != nil {
		problem = err.Error() + " The check-ins were left out."
	}
	in.CheckIns = checkIns
	return in, problem
}

// Introduction writes a partnership's introduction: to all its members, with the pair brief
// and, when the cadence and dates allow one, the invitation to its sessions from firstSession
// (a date and a clock time read in the coach's time zone).
func (w *Writer) Introduction(partnershipID int64, firstSession time.Time) (*Message, error) {
	report, err := reports.Read(w.store, reports.Brief, partnershipID, w.today, w.options)
	if err != nil {
		return nil, err
	}
	brief := report.Brief
	p, problem := w.partnershipInput(brief.Partnership, brief.Agenda)
	p.FirstSession = firstSession
	m := &Message{Names: brief.Partnership.Names(" + ")}
	var attach []drafts.Attachment
	if !w.noAttachments {
		var pdf bytes.Buffer
		if err := report.Write(&pdf, w.options); err != nil {
			return nil, fmt.Errorf("print the pair brief of %s: %w", m.Names, err)
		}
		attach = append(attach, drafts.Attachment{Name: data.ReportFileName("Pair brief", brief.Partnership.Names(" and ")),
			ContentType: "application/pdf", Data: pdf.Bytes()})
		inv, err := drafts.InvitationAttachment(w.coach, p, w.now)
		if err != nil {
			m.Note = "No invitation: " + err.Error()
			p.FirstSession = time.Time{} // the text does not promise an invitation that is not attached
		} else {
			m.Invitation = &inv
			attach = append(attach, inv)
			m.Note = problem
		}
	}
	m.Draft, err = drafts.IntroductionDraft(w.coach, p, w.templates[drafts.Introduction], w.now, attach...)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Nudge writes a note to a partnership that has gone quiet or has overdue actions.
func (w *Writer) Nudge(partnershipID int64) (*Message, error) {
	page, err := w.store.Partnership(partnershipID)
	if err != nil {
		return nil, err
	}
	p, _ := w.partnershipInput(page.Partnership, nil)
	q := drafts.Quiet{Today: w.today.Time()}
	if !page.LastSession.IsZero() {
		q.LastSession = page.LastSession.Time()
	}
	for _, a := range page.OpenActions {
		if !a.DueOn.IsZero() && a.DueOn.Before(w.today) {
			q.Overdue = append(q.Overdue, drafts.ActionItem{Text: a.Text, Owner: a.OwnerName, Due: a.DueOn.Time()})
		}
	}
	d, err := drafts.NudgeDraft(w.coach, p, q, w.templates[drafts.Nudge], w.now)
	if err != nil {
		return nil, err
	}
	return &Message{Draft: d, Names: page.Names(" + ")}, nil
}

// ThankYous writes the end-of-programme thank-you to each member of a partnership, each with
// their own progress report attached.
func (w *Writer) ThankYous(partnershipID int64) ([]*Message, error) {
	page, err := w.store.Partnership(partnershipID)
	if err != nil {
		return nil, err
	}
	p, _ := w.partnershipInput(page.Partnership, nil)
	var out []*Message
	for i, m := range page.Members {
		var report drafts.Attachment
		if !w.noAttachments {
			r, err := reports.Read(w.store, reports.Progress, m.ParticipantID, w.today, w.options)
			if err != nil {
				return nil, err
			}
			var pdf bytes.Buffer
			if err := r.Write(&pdf, w.options); err != nil {
				return nil, fmt.Errorf("print the progress report of %s: %w", m.Name, err)
			}
			report = drafts.Attachment{Name: data.ReportFileName("Progress report", m.Name), ContentType: "application/pdf", Data: pdf.Bytes()}
		}
		d, err := drafts.ThankYouDraft(w.coach, p, p.Members[i], report, w.templates[drafts.ThankYou], w.now)
		if err != nil {
			return nil, err
		}
		out = append(out, &Message{Draft: d, Names: m.Name})
	}
	return out, nil
}

// Preview writes one draft of a kind with a template not yet saved, for a real partnership
// (and its first member, for a per-person kind), without attachments. A missing address of
// the coach is filled with a stand-in, so the text can be read before Settings are complete.
func (w *Writer) Preview(k drafts.Kind, tpl drafts.Template, partnershipID int64, firstSession time.Time) (*drafts.Draft, error) {
	pw := *w
	pw.noAttachments = true
	pw.templates = map[drafts.Kind]drafts.Template{}
	for kind, t := range w.templates {
		pw.templates[kind] = t
	}
	pw.templates[k] = tpl
	if pw.coach.Email == "" {
		pw.coach.Email = "you@example.com"
	}
	switch k {
	case drafts.Introduction:
		m, err := pw.Introduction(partnershipID, firstSession)
		if err != nil {
			return nil, err
		}
		return m.Draft, nil
	case drafts.Nudge:
		m, err := pw.Nudge(partnershipID)
		if err != nil {
			return nil, err
		}
		return m.Draft, nil
	case drafts.ThankYou:
		ms, err := pw.ThankYous(partnershipID)
		if err != nil {
			return nil, err
		}
		if len(ms) == 0 {
			return nil, data.Errorf(data.NotFound, "This partnership has no members left to thank.")
		}
		return ms[0].Draft, nil
	case drafts.Questionnaire:
		page, err := w.store.Partnership(partnershipID)
		if err != nil {
			return nil, err
		}
		if len(page.Members) == 0 {
			return nil, data.Errorf(data.NotFound, "This partnership has no members left to write to.")
		}
		to := drafts.Person{Name: page.Members[0].Name, Email: page.Members[0].Email}
		return drafts.QuestionnaireDraft(pw.coach, drafts.QuestionnaireSending{To: to, Title: "Intake questionnaire",
			Cohort: page.CohortName}, tpl, w.now)
	}
	return nil, errors.New("Mutua has no preview for this kind of email.")
}

// Save writes a message into the folder dir, never over a file already there: the draft, and
// its invitation on its own too. It returns the paths written, the draft's first.
func Save(dir string, m *Message) ([]string, error) {
	path, err := drafts.Save(dir, m.Draft)
	if err != nil {
		return nil, err
	}
	paths := []string{path}
	if m.Invitation != nil {
		p, err := drafts.WriteNew(dir, m.Invitation.Name, m.Invitation.Data)
		if err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// DefaultFirstSession is the first session proposed when the coach has chosen none: the next
// Tuesday after today at 09:00, on the coach's clock (the time zone's name; "" for UTC).
func DefaultFirstSession(now time.Time, zone string) time.Time {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	t := now.In(loc)
	days := (int(time.Tuesday) - int(t.Weekday()) + 7) % 7
	if days == 0 {
		days = 7
	}
	d := t.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, time.UTC)
}

// Questionnaire writes the email that sends one person their own questionnaire form, the
// form attached (its file name as written).
func (w *Writer) Questionnaire(to data.Participant, title, cohort string, form drafts.Attachment) (*Message, error) {
	if form.ContentType == "" {
		form.ContentType = "application/pdf"
	}
	d, err := drafts.QuestionnaireDraft(w.coach, drafts.QuestionnaireSending{To: drafts.Person{Name: to.Name, Email: to.Email},
		Title: title, Cohort: cohort, Form: form}, w.templates[drafts.Questionnaire], w.now)
	if err != nil {
		return nil, err
	}
	return &Message{Draft: d, Names: to.Name}, nil
}
