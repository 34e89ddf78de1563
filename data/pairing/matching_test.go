package pairing

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// solveChecked runs the solver with its internal bookkeeping checks on (when
// the graph is small enough for them), verifies the result against the dual
// certificate, checks that the reference solver finds the same cardinality
// and weight, and returns the mates.
func solveChecked(t testing.TB, n int, edges []Edge, maxCard bool) []int {
	t.Helper()
	s := solveGraph(n, edges, maxCard, n <= 64)
	mate := s.mates()
	if err := verifyOptimum(n, edges, maxCard, mate, s.certificate()); err != nil {
		t.Fatalf("n=%d maxCard=%v edges=%v: %v", n, maxCard, edges, err)
	}
	// The public entry point must agree with the checked run.
	if got := MaxWeightMatching(n, edges, maxCard); !slices.Equal(got, mate) {
		t.Fatalf("n=%d maxCard=%v edges=%v: MaxWeightMatching gave %v, checked run %v", n, maxCard, edges, got, mate)
	}
	sameAsReference(t, n, edges, maxCard, mate)
	return mate
}

// sameAsReference checks mate against the reference solver: the same
// cardinality and weight, and a valid certificate for the reference too.
func sameAsReference(t testing.TB, n int, edges []Edge, maxCard bool, mate []int) {
	t.Helper()
	ref := referenceSolve(n, edges, maxCard, n <= 64)
	refMate := ref.mates()
	if err := verifyOptimum(n, edges, maxCard, refMate, ref.certificate()); err != nil {
		t.Fatalf("reference solver, n=%d maxCard=%v edges=%v: %v", n, maxCard, edges, err)
	}
	card, total, err := checkMatching(n, edges, mate)
	if err != nil {
		t.Fatal(err)
	}
	refCard, refTotal, _ := checkMatching(n, edges, refMate)
	if total != refTotal || (maxCard && card != refCard) {
		t.Fatalf("n=%d maxCard=%v edges=%v: cardinality %d weight %d, reference %d %d", n, maxCard, edges, card, total, refCard, refTotal)
	}
}

// pairWeights returns, per unordered pair, the heaviest listed edge weight.
// Self-loops are skipped.
func pairWeights(edges []Edge) map[[2]int]int64 {
	w := make(map[[2]int]int64)
	for _, e := range edges {
		if e.I == e.J {
			continue
		}
		key := [2]int{min(e.I, e.J), max(e.I, e.J)}
		if old, ok := w[key]; !ok || e.W > old {
			w[key] = e.W
		}
	}
	return w
}

// checkMatching reports whether mate is a symmetric matching that uses only
// listed edges, and returns its cardinality and total weight.
func checkMatching(n int, edges []Edge, mate []int) (card int, total int64, err error) {
	if len(mate) != n {
		return 0, 0, fmt.Errorf("len(mate) = %d, want %d", len(mate), n)
	}
	w := pairWeights(edges)
	for v, m := range mate {
		if m == -1 {
			continue
		}
		if m < 0 || m >= n || m == v || mate[m] != v {
			return 0, 0, fmt.Errorf("mate[%d] = %d is not symmetric", v, m)
		}
		ew, ok := w[[2]int{min(v, m), max(v, m)}]
		if !ok {
			return 0, 0, fmt.Errorf("pair %d–%d is not a listed edge", v, m)
		}
		if v < m {
			card++
			total += ew
		}
	}
	return card, total, nil
}

