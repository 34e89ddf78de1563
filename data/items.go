package data

import (
	"fmt"
	"math"
	"strings"
)

// ResponseFormat says how a participant answers an item.
type ResponseFormat string

// Response formats.
const (
	Agree5   ResponseFormat = "agree-5" // 1 strongly disagree … 5 strongly agree
	Agree7   ResponseFormat = "agree-7" // 1 strongly disagree … 7 strongly agree
	YesNo    ResponseFormat = "yes-no"  // 1 yes, 0 no
	Choice   ResponseFormat = "choice"  // one of Options, each with its value
	NumberIn ResponseFormat = "number"  // a number from Min to Max
)

// ResponseFormats lists every response format, in the order the coach sees them.
var ResponseFormats = []ResponseFormat{Agree5, Agree7, YesNo, Choice, NumberIn}

// Valid reports whether f is one of the known formats.
func (f ResponseFormat) Valid() bool {
	for _, v := range ResponseFormats {
		if f == v {
			return true
		}
	}
	return false
}

// Label names the format in the coach's words.
func (f ResponseFormat) Label() string {
	switch f {
	case Agree5:
		return "Agreement, 1 to 5"
	case Agree7:
		return "Agreement, 1 to 7"
	case YesNo:
		return "Yes or no"
	case Choice:
		return "One of several descriptions"
	case NumberIn:
		return "A number in a range"
	}
	return string(f)
}

var (
	agree5Words = []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}
	agree7Words = []string{"Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"}
)

// AnswerChoices returns the answers a participant picks from, in the order a form shows
// them, each with the value it is recorded as: the agreement steps, yes and no, or a choice
// item's options. A number item has none: it is answered by typing.
func (it Item) AnswerChoices() []ItemOption {
	var words []string
	switch it.Format {
	case Agree5:
		words = agree5Words
	case Agree7:
		words = agree7Words
	case YesNo:
		return []ItemOption{{"Yes", 1}, {"No", 0}}
	case Choice:
		return append([]ItemOption(nil), it.Options...)
	}
	var out []ItemOption
	for i, w := range words {
		out = append(out, ItemOption{Text: w, Value: float64(i + 1)})
	}
	return out
}

// ScoringRule says how the items feeding a scale make its score.
type ScoringRule string

// Scoring rules.
const (
	NotScored    ScoringRule = ""        // no item feeds the scale: its value is typed
	ScoreMean    ScoringRule = "mean"    // the mean of the items' values
	ScoreSum     ScoringRule = "sum"     // the sum of the items' values
	ScorePercent ScoringRule = "percent" // percent of the maximum: 0 every item at its lowest, 100 at its highest
)

// ScoringRules lists every rule a scale fed by items can have, in the order the coach sees them.
var ScoringRules = []ScoringRule{ScoreMean, ScoreSum, ScorePercent}

// Limits on an instrument's items.
const (
	MaxItems        = 200 // items in one instrument
	MaxItemOptions  = 20  // choices in one choice item
	MaxItemKey      = 40  // characters in an item key
	MaxItemText     = 2 * MaxShortLength
	maxOptionLength = MaxShortLength
)

// Item is one question of an instrument.
type Item struct {
	// Key names the item for good: answers, returned forms and shared files refer to it.
	// Lower-case letters, digits, '-' and '_'.
	Key      string
	Text     string // the statement or question, as the participant reads it
	Format   ResponseFormat
	Options  []ItemOption // the choices of a choice item
	Min, Max float64      // the range of a number item
	Reversed bool         // reverse-keyed: a high answer counts low on its scale
	Scale    string       // the name of the scale it feeds; "" when it is asked but not scored
	Required bool
}

// ItemOption is one choice of a choice item: the description the participant picks and the
// value it counts for.
type ItemOption struct {
	Text  string
	Value float64
}

// Range returns the lowest and highest answer the item takes.
func (it Item) Range() (lo, hi float64) {
	switch it.Format {
	case Agree5:
		return 1, 5
	case Agree7:
		return 1, 7
	case YesNo:
		return 0, 1
	case Choice:
		for i, o := range it.Options {
			if i == 0 || o.Value < lo {
				lo = o.Value
			}
			if i == 0 || o.Value > hi {
				hi = o.Value
			}
		}
		return lo, hi
	}
	return it.Min, it.Max
}

