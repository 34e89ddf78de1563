package pairing

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"mutua/data"
)

// Plan is a cohort's pairing round in the making: who takes part, by which rules, what the
// coach fixed or rejected, and the round suggested from all that. Every change the coach
// makes is kept as a fixed group or a rejection, and the rest is suggested again.
type Plan struct {
	Cohort   data.Cohort
	Rules    Rules
	Odd      OddPerson
	People   []Person // the cohort's active members, by ID
	Context  Context
	Fixed    []Group
	Rejected [][2]int64
	Inactive []string // members left out because they are paused or alumni

	Scorer *Scorer
	Round  Round

	warm *warmRound // what suggesting again after a lock or reject starts from, or nil
}

// warmRound is the matching behind a plan's round, kept so that after the coach locks or
// rejects a pair the round is suggested again from where it was, in a few milliseconds
// rather than scoring and matching the whole cohort again. The round is as good as a fresh
// suggestion: the solver's re-solves are exact.
type warmRound struct {
	free     []int      // the people the solver's vertices stand for, positions in People
	vertex   []int      // the solver's vertex of each person in People, or -1
	rejected [][2]int64 // the rejections the solver knows of (a prefix of the plan's)
	solver   *Solver
}

// CohortRules returns the cohort's pairing rules: its preset with the coach's changes.
func CohortRules(c data.Cohort) Rules {
	rules := PresetRules(c.PairingPreset)
	if c.PairingRules != "" && c.PairingRules != "{}" {
		_ = json.Unmarshal([]byte(c.PairingRules), &rules) // checked when saved; a bad value keeps the preset
	}
	return rules
}

// Source is what planning a round reads from the practice: the cohort, its people as
// pairing sees them, everyone's orientation profile, who has been partners, the exclusions
// and the cohort's rounds. The practice's store satisfies it.
type Source interface {
	Cohort(cohortID int64) (data.Cohort, error)
	CohortPeople(ctx context.Context, cohortID int64) (people []Person, inactive []string, err error)
	OrientationProfiles(ctx context.Context) (map[int64]OrientationProfile, error)
	PastPairs(ctx context.Context) ([]Past, error)
	PairingExclusions(ctx context.Context) ([]Exclusion, error)
	DraftRound(ctx context.Context, cohortID int64) (*SavedRound, error)
	Rounds(cohortID int64) ([]SavedRound, error)
	SavedRound(id int64) (*SavedRound, error)
}

// OrientationProfile is a participant's latest Work Orientation result (the one the roster
// and the participant page show), as shares of each scale's range, and its primary
// orientation.
type OrientationProfile struct {
	Shares  map[string]float64
	Primary string
}

// PlanRound reads a cohort's members, history and current draft, and suggests its round.
func PlanRound(src Source, cohortID int64, today time.Time) (*Plan, error) {
	p, draft, err := newPlan(src, cohortID, today)
	if err != nil {
		return nil, err
	}
	if draft != nil {
		for _, rp := range draft.Pairs {
			if rp.Locked {
				p.Fixed = append(p.Fixed, Group{Members: rp.Members, Manual: rp.Manual})
			}
		}
		p.Rejected = draft.Rejected
	}
	p.Resuggest()
	return p, nil
}

// CurrentRound is what a cohort's pairing screen shows: its saved draft, or else its latest
// approved round, or else a first suggestion that is not saved until the coach acts on it.
type CurrentRound struct {
	Plan     *Plan       // the draft or the first suggestion; nil when Approved is shown
	Saved    bool        // Plan is the cohort's saved draft
	Approved *SavedRound // the latest approved round, when the cohort has no draft
}

// OpenRound reads what a cohort's pairing screen shows. It never writes: looking at a
// round does not change it.
func OpenRound(src Source, cohortID int64, today time.Time) (CurrentRound, error) {
	p, draft, err := newPlan(src, cohortID, today)
	if err != nil {
		return CurrentRound{}, err
	}
	if draft != nil {
		p.showDraft(draft)
		return CurrentRound{Plan: p, Saved: true}, nil
	}
	rounds, err := src.Rounds(cohortID)
	if err != nil {
		return CurrentRound{}, err
	}
	if len(rounds) > 0 {
		approved, err := src.SavedRound(rounds[0].ID)
		if err != nil {
			return CurrentRound{}, err
		}
		return CurrentRound{Approved: approved}, nil
	}
	p.Resuggest()
	return CurrentRound{Plan: p}, nil
}