// verifyOptimum checks mate against a dual certificate and returns a
// description of the first violation, or nil.
//
// It follows the optimality check of van Rantwijk's mwmatching
// (verifyOptimum), stated for the linear programme of Edmonds' matching
// polytope with doubled vertex duals y(v) = 2·u(v) and blossom duals z(B):
//
//   - every y(v) and z(B) is non-negative and each blossom is an odd set;
//   - every listed edge has non-negative slack
//     y(i) + y(j) − 2·w(i,j) + 2·Σ{z(B) : i, j ∈ B};
//   - matched pairs have zero slack;
//   - unmatched vertices have y(v) = 0;
//   - a blossom with z(B) > 0 holds (|B|−1)/2 matched pairs;
//
// and then the matching's weight equals the dual objective, which proves it
// maximum by weak duality. Weights are taken with the certificate's shift
// added. With maxCardinality the shift must exceed ⌊n/2⌋·(max(W,0) −
// min(W,0)), recomputed here, so that the heaviest matching under shifted
// weights is of maximum size; the condition "unmatched vertices have dual
// zero" then reads, in unshifted terms, "unmatched vertices have the minimum
// dual" as in van Rantwijk's maxcardinality check.
func verifyOptimum(n int, edges []Edge, maxCard bool, mate []int, c certificate) error {
	if _, _, err := checkMatching(n, edges, mate); err != nil {
		return err
	}
	minW, maxW := int64(0), int64(0)
	for _, e := range edges {
		if e.I != e.J {
			minW, maxW = min(minW, e.W), max(maxW, e.W)
		}
	}
	if maxCard {
		if c.shift <= int64(n/2)*(maxW-minW) {
			return fmt.Errorf("shift %d too small to force maximum cardinality (need > %d)", c.shift, int64(n/2)*(maxW-minW))
		}
	} else if c.shift != 0 {
		return fmt.Errorf("shift %d without maxCardinality", c.shift)
	}
	if len(c.dual) != n {
		return fmt.Errorf("certificate has %d vertex duals, want %d", len(c.dual), n)
	}
	for v, y := range c.dual {
		if y < 0 {
			return fmt.Errorf("vertex %d has negative dual %d", v, y)
		}
		if mate[v] == -1 && y != 0 {
			return fmt.Errorf("unmatched vertex %d has dual %d, want 0", v, y)
		}
	}
	// member[b][v] says whether vertex v is in blossom b.
	member := make([][]bool, len(c.blossoms))
	var dualObjective int64
	for _, y := range c.dual {
		dualObjective += y
	}
	for b, bl := range c.blossoms {
		if bl.z < 0 {
			return fmt.Errorf("blossom %v has negative dual %d", bl.vertices, bl.z)
		}
		if len(bl.vertices)%2 != 1 || len(bl.vertices) < 3 {
			return fmt.Errorf("blossom %v is not an odd set of at least 3 vertices", bl.vertices)
		}
		member[b] = make([]bool, n)
		for _, v := range bl.vertices {
			if member[b][v] {
				return fmt.Errorf("blossom %v lists vertex %d twice", bl.vertices, v)
			}
			member[b][v] = true
		}
		if bl.z > 0 {
			inside := 0
			for _, v := range bl.vertices {
				if m := mate[v]; m > v && member[b][m] {
					inside++
				}
			}
			if inside != len(bl.vertices)/2 {
				return fmt.Errorf("blossom %v has dual %d but only %d matched pairs inside", bl.vertices, bl.z, inside)
			}
		}
		dualObjective += 2 * bl.z * int64(len(bl.vertices)/2)
	}
	slackOf := func(i, j int, w int64) int64 {
		s := c.dual[i] + c.dual[j] - 2*(w+c.shift)
		for b, bl := range c.blossoms {
			if member[b][i] && member[b][j] {
				s += 2 * bl.z
			}
		}
		return s
	}
	for k, e := range edges {
		if e.I == e.J {
			continue
		}
		if s := slackOf(e.I, e.J, e.W); s < 0 {
			return fmt.Errorf("edge %d %v has negative slack %d", k, e, s)
		}
	}
	var primal int64
	for pair, w := range pairWeights(edges) {
		i, j := pair[0], pair[1]
		if mate[i] != j {
			continue
		}
		if s := slackOf(i, j, w); s != 0 {
			return fmt.Errorf("matched pair %d–%d (weight %d) has slack %d", i, j, w, s)
		}
		primal += 2 * (w + c.shift)
	}
	if primal != dualObjective {
		return fmt.Errorf("matching weight %d (doubled, shifted) differs from dual objective %d", primal, dualObjective)
	}
	return nil
}

