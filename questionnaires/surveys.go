package questionnaires

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/drafts"
	"mutua/forms"
)

// SurveyForm is the form one member of a partnership fills in for a pulse survey or the
// closing evaluation: the partnership and the other members' first names filled in.
func SurveyForm(kind data.SurveyKind, p *data.Partnership, member data.Member, programme, pageSize string) forms.Form {
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
	f := forms.Form{Person: member.Name, Programme: programme, PageSize: pageSize}
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

// SentSurveys is what SendSurveys wrote.
type SentSurveys struct {
	Files        []string // the paths written, one per member
	Partnerships int
}

// SendSurveys writes one fillable survey form per member of each partnership into the folder
// dir (never over a file there), each sealing a request the store records first. progress,
// when not nil, is told how many forms are done out of how many; once ctx is cancelled it
// stops and returns what was written so far with ctx's error.
func SendSurveys(ctx context.Context, store *sqlite.Store, kind data.SurveyKind, partnershipIDs []int64, dir, pageSize string, progress func(done, total int)) (SentSurveys, error) {
	out := SentSurveys{Partnerships: len(partnershipIDs)}
	practice, key, err := store.FormIdentity(ctx)
	if err != nil {
		return out, err
	}
	recipients, err := store.CreateSurveyRequests(ctx, kind, partnershipIDs)
	if err != nil {
		return out, err
	}
	now := time.Now()
	files, errs := make([]string, len(recipients)), make([]error, len(recipients))
	err = inParallel(ctx, len(recipients), progress, func(i int) {
		r := recipients[i]
		f := SurveyForm(kind, r.Partnership, r.Member, r.Partnership.CohortName, pageSize)
		f.ID = forms.ID{Practice: practice, Person: r.Member.ParticipantID, Request: r.Request}
		f.Key, f.Created = key, now
		var b bytes.Buffer
		if errs[i] = forms.Write(&b, f); errs[i] != nil {
			errs[i] = fmt.Errorf("write the form for %s: %w", r.Member.Name, errs[i])
			return
		}
		// a second form of the same name gets " (2)"
		files[i], errs[i] = drafts.WriteNew(dir, kind.Label()+" - "+r.Member.Name+".pdf", b.Bytes())
	})
	for _, f := range files {
		if f != "" {
			out.Files = append(out.Files, f)
		}
	}
	if err != nil {
		return out, err
	}
	for _, e := range errs {
		if e != nil {
			return out, e
		}
	}
	return out, nil
}