// newPlan reads a cohort's members, rules and history, and its draft if it has one.
func newPlan(src Source, cohortID int64, today time.Time) (*Plan, *SavedRound, error) {
	ctx := context.Background()
	c, err := src.Cohort(cohortID)
	if err != nil {
		return nil, nil, err
	}
	p := &Plan{Cohort: c, Rules: CohortRules(c), Odd: c.OddPerson}
	if p.People, p.Inactive, err = src.CohortPeople(ctx, cohortID); err != nil {
		return nil, nil, err
	}
	profiles, err := src.OrientationProfiles(ctx)
	if err != nil {
		return nil, nil, err
	}
	for i := range p.People {
		if pr, ok := profiles[p.People[i].ID]; ok {
			p.People[i].Profile, p.People[i].Primary = pr.Shares, pr.Primary
		}
	}
	p.Context.Today = today
	if p.Context.Past, err = src.PastPairs(ctx); err != nil {
		return nil, nil, err
	}
	if p.Context.Exclusions, err = src.PairingExclusions(ctx); err != nil {
		return nil, nil, err
	}
	draft, err := src.DraftRound(ctx, cohortID)
	return p, draft, err
}

// showDraft makes the plan's round the saved draft's pairs, scored afresh, with the draft's
// locks and rejections. People who joined the cohort since are paired among themselves.
func (p *Plan) showDraft(draft *SavedRound) {
	var all []Group
	for _, rp := range draft.Pairs {
		if rp.Locked {
			p.Fixed = append(p.Fixed, Group{Members: rp.Members, Manual: rp.Manual})
		}
		all = append(all, Group{Members: rp.Members, Manual: rp.Manual})
	}
	p.Rejected = draft.Rejected
	p.Context.Rejected = p.Rejected
	p.Scorer = NewScorer(p.People, p.Rules, p.Context)
	p.Round = Suggest(p.Scorer, all, p.Odd)
	for i := range p.Round.Pairs {
		pair := &p.Round.Pairs[i]
		if pair.Locked { // the draft's pairs come back fixed: keep only the coach's locks
			pair.Locked = p.fixedIndex(p.MemberIDs(pair)) >= 0
		}
	}
}

// Resuggest scores the people again with the current rejections and suggests the round.
func (p *Plan) Resuggest() {
	p.Context.Rejected = p.Rejected
	p.Scorer = NewScorer(p.People, p.Rules, p.Context)
	var solver *Solver
	p.Round, solver = suggest(p.Scorer, p.Fixed, p.Odd, true)
	p.warm = nil
	if solver != nil {
		_, free := seat(p.Scorer, p.Fixed)
		w := &warmRound{free: free, vertex: make([]int, len(p.People)), rejected: slices.Clone(p.Rejected), solver: solver}
		for i := range w.vertex {
			w.vertex[i] = -1
		}
		for v, i := range free {
			w.vertex[i] = v
		}
		p.warm = w
	}
}

// suggestAgain suggests the round after a change of the coach's: warm from the last
// matching when the change only fixed pairs of people it had free or added rejections,
// afresh otherwise.
func (p *Plan) suggestAgain() {
	if !p.resuggestWarm() {
		p.Resuggest()
	}
}

