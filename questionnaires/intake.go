package questionnaires

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"mutua/data"
	"mutua/forms"
)

// The intake questionnaire: the profile questions of the roster, then, when one is chosen, an
// instrument's items. Field keys: "p-…" for profile questions, "i-" and the item's key for items.

const (
	keyTitle        = "p-title"
	keyCompany      = "p-company"
	keyIndustry     = "p-industry"
	keyFunction     = "p-function"
	keySeniority    = "p-seniority"
	keyYears        = "p-years"
	keyTimeZone     = "p-timezone"
	keyStrengths    = "p-strengths"
	keyStrengthsOwn = "p-strengths-own"
	keyLearn        = "p-learn"
	keyLearnOwn     = "p-learn-own"
	keyGoals        = "p-goals"
	keyAvailability = "p-availability"
	itemPrefix      = "i-"
	// maxTagOptions is how many of the cohort's tags a form offers as ticks; the rest are typed.
	maxTagOptions = 40
)

// intakeForm describes one person's intake questionnaire (p is nil for the blank version).
func intakeForm(p *data.Participant, programme string, tags []string, in *data.Instrument) forms.Form {
	if len(tags) > maxTagOptions {
		tags = tags[:maxTagOptions]
	}
	f := forms.Form{
		Title:     "Intake questionnaire",
		Intro:     "Leave blank anything you prefer not to say.",
		Programme: programme,
	}
	if p != nil {
		f.Person = p.Name
	}
	tagFields := func(key, ownKey, label string) []forms.Field {
		var out []forms.Field
		if len(tags) > 0 {
			out = append(out, forms.Field{Key: key, Label: label, Hint: "Tick any that apply.", Kind: forms.Tags, Options: tags})
			label = "Others of your own"
		}
		return append(out, forms.Field{Key: ownKey, Label: label, Hint: "Separate them with semicolons, e.g. negotiation; board work", Kind: forms.Text})
	}
	about := forms.Section{Title: "About you", Fields: []forms.Field{
		{Key: keyTitle, Label: "Your job title", Kind: forms.Text},
		{Key: keyCompany, Label: "Company", Kind: forms.Text},
		{Key: keyIndustry, Label: "Industry", Kind: forms.Text},
		{Key: keyFunction, Label: "Function", Hint: "e.g. finance, operations, sales", Kind: forms.Text},
		{Key: keySeniority, Label: "Seniority", Kind: forms.Choice, Options: data.SeniorityLevels[1:]},
		{Key: keyYears, Label: "Years of working experience", Kind: forms.Number, Min: 0, Max: data.MaxYears},
		{Key: keyTimeZone, Label: "Your time zone", Hint: "e.g. Europe/Lisbon, or your city", Kind: forms.Text},
	}}
	mentoring := forms.Section{Title: "Mentoring", Fields: append(append(
		tagFields(keyStrengths, keyStrengthsOwn, "What you can teach others"),
		tagFields(keyLearn, keyLearnOwn, "What you want to learn")...),
		forms.Field{Key: keyGoals, Label: "What you hope for from the programme", Kind: forms.LongText},
		forms.Field{Key: keyAvailability, Label: "When you are usually available to meet", Hint: "Days, times of day, weeks away", Kind: forms.LongText},
	)}
	f.Sections = []forms.Section{about, mentoring}
	if in != nil && in.HasItems() {
		sec := forms.Section{Title: in.Name, Intro: in.Description}
		for i, it := range in.Items {
			fd := forms.Field{Key: itemPrefix + it.Key, Label: fmt.Sprintf("%d. %s", i+1, it.Text), Required: it.Required}
			if it.Format == data.NumberIn {
				fd.Kind, fd.Min, fd.Max = forms.Number, it.Min, it.Max
			} else {
				fd.Kind = forms.Choice
				for _, c := range it.AnswerChoices() {
					fd.Options = append(fd.Options, c.Text)
				}
			}
			sec.Fields = append(sec.Fields, fd)
		}
		f.Sections = append(f.Sections, sec)
	}
	return f
}

// FieldChange is one profile field a returned form changes.
type FieldChange struct {
	Field    string // as the coach reads it: "Title", "Can teach"
	Old, New string
}

