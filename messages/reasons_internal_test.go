package messages

import (
	"slices"
	"testing"
)

// The pairing reasons quote birth years for the coach; the members' emails say the same
// without them.
func TestShareableReasonsLeaveOutBirthYears(t *testing.T) {
	got := shareableReasons([]string{
		"A generation apart: Ana (born 1968) and Ben (born 1995).",
		"Close in age (born 1980 and 1982).",
		"Different companies, industries and functions.",
	})
	want := []string{"A generation apart: Ana and Ben.", "Close in age.", "Different companies, industries and functions."}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}