// resuggestWarm re-solves the kept matching for the plan's fixed groups and rejections, and
// reports false, changing nothing, when the change is not one it can follow.
func (p *Plan) resuggestWarm() bool {
	w := p.warm
	if w == nil || len(p.Rejected) < len(w.rejected) || !slices.Equal(p.Rejected[:len(w.rejected)], w.rejected) {
		return false
	}
	// Rejections forbid their pairs and change no other score.
	sc := p.Scorer.withRejected(p.Rejected, p.Rejected[len(w.rejected):])
	r, free := seat(sc, p.Fixed)
	// Everyone free now must be a vertex still in the solver's graph; those who left it
	// must be in new fixed pairs of two, which the solver locks.
	stays := make([]bool, len(w.free))
	for _, i := range free {
		v := w.vertex[i]
		if v < 0 || w.solver.Locked(v) {
			return false
		}
		stays[v] = true
	}
	var lock [][2]int
	gone := 0
	for v := range w.free {
		if !stays[v] && !w.solver.Locked(v) {
			gone++
		}
	}
	for _, pair := range r.Pairs {
		if len(pair.Members) != 2 {
			continue
		}
		a, b := w.vertex[pair.Members[0]], w.vertex[pair.Members[1]]
		if a >= 0 && b >= 0 && !stays[a] && !stays[b] && !w.solver.Locked(a) && !w.solver.Locked(b) {
			lock = append(lock, [2]int{a, b})
		}
	}
	if 2*len(lock) != gone {
		return false
	}
	var reject [][2]int
	index := make(map[int64]int, len(p.People))
	for i, person := range p.People {
		index[person.ID] = i
	}
	for _, rj := range p.Rejected[len(w.rejected):] {
		a, okA := index[rj[0]]
		b, okB := index[rj[1]]
		if okA && okB && a != b && w.vertex[a] >= 0 && w.vertex[b] >= 0 {
			reject = append(reject, [2]int{w.vertex[a], w.vertex[b]})
		}
	}

	for _, e := range reject {
		w.solver.Reject(e[0], e[1])
	}
	for _, e := range lock {
		w.solver.Lock(e[0], e[1])
	}
	w.rejected = slices.Clone(p.Rejected)
	mates := w.solver.Mates()
	at := make([]int, len(w.free)) // a vertex's position in free
	for x, i := range free {
		at[w.vertex[i]] = x
	}
	mate := make([]int, len(free))
	for x, i := range free {
		mate[x] = -1
		if u := mates[w.vertex[i]]; u >= 0 {
			mate[x] = at[u]
		}
	}
	// The pairs the change left as they were keep their scores and reasons.
	known := make(map[[2]int]Pair, len(p.Round.Pairs))
	for _, pair := range p.Round.Pairs {
		if !pair.Locked && len(pair.Members) == 2 {
			a, b := pair.Members[0], pair.Members[1]
			if w.vertex[a] > w.vertex[b] {
				a, b = b, a
			}
			known[[2]int{a, b}] = pair
		}
	}
	r.finish(sc, free, mate, p.Odd, known)
	p.Context.Rejected, p.Scorer, p.Round = p.Rejected, sc, r
	return true
}

// Person returns the person with the given ID in the plan, or nil.
func (p *Plan) Person(id int64) *Person {
	for i := range p.People {
		if p.People[i].ID == id {
			return &p.People[i]
		}
	}
	return nil
}

// MemberIDs returns the IDs of a pair's members.
func (p *Plan) MemberIDs(pair *Pair) []int64 {
	ids := make([]int64, len(pair.Members))
	for i, m := range pair.Members {
		ids[i] = p.People[m].ID
	}
	return ids
}

// fixedIndex returns the position of the fixed group holding exactly these members, or -1.
func (p *Plan) fixedIndex(ids []int64) int {
	for i, g := range p.Fixed {
		if len(g.Members) == len(ids) && !slices.ContainsFunc(ids, func(id int64) bool { return !slices.Contains(g.Members, id) }) {
			return i
		}
	}
	return -1
}

// SetLocked locks a suggested pair (Suggest keeps it) or unlocks it.
func (p *Plan) SetLocked(pair int, locked bool) {
	ids := p.MemberIDs(&p.Round.Pairs[pair])
	if i := p.fixedIndex(ids); i >= 0 && !locked {
		p.Fixed = slices.Delete(p.Fixed, i, i+1)
	} else if i < 0 && locked {
		p.Fixed = append(p.Fixed, Group{Members: ids})
	}
	p.suggestAgain()
}

// Reject keeps a pair's members from being paired with each other in this round.
func (p *Plan) Reject(pair int) {
	ids := p.MemberIDs(&p.Round.Pairs[pair])
	if i := p.fixedIndex(ids); i >= 0 {
		p.Fixed = slices.Delete(p.Fixed, i, i+1)
	}
	for x := range ids {
		for y := x + 1; y < len(ids); y++ {
			p.Rejected = append(p.Rejected, [2]int64{min(ids[x], ids[y]), max(ids[x], ids[y])})
		}
	}
	p.suggestAgain()
}

// ClearRejections lets every rejected pair be suggested again.
func (p *Plan) ClearRejections() {
	p.Rejected = nil
	p.Resuggest()
}

