package pairing

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"mutua/data"
)

// Group is a pair or triad the coach fixed: a suggestion they locked, or people they paired
// by hand. Suggest keeps it as it is.
type Group struct {
	Members []int64
	Manual  bool // paired by hand rather than locked from a suggestion
}

// OddPerson says what happens to one person left over: the cohort's setting.
type OddPerson = data.OddPerson

// Ways to place the person left over.
const (
	JoinTriad = data.Triad  // joins the pair where they add the most
	SitOut    = data.SitOut // waits for the next round
)

// Pair is one pair (or triad) of a round.
type Pair struct {
	Members []int // positions in the scorer's People
	Score   Score
	Locked  bool
	Manual  bool
	Warning string // a hard rule a fixed pair breaks, "" when none
	Repeat  bool   // the members were paired before
}

// Unpaired is a person the round leaves out, and why.
type Unpaired struct {
	Member int
	Why    string
}

// Round is a suggested pairing of a cohort.
type Round struct {
	Pairs    []Pair
	Unpaired []Unpaired
	Total    float64 // sum of the pair scores
}

// UnpairedSentence says how many people the round leaves out, for the coach: "1 person is
// not paired.", "3 people are not paired."; "" when everyone is paired.
func (r *Round) UnpairedSentence() string {
	switch u := len(r.Unpaired); u {
	case 0:
		return ""
	case 1:
		return "1 person is not paired."
	default:
		return fmt.Sprintf("%d people are not paired.", u)
	}
}

// Weakest returns the pair with the lowest score, or nil when there is none.
func (r *Round) Weakest() *Pair {
	var w *Pair
	for i := range r.Pairs {
		if w == nil || r.Pairs[i].Score.Total < w.Score.Total {
			w = &r.Pairs[i]
		}
	}
	return w
}

// Repeats counts the pairs whose members were paired before.
func (r *Round) Repeats() int {
	n := 0
	for _, p := range r.Pairs {
		if p.Repeat {
			n++
		}
	}
	return n
}

// Suggest returns the best round for the scorer's people: the fixed groups as they are,
// everyone else in pairs with the highest total score, as many people paired as the rules
// allow, and a person left over either joining a triad or sitting out. The same people,
// rules and groups give the same round whatever order the people come in.
func Suggest(sc *Scorer, fixed []Group, odd OddPerson) Round {
	r, _ := suggest(sc, fixed, odd, false)
	return r
}

// suggest is Suggest; with keep, and a cohort small enough, it also returns the solver
// that found the pairs, so that a plan can suggest again warm after a lock or a reject.
func suggest(sc *Scorer, fixed []Group, odd OddPerson, keep bool) (Round, *Solver) {
	r, free := seat(sc, fixed)

	// Edge weights: the score in tenths, scaled so a tie-break can never outweigh a tenth of
	// a point; the tie-break prefers rounds whose scores are even, so no pair is left weak.
	// The scores are kept in tenths, two bytes a pair (-1 when the rules forbid it), so that
	// a cohort of thousands fits in a few megabytes rather than the gigabyte a list of pairs
	// would take.
	m := len(free)
	scale := int64(m/2+1) * 1001
	tenths := make([]int16, m*(m-1)/2)
	row := func(x int) int { return x*m - x*(x+1)/2 - x - 1 } // tenths[row(x)+y] is pair x<y
	for x := 0; x < m; x++ {
		for y := x + 1; y < m; y++ {
			t := int16(-1)
			if total, allowed := sc.Total(free[x], free[y]); allowed {
				t = int16(min(max(math.Round(total*10), 0), 1000)) // scores lie in 0..100
			}
			tenths[row(x)+y] = t
		}
	}
	var weight [1001]int64 // the edge weight of each score in tenths
	for s10 := range int64(len(weight)) {
		weight[s10] = s10*scale + s10*(2000-s10)/1000
	}
	pairWeight := func(x, y int) (int64, bool) {
		s10 := tenths[row(x)+y]
		if s10 < 0 {
			return 0, false
		}
		return weight[s10], true
	}
	var mate []int
	var solver *Solver
	if keep && m <= warmPeople {
		// The same edges in the same order as MaxWeightMatchingFunc reads them, so the
		// same pairs.
		var edges []Edge
		for x := 0; x < m; x++ {
			for y := x + 1; y < m; y++ {
				if w, ok := pairWeight(x, y); ok {
					edges = append(edges, Edge{x, y, w})
				}
			}
		}
		solver = NewSolver(m, edges, true)
		mate = solver.Mates()
	} else {
		mate = MaxWeightMatchingFunc(m, pairWeight, true)
	}
	r.finish(sc, free, mate, odd, nil)
	return r, solver
}