// Keyed returns what an answer counts for on the item's scale: the answer itself, or, on a
// reverse-keyed item, its mirror within the item's range (5 becomes 1 on a 1–5 item).
func (it Item) Keyed(answer float64) float64 {
	if !it.Reversed {
		return answer
	}
	lo, hi := it.Range()
	return lo + hi - answer
}

// CheckAnswer returns what is wrong with an answer to this item, or "" when it is allowed.
// label names the item in the message ("Question 3").
func (it Item) CheckAnswer(label string, answer float64) string {
	lo, hi := it.Range()
	ok := !math.IsNaN(answer) && !math.IsInf(answer, 0) && answer >= lo && answer <= hi
	switch it.Format {
	case Agree5, Agree7:
		if ok && answer != math.Trunc(answer) {
			ok = false
		}
		if !ok {
			return fmt.Sprintf("%s is answered with a whole number from %s to %s, not %s.", label, FormatNumber(lo), FormatNumber(hi), FormatNumber(answer))
		}
	case YesNo:
		if answer != 0 && answer != 1 {
			return fmt.Sprintf("%s is answered yes (1) or no (0), not %s.", label, FormatNumber(answer))
		}
	case Choice:
		for _, o := range it.Options {
			if o.Value == answer {
				return ""
			}
		}
		values := make([]string, len(it.Options))
		for i, o := range it.Options {
			values[i] = FormatNumber(o.Value)
		}
		return fmt.Sprintf("%s is answered with one of its choices (%s), not %s.", label, strings.Join(values, ", "), FormatNumber(answer))
	default:
		if !ok {
			return fmt.Sprintf("%s is answered with a number from %s to %s, not %s.", label, FormatNumber(lo), FormatNumber(hi), FormatNumber(answer))
		}
	}
	return ""
}

// HasItems reports whether results on the instrument come from answered items (a
// questionnaire) rather than typed scale scores only.
func (in *Instrument) HasItems() bool { return len(in.Items) > 0 }

// Item returns the item with the given key.
func (in *Instrument) Item(key string) (Item, bool) {
	for _, it := range in.Items {
		if it.Key == key {
			return it, true
		}
	}
	return Item{}, false
}

// ItemLabel names the i-th item (from 0) for the coach: its number and the start of its text.
func (in *Instrument) ItemLabel(i int) string {
	if i < 0 || i >= len(in.Items) {
		return "A question"
	}
	if t := in.Items[i].Text; t != "" {
		return fmt.Sprintf("Question %d (“%s”)", i+1, Clip(t))
	}
	return fmt.Sprintf("Question %d", i+1)
}

// normalizeItems trims the items' text, writes keys, formats and rules in lower case, names
// each item's scale as the scale itself is spelled, and clears what a format does not use.
func (in *Instrument) normalizeItems() {
	for i := range in.Scales {
		sc := &in.Scales[i]
		sc.Scoring = ScoringRule(strings.ToLower(strings.TrimSpace(string(sc.Scoring))))
	}
	for i := range in.Items {
		it := &in.Items[i]
		it.Key = strings.ToLower(strings.TrimSpace(it.Key))
		it.Text = strings.Join(strings.Fields(it.Text), " ")
		it.Format = ResponseFormat(strings.ToLower(strings.TrimSpace(string(it.Format))))
		it.Scale = strings.Join(strings.Fields(it.Scale), " ")
		if sc, ok := in.Scale(it.Scale); ok && it.Scale != "" {
			it.Scale = sc.Name
		}
		if it.Format != NumberIn {
			it.Min, it.Max = 0, 0
		}
		if it.Format == Choice {
			for j := range it.Options {
				it.Options[j].Text = strings.Join(strings.Fields(it.Options[j].Text), " ")
			}
		} else {
			it.Options = nil
		}
	}
}

