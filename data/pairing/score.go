// Package pairing scores how well two participants would mentor each other and finds the
// best pairing of a whole cohort. It is pure Go: no database, no interface.
package pairing

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"time"

	"mutua/data"
	textfold "mutua/data/fold"
)

// Person is a participant as pairing sees them.
type Person struct {
	ID          int64
	Name        string
	Email       string
	Company     string
	Industry    string
	Function    string
	Seniority   int // 1 individual contributor … 6 C-suite or owner; 0 when not known
	BirthYear   int // 0 when not known
	Strengths   []string
	Development []string
	// Profile holds the latest work-orientation result: each orientation's share of its
	// scale's range, 0 to 1 ("job", "career", "calling", and on some instruments "social"
	// and "busyness"). Empty when the person has not been assessed.
	Profile map[string]float64
	Primary string // the primary orientation, "mixed" on a tie, "" when not assessed
	Free    int    // partnerships they can still take on (capacity less active partnerships)
}

// named is a person with the name reasons call them by.
type named struct {
	*Person
	name string
}

func (sc *Scorer) named(i int) named { return named{&sc.People[i], sc.names[i]} }

// callNames returns how reasons call each person: the first name, or, when someone else
// among the people has the same first name, the first name and the initial of the last
// (Łukasz K.), or the full name, or the full name and the company.
func callNames(people []Person) []string {
	out := make([]string, len(people))
	count := func(key func(i int) string) map[string]int {
		n := map[string]int{}
		for i := range people {
			n[fold(key(i))]++
		}
		return n
	}
	first := func(i int) string { return data.FirstName(people[i].Name) }
	initial := func(i int) string {
		f := strings.Fields(people[i].Name)
		if len(f) < 2 {
			return people[i].Name
		}
		r := []rune(f[len(f)-1])
		return f[0] + " " + string(r[0]) + "."
	}
	full := func(i int) string { return strings.Join(strings.Fields(people[i].Name), " ") }
	firsts, initials, fulls := count(first), count(initial), count(full)
	for i := range people {
		switch {
		case firsts[fold(first(i))] == 1:
			out[i] = first(i)
		case initials[fold(initial(i))] == 1:
			out[i] = initial(i)
		case fulls[fold(full(i))] == 1 || people[i].Company == "":
			out[i] = full(i)
		default:
			out[i] = full(i) + " (" + people[i].Company + ")"
		}
	}
	return out
}

// SeniorityMode says whether pairs should be peers or deliberately apart.
type SeniorityMode string

// Seniority modes.
const (
	Peer    SeniorityMode = "peer"    // similar level
	Reverse SeniorityMode = "reverse" // a deliberate generation or level gap
)

// Weights say how much each criterion counts. The positive criteria share the 100 points
// in proportion to their weights; Repeat is a penalty in points.
type Weights struct {
	Orientation float64 `json:"orientation"` // work-orientation alignment
	Learning    float64 `json:"learning"`    // mutual learning
	Seniority   float64 `json:"seniority"`   // peer or reverse fit
	Boundary    float64 `json:"boundary"`    // different company, industry, function
	Repeat      float64 `json:"repeat"`      // points taken off for a past pairing, fading with time
}

// Rules are the weights and hard rules a cohort pairs by.
type Rules struct {
	Weights            Weights       `json:"weights"`
	Mode               SeniorityMode `json:"mode"`
	SameCompany        bool          `json:"same_company"`         // allow two people from the same company
	RepeatWindowMonths int           `json:"repeat_window_months"` // never re-pair within this many months
	RepeatFadeMonths   int           `json:"repeat_fade_months"`   // the repeat penalty fades to nothing over this many months
}

// Preset is a named set of rules.
type Preset struct {
	Key         string
	Name        string
	Description string
	Rules       Rules
}

// Presets are the starting points a coach picks from; the first is the default.
var Presets = []Preset{
	{"executive-peer", "Executive peer circle",
		"Leaders of similar seniority from different companies, matched first on how they see their work.",
		Rules{Weights{Orientation: 40, Learning: 30, Seniority: 15, Boundary: 15, Repeat: 30}, Peer, false, 12, 36}},
	{"reverse-mentoring", "Reverse mentoring",
		"A senior leader and a younger colleague teach each other: a deliberate gap in level or generation, and a real two-way exchange.",
		Rules{Weights{Orientation: 20, Learning: 40, Seniority: 30, Boundary: 10, Repeat: 30}, Reverse, false, 12, 36}},
	{"cross-sector", "Cross-sector lateral",
		"Peers from different industries and functions bring each other a view from outside.",
		Rules{Weights{Orientation: 30, Learning: 25, Seniority: 10, Boundary: 35, Repeat: 30}, Peer, false, 12, 36}},
}