// bruteForceMatching returns the best (cardinality, weight) over all matchings, by
// dynamic programming over vertex subsets. Without maxCard only the weight
// counts (cardinality is that of some heaviest matching and is not
// compared).
func bruteForceMatching(n int, edges []Edge, maxCard bool) (card int, total int64) {
	if n == 0 {
		return 0, 0
	}
	const none = int64(-1) << 62
	w := make([]int64, n*n)
	for i := range w {
		w[i] = none
	}
	for pair, ew := range pairWeights(edges) {
		w[pair[0]*n+pair[1]] = ew
		w[pair[1]*n+pair[0]] = ew
	}
	type value struct {
		card  int
		total int64
	}
	better := func(a, b value) bool {
		if maxCard && a.card != b.card {
			return a.card > b.card
		}
		return a.total > b.total
	}
	memo := make([]value, 1<<n)
	// memo[mask] is the best matching on the vertices in mask; masks are
	// processed in increasing order, so smaller masks are ready.
	for mask := 1; mask < 1<<n; mask++ {
		v := 0
		for mask&(1<<v) == 0 {
			v++
		}
		rest := mask &^ (1 << v)
		best := memo[rest] // v unmatched
		for u := v + 1; u < n; u++ {
			if rest&(1<<u) == 0 || w[v*n+u] == none {
				continue
			}
			sub := memo[rest&^(1<<u)]
			cand := value{sub.card + 1, sub.total + w[v*n+u]}
			if better(cand, best) {
				best = cand
			}
		}
		memo[mask] = best
	}
	r := memo[1<<n-1]
	return r.card, r.total
}

// randomWeightedGraph draws a graph on n vertices: each pair becomes an edge with
// probability p, with a weight uniform in [lo, hi]. With extras it also adds
// a few self-loops and repeated pairs with other weights.
func randomWeightedGraph(r *rand.Rand, n int, p float64, lo, hi int64, extras bool) []Edge {
	var edges []Edge
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if r.Float64() < p {
				a, b := i, j
				if r.IntN(2) == 0 {
					a, b = b, a
				}
				edges = append(edges, Edge{a, b, lo + r.Int64N(hi-lo+1)})
			}
		}
	}
	r.Shuffle(len(edges), func(a, b int) { edges[a], edges[b] = edges[b], edges[a] })
	if extras && n > 0 {
		for range r.IntN(3) {
			v := r.IntN(n)
			edges = append(edges, Edge{v, v, lo + r.Int64N(hi-lo+1)})
		}
		for range r.IntN(4) {
			if len(edges) == 0 {
				break
			}
			e := edges[r.IntN(len(edges))]
			if e.I != e.J {
				edges = append(edges, Edge{e.J, e.I, lo + r.Int64N(hi-lo+1)})
			}
		}
	}
	return edges
}

// compareWithBruteForce solves a graph and checks the optimum against
// exhaustive search.
func compareWithBruteForce(t testing.TB, n int, edges []Edge, maxCard bool) {
	t.Helper()
	mate := solveChecked(t, n, edges, maxCard)
	card, total, err := checkMatching(n, edges, mate)
	if err != nil {
		t.Fatalf("n=%d maxCard=%v edges=%v: %v", n, maxCard, edges, err)
	}
	wantCard, wantTotal := bruteForceMatching(n, edges, maxCard)
	if total != wantTotal || (maxCard && card != wantCard) {
		t.Fatalf("n=%d maxCard=%v edges=%v: got cardinality %d weight %d, brute force %d %d (mate %v)",
			n, maxCard, edges, card, total, wantCard, wantTotal, mate)
	}
}