// Swap puts person in into a pair in place of out. When in was in another pair, out takes
// their place there. The changed pairs are kept as the coach made them.
func (p *Plan) Swap(pair int, out, in int64) {
	target := p.MemberIDs(&p.Round.Pairs[pair])
	var other []int64
	for i := range p.Round.Pairs {
		if i != pair && slices.Contains(p.MemberIDs(&p.Round.Pairs[i]), in) {
			other = p.MemberIDs(&p.Round.Pairs[i])
		}
	}
	p.unfix(target)
	p.unfix(other)
	replace := func(ids []int64, from, to int64) []int64 {
		out := slices.Clone(ids)
		for i, id := range out {
			if id == from {
				out[i] = to
			}
		}
		return out
	}
	p.Fixed = append(p.Fixed, Group{Members: replace(target, out, in), Manual: true})
	if other != nil {
		p.Fixed = append(p.Fixed, Group{Members: replace(other, in, out), Manual: true})
	}
	p.suggestAgain()
}

// SwapChoice is someone who could come into a pair in place of one of its members.
type SwapChoice struct {
	ID      int64
	Name    string
	Company string
	Score   float64 // the score the pair would get with them in it
	Allowed bool    // false when the pair with them, or the pair they leave, breaks a rule
	Change  float64 // how the round's total would change
	Paired  bool    // they are in another pair now, and would trade places with out
}

