package data

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Pulse and closing surveys: a short form each member of a partnership fills in, 30 days after
// the start and then every N days (a cohort setting), and a closing evaluation at the planned
// end. The coach reads every answer on the partnership page; a sponsor's report only ever shows
// aggregates of three answers or more, and never the free text.

// SurveyKind is which survey a request or answer belongs to.
type SurveyKind string

// Survey kinds.
const (
	Pulse   SurveyKind = "pulse"   // how the partnership is going, while it runs
	Closing SurveyKind = "closing" // the evaluation at the end
)

// Valid reports whether k is a known survey kind.
func (k SurveyKind) Valid() bool { return k == Pulse || k == Closing }

// Label names the survey the way the coach and the participants see it.
func (k SurveyKind) Label() string {
	if k == Closing {
		return "Closing evaluation"
	}
	return "Pulse survey"
}

// Survey timing and the rules of what needs attention and what a report may show.
const (
	FirstPulseAfterDays   = 30 // the first pulse is due this long after the start
	DefaultPulseEveryDays = 30 // then every N days, unless the cohort says otherwise
	MaxPulseEveryDays     = 365
	DefaultPulseGraceDays = 14 // a pulse not back this many days after it was due needs attention
	LowPulse              = 2  // a productive score of this or less needs attention
	MinSurveyAggregate    = 3  // an aggregate of the answers of fewer people is not shown
)

// SurveyRequest is one survey sent to one member of a partnership; its random ID is the form
// id's request, so a returned form is matched to it and to nothing else.
type SurveyRequest struct {
	ID            string
	Kind          SurveyKind
	PartnershipID int64
	ParticipantID int64
	DueOn         Date
	CreatedAt     time.Time
}

// Recommend answers on the closing evaluation.
const (
	RecommendYes   = "yes"
	RecommendNo    = "no"
	RecommendMaybe = "not sure"
)

// SurveyAnswer is one member's returned survey.
type SurveyAnswer struct {
	RequestID       string
	Kind            SurveyKind
	PartnershipID   int64
	ParticipantID   int64
	ParticipantName string // read only
	DueOn           Date   // the request's due day (read only)
	AnsweredOn      Date
	Productive      int    // how productive the partnership is, 1 to 5
	Learned         string // what they learned
	Change          string // what they would change
	Recommend       string // closing: RecommendYes, RecommendNo, RecommendMaybe or ""
	Continues       string // closing: what continues after the programme
	FreeText        string // anything else, read as Visibility says
	Visibility      Visibility
}

// Tidy trims the texts; free text without a visibility is private.
func (a *SurveyAnswer) Tidy() {
	a.Learned = strings.TrimSpace(a.Learned)
	a.Change = strings.TrimSpace(a.Change)
	a.Continues = strings.TrimSpace(a.Continues)
	a.FreeText = strings.TrimSpace(a.FreeText)
	a.Recommend = strings.ToLower(strings.TrimSpace(a.Recommend))
	if a.Visibility == "" {
		a.Visibility = Private
	}
}

// Validate returns an Invalid *Error naming each problem, or nil. Call Tidy first.
func (a *SurveyAnswer) Validate() error {
	var problems []Problem
	if !a.Kind.Valid() {
		problems = append(problems, Problem{Field: "kind", Message: "A survey is a pulse survey or a closing evaluation."})
	}
	if a.Productive < 1 || a.Productive > 5 {
		problems = append(problems, Problem{Field: SurveyProductive, Message: "How productive the partnership is must be answered from 1 to 5."})
	}
	for _, t := range []struct{ field, label, text string }{
		{SurveyLearned, "What you learned", a.Learned}, {SurveyChange, "What to change", a.Change},
		{SurveyContinues, "What continues", a.Continues}, {SurveyFreeText, "The comment", a.FreeText}} {
		if msg := CheckText(t.label, t.text, MaxTextLength); msg != "" {
			problems = append(problems, Problem{Field: t.field, Message: msg})
		}
	}
	switch a.Recommend {
	case "", RecommendYes, RecommendNo, RecommendMaybe:
	default:
		problems = append(problems, Problem{Field: SurveyRecommend, Message: "Would you recommend it is answered yes, no or not sure."})
	}
	if a.Kind == Pulse && (a.Recommend != "" || a.Continues != "") {
		problems = append(problems, Problem{Field: SurveyRecommend, Message: "A pulse survey does not ask whether they would recommend it or what continues."})
	}
	if !a.Visibility.Valid() {
		problems = append(problems, Problem{Field: SurveyVisibility, Message: "The comment is private, shared with the partner or safe for the sponsor."})
	}
	if a.AnsweredOn.IsZero() {
		problems = append(problems, Problem{Field: "answered_on", Message: "A survey answer needs the day it was read."})
	}
	return NewInvalid("", problems)
}

// Low reports whether the answer rates the partnership as barely or not productive.
func (a *SurveyAnswer) Low() bool { return a.Productive > 0 && a.Productive <= LowPulse }