// PresetRules returns the rules of the preset with the given key, or the default's.
func PresetRules(key string) Rules {
	for _, p := range Presets {
		if p.Key == key {
			return p.Rules
		}
	}
	return Presets[0].Rules
}

// Check returns what is wrong with the rules in plain words, or "".
func (r Rules) Check() string {
	w := r.Weights
	for _, v := range []float64{w.Orientation, w.Learning, w.Seniority, w.Boundary, w.Repeat} {
		if v < 0 || v > 100 || math.IsNaN(v) {
			return "Each weight must be from 0 to 100."
		}
	}
	if w.Orientation+w.Learning+w.Seniority+w.Boundary == 0 {
		return "At least one of orientation, learning, seniority and boundary must count."
	}
	if r.Mode != Peer && r.Mode != Reverse {
		return "Seniority is matched as peers or in reverse."
	}
	if r.RepeatWindowMonths < 0 || r.RepeatWindowMonths > 120 || r.RepeatFadeMonths < 0 || r.RepeatFadeMonths > 240 {
		return "The repeat window and fade must be from 0 to 120 and 240 months."
	}
	return ""
}

// Past is an earlier partnership of two people.
type Past struct {
	A, B    int64
	Started time.Time
}

// Exclusion keeps two people, or two companies, apart.
type Exclusion struct {
	A, B               int64  // two people, or 0
	CompanyA, CompanyB string // two companies, or ""
	Reason             string
}

// Context is what pairing knows beyond the people: the day, history, exclusions and the
// pairs the coach rejected in this round.
type Context struct {
	Today      time.Time
	Past       []Past
	Exclusions []Exclusion
	Rejected   [][2]int64
}

// Criterion is one criterion's part of a score: its points and one plain sentence.
type Criterion struct {
	Key    string  `json:"criterion"`
	Points float64 `json:"points"` // contribution to the 0–100 score (negative for a penalty)
	Max    float64 `json:"max"`    // the most it could contribute
	Reason string  `json:"reason"`
}

// Score is the compatibility of two people: 0 to 100, how it was reached, and whether a
// hard rule forbids the pair.
type Score struct {
	Total    float64     `json:"score"`
	Criteria []Criterion `json:"criteria"`
	Blocked  string      `json:"blocked,omitempty"` // the hard rule that forbids the pair, "" when allowed
}

// Reasons returns the sentences of the criteria, strongest first.
func (s Score) Reasons() []string {
	crit := append([]Criterion(nil), s.Criteria...)
	sort.SliceStable(crit, func(i, j int) bool { return math.Abs(crit[i].Points) > math.Abs(crit[j].Points) })
	var out []string
	for _, c := range crit {
		if c.Reason != "" {
			out = append(out, c.Reason)
		}
	}
	return out
}

// Flags on a pair, kept in the scorer's n×n matrix.
const (
	flagExcluded uint8 = 1 << iota // a person–person or company–company exclusion
	flagRejected                   // rejected by the coach in this round
	flagPast                       // paired before
	flagSameCompany
)

var orientations = [...]string{data.JobOrientation, data.CareerOrientation, data.CallingOrientation, "social", "busyness"}

// features are a person's facts in the form the scoring loop reads fast.
type features struct {
	profile   [len(orientations)]float64
	has       uint8 // bit o set when profile[o] is known
	strengths []uint64
	develop   []uint64
	developN  int
	seniority int
	birthYear int
	company   int32 // 0 when not known
	industry  int32
	function  int32
	primary   string
}

// Scorer scores every pair of a fixed group of people under one set of rules. Total is
// fast enough to fill a cohort's whole matrix; Explain adds the sentences for the pairs the
// coach looks at. Both give the same points.
type Scorer struct {
	People []Person
	Rules  Rules
	Ctx    Context

	feat    []features
	flags   []uint8 // n×n
	past    map[[2]int]time.Time
	reasons map[[2]int]string // why an excluded pair is excluded
	weights [4]float64        // points each positive criterion can give
	names   []string          // how reasons call each person
}

