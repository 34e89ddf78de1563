package data

import (
	"fmt"
	"math"
	"strings"
)

// The two orientations of the five-orientation questionnaire that are not job, career or calling.
const (
	SocialOrientation   = "social"   // work as belonging to a community of colleagues
	BusynessOrientation = "busyness" // work as a way to stay occupied
)

// ScaleOrientations lists what a scale can measure, in the order the coach sees them; ""
// means the scale measures no orientation.
var ScaleOrientations = []string{"", JobOrientation, CareerOrientation, CallingOrientation, SocialOrientation, BusynessOrientation}

// ScaleKinds lists every kind of scale, in the order the coach sees them.
var ScaleKinds = []ScaleKind{Score, Percentile, Rank, Category}

// MaxScales is the most scales one instrument can have.
const MaxScales = 50

// Valid reports whether k is one of the known kinds.
func (k ScaleKind) Valid() bool {
	for _, v := range ScaleKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Numeric reports whether values on scales of this kind are numbers (everything but category).
func (k ScaleKind) Numeric() bool { return k != Category }

// Normalize trims the text fields and gives percentile and rank scales their fixed ends,
// so two spellings of the same definition are stored the same way.
func (in *Instrument) Normalize() {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Description = strings.TrimSpace(in.Description)
	for i := range in.Scales {
		sc := &in.Scales[i]
		sc.Name = strings.Join(strings.Fields(sc.Name), " ")
		sc.Description = strings.TrimSpace(sc.Description)
		sc.Kind = ScaleKind(strings.ToLower(strings.TrimSpace(string(sc.Kind))))
		sc.Orientation = strings.ToLower(strings.TrimSpace(sc.Orientation))
		switch sc.Kind {
		case Percentile:
			sc.Min, sc.Max = 0, 100
		case Rank:
			sc.Min = 1
		}
		if sc.Kind == Category {
			sc.Min, sc.Max = 0, 0
			var cats []string
			for _, c := range sc.Categories {
				cats = append(cats, strings.Join(strings.Fields(c), " "))
			}
			sc.Categories = CleanTags(cats)
		} else {
			sc.Categories = nil
		}
	}
	in.normalizeItems()
}

// Validate returns an Invalid *Error naming each problem (and the scale or question it is
// on), or nil.
// Call Normalize first.
func (in *Instrument) Validate() error {
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if in.Name == "" {
		add("name", "An instrument needs a name.")
	} else if msg := CheckText("An instrument name", in.Name, MaxShortLength); msg != "" {
		add("name", "%s", msg)
	}
	if msg := CheckText("The description", in.Description, MaxTextLength); msg != "" {
		add("description", "%s", msg)
	}
	switch {
	case len(in.Scales) == 0:
		add("scales", "An instrument needs at least one scale.")
	case len(in.Scales) > MaxScales:
		add("scales", "An instrument can have at most %d scales, not %d.", MaxScales, len(in.Scales))
	}
	seen := map[string]bool{}
	for i, sc := range in.Scales {
		label := sc.Name
		if label == "" {
			label = fmt.Sprintf("Scale %d", i+1)
			add(label, "Scale %d needs a name.", i+1)
		} else if msg := CheckText(fmt.Sprintf("The name of scale %d", i+1), sc.Name, MaxShortLength); msg != "" {
			add(label, "%s", msg)
		} else if key := strings.ToLower(sc.Name); seen[key] {
			add(label, "Two scales are called %s; give each scale its own name.", sc.Name)
		} else {
			seen[key] = true
		}
		if msg := CheckText("The description of "+label, sc.Description, MaxTextLength); msg != "" {
			add(label, "%s", msg)
		}
		if !validOrientation(sc.Orientation) {
			add(label, "%s must measure job, career, calling, social or busyness orientation, or none, not %q.", label, sc.Orientation)
		}
		if math.IsNaN(sc.Min) || math.IsInf(sc.Min, 0) || math.IsNaN(sc.Max) || math.IsInf(sc.Max, 0) {
			add(label, "%s needs real numbers for its lowest and highest values.", label)
			continue
		}
		switch sc.Kind {
		case Score:
			if sc.Min >= sc.Max {
				add(label, "%s needs a lowest value below its highest (now %s to %s).", label, FormatNumber(sc.Min), FormatNumber(sc.Max))
			}
		case Percentile:
		case Rank:
			if sc.Max < 1 || sc.Max != math.Trunc(sc.Max) {
				add(label, "%s ranks from 1 to a whole number of at least 1, not %s.", label, FormatNumber(sc.Max))
			}
		case Category:
			if len(sc.Categories) < 2 {
				add(label, "%s needs at least two allowed values.", label)
			}
			for _, c := range sc.Categories {
				if strings.Contains(c, ";") {
					add(label, "The value %q of %s cannot contain a semicolon (;): Mutua uses it to list the values.", c, label)
				} else if msg := CheckText("A value of "+label, c, MaxShortLength); msg != "" {
					add(label, "%s", msg)
				}
			}
			if sc.Orientation != "" {
				add(label, "%s is a category scale, so it cannot measure an orientation: orientations are read from numbers.", label)
			}
		default:
			add(label, "%s must be a score, percentile, rank or category, not %q.", label, string(sc.Kind))
		}
	}
	problems = append(problems, in.itemProblems()...)
	return NewInvalid("", problems)
}

func validOrientation(o string) bool {
	for _, v := range ScaleOrientations {
		if o == v {
			return true
		}
	}
	return false
}

// Range describes the values a scale takes, in the coach's words: "0 to 100", "1 to 12
// (1 is first)", "Red; Yellow; Green".
func (s Scale) Range() string {
	switch s.Kind {
	case Category:
		return JoinTags(s.Categories)
	case Rank:
		return fmt.Sprintf("1 to %s (1 is first)", FormatNumber(s.Max))
	}
	return fmt.Sprintf("%s to %s", FormatNumber(s.Min), FormatNumber(s.Max))
}
