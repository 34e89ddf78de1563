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
// plants the others as trees dissolve; either way, and with the duals stored
// again after most adjustments, it finds the optimum.
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
		if r.IntN(2) == 0 {
			s.rebaseAt = r.Int64N(50) // store the duals again after most adjustments
		}
		s.jumpStart()
		s.solve()
		if err := verifyOptimum(n, edges, maxCard, s.mates(), s.certificate()); err != nil {
			t.Fatalf("graph %d n=%d maxCard=%v budget=%d trees=%d rebase=%d edges=%v: %v", i, n, maxCard, s.repairBudget, s.maxLive, s.rebaseAt, edges, err)
		}
		sameAsReference(t, n, edges, maxCard, s.mates())
	}
}

// A vertex inside a T-blossom that several S-vertices reach by tight edges
// keeps only the first as its mark. When that S-vertex's tree is dissolved
// and the blossom is later expanded, the vertex must still bound delta2 by
// the tight edges of the others; otherwise the next adjustment overshoots
// and leaves an edge with negative slack. (Found by random graphs with
// tied weights, one tree grown at a time in the first stage.)
func TestMatchingMarkFromDissolvedTree(t *testing.T) {
	const n = 105
	edges := []Edge{
		{46, 16, 3}, {48, 52, 3}, {9, 47, 3}, {63, 81, 3}, {70, 6, 1}, {56, 6, 1}, {66, 6, 3},
		{21, 20, 3}, {71, 40, 3}, {50, 35, 3}, {0, 73, 3}, {6, 64, 1}, {10, 37, 3}, {12, 102, 3},
		{51, 97, 3}, {31, 55, 3}, {80, 17, 3}, {4, 11, 3}, {28, 92, 3}, {2, 14, 3}, {53, 16, 3},
		{47, 32, 3}, {26, 0, 3}, {22, 62, 3}, {31, 43, 3}, {53, 6, 3}, {37, 29, 2}, {19, 87, 3},
		{95, 36, 3}, {89, 29, 3}, {101, 66, 3}, {78, 65, 3}, {52, 74, 2}, {12, 58, 3}, {32, 100, 2},
		{98, 4, 3}, {44, 38, 3}, {76, 68, 3}, {52, 102, 2}, {0, 38, 3}, {14, 10, 1}, {25, 30, 3},
		{93, 6, 1}, {18, 1, 3}, {68, 75, 2}, {52, 3, 3}, {71, 21, 3}, {34, 74, 3}, {41, 75, 3},
		{5, 41, 3}, {4, 52, 1}, {55, 73, 3}, {23, 69, 3}, {28, 14, 2}, {83, 38, 3}, {3, 7, 2},
		{61, 51, 3}, {51, 77, 2}, {79, 16, 3}, {44, 96, 2}, {63, 55, 3}, {63, 92, 3}, {56, 8, 3},
		{101, 94, 3}, {1, 94, 3}, {89, 67, 2}, {4, 54, 1}, {45, 73, 1}, {91, 15, 2}, {6, 4, 3},
		{58, 38, 3}, {9, 35, 3}, {27, 57, 3}, {90, 9, 3}, {50, 67, 3}, {14, 62, 3}, {61, 86, 2},
		{10, 91, 3}, {11, 82, 3}, {85, 4, 2}, {15, 88, 1}, {42, 104, 3}, {6, 19, 2}, {9, 99, 3},
		{15, 97, 3}, {78, 14, 3}, {49, 13, 3}, {6, 80, 2}, {104, 7, 3}, {54, 99, 3}, {72, 83, 3},
		{11, 42, 1}, {61, 32, 3}, {94, 21, 1}, {70, 96, 1}, {104, 4, 2}, {67, 53, 3}, {25, 6, 2},
		{86, 84, 3}, {70, 17, 2}, {47, 37, 3}, {64, 33, 3}, {67, 48, 3}, {30, 88, 3}, {75, 55, 3},
		{3, 15, 3}, {66, 23, 3}, {28, 11, 3}, {67, 73, 2}, {6, 27, 2}, {17, 10, 2}, {67, 44, 3},
		{5, 69, 3}, {2, 35, 3}, {12, 73, 1}, {69, 67, 3}, {39, 75, 1}, {75, 24, 3}, {59, 82, 3},
		{10, 11, 3}, {52, 20, 3}, {26, 58, 2}, {46, 24, 3}, {51, 103, 3}, {52, 26, 3}, {60, 35, 1},
		{49, 24, 3}, {52, 34, 1}, {26, 95, 3},
	}
	for _, check := range []bool{false, true} {
		s := buildSolver(n, edges, cardinalityShift(n, edges, false), check)
		s.repairBudget = 1052
		s.maxLive = 1
		s.jumpStart()
		s.solve()
		if err := verifyOptimum(n, edges, false, s.mates(), s.certificate()); err != nil {
			t.Fatalf("checkDelta=%v: %v", check, err)
		}
		sameAsReference(t, n, edges, false, s.mates())
	}
}