// NewScorer prepares to score every pair of people.
func NewScorer(people []Person, rules Rules, ctx Context) *Scorer {
	if ctx.Today.IsZero() {
		ctx.Today = time.Now()
	}
	n := len(people)
	sc := &Scorer{People: people, Rules: rules, Ctx: ctx, feat: make([]features, n), flags: make([]uint8, n*n),
		past: map[[2]int]time.Time{}, reasons: map[[2]int]string{}, names: callNames(people)}
	w := rules.Weights
	total := w.Orientation + w.Learning + w.Seniority + w.Boundary
	if total <= 0 {
		total = 1
	}
	sc.weights = [4]float64{100 * w.Orientation / total, 100 * w.Learning / total, 100 * w.Seniority / total, 100 * w.Boundary / total}

	index := make(map[int64]int, n)
	tagIDs := map[string]int{}
	names := map[string]int32{}
	nameID := func(s string) int32 {
		if s = fold(s); s == "" {
			return 0
		}
		id, ok := names[s]
		if !ok {
			id = int32(len(names) + 1)
			names[s] = id
		}
		return id
	}
	for i := range people {
		p := &people[i]
		index[p.ID] = i
		for _, t := range append(append([]string(nil), p.Strengths...), p.Development...) {
			if _, ok := tagIDs[fold(t)]; !ok {
				tagIDs[fold(t)] = len(tagIDs)
			}
		}
	}
	words := (len(tagIDs) + 63) / 64
	for i := range people {
		p, f := &people[i], &sc.feat[i]
		for o, name := range orientations {
			if v, ok := p.Profile[name]; ok {
				f.profile[o], f.has = v, f.has|1<<o
			}
		}
		f.strengths, f.develop = make([]uint64, words), make([]uint64, words)
		for _, t := range p.Strengths {
			id := tagIDs[fold(t)]
			f.strengths[id/64] |= 1 << (id % 64)
		}
		for _, t := range p.Development {
			id := tagIDs[fold(t)]
			f.develop[id/64] |= 1 << (id % 64)
		}
		for _, word := range f.develop {
			f.developN += bits.OnesCount64(word)
		}
		f.seniority, f.birthYear, f.primary = p.Seniority, p.BirthYear, p.Primary
		f.company, f.industry, f.function = nameID(p.Company), nameID(p.Industry), nameID(p.Function)
	}
	set := func(a, b int, flag uint8) {
		sc.flags[a*n+b] |= flag
		sc.flags[b*n+a] |= flag
	}
	byCompany := map[int32][]int{}
	for i := range sc.feat {
		if c := sc.feat[i].company; c != 0 {
			byCompany[c] = append(byCompany[c], i)
		}
	}
	for _, members := range byCompany {
		for x, a := range members {
			for _, b := range members[x+1:] {
				set(a, b, flagSameCompany)
			}
		}
	}
	for _, e := range ctx.Exclusions {
		if e.A != 0 {
			a, okA := index[e.A]
			b, okB := index[e.B]
			if okA && okB && a != b {
				set(a, b, flagExcluded)
				sc.reasons[pairKey(a, b)] = e.Reason
			}
			continue
		}
		ca, cb := names[fold(e.CompanyA)], names[fold(e.CompanyB)]
		if ca == 0 || cb == 0 {
			continue
		}
		for _, a := range byCompany[ca] {
			for _, b := range byCompany[cb] {
				if a != b {
					set(a, b, flagExcluded)
					why := people[a].Company + " and " + people[b].Company
					if e.Reason != "" {
						why += ": " + e.Reason
					}
					sc.reasons[pairKey(a, b)] = why
				}
			}
		}
	}
	for _, r := range ctx.Rejected {
		a, okA := index[r[0]]
		b, okB := index[r[1]]
		if okA && okB && a != b {
			set(a, b, flagRejected)
		}
	}
	for _, p := range ctx.Past {
		a, okA := index[p.A]
		b, okB := index[p.B]
		if okA && okB && a != b {
			set(a, b, flagPast)
			if k := pairKey(a, b); p.Started.After(sc.past[k]) {
				sc.past[k] = p.Started
			}
		}
	}
	return sc
}