// SwapChoices returns who could come into a pair in place of out, the best new pair first:
// everyone outside the pair except people in locked pairs and people with no room.
func (p *Plan) SwapChoices(pair int, out int64) []SwapChoice {
	if pair < 0 || pair >= len(p.Round.Pairs) {
		return nil
	}
	target := p.Round.Pairs[pair].Members
	at := map[int]int{} // person -> the pair they are in
	for k := range p.Round.Pairs {
		for _, m := range p.Round.Pairs[k].Members {
			at[m] = k
		}
	}
	o := slices.IndexFunc(p.People, func(x Person) bool { return x.ID == out })
	if o < 0 || !slices.Contains(target, o) {
		return nil
	}
	var choices []SwapChoice
	for c := range p.People {
		k, paired := at[c]
		if k == pair && paired {
			continue
		}
		person := &p.People[c]
		ch := SwapChoice{ID: person.ID, Name: person.Name, Company: person.Company, Paired: paired}
		with := replaceMember(target, o, c)
		var allowed bool
		ch.Score, allowed = p.Scorer.GroupTotal(with)
		switch {
		case paired && p.Round.Pairs[k].Locked:
			continue // the coach fixed that pair
		case paired:
			other := p.Round.Pairs[k].Members
			otherScore, otherAllowed := p.Scorer.GroupTotal(replaceMember(other, c, o))
			ch.Allowed = allowed && otherAllowed
			// The rest of the round keeps its pairs: it was already the best for its people.
			ch.Change = round1(ch.Score + otherScore - p.Round.Pairs[pair].Score.Total - p.Round.Pairs[k].Score.Total)
		case person.Free <= 0:
			continue // no room for another partnership
		default:
			ch.Allowed = allowed
			next := p.Clone()
			next.Swap(pair, out, person.ID)
			ch.Change = round1(next.Round.Total - p.Round.Total)
		}
		choices = append(choices, ch)
	}
	slices.SortStableFunc(choices, func(a, b SwapChoice) int {
		switch {
		case a.Allowed != b.Allowed:
			if a.Allowed {
				return -1
			}
			return 1
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		case a.Change != b.Change:
			if a.Change > b.Change {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return choices
}

func replaceMember(members []int, from, to int) []int {
	out := slices.Clone(members)
	for i, m := range out {
		if m == from {
			out[i] = to
		}
	}
	return out
}

// ChangedPairs returns the positions of the pairs in the plan's round that were not in the
// round before: what a lock, a reject or a swap changed.
func (p *Plan) ChangedPairs(before *Plan) []int {
	if before == nil {
		return nil
	}
	was := map[string]bool{}
	for i := range before.Round.Pairs {
		was[groupKey(before.MemberIDs(&before.Round.Pairs[i]))] = true
	}
	var changed []int
	for i := range p.Round.Pairs {
		if !was[groupKey(p.MemberIDs(&p.Round.Pairs[i]))] {
			changed = append(changed, i)
		}
	}
	return changed
}

func groupKey(ids []int64) string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return fmt.Sprint(ids)
}

// PairByHand pairs a and b, taking them out of the pairs they were in.
func (p *Plan) PairByHand(a, b int64) {
	for i := range p.Round.Pairs {
		ids := p.MemberIDs(&p.Round.Pairs[i])
		if slices.Contains(ids, a) || slices.Contains(ids, b) {
			p.unfix(ids)
		}
	}
	p.Fixed = append(p.Fixed, Group{Members: []int64{a, b}, Manual: true})
	p.suggestAgain()
}

// JoinPair adds a person left over to a pair, making a triad.
func (p *Plan) JoinPair(pair int, id int64) {
	ids := p.MemberIDs(&p.Round.Pairs[pair])
	p.unfix(ids)
	p.Fixed = append(p.Fixed, Group{Members: append(ids, id), Manual: true})
	p.suggestAgain()
}

func (p *Plan) unfix(ids []int64) {
	if i := p.fixedIndex(ids); i >= 0 {
		p.Fixed = slices.Delete(p.Fixed, i, i+1)
	}
}

// RoundPair is a pair or triad of a saved round.
type RoundPair struct {
	Members  []int64
	Names    []string // read only
	Score    float64
	Criteria []Criterion
	Locked   bool
	Manual   bool
}

// SavedRound is a round as kept in the practice: the current draft of a cohort, or an
// approved round in its history.
type SavedRound struct {
	ID         int64
	CohortID   int64
	Status     string // "draft" or "approved"
	Rules      string // the rules used, as JSON
	Total      float64
	CreatedAt  time.Time
	ApprovedAt time.Time
	Pairs      []RoundPair
	Unpaired   []data.RoundUnpaired
	Rejected   [][2]int64
}

// RoundSummary is a round as the command line prints it.
type RoundSummary struct {
	Pairs    []PairSummary   `json:"pairs"`
	Unpaired []MemberSummary `json:"unpaired"`
	Total    float64         `json:"total"`
}

// PairSummary is one pair or triad of a RoundSummary.
type PairSummary struct {
	Members []MemberSummary `json:"members"`
	Score   float64         `json:"score"`
	Reasons []string        `json:"reasons"`
}

// MemberSummary names a person in a RoundSummary; Why is set for those left out.
type MemberSummary struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Why   string `json:"why,omitempty"`
}

// Summary returns the plan's round with people named.
func (p *Plan) Summary() RoundSummary {
	s := RoundSummary{Total: p.Round.Total, Pairs: []PairSummary{}, Unpaired: []MemberSummary{}}
	member := func(i int) MemberSummary {
		pp := p.People[i]
		return MemberSummary{ID: pp.ID, Name: pp.Name, Email: pp.Email}
	}
	for _, pair := range p.Round.Pairs {
		ps := PairSummary{Score: pair.Score.Total, Reasons: pair.Score.Reasons()}
		for _, m := range pair.Members {
			ps.Members = append(ps.Members, member(m))
		}
		s.Pairs = append(s.Pairs, ps)
	}
	for _, u := range p.Round.Unpaired {
		m := member(u.Member)
		m.Why = u.Why
		s.Unpaired = append(s.Unpaired, m)
	}
	return s
}

// Text returns the plan's round as lines a person reads.
func (p *Plan) Text() string {
	var b strings.Builder
	s := p.Summary()
	fmt.Fprintf(&b, "%s: %d pairs, total %s\n", p.Cohort.Name, len(s.Pairs), data.FormatNumber(s.Total))
	for _, pair := range s.Pairs {
		var names []string
		for _, m := range pair.Members {
			names = append(names, m.Name)
		}
		fmt.Fprintf(&b, "\n%5.1f  %s\n", pair.Score, strings.Join(names, " + "))
		for _, r := range pair.Reasons {
			fmt.Fprintf(&b, "       %s\n", r)
		}
	}
	for _, u := range s.Unpaired {
		fmt.Fprintf(&b, "\nNot paired: %s. %s\n", u.Name, u.Why)
	}
	for _, name := range p.Inactive {
		fmt.Fprintf(&b, "\nNot in this round: %s.\n", name)
	}
	return b.String()
}

// Clone returns a copy of the plan whose changes do not touch the original, so a change can
// be worked out off the interface's goroutine while the original is still on screen.
func (p *Plan) Clone() *Plan {
	c := *p
	c.Fixed = make([]Group, len(p.Fixed))
	for i, g := range p.Fixed {
		c.Fixed[i] = Group{Members: slices.Clone(g.Members), Manual: g.Manual}
	}
	c.Rejected = slices.Clone(p.Rejected)
	if p.warm != nil {
		w := *p.warm
		w.solver = p.warm.solver.Clone()
		c.warm = &w
	}
	return &c
}
