package sqlite

import (
	"bytes"
	"context"
	"fmt"

	"mutua/data"
	"mutua/drafts"
	"mutua/forms"
)

// SurveyForm is the form one member of a partnership fills in for a pulse survey or the
// closing evaluation: the partnership and the other members' first names filled in.
func SurveyForm(kind data.SurveyKind, p *data.Partnership, member data.Member, programme string) forms.Form {
	var others []string
	for _, m := range p.Members {
		if m.ParticipantID != member.ParticipantID {
			others = append(others, m.FirstName())
		}
	}
	with := data.ListNames(others)
	if with == "" {
		with = "your partner"
	}
	scale := []string{"1", "2", "3", "4", "5"}
	var visibility []string
	for _, o := range data.SurveyVisibilityOptions {
		visibility = append(visibility, o.Text)
	}
	comment := forms.Section{Title: "Anything else", Intro: "Only your coach reads this unless you choose otherwise below.", Fields: []forms.Field{
		{Key: data.SurveyFreeText, Label: "Anything else your coach should know", Kind: forms.LongText},
		{Key: data.SurveyVisibility, Label: "Who may read this comment?", Hint: "Left empty, only your coach reads it.", Kind: forms.Choice, Options: visibility},
	}}
	f := forms.Form{Person: member.Name, Programme: programme, PageSize: "A4"}
	switch kind {
	case data.Closing:
		f.Title = "Closing evaluation: your partnership with " + with
		f.Intro = fmt.Sprintf("Your partnership with %s is coming to its end. Looking back over all of it, how did it go? It takes about five minutes.", with)
		f.Sections = []forms.Section{{Title: "Looking back", Fields: []forms.Field{
			{Key: data.SurveyProductive, Label: fmt.Sprintf("Overall, how productive was your partnership with %s?", with), Hint: "1 = not at all, 5 = very productive", Kind: forms.Choice, Options: scale, Required: true},
			{Key: data.SurveyLearned, Label: "What did you learn, and what did you teach?", Kind: forms.LongText},
			{Key: data.SurveyChange, Label: "What should the programme change for the next partnerships?", Kind: forms.LongText},
			{Key: data.SurveyRecommend, Label: "Would you recommend the programme to a peer?", Kind: forms.Choice, Options: data.RecommendOptions},
			{Key: data.SurveyContinues, Label: "What continues after the programme (meetings, projects, contact)?", Kind: forms.LongText},
		}}, comment}
	default:
		f.Title = "Pulse survey: your partnership with " + with
		f.Intro = fmt.Sprintf("A short check on how your partnership with %s is going. It takes two minutes; your coach reads it and keeps your answers to themselves.", with)
		f.Sections = []forms.Section{{Title: "How it is going", Fields: []forms.Field{
			{Key: data.SurveyProductive, Label: fmt.Sprintf("How productive is your partnership with %s so far?", with), Hint: "1 = not at all, 5 = very productive", Kind: forms.Choice, Options: scale, Required: true},
			{Key: data.SurveyLearned, Label: "What have you learned so far?", Kind: forms.LongText},
			{Key: data.SurveyChange, Label: "What would you change?", Kind: forms.LongText},
		}}, comment}
	}
	return f
}

// SurveyFormsWritten is what WriteSurveyForms did.
type SurveyFormsWritten struct {
	Files        []string // the paths written, one per member
	Partnerships int
}

// WriteSurveyForms writes one fillable survey form per member of each partnership into the
// folder dir, each with a new request (due on the day the survey fell due, or today) sealed in
// its form id. progress, when not nil, is told how many forms are done out of how many. The
// requests are stored before any file is written, so a form that reaches a participant can
// always be read back.
func (s *Store) WriteSurveyForms(ctx context.Context, kind data.SurveyKind, partnershipIDs []int64, dir string, progress func(done, total int)) (SurveyFormsWritten, error) {
	var out SurveyFormsWritten
	if !kind.Valid() {
		return out, data.Errorf(data.Invalid, "A survey is a pulse survey or a closing evaluation, not %q.", data.Clip(string(kind)))
	}
	practice, key, err := s.FormIdentity(ctx)
	if err != nil {
		return out, err
	}
	today := s.today()
	type job struct {
		form forms.Form
		name string
	}
	var jobs []job
	err = s.tx(ctx, func(tx *txn) error {
		jobs = nil
		intervals, err := pulseIntervals(tx)
		if err != nil {
			return err
		}
		for _, id := range partnershipIDs {
			list, err := s.loadPartnerships(tx, "WHERE ps.id = ?", id)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				return data.Errorf(data.NotFound, "A partnership chosen no longer exists, so no survey was written.")
			}
			p := &list[0]
			answers, err := surveyAnswers(tx, `WHERE a.partnership_id = ?`, id)
			if err != nil {
				return err
			}
			due := today
			if k, d, ok := data.SurveyDue(p, intervals[p.CohortID], today, answers); ok && k == kind {
				due = d
			}
			for _, m := range p.Members {
				req := randomHex(16)
				if _, err := tx.Exec(`INSERT INTO survey_requests (id, kind, partnership_id, participant_id, due_on, created_at) VALUES (?,?,?,?,?,?)`,
					req, string(kind), p.ID, m.ParticipantID, due.String(), s.timestamp()); err != nil {
					return fmt.Errorf("record the survey sent: %w", err)
				}
				f := SurveyForm(kind, p, m, p.CohortName)
				f.ID = forms.ID{Practice: practice, Person: m.ParticipantID, Request: req}
				f.Key = key
				f.Created = s.now()
				jobs = append(jobs, job{f, kind.Label() + " - " + m.Name + ".pdf"}) // a second form of the same name gets " (2)"
			}
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	out.Partnerships = len(partnershipIDs)
	for i, j := range jobs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		var b bytes.Buffer
		if err := forms.Write(&b, j.form); err != nil {
			return out, fmt.Errorf("write the form for %s: %w", j.form.Person, err)
		}
		path, err := drafts.WriteNew(dir, j.name, b.Bytes())
		if err != nil {
			return out, err
		}
		out.Files = append(out.Files, path)
		if progress != nil {
			progress(i+1, len(jobs))
		}
	}
	return out, nil
}