// withRejected returns a scorer like sc whose context also rejects the given pairs (IDs):
// what NewScorer would build with them added, without scoring anyone again.
func (sc *Scorer) withRejected(rejected [][2]int64, more [][2]int64) *Scorer {
	c := *sc
	c.Ctx.Rejected = rejected
	if len(more) == 0 {
		return &c
	}
	n := len(sc.People)
	c.flags = slices.Clone(sc.flags)
	index := make(map[int64]int, n)
	for i := range sc.People {
		index[sc.People[i].ID] = i
	}
	for _, r := range more {
		a, okA := index[r[0]]
		b, okB := index[r[1]]
		if okA && okB && a != b {
			c.flags[a*n+b] |= flagRejected
			c.flags[b*n+a] |= flagRejected
		}
	}
	return &c
}

// Total returns the score of people i and j and whether the hard rules allow the pair.
func (sc *Scorer) Total(i, j int) (float64, bool) {
	var v values
	sc.values(i, j, &v)
	return v.total(), v.allowed
}

// values are one pair's criteria as numbers, computed without any text.
type values struct {
	fit     [4]float64 // orientation, learning, seniority, boundary: 0 to 1 each
	tenths  [4]int64   // the points each gives, in tenths of a point
	penalty int64      // the repeat penalty, in tenths
	allowed bool
	flags   uint8
	teachIJ int // development areas of j that i can teach
	teachJI int
	genGap  bool // reverse mode: the fit came from the age gap, not the levels
}

func (v *values) total() float64 {
	t := v.tenths[0] + v.tenths[1] + v.tenths[2] + v.tenths[3] - v.penalty
	return float64(min(1000, max(0, t))) / 10
}

func (sc *Scorer) values(i, j int, v *values) {
	a, b := &sc.feat[i], &sc.feat[j]
	v.flags = sc.flags[i*len(sc.feat)+j]

	// Work-orientation alignment: 1 minus twice the mean gap between the profiles.
	if common := a.has & b.has; a.has == 0 || b.has == 0 || common == 0 {
		v.fit[0] = 0.5
	} else {
		var diff float64
		for o := range orientations {
			if common&(1<<o) != 0 {
				diff += math.Abs(a.profile[o] - b.profile[o])
			}
		}
		v.fit[0] = max(0, 1-2*diff/float64(bits.OnesCount8(common)))
	}

	// Mutual learning: the weaker direction counts most, so the exchange runs both ways.
	for k := range a.strengths {
		v.teachIJ += bits.OnesCount64(a.strengths[k] & b.develop[k])
		v.teachJI += bits.OnesCount64(b.strengths[k] & a.develop[k])
	}
	var cij, cji float64
	if b.developN > 0 {
		cij = float64(v.teachIJ) / float64(b.developN)
	}
	if a.developN > 0 {
		cji = float64(v.teachJI) / float64(a.developN)
	}
	v.fit[1] = 0.75*min(cij, cji) + 0.25*max(cij, cji)

	// Seniority: peers close together, or a deliberate gap in reverse mentoring.
	v.fit[2] = 0.5
	if a.seniority != 0 && b.seniority != 0 {
		gap := a.seniority - b.seniority
		if gap < 0 {
			gap = -gap
		}
		if sc.Rules.Mode == Reverse {
			v.fit[2] = reverseFit[gap]
		} else {
			v.fit[2] = peerFit[gap]
		}
	}
	if sc.Rules.Mode == Reverse && a.birthYear != 0 && b.birthYear != 0 {
		gap := a.birthYear - b.birthYear
		if gap < 0 {
			gap = -gap
		}
		if g := min(1, float64(gap)/20); g > v.fit[2] || a.seniority == 0 || b.seniority == 0 {
			v.fit[2], v.genGap = g, true
		}
	}

	// Crossing boundaries: company, industry, function; unknown counts half.
	v.fit[3] = boundaryPart(a.company, b.company, 0.4) + boundaryPart(a.industry, b.industry, 0.35) + boundaryPart(a.function, b.function, 0.25)

	for k := range v.fit {
		v.tenths[k] = int64(sc.weights[k]*v.fit[k]*10 + 0.5)
	}
	if v.flags&flagPast != 0 {
		v.penalty = int64(sc.repeatPenalty(i, j)*10 + 0.5)
	}
	v.allowed = v.flags&(flagExcluded|flagRejected) == 0 &&
		(sc.Rules.SameCompany || v.flags&flagSameCompany == 0) && !sc.tooRecent(i, j)
}

var (
	peerFit    = [6]float64{1, 0.8, 0.45, 0.15, 0, 0}
	reverseFit = [6]float64{0, 0.25, 0.6, 0.9, 1, 1}
)