// The classic hand-made cases from van Rantwijk's mwmatching test suite,
// each aimed at one path through blossom creation, relabelling, expansion
// and augmentation. The optimum is unique in each, so the mates are exact.
func TestMatchingClassicCases(t *testing.T) {
	type tc struct {
		name    string
		edges   [][3]int64
		maxCard bool
		want    []int
	}
	cases := []tc{
		{"empty", nil, false, []int{}},
		{"single edge", [][3]int64{{0, 1, 1}}, false, []int{1, 0}},
		{"path of 3", [][3]int64{{1, 2, 10}, {2, 3, 11}}, false, []int{-1, -1, 3, 2}},
		{"path of 4", [][3]int64{{1, 2, 5}, {2, 3, 11}, {3, 4, 5}}, false, []int{-1, -1, 3, 2, -1}},
		{"path of 4, max cardinality", [][3]int64{{1, 2, 5}, {2, 3, 11}, {3, 4, 5}}, true, []int{-1, 2, 1, 4, 3}},
		// The floating-point case (π, e, 3, √2) scaled by 1000.
		{"scaled float weights", [][3]int64{{1, 2, 3142}, {2, 3, 2718}, {1, 3, 3000}, {1, 4, 1414}}, false, []int{-1, 4, 3, 2, 1}},
		{"negative weights", [][3]int64{{1, 2, 2}, {1, 3, -2}, {2, 3, 1}, {2, 4, -1}, {3, 4, -6}}, false, []int{-1, 2, 1, -1, -1}},
		{"negative weights, max cardinality", [][3]int64{{1, 2, 2}, {1, 3, -2}, {2, 3, 1}, {2, 4, -1}, {3, 4, -6}}, true, []int{-1, 3, 4, 1, 2}},
		{"S-blossom, augment", [][3]int64{{1, 2, 8}, {1, 3, 9}, {2, 3, 10}, {3, 4, 7}}, false, []int{-1, 2, 1, 4, 3}},
		{"S-blossom, augment 2", [][3]int64{{1, 2, 8}, {1, 3, 9}, {2, 3, 10}, {3, 4, 7}, {1, 6, 5}, {4, 5, 6}}, false, []int{-1, 6, 3, 2, 5, 4, 1}},
		{"S-blossom relabelled T, augment", [][3]int64{{1, 2, 9}, {1, 3, 8}, {2, 3, 10}, {1, 4, 5}, {4, 5, 4}, {1, 6, 3}}, false, []int{-1, 6, 3, 2, 5, 4, 1}},
		{"S-blossom relabelled T, augment 2", [][3]int64{{1, 2, 9}, {1, 3, 8}, {2, 3, 10}, {1, 4, 5}, {4, 5, 3}, {1, 6, 4}}, false, []int{-1, 6, 3, 2, 5, 4, 1}},
		{"S-blossom relabelled T, augment 3", [][3]int64{{1, 2, 9}, {1, 3, 8}, {2, 3, 10}, {1, 4, 5}, {4, 5, 3}, {3, 6, 4}}, false, []int{-1, 2, 1, 6, 5, 4, 3}},
		{"nested S-blossom, augment", [][3]int64{{1, 2, 9}, {1, 3, 9}, {2, 3, 10}, {2, 4, 8}, {3, 5, 8}, {4, 5, 10}, {5, 6, 6}}, false, []int{-1, 3, 4, 1, 2, 6, 5}},
		{"S-blossom relabelled S, nested", [][3]int64{{1, 2, 10}, {1, 7, 10}, {2, 3, 12}, {3, 4, 20}, {3, 5, 20}, {4, 5, 25}, {5, 6, 10}, {6, 7, 10}, {7, 8, 8}}, false, []int{-1, 2, 1, 4, 3, 6, 5, 8, 7}},
		{"nested S-blossom, augment, expand recursively", [][3]int64{{1, 2, 8}, {1, 3, 8}, {2, 3, 10}, {2, 4, 12}, {3, 5, 12}, {4, 5, 14}, {4, 6, 12}, {5, 7, 12}, {6, 7, 14}, {7, 8, 12}}, false, []int{-1, 2, 1, 5, 6, 3, 4, 8, 7}},
		{"S-blossom relabelled T, expand", [][3]int64{{1, 2, 23}, {1, 5, 22}, {1, 6, 15}, {2, 3, 25}, {3, 4, 22}, {4, 5, 25}, {4, 8, 14}, {5, 7, 13}}, false, []int{-1, 6, 3, 2, 8, 7, 1, 5, 4}},
		{"nested S-blossom relabelled T, expand", [][3]int64{{1, 2, 19}, {1, 3, 20}, {1, 8, 8}, {2, 3, 25}, {2, 4, 18}, {3, 5, 18}, {4, 5, 13}, {4, 7, 7}, {5, 6, 7}}, false, []int{-1, 8, 3, 2, 7, 6, 5, 4, 1}},
		{"T-blossom relabelled in two ways, expand, augment", [][3]int64{{1, 2, 45}, {1, 5, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 50}, {1, 6, 30}, {3, 9, 35}, {4, 8, 35}, {5, 7, 26}, {9, 10, 5}}, false, []int{-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9}},
		{"T-blossom relabelled in two ways, variant", [][3]int64{{1, 2, 45}, {1, 5, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 50}, {1, 6, 30}, {3, 9, 35}, {4, 8, 26}, {5, 7, 40}, {9, 10, 5}}, false, []int{-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9}},
		{"T-blossom expand creates least-slack S-to-free edge", [][3]int64{{1, 2, 45}, {1, 5, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 50}, {1, 6, 30}, {3, 9, 35}, {4, 8, 28}, {5, 7, 26}, {9, 10, 5}}, false, []int{-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9}},
		{"nested T-blossom expand puts inner blossom on augmenting path", [][3]int64{{1, 2, 45}, {1, 7, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 95}, {4, 6, 94}, {5, 6, 94}, {6, 7, 50}, {1, 8, 30}, {3, 11, 35}, {5, 9, 36}, {7, 10, 26}, {11, 12, 5}}, false, []int{-1, 8, 3, 2, 6, 9, 4, 10, 1, 5, 7, 12, 11}},
		{"nested S-blossom relabelled S, expand recursively", [][3]int64{{1, 2, 40}, {1, 3, 40}, {2, 3, 60}, {2, 4, 55}, {3, 5, 55}, {4, 5, 50}, {1, 8, 15}, {5, 7, 30}, {7, 6, 10}, {8, 10, 10}, {4, 9, 30}}, false, []int{-1, 2, 1, 5, 9, 3, 7, 6, 10, 4, 8}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var edges []Edge
			for _, e := range c.edges {
				edges = append(edges, Edge{int(e[0]), int(e[1]), e[2]})
			}
			n := len(c.want)
			got := solveChecked(t, n, edges, c.maxCard)
			if !slices.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			compareWithBruteForce(t, n, edges, c.maxCard)
		})
	}
}