// itemProblems returns what is wrong with the items and the scales' scoring rules.
func (in *Instrument) itemProblems() []Problem {
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if len(in.Items) > MaxItems {
		add("items", "An instrument can have at most %d questions, not %d.", MaxItems, len(in.Items))
		return problems
	}
	keys := map[string]int{}
	fed := map[string][]Item{}
	for i, it := range in.Items {
		label := in.ItemLabel(i)
		field := it.Key
		if field == "" {
			field = fmt.Sprintf("Question %d", i+1)
		}
		switch {
		case it.Key == "":
			add(field, "%s needs a key: a short name that answers and returned forms refer to.", label)
		case len(it.Key) > MaxItemKey:
			add(field, "The key of %s is too long (%d characters; at most %d).", label, len(it.Key), MaxItemKey)
		case !validItemKey(it.Key):
			add(field, "The key of %s, %q, may only hold lower-case letters, digits, - and _.", label, Clip(it.Key))
		case keys[it.Key] > 0:
			add(field, "Questions %d and %d both have the key %q; give each question its own key.", keys[it.Key], i+1, it.Key)
		default:
			keys[it.Key] = i + 1
		}
		if it.Text == "" {
			add(field, "Question %d needs its text.", i+1)
		} else if msg := CheckText("The text of "+label, it.Text, MaxItemText); msg != "" {
			add(field, "%s", msg)
		}
		switch it.Format {
		case Agree5, Agree7, YesNo:
		case Choice:
			problems = append(problems, optionProblems(field, label, it.Options)...)
		case NumberIn:
			switch {
			case !finite(it.Min) || !finite(it.Max):
				add(field, "%s needs real numbers for its lowest and highest answers.", label)
			case it.Min >= it.Max:
				add(field, "%s needs a lowest answer below its highest (now %s to %s).", label, FormatNumber(it.Min), FormatNumber(it.Max))
			}
		default:
			add(field, "%s must be answered as agreement 1–5, agreement 1–7, yes or no, a choice or a number, not %q.", label, Clip(string(it.Format)))
		}
		if it.Scale == "" {
			if it.Reversed {
				add(field, "%s is reverse-keyed but feeds no scale; choose the scale it counts on.", label)
			}
			continue
		}
		sc, ok := in.Scale(it.Scale)
		switch {
		case !ok:
			add(field, "%s feeds a scale called %q, which this instrument does not have.", label, Clip(it.Scale))
		case sc.Kind == Category:
			add(field, "%s feeds %s, a category scale; items can only feed scales that hold numbers.", label, sc.Name)
		default:
			fed[strings.ToLower(sc.Name)] = append(fed[strings.ToLower(sc.Name)], it)
		}
	}
	for _, sc := range in.Scales {
		items := fed[strings.ToLower(sc.Name)]
		switch {
		case sc.Scoring == NotScored:
			if len(items) > 0 {
				add(sc.Name, "%s is fed by %d questions but has no scoring rule: choose mean, sum or percent of the maximum.", sc.Name, len(items))
			}
		case !validScoring(sc.Scoring):
			add(sc.Name, "%s must be scored as the mean, the sum or the percent of the maximum of its questions, not %q.", sc.Name, Clip(string(sc.Scoring)))
		case len(in.Items) == 0:
			add(sc.Name, "%s is scored from questions, but the instrument has none; add its questions or clear the scoring rule.", sc.Name)
		case len(items) == 0:
			add(sc.Name, "%s is scored from questions, but no question feeds it.", sc.Name)
		case sc.Kind != Score && sc.Kind != Percentile:
			add(sc.Name, "%s is a %s scale; only a score or percentile scale can be computed from questions.", sc.Name, sc.Kind)
		default:
			if !itemsFinite(items) {
				continue // the item's own problem is reported above
			}
			lo, hi := ruleRange(sc.Scoring, items)
			if lo < sc.Min || hi > sc.Max {
				add(sc.Name, "%s, scored as the %s of its questions, runs from %s to %s, outside the scale's range of %s to %s; change the rule or the range.",
					sc.Name, sc.Scoring.Label(), FormatNumber(lo), FormatNumber(hi), FormatNumber(sc.Min), FormatNumber(sc.Max))
			}
		}
	}
	if !finite(in.MixedWithin) || in.MixedWithin < 0 || in.MixedWithin > 100 {
		add("mixed_within", "The margin for a mixed orientation must be from 0 to 100 points, not %s.", FormatNumber(in.MixedWithin))
	}
	return problems
}

