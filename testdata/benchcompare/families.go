package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"mutua/data/pairing"
)

// A family is one kind of graph the comparison times, generated from a fixed seed so every
// run (and LEMON) sees the same graphs.
type family struct {
	key      string // what -family matches
	name     string // the row label, naming the weight distribution
	sizes    []int  // N for the full run
	quick    []int  // N for -quick
	oursMC   bool   // maximum cardinality first, as the app's round asks
	oursOnly []int  // sizes timed for ours only (no LEMON), with their peak memory
	gen      func(n int, seed uint64) []pairing.Edge
}

var families = []family{
	{key: "uniform1000", name: "complete, uniform 0..1000", sizes: []int{1000}, quick: []int{300},
		oursMC: true, gen: func(n int, seed uint64) []pairing.Edge { return completeUniform(n, 1000, seed) }},
	{key: "uniform1e9", name: "complete, uniform 0..10^9", sizes: []int{1000, 2000}, quick: []int{300},
		oursMC: true, gen: func(n int, seed uint64) []pairing.Edge { return completeUniform(n, 1_000_000_000, seed) }},
	{key: "score", name: "complete, score-like (scores ×10, 0..1000; same company barred)", sizes: []int{300, 1000, 3000},
		quick: []int{300}, oursOnly: []int{5000}, oursMC: true, gen: completeScores},
	{key: "sparse", name: "sparse random, average degree 10, uniform 1..10^6", sizes: []int{1000, 5000}, quick: []int{1000},
		oursMC: true, gen: sparseRandom},
	{key: "equal", name: "complete, all weights equal (1)", sizes: []int{1000}, quick: []int{300},
		oursMC: true, gen: func(n int, _ uint64) []pairing.Edge { return completeUniform(n, 0, 0) }},
	{key: "slow", name: "sparse, slow by construction (van Rantwijk)", sizes: []int{5004, 10004}, quick: []int{1004},
		oursMC: false, gen: func(n int, _ uint64) []pairing.Edge { return slowSparse(n) }},
}

func findFamily(key string) (family, bool) {
	for _, f := range families {
		if f.key == key {
			return f, true
		}
	}
	return family{}, false
}

// completeUniform is the complete graph with weights drawn uniformly from 0..max; with max 0
// every weight is 1.
func completeUniform(n int, max int64, seed uint64) []pairing.Edge {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	edges := make([]pairing.Edge, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			w := int64(1)
			if max > 0 {
				w = r.Int64N(max + 1)
			}
			edges = append(edges, pairing.Edge{I: i, J: j, W: w})
		}
	}
	return edges
}

// sparseRandom has 5n distinct random edges (average degree 10), weights uniform 1..10^6.
func sparseRandom(n int, seed uint64) []pairing.Edge {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	m := 5 * n
	if most := n * (n - 1) / 2; m > most {
		m = most
	}
	seen := make(map[[2]int]bool, m)
	edges := make([]pairing.Edge, 0, m)
	for len(edges) < m {
		i, j := r.IntN(n), r.IntN(n)
		if i == j {
			continue
		}
		if i > j {
			i, j = j, i
		}
		if seen[[2]int{i, j}] {
			continue
		}
		seen[[2]int{i, j}] = true
		edges = append(edges, pairing.Edge{I: i, J: j, W: 1 + r.Int64N(1_000_000)})
	}
	return edges
}

// completeScores scores every pair of n made-up participants with the app's own scorer under
// the default preset (executive peer circle) and keeps the score in tenths of a point, 0..1000,
// as the weight. Four criteria add up, so the scores are bell-shaped around the middle; pairs
// from the same company (one of 20, about 5% of pairs) are barred by the hard rule.
func completeScores(n int, seed uint64) []pairing.Edge {
	people := randomPeople(n, seed)
	sc := pairing.NewScorer(people, pairing.PresetRules(""), pairing.Context{Today: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)})
	edges := make([]pairing.Edge, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			total, allowed := sc.Total(i, j)
			if !allowed {
				continue
			}
			edges = append(edges, pairing.Edge{I: i, J: j, W: int64(total*10 + 0.5)})
		}
	}
	return edges
}

var (
	themes     = []string{"strategy", "finance", "negotiation", "coaching", "public speaking", "operations", "sales", "product", "hiring", "change", "data", "board work"}
	industries = []string{"banking", "health", "retail", "energy", "software", "public sector", "logistics", "media"}
	functions  = []string{"finance", "operations", "sales", "technology", "people", "marketing"}
)

// randomPeople makes n participants with the mix of details a real cohort has: most assessed,
// a few details missing here and there.
func randomPeople(n int, seed uint64) []pairing.Person {
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(k int, from []string) []string {
		var out []string
		for _, i := range r.Perm(len(from))[:k] {
			out = append(out, from[i])
		}
		return out
	}
	people := make([]pairing.Person, n)
	for i := range people {
		p := &people[i]
		p.ID = int64(i + 1)
		p.Name = fmt.Sprintf("Person %d", i+1)
		p.Company = fmt.Sprintf("Company %d", r.IntN(20))
		p.Industry = industries[r.IntN(len(industries))]
		p.Function = functions[r.IntN(len(functions))]
		if r.IntN(10) > 0 {
			p.Seniority = 1 + r.IntN(6)
		}
		p.Strengths = pick(1+r.IntN(4), themes)
		p.Development = pick(1+r.IntN(3), themes)
		if r.IntN(10) > 0 {
			job, career, calling := r.Float64(), r.Float64(), r.Float64()
			p.Profile = map[string]float64{"job": job, "career": career, "calling": calling}
		}
		p.Free = 1
	}
	return people
}

// slowSparse is Joris van Rantwijk's sparse graph that makes the O(n³) blossom algorithm take
// Θ(n²) dual steps on O(n) edges: n must be 4 modulo 8 and at least 12. The construction and its
// weights are his (tests/generate/make_slow_graph.py, make_sparse_slow_graph, in
// github.com/jorisvr/maximum-weight-matching at commit 8d69a33), written again here in Go.
func slowSparse(n int) []pairing.Edge {
	if n < 12 || n%8 != 4 {
		panic("slowSparse: n must be 4 modulo 8 and at least 12")
	}
	p := (n - 4) / 4 // pairs in the top layer
	q := p / 2       // pairs in each bottom group
	maxW := int64(16 * (q + 1) * (p + 2))
	var edges []pairing.Edge
	add := func(x, y int, w int64) { edges = append(edges, pairing.Edge{I: x, J: y, W: w}) }
	for i := 0; i < p; i++ {
		add(2*i, 2*i+1, maxW-int64(i))
	}
	for k := 0; k < 2; k++ {
		for i := 0; i < p; i++ {
			w := maxW - int64(p)
			if k == 1 {
				w = maxW - int64(p) - 1 - int64(i)
			}
			add(2*i+1, 2*p+2*k, w)
		}
		w := maxW - int64(2*p) - 1
		if k == 1 {
			w = maxW - int64(4*p) - 2
		}
		add(2*p+2*k, 2*p+2*k+1, w)
	}
	for k := 0; k < 2; k++ {
		for i := 0; i < q; i++ {
			add(2*p+2*k+1, 2*p+4+2*q*k+2*i, maxW-int64((2*i+k)*(2*p+4))-int64(4*p)+1)
		}
		for i := 0; i < q; i++ {
			x := 2*p + 4 + 2*q*k + 2*i
			add(x, x+1, maxW-int64((2*i+k+1)*8*p)-int64((2*i+k)*12))
		}
	}
	return edges
}