func TestMatchingSmallAndDegenerateGraphs(t *testing.T) {
	for _, maxCard := range []bool{false, true} {
		check := func(n int, edges []Edge, want []int) {
			t.Helper()
			got := solveChecked(t, n, edges, maxCard)
			if !slices.Equal(got, want) {
				t.Errorf("maxCard=%v n=%d edges=%v: got %v, want %v", maxCard, n, edges, got, want)
			}
		}
		check(0, nil, []int{})
		check(1, nil, []int{-1})
		check(1, []Edge{{0, 0, 5}}, []int{-1})
		check(2, nil, []int{-1, -1})
		check(2, []Edge{{0, 1, 7}}, []int{1, 0})
		check(2, []Edge{{1, 0, 7}, {0, 1, 3}}, []int{1, 0})
		check(5, []Edge{{3, 4, 1}}, []int{-1, -1, -1, 4, 3})
		check(3, []Edge{{0, 0, 9}, {1, 1, 9}, {2, 2, 9}}, []int{-1, -1, -1})
	}
	// A lone negative or zero edge is matched only for cardinality.
	for _, w := range []int64{0, -4} {
		if got := solveChecked(t, 2, []Edge{{0, 1, w}}, false); !slices.Equal(got, []int{-1, -1}) {
			t.Errorf("weight %d without maxCardinality: got %v", w, got)
		}
		if got := solveChecked(t, 2, []Edge{{0, 1, w}}, true); !slices.Equal(got, []int{1, 0}) {
			t.Errorf("weight %d with maxCardinality: got %v", w, got)
		}
	}
	// A repeated pair counts with its heaviest weight: 0–1 (10) beats 1–2 (8).
	got := solveChecked(t, 3, []Edge{{1, 2, 8}, {0, 1, 1}, {1, 0, 10}, {0, 1, 2}}, false)
	if !slices.Equal(got, []int{1, 0, -1}) {
		t.Errorf("repeated pair: got %v", got)
	}
}