// readIntake turns a returned intake form into a change: the person's profile with the
// answers given (a question left blank changes nothing) and a result from the items' answers.
// problems lists what is wrong, in plain words.
func readIntake(ret forms.Returned, p data.Participant, in *data.Instrument, on data.Date) (c Change, problems []string) {
	old := p
	text := func(key string, to *string) {
		if v := strings.TrimSpace(ret.Value(key)); v != "" {
			*to = v
		}
	}
	text(keyTitle, &p.Title)
	text(keyCompany, &p.Company)
	text(keyIndustry, &p.Industry)
	text(keyFunction, &p.Function)
	text(keyTimeZone, &p.TimeZone)
	text(keyGoals, &p.Goals)
	if v := ret.Value(keySeniority); v != "" {
		level := 0
		for i, name := range data.SeniorityLevels {
			if i > 0 && name == v {
				level = i
			}
		}
		if level == 0 {
			problems = append(problems, fmt.Sprintf("Seniority %q is not one of the levels offered.", v))
		}
		p.Seniority = level
	}
	if v := strings.TrimSpace(ret.Value(keyYears)); v != "" {
		n, ok := number(v)
		if !ok || n != math.Trunc(n) || n < 0 || n > data.MaxYears {
			problems = append(problems, fmt.Sprintf("Years of experience must be a whole number from 0 to %d, not %q.", data.MaxYears, v))
		} else {
			p.YearsExperience = int(n)
		}
	}
	tags := func(key, own string, to *[]string) {
		got := append([]string(nil), ret.Values[key]...)
		got = append(got, strings.FieldsFunc(ret.Value(own), func(r rune) bool { return r == ';' || r == ',' || r == '\n' })...)
		// added to the person's own: the form does not show what they have, so nothing is removed
		*to = data.CleanTags(append(append([]string(nil), *to...), got...))
	}
	tags(keyStrengths, keyStrengthsOwn, &p.Strengths)
	tags(keyLearn, keyLearnOwn, &p.DevelopmentAreas)
	if v := strings.TrimSpace(ret.Value(keyAvailability)); v != "" {
		line := "Availability (intake questionnaire, " + on.String() + "): " + strings.Join(strings.Fields(v), " ")
		if p.PrivateNotes != "" {
			line = p.PrivateNotes + "\n" + line
		}
		p.PrivateNotes = line
	}
	p.Normalize()
	for _, pr := range data.Problems(p.Validate()) {
		problems = append(problems, pr.Message)
	}
	c.Profile = profileChanges(old, p)
	if len(c.Profile) > 0 {
		c.Return.Profile = &p
	}
	if in != nil && in.HasItems() {
		answers := data.ItemAnswers{}
		for i, it := range in.Items {
			v := strings.TrimSpace(ret.Value(itemPrefix + it.Key))
			if v == "" {
				continue
			}
			if it.Format == data.NumberIn {
				n, ok := number(v)
				if !ok {
					problems = append(problems, fmt.Sprintf("%s: %q is not a number.", in.ItemLabel(i), v))
					continue
				}
				answers[it.Key] = n
				continue
			}
			found := false
			for _, ch := range it.AnswerChoices() {
				if ch.Text == v {
					answers[it.Key], found = ch.Value, true
				}
			}
			if !found {
				problems = append(problems, fmt.Sprintf("%s: %q is not one of the answers offered.", in.ItemLabel(i), v))
			}
		}
		switch {
		case len(answers) == 0 && !anyRequired(in):
		default:
			a := &data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: on, Answers: answers,
				Note: "From the intake questionnaire."}
			if err := in.ScoreAnswers(a); err != nil {
				var blank []string
				for _, pr := range data.Problems(err) {
					if _, answered := answers[pr.Field]; !answered && strings.HasSuffix(pr.Message, "needs an answer.") {
						for i, it := range in.Items {
							if it.Key == pr.Field {
								blank = append(blank, strconv.Itoa(i+1))
							}
						}
						continue
					}
					problems = append(problems, pr.Message)
				}
				switch {
				case len(blank) == 1:
					problems = append(problems, fmt.Sprintf("Question %s of %s needs an answer.", blank[0], in.Name))
				case len(blank) > 1:
					problems = append(problems, fmt.Sprintf("%d questions of %s need an answer: %s.", len(blank), in.Name, strings.Join(blank, ", ")))
				}
				if len(data.Problems(err)) == 0 {
					problems = append(problems, data.Message(err))
				}
			} else {
				c.Return.Assessment = a
				for _, v := range a.Values {
					for _, sc := range in.Scales {
						if sc.ID == v.ScaleID {
							c.Scores = append(c.Scores, sc.Name+" "+data.FormatNumber(v.Number))
						}
					}
				}
				if a.PrimaryOrientation != "" {
					c.Scores = append(c.Scores, "primary: "+a.PrimaryOrientation)
				}
			}
		}
	}
	return c, problems
}

func anyRequired(in *data.Instrument) bool {
	for _, it := range in.Items {
		if it.Required {
			return true
		}
	}
	return false
}

// number reads a number as a person types it: "4", "4.5", "4,5".
func number(s string) (float64, bool) {
	n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
	return n, err == nil && !math.IsNaN(n) && !math.IsInf(n, 0)
}

// profileChanges lists the fields that differ, in the roster's order.
func profileChanges(old, p data.Participant) []FieldChange {
	var out []FieldChange
	add := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{Field: data.FieldLabel(field), Old: a, New: b})
		}
	}
	level := func(n int) string {
		if n == 0 {
			return ""
		}
		return data.SeniorityLevels[n]
	}
	years := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	add("title", old.Title, p.Title)
	add("company", old.Company, p.Company)
	add("industry", old.Industry, p.Industry)
	add("function", old.Function, p.Function)
	add("seniority", level(old.Seniority), level(p.Seniority))
	add("years_experience", years(old.YearsExperience), years(p.YearsExperience))
	add("timezone", old.TimeZone, p.TimeZone)
	add("strengths", data.JoinTags(old.Strengths), data.JoinTags(p.Strengths))
	add("development_areas", data.JoinTags(old.DevelopmentAreas), data.JoinTags(p.DevelopmentAreas))
	add("goals", old.Goals, p.Goals)
	if old.PrivateNotes != p.PrivateNotes {
		out = append(out, FieldChange{Field: "Availability (added to the private notes)", New: strings.TrimPrefix(strings.TrimPrefix(p.PrivateNotes, old.PrivateNotes), "\n")})
	}
	return out
}

// cohortTags returns the tags the cohort's members already use, most used first.
func cohortTags(members []data.Participant) []string {
	count := map[string]int{}
	for _, m := range members {
		for _, t := range append(append([]string(nil), m.Strengths...), m.DevelopmentAreas...) {
			count[t]++
		}
	}
	out := make([]string, 0, len(count))
	for t := range count {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return data.Fold(out[i]) < data.Fold(out[j])
	})
	return out
}
