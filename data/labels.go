package data

import (
	"fmt"
	"strings"
)

// How the domain's values read to the coach: one wording each, for the screens, the reports
// and the command line alike.

// Plural is the ending a count of things takes in English: "" for one, "s" otherwise.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Count writes a number of things: "1 result", "3 results".
func Count(n int, thing string) string {
	return fmt.Sprintf("%d %s%s", n, thing, Plural(n))
}

// FirstName is how a person is named briefly: the first word of their name, or the name as
// it is when it has no words.
func FirstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

// OrientationLabel names an orientation ("career", "mixed") for the coach: "Career", "Mixed";
// "" when not assessed.
func OrientationLabel(o string) string {
	if o == "" {
		return ""
	}
	return strings.ToUpper(o[:1]) + o[1:]
}

// SeniorityLabel names a seniority level (1 to 6): "Team lead"; "" when not given.
func SeniorityLabel(level int) string {
	if level < 1 || level >= len(SeniorityLevels) {
		return ""
	}
	return SeniorityLevels[level]
}