func boundaryPart(x, y int32, weight float64) float64 {
	switch {
	case x == 0 || y == 0:
		return weight / 2
	case x != y:
		return weight
	}
	return 0
}

func pairKey(i, j int) [2]int {
	if i > j {
		i, j = j, i
	}
	return [2]int{i, j}
}

// tooRecent reports whether i and j were paired inside the repeat window.
func (sc *Scorer) tooRecent(i, j int) bool {
	if sc.flags[i*len(sc.feat)+j]&flagPast == 0 || sc.Rules.RepeatWindowMonths <= 0 {
		return false
	}
	return sc.Ctx.Today.Before(sc.past[pairKey(i, j)].AddDate(0, sc.Rules.RepeatWindowMonths, 0))
}

// repeatPenalty is the repeat weight, fading to nothing over the fade period.
func (sc *Scorer) repeatPenalty(i, j int) float64 {
	fade := sc.Rules.RepeatFadeMonths
	if fade <= 0 {
		return 0
	}
	months := sc.Ctx.Today.Sub(sc.past[pairKey(i, j)]).Hours() / 24 / 30.44
	return sc.Rules.Weights.Repeat * math.Max(0, 1-months/float64(fade))
}

// Explain returns the score of people i and j with a sentence for each criterion and, when
// a hard rule forbids the pair, which one.
func (sc *Scorer) Explain(i, j int) Score {
	var v values
	sc.values(i, j, &v)
	a, b := sc.named(i), sc.named(j)
	s := Score{Total: v.total()}
	keys := [4]string{"orientation", "learning", "seniority", "boundary"}
	texts := [4]string{orientationReason(a, b, v.fit[0]), sc.learningReason(a, b, v), seniorityReason(a, b, sc.Rules.Mode, v), boundaryReason(a.Person, b.Person)}
	for k := range keys {
		if sc.weights[k] > 0 { // a criterion the coach switched off says nothing
			s.Criteria = append(s.Criteria, Criterion{Key: keys[k], Points: float64(v.tenths[k]) / 10, Max: round1(sc.weights[k]), Reason: texts[k]})
		}
	}
	if v.flags&flagPast != 0 {
		s.Criteria = append(s.Criteria, Criterion{Key: "repeat", Points: -float64(v.penalty) / 10,
			Reason: fmt.Sprintf("Paired before, in %s.", sc.past[pairKey(i, j)].Format("January 2006"))})
	}
	if !v.allowed {
		s.Blocked = sc.blockedReason(i, j, v.flags)
	}
	return s
}

func (sc *Scorer) blockedReason(i, j int, flags uint8) string {
	a, b := sc.named(i), sc.named(j)
	switch {
	case flags&flagExcluded != 0:
		if r := sc.reasons[pairKey(i, j)]; r != "" {
			return "Never to be paired: " + r
		}
		return fmt.Sprintf("%s and %s are never to be paired.", a.name, b.name)
	case flags&flagRejected != 0:
		return "You rejected this pair in this round."
	case !sc.Rules.SameCompany && flags&flagSameCompany != 0:
		return fmt.Sprintf("Both work at %s.", a.Company)
	case sc.tooRecent(i, j):
		return fmt.Sprintf("Paired less than %d months ago, in %s.", sc.Rules.RepeatWindowMonths, sc.past[pairKey(i, j)].Format("January 2006"))
	}
	return ""
}

func orientationReason(a, b named, fit float64) string {
	switch {
	case len(a.Profile) == 0 && len(b.Profile) == 0:
		return fmt.Sprintf("Neither %s nor %s has a work-orientation result yet.", a.name, b.name)
	case len(a.Profile) == 0:
		return fmt.Sprintf("%s has no work-orientation result yet.", a.name)
	case len(b.Profile) == 0:
		return fmt.Sprintf("%s has no work-orientation result yet.", b.name)
	case a.Primary == b.Primary && a.Primary != "" && a.Primary != data.MixedOrientation:
		return fmt.Sprintf("Both are %s-oriented.", a.Primary)
	case fit >= 0.75 && a.Primary != b.Primary && a.Primary != data.MixedOrientation && b.Primary != data.MixedOrientation:
		// Close scores with different leanings: "similar" next to two orientations reads as a contradiction.
		return fmt.Sprintf("Close work-orientation scores, though %s leans %s and %s leans %s.", a.name, a.Primary, b.name, b.Primary)
	case fit >= 0.75:
		return fmt.Sprintf("Similar work-orientation profiles (%s %s, %s %s).", a.name, orientationPhrase(a.Primary), b.name, orientationPhrase(b.Primary))
	}
	return fmt.Sprintf("Different orientations: %s is %s, %s is %s.", a.name, orientationPhrase(a.Primary), b.name, orientationPhrase(b.Primary))
}