// warmPeople is the largest number of people a plan keeps a solver for: its edges take
// about 12 bytes a pair of people.
const warmPeople = 1000

// seat starts a round with the fixed groups as they are, the people with no room for a
// partnership left out, and returns the people free to pair, by ID so that ties always
// resolve the same way.
func seat(sc *Scorer, fixed []Group) (Round, []int) {
	n := len(sc.People)
	pos := make(map[int64]int, n)
	for i, p := range sc.People {
		pos[p.ID] = i
	}
	var r Round
	used := make([]bool, n)
	for _, g := range fixed {
		var members []int
		ok := len(g.Members) >= 2
		for _, id := range g.Members {
			i, found := pos[id]
			ok = ok && found && !used[i]
			members = append(members, i)
		}
		if !ok {
			continue // someone left the cohort, or appears twice: the coach re-pairs them
		}
		for _, i := range members {
			used[i] = true
		}
		p := sc.group(members)
		p.Locked, p.Manual = true, g.Manual
		r.Pairs = append(r.Pairs, p)
	}

	var free []int
	for i := range sc.People {
		switch {
		case used[i]:
		case sc.People[i].Free <= 0:
			r.Unpaired = append(r.Unpaired, Unpaired{i, fmt.Sprintf("%s has no room for another partnership (capacity reached).", sc.names[i])})
		default:
			free = append(free, i)
		}
	}
	sort.Slice(free, func(a, b int) bool { return sc.People[free[a]].ID < sc.People[free[b]].ID })
	return r, free
}

// finish adds the pairs of the matching (mate[x] is the partner of free[x], or -1), places
// the people left over, and orders the pairs best first. known, when not nil, holds pairs
// already scored under the same scores, by their members.
func (r *Round) finish(sc *Scorer, free, mate []int, odd OddPerson, known map[[2]int]Pair) {
	var left []int
	for x, m := range mate {
		switch {
		case m < 0:
			left = append(left, free[x])
		case x < m:
			if p, ok := known[[2]int{free[x], free[m]}]; ok {
				r.Pairs = append(r.Pairs, p)
			} else {
				r.Pairs = append(r.Pairs, sc.group([]int{free[x], free[m]}))
			}
		}
	}
	r.place(sc, left, free, odd)
	sort.SliceStable(r.Pairs, func(a, b int) bool {
		if r.Pairs[a].Score.Total != r.Pairs[b].Score.Total {
			return r.Pairs[a].Score.Total > r.Pairs[b].Score.Total
		}
		return sc.People[r.Pairs[a].Members[0]].ID < sc.People[r.Pairs[b].Members[0]].ID
	})
	for _, p := range r.Pairs {
		r.Total += p.Score.Total
	}
	r.Total = round1(r.Total)
}

// place decides what happens to the people the matching left over.
func (r *Round) place(sc *Scorer, left, free []int, odd OddPerson) {
	if len(left) == 1 {
		u := left[0]
		if odd == JoinTriad {
			if best := r.bestTriad(sc, u); best >= 0 {
				p := &r.Pairs[best]
				*p = sc.group(append(p.Members, u))
				return
			}
			r.Unpaired = append(r.Unpaired, Unpaired{u, fmt.Sprintf("Odd number of people, and %s cannot join any pair under the rules.", sc.names[u])})
			return
		}
		if sc.anyAllowed(u, free) {
			r.Unpaired = append(r.Unpaired, Unpaired{u, fmt.Sprintf("Odd number of people: %s sits out this round; the others pair best without them.", sc.names[u])})
			return
		}
	}
	for _, u := range left {
		r.Unpaired = append(r.Unpaired, Unpaired{u, sc.whyAlone(u, free)})
	}
}