func optionProblems(field, label string, options []ItemOption) []Problem {
	var problems []Problem
	add := func(format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case len(options) == 0:
		add("%s is a choice but has no choices; add at least two.", label)
		return problems
	case len(options) == 1:
		add("%s is a choice but has only one choice; add at least one more.", label)
	case len(options) > MaxItemOptions:
		add("%s can have at most %d choices, not %d.", label, MaxItemOptions, len(options))
	}
	texts, values := map[string]int{}, map[float64]int{}
	for j, o := range options {
		switch {
		case o.Text == "":
			add("Choice %d of %s needs its description.", j+1, label)
		case CheckText("", o.Text, maxOptionLength) != "":
			add("%s", CheckText(fmt.Sprintf("Choice %d of %s", j+1, label), o.Text, maxOptionLength))
		case texts[strings.ToLower(o.Text)] > 0:
			add("Choices %d and %d of %s read the same; give each its own description.", texts[strings.ToLower(o.Text)], j+1, label)
		default:
			texts[strings.ToLower(o.Text)] = j + 1
		}
		switch {
		case !finite(o.Value):
			add("Choice %d of %s needs a real number for its value.", j+1, label)
		case values[o.Value] > 0:
			add("Choices %d and %d of %s both count %s; give each its own value.", values[o.Value], j+1, label, FormatNumber(o.Value))
		default:
			values[o.Value] = j + 1
		}
	}
	return problems
}

func validItemKey(k string) bool {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return k != ""
}

func validScoring(r ScoringRule) bool {
	for _, v := range ScoringRules {
		if r == v {
			return true
		}
	}
	return false
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func itemsFinite(items []Item) bool {
	for _, it := range items {
		lo, hi := it.Range()
		if !finite(lo) || !finite(hi) {
			return false
		}
	}
	return true
}

// Label names the rule in the coach's words: "mean", "sum", "percent of the maximum".
func (r ScoringRule) Label() string {
	switch r {
	case ScoreMean:
		return "mean"
	case ScoreSum:
		return "sum"
	case ScorePercent:
		return "percent of the maximum"
	case NotScored:
		return "not scored"
	}
	return string(r)
}

// ruleRange returns the lowest and highest score a rule gives from these items.
func ruleRange(r ScoringRule, items []Item) (lo, hi float64) {
	if r == ScorePercent {
		return 0, 100
	}
	for _, it := range items {
		l, h := it.Range()
		lo, hi = lo+l, hi+h
	}
	if r == ScoreMean && len(items) > 0 {
		lo, hi = lo/float64(len(items)), hi/float64(len(items))
	}
	return lo, hi
}

// ScoreRange returns the lowest and highest score the scale's rule gives from its items,
// and false when the scale is not scored from items.
func (in *Instrument) ScoreRange(scale string) (lo, hi float64, ok bool) {
	sc, found := in.Scale(scale)
	if !found || sc.Scoring == NotScored {
		return 0, 0, false
	}
	items := in.scaleItems(sc.Name)
	if len(items) == 0 {
		return 0, 0, false
	}
	lo, hi = ruleRange(sc.Scoring, items)
	return lo, hi, true
}

// RenameScale gives a scale a new name and keeps the items feeding it pointed at it.
func (in *Instrument) RenameScale(old, name string) {
	for i := range in.Scales {
		if strings.EqualFold(in.Scales[i].Name, old) {
			in.Scales[i].Name = name
		}
	}
	for i := range in.Items {
		if in.Items[i].Scale != "" && strings.EqualFold(in.Items[i].Scale, old) {
			in.Items[i].Scale = name
		}
	}
}

// scaleItems returns the items feeding the named scale.
func (in *Instrument) scaleItems(scale string) []Item {
	var out []Item
	for _, it := range in.Items {
		if it.Scale != "" && strings.EqualFold(it.Scale, scale) {
			out = append(out, it)
		}
	}
	return out
}
