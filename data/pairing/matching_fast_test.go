package pairing

import (
	"math/rand/v2"
	"testing"
)

// fastPathGraph draws a random graph of one of the families every faster
// path is checked on: complete graphs with coarse, fine and tied weights,
// negative weights with self-loops and repeated pairs, score-like weights
// and sparse graphs.
func fastPathGraph(r *rand.Rand, i, n int) []Edge {
	switch i % 7 {
	case 0:
		return randomWeightedGraph(r, n, 1, 0, 1000, false)
	case 1:
		return randomWeightedGraph(r, n, 1, 0, 1_000_000_000, false)
	case 2:
		return randomWeightedGraph(r, n, 0.9, 0, 3, false)
	case 3:
		return randomWeightedGraph(r, n, 0.7, -100, 100, true)
	case 4:
		return scoreLikeGraph(n, r.Uint64())
	case 5:
		return randomWeightedGraph(r, n, 4/float64(n), 1, 1000, false)
	default:
		return randomWeightedGraph(r, n, 0.5, -1000, 10, true)
	}
}

// Candidate pricing gives an optimum with a valid certificate for the full
// graph, of the same weight as the reference solver's, even when each
// vertex brings only one or two candidates.
func TestMatchingCandidatesAgainstReference(t *testing.T) {
	count := 2000
	if testing.Short() {
		count = 300
	}
	r := rand.New(rand.NewPCG(16, 1))
	for i := range count {
		n := 2 + r.IntN(50)
		edges := fastPathGraph(r, i, n)
		maxCard := r.IntN(2) == 0
		shift := cardinalityShift(n, edges, maxCard)
		s := solveByCandidates(n, edgeList(edges), shift, 1+r.IntN(4), n <= 64)
		mate := s.mates()
		if err := verifyOptimum(n, edges, maxCard, mate, s.certificate()); err != nil {
			t.Fatalf("graph %d n=%d maxCard=%v edges=%v: %v", i, n, maxCard, edges, err)
		}
		sameAsReference(t, n, edges, maxCard, mate)
	}
}

// A Solver re-solved warm after a run of rejects and locks gives, at every
// step, an optimum of the graph as it then is: a valid certificate and the
// reference solver's cardinality and weight.
func TestSolverWarmResolves(t *testing.T) {
	count := 300
	if testing.Short() {
		count = 60
	}
	r := rand.New(rand.NewPCG(16, 2))
	for i := range count {
		n := 2 + r.IntN(70)
		edges := fastPathGraph(r, i, n)
		maxCard := r.IntN(2) == 0
		x := NewSolver(n, edges, maxCard)
		for step := range 6 {
			if err := verifyOptimum(n, x.edges, maxCard, x.last.mates(), x.last.certificate()); err != nil {
				t.Fatalf("graph %d step %d n=%d maxCard=%v: %v", i, step, n, maxCard, err)
			}
			sameAsReference(t, n, x.edges, maxCard, x.last.mates())
			mate := x.Mates()
			v := r.IntN(n)
			switch {
			case x.locked[v] >= 0:
			case mate[v] >= 0 && r.IntN(3) > 0:
				x.Reject(v, mate[v])
			case mate[v] >= 0:
				x.Lock(v, mate[v])
			default:
				if u := r.IntN(n); u != v && x.locked[u] < 0 {
					if r.IntN(2) == 0 {
						x.Lock(u, v)
					} else {
						x.Reject(u, v)
					}
				}
			}
			got := x.Mates()
			for v, u := range x.locked {
				if u >= 0 && got[v] != u {
					t.Fatalf("graph %d: locked %d–%d, mates say %d", i, v, u, got[v])
				}
			}
		}
	}
}

// Medium graphs of every family, solved by the public path (candidates for
// the dense ones) and checked by certificate and against the reference.
func TestMatchingFastPathsMediumGraphs(t *testing.T) {
	if testing.Short() {
		t.Skip("medium cross-checks take a while")
	}
	r := rand.New(rand.NewPCG(16, 3))
	for i := range 42 {
		n := 60 + r.IntN(240)
		edges := fastPathGraph(r, i, n)
		for _, maxCard := range []bool{false, true} {
			solveChecked(t, n, edges, maxCard)
		}
	}
}

// MaxWeightMatchingFunc, given the pairs by a function, finds an optimum of
// the same cardinality and weight as the reference solver on the listed
// graph, small and dense alike.
func TestMatchingFuncAgainstReference(t *testing.T) {
	count := 140
	if testing.Short() {
		count = 35
	}
	r := rand.New(rand.NewPCG(16, 4))
	for i := range count {
		n := 2 + r.IntN(150)
		listed := fastPathGraph(r, i, n)
		// One weight per pair, the heaviest listed, as the solvers count it.
		w := pairWeights(listed)
		var edges []Edge
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if x, ok := w[[2]int{i, j}]; ok {
					edges = append(edges, Edge{i, j, x})
				}
			}
		}
		for _, maxCard := range []bool{false, true} {
			mate := MaxWeightMatchingFunc(n, func(i, j int) (int64, bool) {
				x, ok := w[[2]int{i, j}]
				return x, ok
			}, maxCard)
			sameAsReference(t, n, edges, maxCard, mate)
		}
	}
}

// With little or no budget for repairs, the solver falls back to growing the
// forest again after augmentations, and with few trees grown at a time it
// plants the others as trees dissolve; either way it finds the optimum.
func TestMatchingRepairFallback(t *testing.T) {
	count := 600
	if testing.Short() {
		count = 150
	}
	r := rand.New(rand.NewPCG(16, 5))
	for i := range count {
		n := 2 + r.IntN(40)
		edges := fastPathGraph(r, i, n)
		maxCard := r.IntN(2) == 0
		s := buildSolver(n, edges, cardinalityShift(n, edges, maxCard), true)
		s.repairBudget = r.IntN(3) * r.IntN(4*n)
		s.maxLive = 1 + r.IntN(4)
		s.jumpStart()
		s.solve()
		if err := verifyOptimum(n, edges, maxCard, s.mates(), s.certificate()); err != nil {
			t.Fatalf("graph %d n=%d maxCard=%v budget=%d trees=%d edges=%v: %v", i, n, maxCard, s.repairBudget, s.maxLive, edges, err)
		}
		sameAsReference(t, n, edges, maxCard, s.mates())
	}
}
