package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// WorkOrientationKey is the key of the built-in Work Orientation (Job / Career / Calling) instrument.
const WorkOrientationKey = "work-orientation"

// Orientations to work a scale can measure.
const (
	JobOrientation     = "job"
	CareerOrientation  = "career"
	CallingOrientation = "calling"
	MixedOrientation   = "mixed" // two or more orientations share the top score
)

// ScaleKind says how a scale's values are read.
type ScaleKind string

// Kinds of scale.
const (
	Score      ScaleKind = "score"      // a number from Min to Max
	Percentile ScaleKind = "percentile" // 0 to 100
	Rank       ScaleKind = "rank"       // 1 is first
	Category   ScaleKind = "category"   // one of Categories
)

// Instrument is an assessment definition.
type Instrument struct {
	ID          int64
	Key         string // set on the built-ins
	Name        string
	Description string
	Retired     bool
	Scales      []Scale
	// Items are the questions a participant answers, in order; empty on an instrument
	// whose results are typed as scale scores. See items.go.
	Items []Item
	// MixedWithin makes the primary orientation "mixed" when another orientation scores
	// within this many points (percent of its scale's range) of the highest; 0 means only
	// an exact tie is mixed.
	MixedWithin float64
}

// Scale is one measure of an instrument.
type Scale struct {
	ID          int64
	Name        string
	Kind        ScaleKind
	Min, Max    float64
	Categories  []string
	Orientation string // the orientation it measures, "" when none
	Description string
	Scoring     ScoringRule // how the items feeding it make its score; "" when no item does
}

// ScaleValue is one scale's result in an assessment.
type ScaleValue struct {
	ScaleID  int64
	Number   float64
	Category string
}

// Assessment is one participant's result on one instrument on one date.
type Assessment struct {
	ID                 int64
	ParticipantID      int64
	InstrumentID       int64
	AssessedOn         Date
	PrimaryOrientation string
	Note               string
	Values             []ScaleValue
	// Answers are the item answers the values were computed from; nil when the scale
	// scores were typed (the questionnaire was done elsewhere).
	Answers   ItemAnswers
	CreatedAt time.Time
}

// Scale returns the instrument's scale with the given name (any letter case).
func (in *Instrument) Scale(name string) (Scale, bool) {
	for _, s := range in.Scales {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return Scale{}, false
}

// CheckValue returns what is wrong with a number on this scale, or "" when it is in range.
func (s Scale) CheckValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%s must be a number from %s to %s.", s.Name, FormatNumber(s.Min), FormatNumber(s.Max))
	}
	if v < s.Min || v > s.Max {
		return fmt.Sprintf("%s must be from %s to %s, not %s.", s.Name, FormatNumber(s.Min), FormatNumber(s.Max), FormatNumber(v))
	}
	return ""
}

// PrimaryOrientation returns the orientation with the highest share of its scale's range,
// MixedOrientation on a tie (or, with MixedWithin, when another orientation comes within that
// many points), or "" when no scale measures an orientation.
func (in *Instrument) PrimaryOrientation(values []ScaleValue) string {
	var shares []float64
	var orientations []string
	for _, v := range values {
		for _, s := range in.Scales {
			if s.ID != v.ScaleID || s.Orientation == "" || s.Kind == Category || s.Max <= s.Min {
				continue
			}
			shares = append(shares, (v.Number-s.Min)/(s.Max-s.Min))
			orientations = append(orientations, s.Orientation)
		}
	}
	return in.primaryOf(orientations, shares)
}

// primaryOf picks the primary orientation from each orientation scale's share of its range.
func (in *Instrument) primaryOf(orientations []string, shares []float64) string {
	best, bestShare := "", -1.0
	for i, share := range shares {
		if share > bestShare {
			best, bestShare = orientations[i], share
		}
	}
	margin := in.MixedWithin / 100
	if margin > 0 {
		margin += 1e-9 // 80 and 75 are within 5 points even when the shares round unevenly
	}
	close := 0
	for _, share := range shares {
		if share >= bestShare-margin {
			close++
		}
	}
	if close > 1 {
		return MixedOrientation
	}
	return best
}

// FormatNumber writes a number the shortest way that reads back the same: 72, 72.5.
func FormatNumber(v float64) string {
	if math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'g', 6, 64) // no scale reaches so far: said briefly
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
