package pairing

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// pairsByID describes a round by IDs, pairs sorted, so rounds can be compared.
func pairsByID(sc *Scorer, r Round) string {
	var out []string
	for _, p := range r.Pairs {
		var ids []int
		for _, m := range p.Members {
			ids = append(ids, int(sc.People[m].ID))
		}
		sort.Ints(ids)
		out = append(out, fmt.Sprint(ids))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// bestTotal finds the best total of a perfect or near-perfect pairing by trying them all.
func bestTotal(sc *Scorer, free []int) (float64, int) {
	if len(free) < 2 {
		return 0, 0
	}
	best, bestPairs := -1.0, -1
	first := free[0]
	// first stays unpaired (only useful when the count is odd or rules forbid)
	if t, n := bestTotal(sc, free[1:]); n > bestPairs || (n == bestPairs && t > best) {
		best, bestPairs = t, n
	}
	for k := 1; k < len(free); k++ {
		s, ok := sc.Total(first, free[k])
		if !ok {
			continue
		}
		rest := append(append([]int(nil), free[1:k]...), free[k+1:]...)
		t, n := bestTotal(sc, rest)
		if n+1 > bestPairs || (n+1 == bestPairs && s+t > best+1e-9) {
			best, bestPairs = s+t, n+1
		}
	}
	return best, bestPairs
}

func TestSuggestIsOptimal(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		people := randomPeople(10, seed)
		sc := NewScorer(people, PresetRules("executive-peer"), Context{Today: today})
		r := Suggest(sc, nil, SitOut)
		all := make([]int, len(people))
		for i := range all {
			all[i] = i
		}
		want, pairs := bestTotal(sc, all)
		if len(r.Pairs) != pairs {
			t.Fatalf("seed %d: %d pairs, want %d", seed, len(r.Pairs), pairs)
		}
		if diff := r.Total - want; diff < -0.05 || diff > 0.05 {
			t.Fatalf("seed %d: total %.1f, best possible %.1f", seed, r.Total, want)
		}
	}
}

func TestSuggestIsDeterministic(t *testing.T) {
	people := randomPeople(40, 3)
	sc := NewScorer(people, PresetRules("executive-peer"), Context{Today: today})
	want := pairsByID(sc, Suggest(sc, nil, JoinTriad))
	rng := rand.New(rand.NewPCG(9, 9))
	for k := 0; k < 10; k++ {
		shuffled := slices.Clone(people)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		sc := NewScorer(shuffled, PresetRules("executive-peer"), Context{Today: today})
		if got := pairsByID(sc, Suggest(sc, nil, JoinTriad)); got != want {
			t.Fatalf("people in another order gave another round:\n%s\n%s", got, want)
		}
	}
}

func TestLocksRejectionsAndTheOddPerson(t *testing.T) {
	people := randomPeople(9, 5)
	sc := NewScorer(people, PresetRules("executive-peer"), Context{Today: today})
	r := Suggest(sc, nil, JoinTriad)
	if len(r.Pairs) != 4 || len(r.Unpaired) != 0 {
		t.Fatalf("9 people in triad mode: %d pairs, %d unpaired", len(r.Pairs), len(r.Unpaired))
	}
	triads := 0
	for _, p := range r.Pairs {
		if len(p.Members) == 3 {
			triads++
			if !strings.Contains(reasons(p.Score), "joins as a third") {
				t.Errorf("triad reasons: %s", reasons(p.Score))
			}
		}
	}
	if triads != 1 {
		t.Errorf("%d triads, want 1", triads)
	}

	sit := Suggest(sc, nil, SitOut)
	if len(sit.Pairs) != 4 || len(sit.Unpaired) != 1 || !strings.Contains(sit.Unpaired[0].Why, "sits out") {
		t.Fatalf("sit-out mode: %d pairs, unpaired %+v", len(sit.Pairs), sit.Unpaired)
	}

	// Lock the weakest pair: it stays, whatever else changes.
	weak := sit.Weakest()
	locked := Group{Members: []int64{sc.People[weak.Members[0]].ID, sc.People[weak.Members[1]].ID}}
	r = Suggest(sc, []Group{locked}, SitOut)
	found := false
	for _, p := range r.Pairs {
		if p.Locked && len(p.Members) == 2 && sc.People[p.Members[0]].ID == locked.Members[0] && sc.People[p.Members[1]].ID == locked.Members[1] {
			found = true
		}
	}
	if !found {
		t.Errorf("the locked pair is not in the round")
	}

	// Reject the best pair: its members are never paired together again in this round.
	best := sit.Pairs[0]
	a, b := sc.People[best.Members[0]].ID, sc.People[best.Members[1]].ID
	sc2 := NewScorer(people, PresetRules("executive-peer"), Context{Today: today, Rejected: [][2]int64{{a, b}}})
	r = Suggest(sc2, nil, SitOut)
	if strings.Contains(" "+pairsByID(sc2, r)+" ", fmt.Sprintf("[%d %d]", min(a, b), max(a, b))) {
		t.Errorf("rejected pair %d–%d suggested again", a, b)
	}
	if r.Total > sit.Total {
		t.Errorf("a rejection raised the total from %.1f to %.1f", sit.Total, r.Total)
	}
}

func TestWhoIsLeftOutAndWhy(t *testing.T) {
	flat := [3]float64{0.5, 0.5, 0.5}
	people := []Person{
		person(1, "Ana", "Northwind", 4, "", flat, "", ""),
		person(2, "Ben", "Northwind", 4, "", flat, "", ""),
		person(3, "Cara", "Northwind", 4, "", flat, "", ""),
		person(4, "Dev", "Helix", 4, "", flat, "", ""),
		person(5, "Eve", "Orbital", 4, "", flat, "", ""),
	}
	people[4].Free = 0
	sc := NewScorer(people, PresetRules("executive-peer"), Context{Today: today})
	r := Suggest(sc, nil, JoinTriad)
	why := map[string]string{}
	for _, u := range r.Unpaired {
		why[sc.People[u.Member].Name] = u.Why
	}
	if len(r.Pairs) != 1 || len(r.Unpaired) != 3 {
		t.Fatalf("pairs %s, unpaired %v", pairsByID(sc, r), why)
	}
	if !strings.Contains(why["Eve"], "no room for another partnership") {
		t.Errorf("Eve: %q", why["Eve"])
	}
	for name, w := range why {
		if name != "Eve" && !strings.Contains(w, "No one can be paired with") && !strings.Contains(w, "needed in another pair") {
			t.Errorf("%s: %q", name, w)
		}
	}
}

// Target: a 300-person round (scores and matching) well inside the 100 ms a suggestion may take.
func BenchmarkSuggest300(b *testing.B) {
	people := randomPeople(300, 4)
	for b.Loop() {
		sc := NewScorer(people, PresetRules("executive-peer"), Context{Today: today})
		if r := Suggest(sc, nil, JoinTriad); len(r.Pairs) == 0 {
			b.Fatal("no pairs")
		}
	}
}

func TestUnpairedSentence(t *testing.T) {
	for n, want := range map[int]string{0: "", 1: "1 person is not paired.", 3: "3 people are not paired."} {
		r := Round{Unpaired: make([]Unpaired, n)}
		if got := r.UnpairedSentence(); got != want {
			t.Errorf("%d unpaired: %q, want %q", n, got, want)
		}
	}
}