// bestTriad returns the suggested pair that person u adds the most to, or -1.
func (r *Round) bestTriad(sc *Scorer, u int) int {
	best, bestGain := -1, -1.0
	for i, p := range r.Pairs {
		if p.Locked || len(p.Members) != 2 {
			continue
		}
		a, okA := sc.Total(u, p.Members[0])
		b, okB := sc.Total(u, p.Members[1])
		if okA && okB && (a+b)/2 > bestGain {
			best, bestGain = i, (a+b)/2
		}
	}
	return best
}

// anyAllowed reports whether anyone else free to pair could be paired with u.
func (sc *Scorer) anyAllowed(u int, free []int) bool {
	for _, v := range free {
		if v != u {
			if _, ok := sc.Total(u, v); ok {
				return true
			}
		}
	}
	return false
}

// whyAlone explains why u, among the people free to pair, is left without a partner.
func (sc *Scorer) whyAlone(u int, free []int) string {
	name := sc.names[u]
	reasons := map[string]int{}
	allowed := 0
	for _, v := range free {
		if v == u {
			continue
		}
		if _, ok := sc.Total(u, v); ok {
			allowed++
			continue
		}
		reasons[blockKind(sc.Explain(u, v).Blocked)]++
	}
	if allowed > 0 {
		return fmt.Sprintf("Everyone %s could be paired with is needed in another pair.", name)
	}
	var kinds []string
	for k := range reasons {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if len(kinds) == 0 {
		return fmt.Sprintf("%s is the only one in the cohort with room for a partnership.", name)
	}
	return fmt.Sprintf("No one can be paired with %s under the rules (%s).", name, strings.Join(kinds, "; "))
}

// blockKind shortens a blocked reason to its kind, to summarise many of them.
func blockKind(reason string) string {
	switch {
	case strings.HasPrefix(reason, "Both work at"):
		return "same company"
	case strings.HasPrefix(reason, "Paired less than"):
		return "paired too recently"
	case strings.HasPrefix(reason, "You rejected"):
		return "rejected"
	}
	return "exclusions"
}

// group scores a pair or triad of people.
func (sc *Scorer) group(members []int) Pair {
	p := Pair{Members: members}
	if len(members) == 2 {
		p.Score = sc.Explain(members[0], members[1])
		p.Warning = p.Score.Blocked
		p.Repeat = hasRepeat(p.Score)
		return p
	}
	// A triad: the mean of its pairs' scores; the reasons of the original pair, and how the
	// third person fits each of the others.
	var sum float64
	var warnings []string
	for x := 0; x < len(members); x++ {
		for y := x + 1; y < len(members); y++ {
			s := sc.Explain(members[x], members[y])
			sum += s.Total
			p.Repeat = p.Repeat || hasRepeat(s)
			if s.Blocked != "" {
				warnings = append(warnings, s.Blocked)
			}
			if x == 0 && y == 1 {
				p.Score.Criteria = s.Criteria
			}
		}
	}
	pairs := float64(len(members) * (len(members) - 1) / 2)
	p.Score.Total = round1(sum / pairs)
	third := sc.names[members[len(members)-1]]
	var fits []string
	for _, m := range members[:len(members)-1] {
		total, _ := sc.Total(members[len(members)-1], m)
		fits = append(fits, fmt.Sprintf("%s %.0f", sc.names[m], total))
	}
	p.Score.Criteria = append(p.Score.Criteria, Criterion{Key: "triad",
		Reason: fmt.Sprintf("%s joins as a third (fit with %s).", third, strings.Join(fits, ", "))})
	p.Warning = strings.Join(warnings, " ")
	return p
}

// GroupTotal returns the score a pair or triad of people (positions in People) would get,
// as a round scores it, and whether the hard rules allow every pair in it.
func (sc *Scorer) GroupTotal(members []int) (float64, bool) {
	var sum float64
	allowed := len(members) >= 2
	for x := 0; x < len(members); x++ {
		for y := x + 1; y < len(members); y++ {
			total, ok := sc.Total(members[x], members[y])
			sum += total
			allowed = allowed && ok
		}
	}
	if len(members) < 2 {
		return 0, false
	}
	return round1(sum / float64(len(members)*(len(members)-1)/2)), allowed
}

func hasRepeat(s Score) bool {
	for _, c := range s.Criteria {
		if c.Key == "repeat" {
			return true
		}
	}
	return false
}