func TestMatchingPanicsOnBadInput(t *testing.T) {
	bad := []struct {
		name  string
		n     int
		edges []Edge
	}{
		{"negative n", -1, nil},
		{"vertex too large", 3, []Edge{{0, 3, 1}}},
		{"negative vertex", 3, []Edge{{-1, 2, 1}}},
		{"weight too large", 3, []Edge{{0, 1, MaxWeight + 1}}},
		{"weight too small", 3, []Edge{{0, 1, -MaxWeight - 1}}},
	}
	// Too many vertices for the cardinality shift over this weight spread.
	t.Run("shift overflow", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Errorf("no panic")
			}
		}()
		MaxWeightMatching(300_000, []Edge{{0, 1, MaxWeight}, {2, 3, -MaxWeight}}, true)
	})
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic")
				}
			}()
			MaxWeightMatching(c.n, c.edges, false)
		})
	}
}

// Weights at the documented limit, against brute force: the duals must not
// overflow, with or without the cardinality shift.
func TestMatchingExtremeWeights(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 70))
	graphs := 0
	for range 300 {
		n := r.IntN(13)
		edges := randomWeightedGraph(r, n, 0.2+0.8*r.Float64(), -MaxWeight, MaxWeight, true)
		for i := range edges {
			switch r.IntN(4) {
			case 0:
				edges[i].W = MaxWeight
			case 1:
				edges[i].W = -MaxWeight
			}
		}
		for _, maxCard := range []bool{false, true} {
			compareWithBruteForce(t, n, edges, maxCard)
			graphs++
		}
	}
	t.Logf("%d graphs checked", graphs)
}

// Thousands of small random graphs of several kinds, against brute force.
func TestMatchingBruteForce(t *testing.T) {
	kinds := []struct {
		name   string
		p      [2]float64 // edge probability range
		lo, hi int64
		count  int
	}{
		{"dense positive", [2]float64{0.7, 1}, 1, 100, 600},
		{"dense wide range", [2]float64{0.7, 1}, 0, 1_000_000, 300},
		{"negative and positive", [2]float64{0.3, 1}, -50, 50, 600},
		{"all negative", [2]float64{0.3, 1}, -20, -1, 300},
		{"ties", [2]float64{0.3, 1}, 0, 3, 800},
		{"ties with negatives", [2]float64{0.3, 1}, -2, 2, 500},
		{"sparse", [2]float64{0.2, 0.5}, 1, 30, 800},
		{"sparse ties", [2]float64{0.2, 0.5}, 0, 2, 500},
	}
	total := 0
	for ki, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(ki)+1, 2024))
			for range k.count {
				n := r.IntN(13)
				p := k.p[0] + (k.p[1]-k.p[0])*r.Float64()
				edges := randomWeightedGraph(r, n, p, k.lo, k.hi, r.IntN(4) == 0)
				for _, maxCard := range []bool{false, true} {
					compareWithBruteForce(t, n, edges, maxCard)
					total++
				}
			}
		})
	}
	t.Logf("%d graphs checked against brute force", total)
}