func orientationPhrase(o string) string {
	switch o {
	case "":
		return "not assessed"
	case data.MixedOrientation:
		return data.MixedOrientation
	}
	return o + "-oriented"
}

func (sc *Scorer) learningReason(a, b named, v values) string {
	ab, ba := teaches(a.Person, b.Person), teaches(b.Person, a.Person)
	sentence := func(t, l named, topics []string) string {
		return fmt.Sprintf("%s can teach %s %s", t.name, l.name, listWords(topics))
	}
	switch {
	case len(ab) > 0 && len(ba) > 0:
		return sentence(a, b, ab) + "; " + sentence(b, a, ba) + "."
	case len(ab) > 0:
		return sentence(a, b, ab) + fmt.Sprintf(", but %s has nothing %s wants to learn.", b.name, a.name)
	case len(ba) > 0:
		return sentence(b, a, ba) + fmt.Sprintf(", but %s has nothing %s wants to learn.", a.name, b.name)
	}
	return "Neither can teach what the other wants to learn."
}

// teaches returns the development areas of learner that teacher has as strengths.
func teaches(teacher, learner *Person) []string {
	var out []string
	for _, d := range learner.Development {
		for _, s := range teacher.Strengths {
			if fold(s) == fold(d) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

func listWords(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func seniorityReason(a, b named, mode SeniorityMode, v values) string {
	if v.genGap {
		older, younger := a, b
		if a.BirthYear > b.BirthYear {
			older, younger = b, a
		}
		if younger.BirthYear-older.BirthYear < 5 {
			return fmt.Sprintf("Close in age (born %d and %d).", older.BirthYear, younger.BirthYear)
		}
		return fmt.Sprintf("A generation apart: %s (born %d) and %s (born %d).", older.name, older.BirthYear, younger.name, younger.BirthYear)
	}
	if a.Seniority == 0 || b.Seniority == 0 {
		who := a
		if a.Seniority != 0 {
			who = b
		}
		return fmt.Sprintf("%s's seniority is not known.", who.name)
	}
	gap := a.Seniority - b.Seniority
	if gap < 0 {
		gap = -gap
	}
	la, lb := data.SeniorityName(a.Seniority), data.SeniorityName(b.Seniority)
	if mode == Reverse {
		if gap == 0 {
			return fmt.Sprintf("No gap to bridge: both are at %s level.", la)
		}
		senior, junior := a, b
		if b.Seniority > a.Seniority {
			senior, junior = b, a
		}
		return fmt.Sprintf("A deliberate gap: %s (%s) and %s (%s).", senior.name, data.SeniorityName(senior.Seniority), junior.name, data.SeniorityName(junior.Seniority))
	}
	switch gap {
	case 0:
		return fmt.Sprintf("Peers: both at %s level.", la)
	case 1:
		return fmt.Sprintf("Similar seniority (%s and %s).", la, lb)
	}
	return fmt.Sprintf("Seniority %d levels apart (%s and %s).", gap, la, lb)
}

func boundaryReason(a, b *Person) string {
	var differ, same []string
	for _, part := range []struct{ plural, singular, x, y string }{
		{"companies", "company", a.Company, b.Company},
		{"industries", "industry", a.Industry, b.Industry},
		{"functions", "function", a.Function, b.Function},
	} {
		switch {
		case part.x == "" || part.y == "":
		case sameText(part.x, part.y):
			same = append(same, part.singular+" ("+part.x+")")
		default:
			differ = append(differ, part.plural)
		}
	}
	switch {
	case len(same) == 0 && len(differ) > 0:
		return "Different " + listWords(differ) + "."
	case len(differ) == 0 && len(same) > 0:
		return "Same " + listWords(same) + "."
	case len(same) > 0:
		return "Different " + listWords(differ) + "; same " + listWords(same) + "."
	}
	return "Their companies, industries and functions are not all known."
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func sameText(a, b string) bool { return fold(a) == fold(b) }

// fold is the key names and tags are matched by, however they were typed.
func fold(s string) string { return textfold.String(strings.TrimSpace(s)) }