// The field keys of the survey forms, shared by the form that goes out and the answer read back.
const (
	SurveyProductive = "productive"
	SurveyLearned    = "learned"
	SurveyChange     = "change"
	SurveyRecommend  = "recommend"
	SurveyContinues  = "continues"
	SurveyFreeText   = "comment"
	SurveyVisibility = "comment_visibility"
)

// SurveyVisibilityOptions are the answers to "who may read your comment", private first.
var SurveyVisibilityOptions = []struct {
	Text       string
	Visibility Visibility
}{
	{"Only the coach", Private},
	{"The coach and my partner", Shared},
	{"Also the programme sponsor", Sponsor},
}

// RecommendOptions are the answers to "would you recommend it", as the form offers them.
var RecommendOptions = []string{"Yes", "No", "Not sure"}

// ParseSurveyAnswer reads a returned survey's values (value gives a field's text, "" when empty)
// into an answer for req, answered on the given day. The answer still needs Validate.
func ParseSurveyAnswer(req SurveyRequest, on Date, value func(key string) string) (SurveyAnswer, []Problem) {
	a := SurveyAnswer{RequestID: req.ID, Kind: req.Kind, PartnershipID: req.PartnershipID, ParticipantID: req.ParticipantID,
		DueOn: req.DueOn, AnsweredOn: on, Learned: value(SurveyLearned), Change: value(SurveyChange), FreeText: value(SurveyFreeText)}
	var problems []Problem
	switch v := strings.TrimSpace(value(SurveyProductive)); v {
	case "":
		problems = append(problems, Problem{Field: SurveyProductive, Message: "How productive the partnership is was not answered."})
	default:
		n, err := strconv.Atoi(strings.Fields(v)[0])
		if err != nil || n < 1 || n > 5 {
			problems = append(problems, Problem{Field: SurveyProductive, Message: fmt.Sprintf("How productive the partnership is must be from 1 to 5, not %q.", Clip(v))})
		}
		a.Productive = n
	}
	if req.Kind == Closing {
		a.Continues = value(SurveyContinues)
		a.Recommend = value(SurveyRecommend)
	}
	if v := value(SurveyVisibility); v != "" {
		for _, o := range SurveyVisibilityOptions {
			if v == o.Text {
				a.Visibility = o.Visibility
			}
		}
		if a.Visibility == "" {
			problems = append(problems, Problem{Field: SurveyVisibility, Message: fmt.Sprintf("Who may read the comment was answered %q, which the form does not offer.", Clip(v))})
		}
	}
	a.Tidy()
	return a, problems
}

// PulseDue lists the days a partnership's pulses fall due up to and including today: 30 days
// after the start, then every everyDays, while it runs and before its planned end.
func PulseDue(p *Partnership, everyDays int, today Date) []Date {
	if everyDays <= 0 {
		everyDays = DefaultPulseEveryDays
	}
	until := today
	if !p.EndedOn.IsZero() && p.EndedOn.Before(until) {
		until = p.EndedOn
	}
	var out []Date
	for d := p.StartedOn.AddDays(FirstPulseAfterDays); !until.Before(d); d = d.AddDays(everyDays) {
		if !p.PlannedEndOn.IsZero() && !d.Before(p.PlannedEndOn) {
			break // the closing evaluation takes its place
		}
		out = append(out, d)
	}
	return out
}

// SurveyDue says which survey a running partnership is due on the given day, and since when:
// the closing evaluation from its planned end, otherwise its latest pulse, unless answered
// already by any member (an answer to that request, or a pulse read on or after the day).
func SurveyDue(p *Partnership, everyDays int, today Date, answers []SurveyAnswer) (SurveyKind, Date, bool) {
	if p.Ended() && p.Status != Completed {
		return "", Date{}, false
	}
	if !p.PlannedEndOn.IsZero() && !today.Before(p.PlannedEndOn) || p.Status == Completed {
		for _, a := range answers {
			if a.PartnershipID == p.ID && a.Kind == Closing {
				return "", Date{}, false
			}
		}
		end := p.PlannedEndOn
		if p.Status == Completed || end.IsZero() {
			end = p.EndedOn
		}
		return Closing, end, true
	}
	if p.Ended() {
		return "", Date{}, false
	}
	due := PulseDue(p, everyDays, today)
	if len(due) == 0 {
		return "", Date{}, false
	}
	last := due[len(due)-1]
	if pulseAnswered(p.ID, last, answers) {
		return "", Date{}, false
	}
	return Pulse, last, true
}

// pulseAnswered reports whether a member answered the pulse due on day.
func pulseAnswered(partnershipID int64, day Date, answers []SurveyAnswer) bool {
	for _, a := range answers {
		if a.PartnershipID == partnershipID && a.Kind == Pulse && (!a.DueOn.Before(day) || !a.AnsweredOn.Before(day)) {
			return true
		}
	}
	return false
}