// networkxFixtures is the layout of testdata/matching/networkx_fixtures.json
// written by testdata/matching/gen_fixtures.py.
type networkxFixtures struct {
	Generator string `json:"generator"`
	Cases     []struct {
		Name    string  `json:"name"`
		N       int     `json:"n"`
		Edges   []int64 `json:"edges"` // flat i, j, w triples
		Results []struct {
			MaxCardinality bool  `json:"maxcardinality"`
			Weight         int64 `json:"weight"`
			Cardinality    int   `json:"cardinality"`
		} `json:"results"`
	} `json:"cases"`
}

// Random graphs solved by networkx.max_weight_matching.
func TestMatchingNetworkxFixtures(t *testing.T) {
	data, err := os.ReadFile("../../testdata/matching/networkx_fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx networkxFixtures
	if err := json.Unmarshal(data, &fx); err != nil {
		t.Fatal(err)
	}
	solved := 0
	for _, c := range fx.Cases {
		if len(c.Edges)%3 != 0 {
			t.Fatalf("%s: edge list length %d is not a multiple of 3", c.Name, len(c.Edges))
		}
		edges := make([]Edge, 0, len(c.Edges)/3)
		for i := 0; i < len(c.Edges); i += 3 {
			edges = append(edges, Edge{int(c.Edges[i]), int(c.Edges[i+1]), c.Edges[i+2]})
		}
		for _, want := range c.Results {
			mate := solveChecked(t, c.N, edges, want.MaxCardinality)
			card, total, err := checkMatching(c.N, edges, mate)
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			if total != want.Weight || (want.MaxCardinality && card != want.Cardinality) {
				t.Errorf("%s (n=%d, maxcardinality=%v): got cardinality %d weight %d, networkx %d %d",
					c.Name, c.N, want.MaxCardinality, card, total, want.Cardinality, want.Weight)
			}
			solved++
		}
	}
	if solved < 200 {
		t.Fatalf("only %d fixture solves", solved)
	}
	t.Logf("%d networkx graphs checked (%d solves)", len(fx.Cases), solved)
}

// propertyMatchingGraphs yields seeded random graphs, larger than brute force allows.
func propertyMatchingGraphs(seed uint64, count int, f func(n int, edges []Edge, r *rand.Rand)) {
	r := rand.New(rand.NewPCG(seed, 99))
	for i := range count {
		n := 2 + r.IntN(40)
		var edges []Edge
		switch i % 4 {
		case 0:
			edges = randomWeightedGraph(r, n, 1, 0, 1000, false)
		case 1:
			edges = randomWeightedGraph(r, n, 0.3, -100, 100, true)
		case 2:
			edges = randomWeightedGraph(r, n, 0.6, 0, 3, false)
		default:
			edges = randomWeightedGraph(r, n, 0.15, 1, 50, false)
		}
		f(n, edges, r)
	}
}

func solvedValue(t *testing.T, n int, edges []Edge, maxCard bool) (int, int64) {
	t.Helper()
	mate := solveChecked(t, n, edges, maxCard)
	card, total, err := checkMatching(n, edges, mate)
	if err != nil {
		t.Fatal(err)
	}
	return card, total
}

// Renumbering the participants changes nothing about the optimum.
func TestMatchingPropertyRelabel(t *testing.T) {
	checked := 0
	propertyMatchingGraphs(1, 300, func(n int, edges []Edge, r *rand.Rand) {
		perm := r.Perm(n)
		moved := make([]Edge, len(edges))
		for i, e := range edges {
			moved[i] = Edge{perm[e.I], perm[e.J], e.W}
		}
		r.Shuffle(len(moved), func(a, b int) { moved[a], moved[b] = moved[b], moved[a] })
		for _, maxCard := range []bool{false, true} {
			c1, w1 := solvedValue(t, n, edges, maxCard)
			c2, w2 := solvedValue(t, n, moved, maxCard)
			if w1 != w2 || (maxCard && c1 != c2) {
				t.Fatalf("relabelled graph: %d %d, original %d %d", c2, w2, c1, w1)
			}
			checked++
		}
	})
	t.Logf("%d graph pairs checked", checked)
}

// With maxCardinality, adding k to every weight adds k per matched pair and
// keeps the cardinality.
func TestMatchingPropertyShiftWeights(t *testing.T) {
	checked := 0
	propertyMatchingGraphs(2, 300, func(n int, edges []Edge, r *rand.Rand) {
		k := r.Int64N(2001) - 1000
		shifted := make([]Edge, len(edges))
		for i, e := range edges {
			shifted[i] = Edge{e.I, e.J, e.W + k}
		}
		c1, w1 := solvedValue(t, n, edges, true)
		c2, w2 := solvedValue(t, n, shifted, true)
		if c1 != c2 || w2 != w1+int64(c1)*k {
			t.Fatalf("shift %d: got %d %d, want %d %d", k, c2, w2, c1, w1+int64(c1)*k)
		}
		checked++
	})
	t.Logf("%d graph pairs checked", checked)
}

// Fixing a pair that belongs to an optimum and solving the rest of the
// group gives the same total.
func TestMatchingPropertyLockPair(t *testing.T) {
	checked := 0
	propertyMatchingGraphs(3, 300, func(n int, edges []Edge, r *rand.Rand) {
		for _, maxCard := range []bool{false, true} {
			mate := solveChecked(t, n, edges, maxCard)
			card, total, err := checkMatching(n, edges, mate)
			if err != nil {
				t.Fatal(err)
			}
			var matched []int
			for v, m := range mate {
				if m > v {
					matched = append(matched, v)
				}
			}
			if len(matched) == 0 {
				continue
			}
			i := matched[r.IntN(len(matched))]
			j := mate[i]
			locked := pairWeights(edges)[[2]int{i, j}]
			var rest []Edge
			for _, e := range edges {
				if e.I != i && e.I != j && e.J != i && e.J != j {
					rest = append(rest, e)
				}
			}
			c2, w2 := solvedValue(t, n, rest, maxCard)
			if w2+locked != total || (maxCard && c2+1 != card) {
				t.Fatalf("locking %d–%d: rest %d %d + pair %d, full %d %d", i, j, c2, w2, locked, card, total)
			}
			checked++
		}
	})
	t.Logf("%d locked pairs checked", checked)
}

// The same input always gives the same pairs, and the input is not changed.
func TestMatchingDeterministic(t *testing.T) {
	checked := 0
	propertyMatchingGraphs(4, 200, func(n int, edges []Edge, r *rand.Rand) {
		orig := slices.Clone(edges)
		for _, maxCard := range []bool{false, true} {
			a := solveChecked(t, n, edges, maxCard)
			b := MaxWeightMatching(n, edges, maxCard)
			if !slices.Equal(a, b) {
				t.Fatalf("two runs differ: %v and %v", a, b)
			}
			checked++
		}
		if !slices.Equal(orig, edges) {
			t.Fatal("input edges were modified")
		}
	})
	// A larger complete graph as well.
	edges := completeWeightedGraph(300, 5)
	a := solveChecked(t, 300, edges, true)
	b := MaxWeightMatching(300, edges, true)
	if !slices.Equal(a, b) {
		t.Fatal("two runs on a complete graph differ")
	}
	t.Logf("%d graphs solved twice", checked+1)
}

// Medium-sized graphs checked only by the certificate (brute force is out of
// reach), including the complete graphs the benchmarks use.
func TestMatchingCertificateMediumGraphs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 55))
	count := 0
	for i := range 40 {
		n := 50 + r.IntN(150)
		var edges []Edge
		switch i % 4 {
		case 0:
			edges = randomWeightedGraph(r, n, 1, 0, 1000, false)
		case 1:
			edges = randomWeightedGraph(r, n, 0.05, -1000, 1000, true)
		case 2:
			edges = randomWeightedGraph(r, n, 0.5, 0, 2, false)
		default:
			edges = randomWeightedGraph(r, n, 0.02, 1, 10, false)
		}
		for _, maxCard := range []bool{false, true} {
			solveChecked(t, n, edges, maxCard)
			count++
		}
	}
	t.Logf("%d graphs checked", count)
}