// Attention kinds of the surveys.
const (
	LowPulseScore AttentionKind = "pulse-low"     // a member rated the partnership 1 or 2 on the latest pulse
	PulseMissing  AttentionKind = "pulse-missing" // a pulse overdue by more than the grace days
)

// PulseAttention lists the running partnerships whose latest pulse a member rated low, and
// those whose due pulse is not back graceDays after it was due. everyDays gives each cohort's
// pulse interval (by cohort id; missing or 0 for the default); answers are the practice's
// survey answers.
func PulseAttention(today Date, list []Partnership, everyDays map[int64]int, answers []SurveyAnswer, graceDays int) []AttentionItem {
	if graceDays <= 0 {
		graceDays = DefaultPulseGraceDays
	}
	byPartnership := map[int64][]SurveyAnswer{}
	for _, a := range answers {
		byPartnership[a.PartnershipID] = append(byPartnership[a.PartnershipID], a)
	}
	var out []AttentionItem
	for i := range list {
		p := &list[i]
		if p.Ended() {
			continue
		}
		names := p.Names(" + ")
		mine := byPartnership[p.ID]
		// Each member's latest pulse.
		latest := map[int64]SurveyAnswer{}
		for _, a := range mine {
			if a.Kind != Pulse {
				continue
			}
			if l, ok := latest[a.ParticipantID]; !ok || l.AnsweredOn.Before(a.AnsweredOn) || l.AnsweredOn.String() == a.AnsweredOn.String() && l.DueOn.Before(a.DueOn) {
				latest[a.ParticipantID] = a
			}
		}
		var low []string
		var lowOn Date
		for _, m := range p.Members {
			if a, ok := latest[m.ParticipantID]; ok && a.Low() {
				low = append(low, fmt.Sprintf("%s rated it %d of 5", m.FirstName(), a.Productive))
				if lowOn.Before(a.AnsweredOn) {
					lowOn = a.AnsweredOn
				}
			}
		}
		if len(low) > 0 {
			out = append(out, AttentionItem{Kind: LowPulseScore, Title: names,
				Detail: fmt.Sprintf("Low pulse: %s (returned %s). Talk with them about what would help.", listNames(low), Shown(lowOn)), PartnershipID: p.ID, Due: lowOn})
		}
		due := PulseDue(p, everyDays[p.CohortID], today)
		if len(due) == 0 {
			continue
		}
		last := due[len(due)-1]
		if late := last.DaysUntil(today); late > graceDays && !pulseAnswered(p.ID, last, mine) {
			out = append(out, AttentionItem{Kind: PulseMissing, Title: names,
				Detail: fmt.Sprintf("The pulse survey due on %s is not back, %d days later. Send it again or ask how it is going.", Shown(last), late), PartnershipID: p.ID, Due: last})
		}
	}
	return out
}

// SurveySummary is what a report may say of a cohort's answers to one kind of survey:
// nothing but how many answered unless at least MinSurveyAggregate did.
type SurveySummary struct {
	Kind    SurveyKind
	Answers int
	Shown   bool    // at least MinSurveyAggregate people answered: the figures below may be printed
	Mean    float64 // mean productive score (only when Shown)
	Counts  [5]int  // answers scoring 1..5 (only when Shown)
	// Closing: how many would recommend the programme, would not, or are not sure (only when Shown).
	Recommend map[string]int
}

// SummarizeSurveys sums up the answers of one kind. It keeps no individual answer and no text:
// below MinSurveyAggregate answers it keeps only their count.
func SummarizeSurveys(kind SurveyKind, answers []SurveyAnswer) SurveySummary {
	s := SurveySummary{Kind: kind}
	var sum int
	var counts [5]int
	recommend := map[string]int{}
	people := map[int64]bool{} // who answered: a pulse repeats, so one person may give several
	for _, a := range answers {
		if a.Kind != kind || a.Productive < 1 || a.Productive > 5 {
			continue
		}
		people[a.ParticipantID] = true
		s.Answers++
		sum += a.Productive
		counts[a.Productive-1]++
		if a.Recommend != "" {
			recommend[a.Recommend]++
		}
	}
	if len(people) < MinSurveyAggregate {
		return s
	}
	s.Shown = true
	s.Mean = float64(sum) / float64(s.Answers)
	s.Counts = counts
	if kind == Closing {
		s.Recommend = recommend
	}
	return s
}

// SortSurveyAnswers orders answers newest first, then by member name.
func SortSurveyAnswers(list []SurveyAnswer) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].AnsweredOn.String() != list[j].AnsweredOn.String() {
			return list[j].AnsweredOn.Before(list[i].AnsweredOn)
		}
		return list[i].ParticipantName < list[j].ParticipantName
	})
}

// ListNames joins names as a sentence does: "Ana, Ben and Cara".
func ListNames(names []string) string { return listNames(names) }
