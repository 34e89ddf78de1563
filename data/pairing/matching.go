// The exact solver under the pairing of a cohort: a maximum-weight matching
// on a general (non-bipartite) graph whose vertices are participants and
// whose edge weights say how good each possible mentoring pair would be.
//
// The algorithm is Edmonds' blossom algorithm in its primal–dual form, in the
// O(n³) version described by Zvi Galil, "Efficient algorithms for finding
// maximum matching in graphs", ACM Computing Surveys 18(1), 1986. The
// structure (labels, least-slack edge bookkeeping per S-blossom, blossom
// expansion and augmentation) follows Joris van Rantwijk's well-known
// mwmatching implementation of that paper, rewritten on flat arrays with
// integer duals. Read Galil's survey for the terms used below: S- and
// T-vertices, blossoms, the four kinds of dual adjustment (delta1..delta4).
//
// These changes make it fast on the graphs Mutua meets, without changing
// what it guarantees (an optimum with a dual certificate):
//   - A greedy jump start (jumpStart): per-vertex duals and a matching of
//     tight edges, instead of uniform duals and an empty matching. Single
//     vertices then start with different duals; a delta1 step on an S-vertex
//     leaves that vertex single at dual zero (as in LEMON's
//     MaxWeightedMatching), and such a vertex is an augmenting path's end
//     when an S-vertex reaches it.
//   - One alternating forest for the whole run: an augmentation dissolves
//     only the two trees it went through (dissolveTree), and repairBest
//     fixes the least-slack bookkeeping of their vertices, so the other
//     trees keep their labels instead of being grown again from scratch.
//     Trees are planted a limited number at a time (plantTrees).
//   - Lazy duals: an adjustment adds to one running total (moved), which
//     each vertex and blossom follows by its kind (S, T or neither), and
//     the four bounds of the next adjustment come from min-heaps keyed by
//     stored values that an adjustment leaves alone, as in LEMON's
//     MaxWeightedMatching. A dual adjustment then costs O(log n) instead
//     of a pass over the forest.
//   - Dense graphs are solved on candidate subgraphs priced against every
//     edge (matching_candidates.go), and re-solves start warm from the last
//     optimum (matching_solver.go).

package pairing

import (
	"fmt"
	"iter"
	"math"
	"slices"
)

// Edge is an undirected edge between vertices I and J (0-based, I != J) with weight W.
type Edge struct {
	I, J int
	W    int64
}

// MaxWeight is the largest absolute edge weight MaxWeightMatching accepts.
const MaxWeight int64 = 1_000_000_000_000

// maxInternalWeight bounds the weights the solver works with after the
// cardinality shift (see newSolver). Vertex duals (kept doubled) never exceed
// twice the largest weight and blossom duals never exceed it, so with weights
// up to 2^58 every slack the solver computes stays below 2^61. Duals are
// stored lazily, off by the running total of adjustments, which rebase keeps
// below 2^61 + 2^59: every sum of two stored values stays below 2^63.
const maxInternalWeight int64 = 1 << 58

// MaxWeightMatching returns mate, where mate[i] is i's partner or -1.
// Only listed edges can be matched. With maxCardinality it returns, among the
// matchings of maximum size, one of maximum total weight.
//
// Without maxCardinality, edges of weight zero or less are never matched:
// they cannot raise the total. Self-loops are ignored; when the same pair is
// listed more than once, its heaviest edge counts. The result depends only on
// n, the edges and their order, so repeated calls give the same pairs.
//
// Weights must lie in [-MaxWeight, MaxWeight]. With maxCardinality the solver
// adds ⌊n/2⌋·(max(W,0) − min(W,0)) + 1 to every weight internally, which must
// stay below 2^58; in-range weights meet that for every n up to 280 000.
// MaxWeightMatching panics when a vertex is outside [0, n) or a weight is out
// of range. It runs in O(n·m·log n) time in the worst case, m being
// len(edges), and O(n + m) memory.
func MaxWeightMatching(n int, edges []Edge, maxCardinality bool) []int {
	return solveGraph(n, edges, maxCardinality, false).mates()
}

// MaxWeightMatchingFunc is MaxWeightMatching for a graph given by its pairs
// rather than a list: weight(i, j), for 0 <= i < j < n, gives the weight of
// the pair and whether it may be matched at all. It suits complete or nearly
// complete graphs (a whole cohort): it never holds every pair in memory at
// once, and it calls weight a few times per pair, so weight should be cheap,
// such as a table lookup. The same rules and guarantees as MaxWeightMatching
// apply.
func MaxWeightMatchingFunc(n int, weight func(i, j int) (int64, bool), maxCardinality bool) []int {
	if n < 0 {
		panic(fmt.Sprintf("pairing: negative vertex count %d", n))
	}
	pairs := func(yield func(Edge) bool) {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if w, ok := weight(i, j); ok && !yield(Edge{i, j, w}) {
					return
				}
			}
		}
	}
	m := 0
	minW, maxW := int64(0), int64(0)
	for e := range pairs {
		checkEdge(m, e, n)
		minW, maxW = min(minW, e.W), max(maxW, e.W)
		m++
	}
	shift := shiftFor(n, minW, maxW, maxCardinality)
	if useCandidates(n, m) {
		return solveByCandidates(n, pairs, shift, candidatesPerVertex, false).mates()
	}
	s := buildSolver(n, slices.Collect(iter.Seq[Edge](pairs)), shift, false)
	s.jumpStart()
	s.solve()
	return s.mates()
}

// solveGraph validates and solves the graph, and returns the solver whose
// matching and certificate are optimal for it.
func solveGraph(n int, edges []Edge, maxCardinality, checkDelta bool) *solver {
	shift := cardinalityShift(n, edges, maxCardinality)
	if useCandidates(n, len(edges)) {
		return solveByCandidates(n, edgeList(edges), shift, candidatesPerVertex, checkDelta)
	}
	s := buildSolver(n, edges, shift, checkDelta)
	s.jumpStart()
	s.solve()
	return s
}

// Labels of top-level blossoms during a stage. A vertex inside a T-blossom
// also carries labelT on its own once it is reached from an S-vertex outside
// the blossom; expanding the T-blossom needs that to relabel its parts.
const (
	unlabeled  int8 = 0
	labelS     int8 = 1
	labelT     int8 = 2
	breadcrumb int8 = 4 // temporary mark on S-blossoms while tracing back from a tight edge
)

// noEdge is the cached slack of a missing least-slack edge.
const noEdge = math.MaxInt64

// halfEdge is an edge seen from a blossom: from lies inside it, to outside.
// w2 is twice the (shifted) weight, so that the slack of the edge is
// dual[from] + dual[to] - w2. from < 0 means "no edge".
type halfEdge struct {
	from, to int32
	w2       int64
}

// solver holds the state of one run. Vertices are 0..n-1; non-trivial
// blossoms take the ids n..2n-1, so every per-blossom array has 2n entries
// and a vertex is its own trivial blossom.
type solver struct {
	n          int
	checkDelta bool // recompute delta2 and delta3 by brute force (tests only)

	// The graph in compressed adjacency form: the neighbours of v are
	// adjTo[adjStart[v]:adjStart[v+1]] with twice the edge weight in adjW2.
	// Duplicate pairs are merged (heaviest kept) and useless edges dropped.
	adjStart []int32
	adjTo    []int32
	adjW2    []int64

	// shift was added to every weight so that a maximum-weight matching is
	// also of maximum cardinality (zero unless maxCardinality).
	shift int64

	mate []int32 // partner of each vertex, or -1

	// label[b] is the label of top-level blossom b; see the constants above.
	label []int8
	// The edge through which a labelled top-level blossom b got its label:
	// labelFrom[b] is its endpoint outside b (or -1 for a root of the
	// alternating forest), labelTo[b] its endpoint inside b. For a reached
	// vertex inside a T-blossom the same arrays hold the edge reaching it.
	labelFrom []int32
	labelTo   []int32

	inBlossom []int32 // top-level blossom containing each vertex
	parent    []int32 // immediate parent blossom, or -1 when top-level
	base      []int32 // base vertex of each blossom, or -1 for an unused id
	// children[b] lists the sub-blossoms of b in cyclic order, starting with
	// the one holding the base. The edge from children[b][i] to
	// children[b][i+1] (cyclically) is endFrom[b][i] -> endTo[b][i].
	children [][]int32
	endFrom  [][]int32
	endTo    [][]int32
	// leaves[b] lists the vertices of top-level blossom b (nil for a
	// blossom inside another), so that labelling or merging a large
	// blossom costs a copy rather than a walk of its nesting.
	leaves [][]int32

	// The duals, kept lazily: a dual adjustment only adds to moved, and
	// each vertex and blossom follows it by its kind (see vd and zd).
	// dual[v] holds 2·u(v) for a vertex and dual[b] holds z(b) for a
	// blossom, as stored at the last change of kind; doubling the vertex
	// duals keeps every adjustment an integer. kind[x] is +1 while x is
	// (in) a top-level S-blossom, -1 while (in) a top-level T-blossom and 0
	// otherwise: S-vertices go down and T-vertices up by each adjustment,
	// top-level S-blossoms up and T-blossoms down. Outside solve every kind
	// is 0 and dual holds the duals themselves.
	dual     []int64
	kind     []int8
	moved    int64
	rebaseAt int64 // see rebase; tests lower it

	// best[v] is v's least-slack edge to an S-vertex in another
	// blossom, seen from that S-vertex (best[v].to == v), or an edge whose
	// slack is no more than that: when its S end leaves the forest or joins
	// v's blossom, best[v] is put right only once it matters (see least).
	// For a vertex outside the S-blossoms (free, or in a T-blossom) it
	// bounds delta2; for an S-vertex, delta3.
	best []halfEdge
	// bestRaw[v] is best[v]'s slack from the stored duals (raw), or
	// noEdge. Its slack moves with each adjustment by an amount that is the
	// same for every candidate edge of v, so raws compare as slacks do.
	bestRaw []int64
	// Min-heaps of what bounds the next dual adjustment, keyed by stored
	// values that stay put while an entry holds (so an adjustment touches
	// none of them): S-vertex duals (delta1), least slacks of free vertices
	// (delta2) and of S-vertices (delta3), T-blossom duals (delta4).
	// Entries go out of date as labels change; readers drop them.
	heap1, heap2, heap3, heap4 slackHeap

	unused []int32 // free blossom ids
	queue  []int32 // S-vertices whose edges still have to be scanned

	// Often augmentations need no dual adjustment at all, and the
	// least-slack bookkeeping would be built for nothing. So each stage
	// starts in tightOnly mode: an S-vertex whose tight neighbours
	// are known for the current duals (tight[v], valid when tightEpoch[v]
	// equals epoch, which advances whenever the duals change) follows only
	// those; others get a full scan (fullScan[v] = stage) that rebuilds
	// the list. Only if the stage needs a dual adjustment does it complete
	// the bookkeeping (catchUpBestEdges) and go on scanning every edge, as
	// the plain algorithm does.
	tightOnly  bool
	stage      int
	epoch      int
	tight      []int32 // v's tight neighbours: tight[adjStart[v]:][:tightLen[v]]
	tightLen   []int32
	tightEpoch []int
	fullScan   []int

	// treeOf[b] is the root vertex of the alternating tree holding
	// labelled top-level blossom b; members[r] lists the vertices of the
	// tree rooted at r (possibly also vertices another tree took over
	// since). An augmentation dissolves just its two trees.
	treeOf    []int32
	members   [][]int32
	live      int     // trees still growing
	maxLive   int     // most trees grown at once (see buildSolver)
	roots     []int32 // single vertices to grow trees from, this stage
	nextRoot  int     // roots[:nextRoot] have been planted
	parity    int64   // of the stored duals of S-vertices
	dissolved []int32 // vertices unlabelled by dissolveTree, for repairBest
	wasS      []bool  // whether a dissolved vertex was an S-vertex
	fixStamp  []int   // marks ids already handled by one repairBest
	fixCount  int
	// Repairs cost the edges they look at. When a stage has spent more on
	// them than rebuilding the forest would cost, it stops repairing
	// (harvest): the trees left only grow along tight edges, and the
	// stage ends when its queue runs dry, as the classic form does after
	// every augmentation.
	repairWork   int
	repairBudget int // per stage; tests lower it to exercise the fallback
	harvest      bool

	// Scratch space reused across calls.
	leafBuf []int32
	pathBuf []int32
	kindBuf []int32
	held    []heapEntry
}

// newSolver validates the input, applies the cardinality shift and builds the
// adjacency arrays.
func newSolver(n int, edges []Edge, maxCardinality, checkDelta bool) *solver {
	return buildSolver(n, edges, cardinalityShift(n, edges, maxCardinality), checkDelta)
}

// cardinalityShift validates the input and returns what maxCardinality adds
// to every weight (zero without it).
func cardinalityShift(n int, edges []Edge, maxCardinality bool) int64 {
	if n < 0 {
		panic(fmt.Sprintf("pairing: negative vertex count %d", n))
	}
	if n > 1<<30 {
		panic(fmt.Sprintf("pairing: too many vertices (%d)", n))
	}
	minW, maxW := int64(0), int64(0)
	for k, e := range edges {
		checkEdge(k, e, n)
		if e.I != e.J {
			minW = min(minW, e.W)
			maxW = max(maxW, e.W)
		}
	}
	return shiftFor(n, minW, maxW, maxCardinality)
}

// checkEdge panics when edge number k is not valid in a graph of n vertices.
func checkEdge(k int, e Edge, n int) {
	if e.I < 0 || e.I >= n || e.J < 0 || e.J >= n {
		panic(fmt.Sprintf("pairing: edge %d (%d, %d) has a vertex outside [0, %d)", k, e.I, e.J, n))
	}
	if e.W < -MaxWeight || e.W > MaxWeight {
		panic(fmt.Sprintf("pairing: edge %d (%d, %d) has weight %d outside ±%d", k, e.I, e.J, e.W, MaxWeight))
	}
}

// shiftFor returns the cardinality shift for n vertices and weights
// spread over [minW, maxW] (minW <= 0 <= maxW).
func shiftFor(n int, minW, maxW int64, maxCardinality bool) int64 {
	// Maximum cardinality first: adding C to every weight adds C·|M| to a
	// matching M. Two matchings of different sizes differ in original weight
	// by at most ⌊n/2⌋·(max(W,0) − min(W,0)), so with C above that the
	// heaviest matching under the shifted weights is always one of maximum
	// size, and among those the heaviest under the original weights.
	// (mwmatching's maxcardinality mode skips delta1 instead; the shift
	// keeps every dual non-negative, which bounds them and lets one code
	// path and one optimality check serve both modes.)
	var shift int64
	if maxCardinality {
		spread := maxW - minW // minW <= 0 <= maxW
		half := int64(n / 2)
		if spread > 0 && half > (maxInternalWeight-MaxWeight-1)/spread {
			panic(fmt.Sprintf("pairing: %d vertices with weights spread over %d overflow the exact arithmetic", n, spread))
		}
		shift = half*spread + 1
	}
	return shift
}

// buildSolver builds the adjacency arrays of a valid graph, with shift
// added to every weight.
func buildSolver(n int, edges []Edge, shift int64, checkDelta bool) *solver {
	s := &solver{n: n, checkDelta: checkDelta, shift: shift}

	// Keep an edge only when its shifted weight is positive: an edge that
	// cannot raise the total is never needed. With the shift every edge is
	// kept.
	keep := func(e Edge) bool { return e.I != e.J && e.W+shift > 0 }
	deg := make([]int32, n+1)
	for _, e := range edges {
		if keep(e) {
			deg[e.I]++
			deg[e.J]++
		}
	}
	start := make([]int32, n+1)
	total := 0
	for v := 0; v < n; v++ {
		start[v] = int32(total)
		total += int(deg[v])
		if total > math.MaxInt32 {
			panic("pairing: too many edges")
		}
	}
	start[n] = int32(total)
	to := make([]int32, total)
	w2 := make([]int64, total)
	fill := make([]int32, n)
	copy(fill, start[:n])
	for _, e := range edges {
		if !keep(e) {
			continue
		}
		ww := 2 * (e.W + shift)
		i, j := int32(e.I), int32(e.J)
		to[fill[i]], w2[fill[i]] = j, ww
		fill[i]++
		to[fill[j]], w2[fill[j]] = i, ww
		fill[j]++
	}

	// Merge repeated pairs in place, keeping the heaviest, so that each
	// neighbour is scanned once. pos[u] is where u already sits in the
	// current vertex's list, or -1.
	pos := fill[:n]
	for i := range pos {
		pos[i] = -1
	}
	out := int32(0)
	for v := 0; v < n; v++ {
		lo, hi := start[v], start[v+1]
		start[v] = out
		for p := lo; p < hi; p++ {
			u := to[p]
			if q := pos[u]; q >= 0 {
				w2[q] = max(w2[q], w2[p])
				continue
			}
			pos[u] = out
			to[out], w2[out] = u, w2[p]
			out++
		}
		for p := start[v]; p < out; p++ {
			pos[to[p]] = -1
		}
	}
	start[n] = out
	s.adjStart, s.adjTo, s.adjW2 = start, to[:out:out], w2[:out:out]
	s.repairBudget = 2*len(s.adjTo) + 4*n
	// Trees grown from every single vertex at once fill the graph, and
	// each augmentation dissolves two of them; a sixteenth of n at a time
	// measured fastest on sparse random graphs of 1000 and 5000 vertices.
	// Only the first stage is held to it: a stage that ended by giving
	// up repairs (harvest) would otherwise be followed by many more when
	// most vertices start single, as with equal weights.
	s.maxLive = max(16, n/16)
	s.rebaseAt = 1 << 61

	maxW2 := int64(0)
	for _, x := range s.adjW2 {
		maxW2 = max(maxW2, x)
	}

	nb := 2 * n
	s.mate = make([]int32, n)
	s.label = make([]int8, nb)
	s.labelFrom = make([]int32, nb)
	s.labelTo = make([]int32, nb)
	s.inBlossom = make([]int32, n)
	s.parent = make([]int32, nb)
	s.base = make([]int32, nb)
	s.children = make([][]int32, nb)
	s.endFrom = make([][]int32, nb)
	s.endTo = make([][]int32, nb)
	s.leaves = make([][]int32, nb)
	s.dual = make([]int64, nb)
	s.kind = make([]int8, nb)
	s.heap1, s.heap2, s.heap3 = newSlackHeap(n), newSlackHeap(n), newSlackHeap(n)
	s.heap4 = newSlackHeap(nb)
	s.best = make([]halfEdge, n)
	s.bestRaw = make([]int64, n)
	s.unused = make([]int32, 0, n)
	s.tight = make([]int32, len(s.adjTo))
	s.tightLen = make([]int32, n)
	s.tightEpoch = make([]int, n)
	s.fullScan = make([]int, n)
	s.treeOf = make([]int32, nb)
	s.members = make([][]int32, n)
	s.wasS = make([]bool, n)
	s.fixStamp = make([]int, nb)
	s.epoch = 1
	for v := 0; v < n; v++ {
		s.mate[v] = -1
		s.inBlossom[v] = int32(v)
		s.base[v] = int32(v)
		// u(v) = maxW/2 makes every edge feasible: u(i)+u(j) >= w(i,j).
		s.dual[v] = maxW2 / 2
	}
	for b := n; b < nb; b++ {
		s.base[b] = -1
	}
	for i := range s.parent {
		s.parent[i] = -1
		s.labelFrom[i] = -1
		s.labelTo[i] = -1
	}
	for v := range s.best {
		s.clearBest(int32(v))
	}
	// Hand out blossom ids from the top, as a stack.
	for b := n; b < nb; b++ {
		s.unused = append(s.unused, int32(b))
	}
	return s
}

// jumpStart replaces the uniform starting duals with a greedy matching and
// duals that fit it. Each vertex starts at its heaviest edge, which makes
// every edge feasible. Then each vertex in turn, if still single, lowers its
// dual as far as every edge allows; that makes at least one edge tight, and
// if the first such edge leads to a single vertex, the two are matched. The
// matched edges are tight and every dual is feasible, so solve can start
// from there. Single vertices keep even duals: roots of the alternating
// forest must share one parity (see solve).
func (s *solver) jumpStart() {
	n := s.n
	for v := 0; v < n; v++ {
		d := int64(0)
		for _, w2 := range s.adjW2[s.adjStart[v]:s.adjStart[v+1]] {
			d = max(d, w2/2)
		}
		s.dual[v] = d + d&1
	}
	for v := int32(0); int(v) < n; v++ {
		if s.mate[v] >= 0 {
			continue
		}
		d, to := int64(0), int32(-1)
		lo, hi := s.adjStart[v], s.adjStart[v+1]
		for p := lo; p < hi; p++ {
			// Among equal needs, prefer a single neighbour.
			u := s.adjTo[p]
			if need := s.adjW2[p] - s.dual[u]; need > d || (need == d && need > 0 && to >= 0 && s.mate[to] >= 0 && s.mate[u] == -1) {
				d, to = need, u
			}
		}
		if to >= 0 && s.mate[to] == -1 {
			s.mate[v], s.mate[to] = to, v
			s.dual[v] = d
		} else {
			s.dual[v] = d + d&1
		}
	}
}

// vd returns the dual of vertex v (2·u(v)) under the adjustments so far.
func (s *solver) vd(v int32) int64 {
	return s.dual[v] - int64(s.kind[v])*s.moved
}

// zd returns the dual z(b) of blossom b under the adjustments so far.
func (s *solver) zd(b int32) int64 {
	return s.dual[b] + int64(s.kind[b])*s.moved
}

// slack returns twice the slack of e. It is only meaningful for an edge
// whose endpoints lie in different top-level blossoms.
func (s *solver) slack(e halfEdge) int64 {
	return s.vd(e.from) + s.vd(e.to) - e.w2
}

// raw returns e's slack from the stored duals (see bestRaw).
func (s *solver) raw(e halfEdge) int64 {
	return s.dual[e.from] + s.dual[e.to] - e.w2
}

// setKind changes the kind of vertex or blossom x to k, storing its dual
// so that its value stays the same. An S-vertex and a T-blossom enter the
// heap of their kind.
func (s *solver) setKind(x int32, k int8) {
	old := s.kind[x]
	if old == k {
		return
	}
	s.kind[x] = k
	step := int64(k-old) * s.moved
	if int(x) >= s.n {
		s.dual[x] -= step
		if k == -1 {
			s.heap4.push(s.dual[x], x)
		}
		return
	}
	s.dual[x] += step
	if k == 1 || old == 1 {
		s.clearBest(x) // an S-vertex's least-slack edge is of another kind
	} else if s.bestRaw[x] != noEdge {
		s.bestRaw[x] += step
	}
	if k == 1 {
		s.heap1.push(s.dual[x], x)
	}
}

// rebase stores every dual again as if no adjustment had been made, and
// sets moved back to zero. With trees planted a few at a time, moved can
// grow well past the largest dual, and stored values with it. Stored duals,
// the raws of least-slack edges and the heap keys all shift by amounts
// that are the same throughout each heap, so nothing else changes.
func (s *solver) rebase() {
	m := s.moved
	for x, k := range s.kind {
		if x < s.n {
			s.dual[x] -= int64(k) * m
		} else {
			s.dual[x] += int64(k) * m
		}
	}
	for v, r := range s.bestRaw {
		if r != noEdge {
			s.bestRaw[v] = r - (int64(s.kind[v])+1)*m
		}
	}
	for _, h := range []struct {
		heap  *slackHeap
		shift int64
	}{{&s.heap1, m}, {&s.heap2, m}, {&s.heap3, 2 * m}, {&s.heap4, m}} {
		for i := range h.heap.a {
			h.heap.a[i].key -= h.shift
		}
	}
	s.parity ^= m & 1 // of the stored duals of S-vertices
	s.moved = 0
}

// setKinds gives kind k to top-level blossom b and its vertices.
func (s *solver) setKinds(b int32, leaves []int32, k int8) {
	for _, x := range leaves {
		s.setKind(x, k)
	}
	if int(b) >= s.n {
		s.setKind(b, k)
	}
}

// clearBest forgets the least-slack edge of x.
func (s *solver) clearBest(x int32) {
	s.best[x].from = -1
	s.bestRaw[x] = noEdge
}

// touchBest enters x's least-slack edge, just set, in the heap it bounds:
// delta2 for a free vertex, delta3 for an S-vertex. A vertex inside a
// T-blossom enters delta2 when the blossom is expanded (expandBlossom), a
// T-vertex when its tree is dissolved.
func (s *solver) touchBest(x int32) {
	switch s.kind[x] {
	case 0:
		s.heap2.push(s.bestRaw[x], x)
	case 1:
		s.heap3.push(s.bestRaw[x], x)
	}
}

// least1 returns the least dual of an S-vertex and the vertex (delta1).
func (s *solver) least1() (int64, int32) {
	for s.heap1.len() > 0 {
		if e := s.heap1.top(); s.kind[e.x] == 1 && s.dual[e.x] == e.key {
			return e.key - s.moved, e.x
		}
		s.heap1.pop()
	}
	return noEdge, -1
}

// least2 returns the least slack from an S-vertex to a free vertex, and
// that vertex (delta2).
func (s *solver) least2() (int64, int32) {
	return s.least(&s.heap2, 0)
}

// least3 returns the least slack between S-vertices in different
// blossoms, and one of them (delta3 is half of that).
func (s *solver) least3() (int64, int32) {
	return s.least(&s.heap3, 1)
}

// least returns the least slack of the least-slack edges of the vertices of
// kind k in heap h, and the vertex. An entry whose edge no longer leads to
// an S-vertex in another blossom as it did is a lower bound of its
// vertex's least slack: the vertex's least-slack edge is found again then,
// and entered anew.
func (s *solver) least(h *slackHeap, k int8) (int64, int32) {
	for h.len() > 0 {
		e := h.top()
		x := e.x
		if s.kind[x] != k || s.bestRaw[x] != e.key {
			h.pop() // relabelled since
			continue
		}
		if b := s.best[x]; s.kind[b.from] == 1 && s.inBlossom[b.from] != s.inBlossom[x] && s.raw(b) == e.key {
			return e.key - int64(1+k)*s.moved, x
		}
		h.pop()
		s.recomputeBest(x)
	}
	return noEdge, -1
}

// least4 returns the least dual of a T-blossom and the blossom (delta4).
func (s *solver) least4() (int64, int32) {
	for s.heap4.len() > 0 {
		if e := s.heap4.top(); s.kind[e.x] == -1 && s.dual[e.x] == e.key {
			return e.key - s.moved, e.x
		}
		s.heap4.pop()
	}
	return noEdge, -1
}

// queueTight queues the S end of every least-slack edge that is tight
// now; scanning it follows the edge. The entries stay in their heaps: an
// edge not followed after all (its S end left the forest first) still
// bounds its vertex until least finds it out of date.
func (s *solver) queueTight() {
	held := s.held[:0]
	for k, h := range [2]*slackHeap{&s.heap2, &s.heap3} {
		first := len(held)
		for {
			d, x := s.least(h, int8(k))
			if d != 0 {
				break
			}
			held = append(held, h.top())
			h.pop()
			s.queue = append(s.queue, s.best[x].from)
		}
		for _, e := range held[first:] {
			h.push(e.key, e.x)
		}
	}
	s.held = held
}

// appendLeaves appends the vertices of top-level blossom b to dst.
func (s *solver) appendLeaves(dst []int32, b int32) []int32 {
	if int(b) < s.n {
		return append(dst, b)
	}
	return append(dst, s.leaves[b]...)
}

// walkLeaves appends the vertices of any blossom b to dst, from its
// structure.
func (s *solver) walkLeaves(dst []int32, b int32) []int32 {
	if int(b) < s.n {
		return append(dst, b)
	}
	for _, c := range s.children[b] {
		dst = s.walkLeaves(dst, c)
	}
	return dst
}

// assignLabel gives label t to the top-level blossom containing w, which was
// reached through the edge from -> w (from < 0 for a free root). A T-blossom
// passes label S on to the mate of its base, which is always matched.
func (s *solver) assignLabel(w int32, t int8, from int32) {
	b := s.inBlossom[w]
	s.label[w], s.label[b] = t, t
	root := w
	if from >= 0 {
		root = s.treeOf[s.inBlossom[from]]
	}
	s.treeOf[b] = root
	s.labelFrom[w], s.labelTo[w] = from, w
	s.labelFrom[b], s.labelTo[b] = from, w
	s.clearBest(w)
	if t == labelS {
		k := len(s.queue)
		s.queue = s.appendLeaves(s.queue, b)
		s.setKinds(b, s.queue[k:], 1)
		s.members[root] = append(s.members[root], s.queue[k:]...)
		return
	}
	leaves := s.appendLeaves(s.leafBuf[:0], b)
	s.setKinds(b, leaves, -1)
	s.members[root] = append(s.members[root], leaves...)
	s.leafBuf = leaves
	base := s.base[b]
	s.assignLabel(s.mate[base], labelS, base)
}

// scanBlossom traces back from the S-vertices v and w, joined by a tight
// edge, alternately along both tree paths. If the paths meet, the edge closes
// an odd cycle and the base vertex of the new blossom is returned; if both
// reach a free root, the edge completes an augmenting path and it returns -1.
func (s *solver) scanBlossom(v, w int32) int32 {
	path := s.pathBuf[:0]
	base := int32(-1)
	for v != -1 || w != -1 {
		b := s.inBlossom[v]
		if s.label[b]&breadcrumb != 0 {
			base = s.base[b]
			break
		}
		path = append(path, b)
		s.label[b] = labelS | breadcrumb
		if s.labelFrom[b] == -1 {
			// The base of b is free: this path ends here.
			v = -1
		} else {
			// Step over the T-blossom that b's base is matched into.
			t := s.inBlossom[s.labelFrom[b]]
			v = s.labelFrom[t]
		}
		if w != -1 {
			v, w = w, v
		}
	}
	for _, b := range path {
		s.label[b] = labelS
	}
	s.pathBuf = path
	return base
}

// addBlossom builds a new S-blossom with the given base from the odd cycle
// closed by the tight edge v–w between two S-vertices. Its T-sub-blossoms
// become S and their vertices join the queue.
func (s *solver) addBlossom(base, v, w int32) {
	n := int32(s.n)
	bb := s.inBlossom[base]
	bv := s.inBlossom[v]
	bw := s.inBlossom[w]
	b := s.unused[len(s.unused)-1]
	s.unused = s.unused[:len(s.unused)-1]
	s.base[b] = base
	s.parent[b] = -1
	s.parent[bb] = b

	path := s.children[b][:0]
	from := s.endFrom[b][:0]
	to := s.endTo[b][:0]
	// Walk from v's side down to the base, then reverse, so that the
	// children run base, ..., bv and each edge points to the next child.
	for bv != bb {
		s.parent[bv] = b
		path = append(path, bv)
		from = append(from, s.labelFrom[bv])
		to = append(to, s.labelTo[bv])
		bv = s.inBlossom[s.labelFrom[bv]]
	}
	path = append(path, bb)
	reverseInt32(path)
	reverseInt32(from)
	reverseInt32(to)
	from = append(from, v)
	to = append(to, w)
	// Then from w's side down to the base, edges pointing towards the base.
	for bw != bb {
		s.parent[bw] = b
		path = append(path, bw)
		from = append(from, s.labelTo[bw])
		to = append(to, s.labelFrom[bw])
		bw = s.inBlossom[s.labelFrom[bw]]
	}
	s.children[b], s.endFrom[b], s.endTo[b] = path, from, to

	s.label[b] = labelS
	s.treeOf[b] = s.treeOf[bb]
	s.labelFrom[b], s.labelTo[b] = s.labelFrom[bb], s.labelTo[bb]

	// The sub-blossoms' duals stop moving; b's starts at zero and moves
	// as an S-blossom's. T-vertices become S-vertices inside b and must
	// now scan their edges.
	// b's list of vertices starts from its base sub-blossom's, often by
	// far the largest; the lists of sub-blossoms are dropped.
	var leaves []int32
	if c := path[0]; c >= n {
		leaves = s.leaves[c]
	} else {
		leaves = s.leaves[b][:0]
	}
	for i, c := range path {
		k := len(leaves)
		if i > 0 || c < n {
			leaves = s.appendLeaves(leaves, c)
		} else {
			k = 0
		}
		if c >= n {
			s.leaves[c] = nil
		}
		if s.label[c] == labelT {
			s.queue = append(s.queue, leaves[k:]...)
			for _, x := range leaves[k:] {
				s.setKind(x, 1)
			}
		}
		if c >= n {
			s.setKind(c, 0)
		}
	}
	for _, x := range leaves {
		s.inBlossom[x] = b
	}
	s.dual[b] = 0
	s.setKind(b, 1)
	s.leaves[b] = leaves

}

// expandBlossom dissolves top-level blossom b into its sub-blossoms. At the
// end of a stage (endStage) sub-blossoms with zero dual are dissolved too.
// During a stage b is a T-blossom whose dual reached zero (delta4); its
// sub-blossoms are then relabelled so that the alternating tree stays intact:
// the even-length path from the entry child to the base becomes
// T, S, T, ..., T, and the other children become free unless an S-vertex
// already reaches them by a tight edge.
func (s *solver) expandBlossom(b int32, endStage bool) {
	n := int32(s.n)
	relabel := !endStage && s.label[b] == labelT
	if relabel {
		// b's vertices stop moving with it; the relabelling below
		// gives each its new kind.
		leaves := s.appendLeaves(s.kindBuf[:0], b)
		s.setKinds(b, leaves, 0)
		s.kindBuf = leaves
	}
	for _, c := range s.children[b] {
		s.parent[c] = -1
		switch {
		case c < n:
			s.inBlossom[c] = c
		case endStage && s.dual[c] == 0:
			s.expandBlossom(c, endStage)
		default:
			leaves := s.walkLeaves(s.leaves[c][:0], c)
			for _, x := range leaves {
				s.inBlossom[x] = c
			}
			s.leaves[c] = leaves
		}
	}

	if relabel {
		ch := s.children[b]
		size := len(ch)
		entry := s.inBlossom[s.labelTo[b]]
		j := indexInt32(ch, entry)
		// Go round the blossom in the direction that reaches the base
		// through an even number of edges. trick says which end of each
		// stored edge faces the direction of travel.
		jstep, trick := -1, 1
		if j&1 != 0 {
			j -= size
			jstep, trick = 1, 0
		}
		from, to := s.labelFrom[b], s.labelTo[b]
		for j != 0 {
			// Relabel the T-sub-blossom entered by from -> to.
			s.label[to] = unlabeled
			k := cyclic(j-trick, size)
			if trick == 0 {
				s.label[s.endTo[b][k]] = unlabeled
			} else {
				s.label[s.endFrom[b][k]] = unlabeled
			}
			s.assignLabel(to, labelT, from)
			// Step over the S-sub-blossom (labelled by assignLabel
			// through its matched edge) to the next T-sub-blossom.
			j += jstep
			k = cyclic(j-trick, size)
			if trick == 0 {
				from, to = s.endFrom[b][k], s.endTo[b][k]
			} else {
				from, to = s.endTo[b][k], s.endFrom[b][k]
			}
			j += jstep
		}
		// The base sub-blossom becomes T without passing the label on:
		// its mate outside b is already labelled S.
		bv := ch[0]
		s.label[to], s.label[bv] = labelT, labelT
		s.treeOf[bv] = s.treeOf[b]
		s.labelFrom[to], s.labelTo[to] = from, to
		s.labelFrom[bv], s.labelTo[bv] = from, to
		leaves := s.appendLeaves(s.leafBuf[:0], bv)
		s.setKinds(bv, leaves, -1)
		s.leafBuf = leaves
		// The remaining children, off the path, stay free unless one of
		// their vertices is already reached from an S-vertex outside.
		j += jstep
		for ch[cyclic(j, size)] != entry {
			bv := ch[cyclic(j, size)]
			j += jstep
			if s.label[bv] == labelS {
				// Labelled S just now through its mate.
				continue
			}
			leaves := s.appendLeaves(s.leafBuf[:0], bv)
			reached := int32(-1)
			for _, x := range leaves {
				if s.label[x] != unlabeled {
					if s.tightFrom(x) {
						reached = x
						break
					}
					// Reached from a tree dissolved since: x's
					// tight edges from other S-vertices went
					// unrecorded, as with the mark.
					s.label[x] = unlabeled
					s.recomputeBest(x)
				}
			}
			s.leafBuf = leaves
			if reached >= 0 {
				s.label[reached] = unlabeled
				s.label[s.mate[s.base[bv]]] = unlabeled
				s.assignLabel(reached, labelT, s.labelFrom[reached])
			}
		}
		// Vertices left free now bound delta2 by their least-slack
		// edge, kept while they sat inside b.
		for _, x := range s.kindBuf {
			if s.kind[x] == 0 && s.best[x].from >= 0 {
				s.heap2.push(s.bestRaw[x], x)
			}
		}
	}

	// Recycle the blossom id.
	s.label[b] = unlabeled
	s.labelFrom[b], s.labelTo[b] = -1, -1
	s.children[b] = s.children[b][:0]
	s.endFrom[b] = s.endFrom[b][:0]
	s.endTo[b] = s.endTo[b][:0]
	s.base[b] = -1
	s.leaves[b] = nil
	s.unused = append(s.unused, b)
}

// tightFrom reports whether the edge that reached vertex x (inside a
// T-blossom) still comes from an S-vertex and is still tight.
func (s *solver) tightFrom(x int32) bool {
	v := s.labelFrom[x]
	if v < 0 || s.label[s.inBlossom[v]] != labelS {
		return false
	}
	for p := s.adjStart[x]; p < s.adjStart[x+1]; p++ {
		if s.adjTo[p] == v && s.vd(x)+s.vd(v) == s.adjW2[p] {
			return true
		}
	}
	return false
}

// augmentBlossom swaps matched and unmatched edges along the even-length
// path inside blossom b from vertex v to the base, recursively through
// sub-blossoms, and rotates b so that v becomes its base.
func (s *solver) augmentBlossom(b, v int32) {
	n := int32(s.n)
	t := v
	for s.parent[t] != b {
		t = s.parent[t]
	}
	if t >= n {
		s.augmentBlossom(t, v)
	}
	ch := s.children[b]
	size := len(ch)
	i := indexInt32(ch, t)
	j := i
	jstep, trick := -1, 1
	if i&1 != 0 {
		j -= size
		jstep, trick = 1, 0
	}
	for j != 0 {
		j += jstep
		t = ch[cyclic(j, size)]
		k := cyclic(j-trick, size)
		var x, y int32
		if trick == 0 {
			x, y = s.endFrom[b][k], s.endTo[b][k]
		} else {
			x, y = s.endTo[b][k], s.endFrom[b][k]
		}
		if t >= n {
			s.augmentBlossom(t, x)
		}
		j += jstep
		t = ch[cyclic(j, size)]
		if t >= n {
			s.augmentBlossom(t, y)
		}
		s.mate[x], s.mate[y] = y, x
	}
	rotateInt32(s.children[b], i)
	rotateInt32(s.endFrom[b], i)
	rotateInt32(s.endTo[b], i)
	s.base[b] = s.base[s.children[b][0]]
}

// augmentMatching flips the augmenting path through the tight edge v–w,
// which joins the alternating trees of two different free roots.
func (s *solver) augmentMatching(v, w int32) {
	s.augmentPath(v, w)
	s.augmentPath(w, v)
}

// augmentPath matches S-vertex x to partner (-1 for none) and flips the
// alternating path from x up to the root of its tree, whose base ends up
// matched.
func (s *solver) augmentPath(x, partner int32) {
	for {
		bx := s.inBlossom[x]
		if int(bx) >= s.n {
			s.augmentBlossom(bx, x)
		}
		s.mate[x] = partner
		if s.labelFrom[bx] == -1 {
			// Reached the free root of this tree.
			return
		}
		bt := s.inBlossom[s.labelFrom[bx]]
		x = s.labelFrom[bt]
		j := s.labelTo[bt]
		if int(bt) >= s.n {
			s.augmentBlossom(bt, j)
		}
		s.mate[j] = x
		partner = j
	}
}

// augmentToSingle augments along the tight edge from S-vertex v to w, which
// lies in a free top-level blossom that is not part of the forest (its base
// has dual zero): w becomes that blossom's base and v's partner.
func (s *solver) augmentToSingle(v, w int32) {
	if bw := s.inBlossom[w]; int(bw) >= s.n {
		s.augmentBlossom(bw, w)
	}
	s.mate[w] = v
	s.augmentPath(v, w)
}

// scanVertex examines all edges of S-vertex v: tight edges grow the
// alternating forest, close blossoms or complete an augmenting path; the
// others update the least-slack bookkeeping. With buildTight it also
// records v's tight neighbours for later stages of the same dual epoch. It
// reports whether the matching was augmented, which ends the stage.
func (s *solver) scanVertex(v int32, buildTight bool) bool {
	lo, hi := s.adjStart[v], s.adjStart[v+1]
	nbrs := s.adjTo[lo:hi]
	w2s := s.adjW2[lo:hi]
	w2s = w2s[:len(nbrs)]
	dual := s.dual
	kind := s.kind
	inBlossom := s.inBlossom
	label := s.label
	best := s.best
	bestRaw := s.bestRaw
	moved := s.moved
	rv := dual[v] // v stays an S-vertex while scanning: this stays put
	bv := inBlossom[v]
	leastRaw, least := bestRaw[v], -1 // v's least-slack edge to other S-blossoms
	var tight []int32
	if buildTight {
		s.fullScan[v] = s.stage
		tight = s.tight[lo:lo:hi]
	}
	for k, w := range nbrs {
		raw := rv + dual[w] - w2s[k]
		sl := raw - (1+int64(kind[w]))*moved
		if buildTight && sl <= 0 {
			// Kept even inside a blossom: the blossom may be
			// dissolved before the duals next change.
			tight = append(tight, w)
		}
		bw := inBlossom[w]
		if bv == bw {
			continue // an edge inside a blossom
		}
		if sl <= 0 {
			if s.followTight(v, w) {
				if buildTight {
					s.tightEpoch[v] = 0 // the list is incomplete
				}
				return true
			}
			bv = inBlossom[v] // v may have joined a new blossom
		} else if label[bw] == labelS {
			if raw < leastRaw {
				leastRaw, least = raw, k
			}
		} else if raw < bestRaw[w] {
			// w is free, or in a T-blossom.
			best[w], bestRaw[w] = halfEdge{v, w, w2s[k]}, raw
			s.touchBest(w)
		}
	}
	if least >= 0 {
		best[v], bestRaw[v] = halfEdge{nbrs[least], v, w2s[least]}, leastRaw
		s.touchBest(v)
	}
	if buildTight {
		s.tightLen[v] = int32(len(tight))
		s.tightEpoch[v] = s.epoch
	}
	return false
}

// followTight handles the tight edge v–w from S-vertex v, where w lies in
// another top-level blossom: it grows the alternating forest, closes a
// blossom or augments the matching. It reports whether it augmented.
func (s *solver) followTight(v, w int32) bool {
	bw := s.inBlossom[w]
	switch {
	case s.label[bw] == unlabeled && s.mate[s.base[bw]] == -1:
		// A single vertex (or blossom) outside the forest.
		tv := s.treeOf[s.inBlossom[v]]
		s.augmentToSingle(v, w)
		s.dissolveTree(tv)
		s.repairBest()
		return true
	case s.label[bw] == unlabeled:
		// w is matched: it becomes T and its mate S.
		s.assignLabel(w, labelT, v)
	case s.label[bw] == labelS:
		// Two S-vertices: either a new blossom or an augmenting path.
		if base := s.scanBlossom(v, w); base >= 0 {
			s.addBlossom(base, v, w)
		} else {
			tv, tw := s.treeOf[s.inBlossom[v]], s.treeOf[bw]
			s.augmentMatching(v, w)
			s.dissolveTree(tv)
			s.dissolveTree(tw)
			s.repairBest()
			return true
		}
	case s.label[w] == unlabeled:
		// w sits inside a T-blossom and has not been reached from
		// outside yet: remember how, in case that blossom is expanded.
		s.label[w] = labelT
		s.labelFrom[w], s.labelTo[w] = v, w
	}
	return false
}

// dissolveTree unlabels the tree rooted at r after an augmentation through
// it (or after its root was matched by a delta1 step); the rest of the
// forest goes on growing, and repairBest then fixes the least-slack
// bookkeeping that referred to the tree. Vertices listed in members[r]
// that another tree has taken over since are left alone.
func (s *solver) dissolveTree(r int32) {
	s.fixCount++
	k := len(s.dissolved)
	for _, v := range s.members[r] {
		if b := s.inBlossom[v]; s.treeOf[b] == r && s.label[b] != unlabeled && s.fixStamp[v] != s.fixCount {
			s.fixStamp[v] = s.fixCount
			s.wasS[v] = s.label[b] == labelS
			s.dissolved = append(s.dissolved, v)
		}
	}
	for _, v := range s.dissolved[k:] {
		b := s.inBlossom[v]
		if int(b) >= s.n && s.label[b] != unlabeled {
			// Sub-blossoms keep the labels they had before they
			// were merged: clear them, as a new stage would.
			s.clearSubLabels(b)
		}
		s.label[v], s.label[b] = unlabeled, unlabeled
		s.setKind(v, 0)
		s.setKind(b, 0)
		// A later tight-only scan of v must not count as full:
		// what it recorded referred to the old labels.
		s.fullScan[v] = 0
	}
	s.members[r] = s.members[r][:0]
	s.live--
}

// clearSubLabels unlabels every blossom nested inside b.
func (s *solver) clearSubLabels(b int32) {
	for _, c := range s.children[b] {
		if int(c) >= s.n {
			s.label[c] = unlabeled
			s.clearSubLabels(c)
		}
	}
}

// repairBest restores the least-slack bookkeeping after dissolveTree: the
// dissolved vertices are outside the forest now and need their least-slack
// edge to the S-vertices that remain, and marks of vertices inside
// T-blossoms reached from a dissolved S-vertex are dropped. Least-slack
// edges elsewhere that led to a dissolved S-vertex are put right only if
// they come to bound a dual adjustment (see least).
func (s *solver) repairBest() {
	if s.harvest || s.repairWork > s.repairBudget {
		s.harvest = true
		s.dissolved = s.dissolved[:0]
		return
	}
	for _, y := range s.dissolved {
		s.recomputeBest(y)
	}
	for _, y := range s.dissolved {
		if !s.wasS[y] {
			continue
		}
		lo, hi := s.adjStart[y], s.adjStart[y+1]
		s.repairWork += int(hi - lo)
		for _, z := range s.adjTo[lo:hi] {
			if s.label[z] == labelT && s.labelFrom[z] == y && s.labelTo[z] == z && s.labelTo[s.inBlossom[z]] != z {
				// A reach mark from the dissolved tree. Other
				// S-vertices may reach z by tight edges too, which
				// neither the mark nor z's least-slack edge
				// recorded: find z's least slack again, so that z
				// bounds delta2 rightly if its blossom is expanded.
				s.label[z] = unlabeled
				s.recomputeBest(z)
			}
		}
	}
	s.dissolved = s.dissolved[:0]
}

// recomputeBest sets x's least-slack edge to an S-vertex in another
// blossom from scratch.
func (s *solver) recomputeBest(x int32) {
	s.clearBest(x)
	lo, hi := s.adjStart[x], s.adjStart[x+1]
	s.repairWork += int(hi - lo)
	bx := s.inBlossom[x]
	for p := lo; p < hi; p++ {
		w := s.adjTo[p]
		if s.kind[w] != 1 || s.inBlossom[w] == bx {
			continue
		}
		if r := s.dual[x] + s.dual[w] - s.adjW2[p]; r < s.bestRaw[x] {
			s.best[x], s.bestRaw[x] = halfEdge{w, x, s.adjW2[p]}, r
		}
	}
	if s.best[x].from >= 0 {
		s.touchBest(x)
	}
}

// scanTight scans S-vertex v in tightOnly mode. If v's list of tight
// neighbours is current it follows just those; otherwise it scans all of v's
// edges, bookkeeping included, and rebuilds the list. It reports whether the
// matching was augmented.
func (s *solver) scanTight(v int32) bool {
	if s.tightEpoch[v] != s.epoch {
		return s.scanVertex(v, true)
	}
	for _, w := range s.tight[s.adjStart[v] : s.adjStart[v]+s.tightLen[v]] {
		if s.inBlossom[v] != s.inBlossom[w] && s.followTight(v, w) {
			return true
		}
	}
	return false
}

// catchUpBestEdges ends tightOnly mode. Every S-vertex has had its tight
// edges followed; those that did so from their list of tight neighbours, or
// whose blossom's bookkeeping was dropped (see addBlossom), record their
// non-tight edges now. That leaves best[] just as scanning every edge one
// vertex at a time would have: labels only grow within a stage, so what
// an earlier full scan recorded is still valid.
func (s *solver) catchUpBestEdges() {
	s.tightOnly = false
	dual := s.dual
	kind := s.kind
	inBlossom := s.inBlossom
	label := s.label
	best := s.best
	bestRaw := s.bestRaw
	moved := s.moved
	for v := int32(0); int(v) < s.n; v++ {
		bv := inBlossom[v]
		if label[bv] != labelS || s.fullScan[v] == s.stage {
			continue
		}
		lo, hi := s.adjStart[v], s.adjStart[v+1]
		nbrs := s.adjTo[lo:hi]
		w2s := s.adjW2[lo:hi]
		w2s = w2s[:len(nbrs)]
		rv := dual[v]
		leastRaw, least := bestRaw[v], -1
		for k, w := range nbrs {
			bw := inBlossom[w]
			if bv == bw {
				continue
			}
			raw := rv + dual[w] - w2s[k]
			if raw-(1+int64(kind[w]))*moved <= 0 {
				continue // already followed
			}
			if label[bw] == labelS {
				if raw < leastRaw {
					leastRaw, least = raw, k
				}
			} else if raw < bestRaw[w] {
				best[w], bestRaw[w] = halfEdge{v, w, w2s[k]}, raw
				s.touchBest(w)
			}
		}
		if least >= 0 {
			best[v], bestRaw[v] = halfEdge{nbrs[least], v, w2s[least]}, leastRaw
			s.touchBest(v)
		}
	}
}

// solve grows alternating trees from the single vertices with a positive
// dual, up to maxLive at a time, adjusting duals whenever no tight edge is
// left to follow. Each augmentation (or delta1 step) dissolves the trees it
// touched, the others go on and new ones are planted, until no tree is
// left: then every single vertex has dual zero and the matching is
// optimal. (The loop over stages is kept from the classic form; the first
// stage finishes most of the work.)
func (s *solver) solve() {
	n := s.n
	nb := int32(2 * n)
	for stage := 0; stage < n; stage++ {
		clear(s.label)
		for i := range s.best {
			s.clearBest(int32(i))
		}
		s.queue = s.queue[:0]
		s.heap1.reset()
		s.heap2.reset()
		s.heap3.reset()
		s.heap4.reset()
		s.moved = 0 // every kind is 0 between stages
		s.tightOnly = true
		s.stage = stage + 1
		if stage == 1 {
			s.maxLive = n // see buildSolver
		}

		// Every free vertex (or free blossom) whose dual is still
		// positive is a root labelled S. A free vertex with dual zero
		// already meets its optimality condition: it stays unlabelled,
		// and an S-vertex that reaches it augments the matching.
		s.live = 0
		s.repairWork, s.harvest = 0, false
		s.roots, s.nextRoot = s.roots[:0], 0
		for v := int32(0); int(v) < n; v++ {
			if s.mate[v] == -1 && s.dual[v] > 0 && s.label[s.inBlossom[v]] == unlabeled {
				s.roots = append(s.roots, v)
			}
		}
		if len(s.roots) == 0 {
			break
		}

		// An augmentation dissolves just the trees it went through; the
		// others keep their labels and bookkeeping, and the stage goes
		// on until no tree is left.
		for {
			s.plantTrees()
			for len(s.queue) > 0 {
				v := s.queue[len(s.queue)-1]
				s.queue = s.queue[:len(s.queue)-1]
				if s.label[s.inBlossom[v]] != labelS {
					continue // its tree was dissolved
				}
				if s.tightOnly {
					s.scanTight(v)
				} else {
					s.scanVertex(v, false)
				}
			}
			if s.harvest {
				break
			}
			if s.live < s.maxLive && s.plantTrees() {
				continue
			}
			if s.live == 0 {
				break
			}
			if s.tightOnly {
				s.catchUpBestEdges()
			}
			// No tight edge left: choose the largest dual adjustment
			// that keeps every slack non-negative, in doubled units:
			// delta1, the least dual of an S-vertex (which must not go
			// below zero); delta2, the least slack from an S-vertex to
			// a free vertex; delta3, half the least slack between two
			// S-blossoms (such slacks are even, as all S-vertex duals
			// share one parity); delta4, the least dual of a T-blossom.
			deltaType := 1
			delta, deltaVertex := s.least1()
			d2, _ := s.least2()
			d3, _ := s.least3()
			d4, deltaBlossom := s.least4()
			if s.checkDelta {
				s.verifyBestEdges(delta, d2, d3, d4)
			}
			if d2 < delta {
				delta, deltaType = d2, 2
			}
			if d3 != noEdge && d3/2 < delta {
				delta, deltaType = d3/2, 3
			}
			if d4 < delta {
				delta, deltaType = d4, 4
			}

			// S-vertices go down, T-vertices up; top-level S-blossoms
			// go up, T-blossoms down, so edges inside blossoms keep
			// their slack. Each follows moved by its kind.
			s.moved += delta
			if s.moved > s.rebaseAt {
				s.rebase()
			}
			if delta != 0 {
				s.epoch++ // the lists of tight edges are out of date
			}
			// Other least-slack edges may have become tight at the
			// same time as the chosen one (ties are common): scan the
			// S ends of all, so that the forest uses them all.
			s.queueTight()

			switch deltaType {
			case 1:
				// An S-vertex reached dual zero: it may stay single.
				// Flip the alternating path from its root to it, so
				// the root is matched and it is free.
				tv := s.treeOf[s.inBlossom[deltaVertex]]
				s.augmentPath(deltaVertex, -1)
				s.dissolveTree(tv)
				s.repairBest()
			case 2, 3:
				// The edge is tight now: queueTight queued its S end.
			case 4:
				s.expandBlossom(deltaBlossom, false)
			}
		}
		// End of stage: every dual takes its value, and S-blossoms
		// whose dual is zero no longer serve a purpose; dissolving them
		// lets later stages relabel their parts.
		for x := range s.kind {
			s.setKind(int32(x), 0)
		}
		for b := int32(n); b < nb; b++ {
			if s.parent[b] == -1 && s.base[b] >= 0 && s.label[b] == labelS && s.dual[b] == 0 {
				s.expandBlossom(b, true)
			}
		}
	}
}

// plantTrees labels single vertices of the stage's roots S, as roots of new
// alternating trees, until maxLive trees grow, and reports whether it
// planted any. A root matched or left at dual zero since the stage began is
// passed over. Slacks between S-vertices must stay even (see delta3), so
// all S-vertices share the parity of their stored duals: while trees grow,
// a root of the other parity waits for an adjustment that changes it.
func (s *solver) plantTrees() bool {
	planted := false
	for s.live < s.maxLive && s.nextRoot < len(s.roots) && !s.harvest {
		v := s.roots[s.nextRoot]
		if s.mate[v] != -1 || s.vd(v) <= 0 || s.label[s.inBlossom[v]] != unlabeled {
			s.nextRoot++
			continue
		}
		parity := (s.dual[v] + s.moved) & 1
		if s.live > 0 && parity != s.parity {
			break
		}
		s.parity = parity
		s.nextRoot++
		s.members[v] = s.members[v][:0]
		s.assignLabel(v, labelS, -1)
		s.live++
		planted = true
	}
	return planted
}

// mates returns the partner of every vertex, or -1.
func (s *solver) mates() []int {
	mate := make([]int, s.n)
	for v, m := range s.mate {
		mate[v] = int(m)
	}
	return mate
}

// certificate is the dual solution the solver ends with. It proves the
// matching optimal: see verifyOptimum in the tests.
type certificate struct {
	// shift was added to every weight before solving (maxCardinality).
	shift int64
	// dual[v] is twice the dual variable u(v) of vertex v.
	dual []int64
	// blossoms are the blossoms left at the end, with their duals.
	blossoms []certBlossom
}

// certBlossom is one blossom of the certificate: an odd set of vertices with
// dual variable z.
type certBlossom struct {
	vertices []int
	z        int64
}

// certificate extracts the final duals and blossoms.
func (s *solver) certificate() certificate {
	c := certificate{shift: s.shift, dual: append([]int64(nil), s.dual[:s.n]...)}
	for b := s.n; b < 2*s.n; b++ {
		if s.base[b] < 0 {
			continue
		}
		var vs []int
		for _, x := range s.walkLeaves(nil, int32(b)) {
			vs = append(vs, int(x))
		}
		c.blossoms = append(c.blossoms, certBlossom{vertices: vs, z: s.dual[b]})
	}
	return c
}

// verifyBestEdges recomputes the bounds of a dual adjustment by brute force
// and panics if the least-slack bookkeeping, the kinds or the heaps
// (least1..least4 gave d1..d4) disagree. Tests turn it on; it costs O(n·m).
func (s *solver) verifyBestEdges(d1, d2, d3, d4 int64) {
	n := s.n
	kindOf := func(label int8) int8 {
		switch label {
		case labelS:
			return 1
		case labelT:
			return -1
		}
		return 0
	}
	want1, want2, want4 := int64(noEdge), int64(noEdge), int64(noEdge)
	for v := 0; v < n; v++ {
		if k := kindOf(s.label[s.inBlossom[v]]); s.kind[v] != k {
			panic(fmt.Sprintf("pairing: vertex %d has kind %d, its label says %d", v, s.kind[v], k))
		}
		if s.kind[v] == 1 {
			want1 = min(want1, s.vd(int32(v)))
		}
	}
	for b := n; b < 2*n; b++ {
		k := int8(0)
		if s.base[b] >= 0 && s.parent[b] == -1 {
			k = kindOf(s.label[b])
		}
		if s.kind[b] != k {
			panic(fmt.Sprintf("pairing: blossom %d has kind %d, want %d", b, s.kind[b], k))
		}
		if k == -1 {
			want4 = min(want4, s.zd(int32(b)))
		}
	}
	// delta2: every free vertex's least slack to an S-vertex, which its
	// least-slack edge must not exceed.
	for v := 0; v < n; v++ {
		if s.label[s.inBlossom[v]] != unlabeled {
			continue
		}
		found, least := false, int64(0)
		for p := s.adjStart[v]; p < s.adjStart[v+1]; p++ {
			w := s.adjTo[p]
			if s.label[s.inBlossom[w]] == labelS {
				d := s.vd(int32(v)) + s.vd(w) - s.adjW2[p]
				if !found || d < least {
					found, least = true, d
				}
			}
		}
		if e := s.best[v]; found && (e.from < 0 || s.bestRaw[v]-s.moved > least) {
			panic(fmt.Sprintf("pairing: least-slack edge of free vertex %d is %+v (raw %d), want slack %d at most", v, e, s.bestRaw[v], least))
		}
		if found {
			want2 = min(want2, least)
		}
	}
	// delta3: least slack between different top-level S-blossoms.
	want3 := int64(noEdge)
	for v := 0; v < n; v++ {
		if s.label[s.inBlossom[v]] != labelS {
			continue
		}
		for p := s.adjStart[v]; p < s.adjStart[v+1]; p++ {
			w := s.adjTo[p]
			if s.inBlossom[w] != s.inBlossom[v] && s.label[s.inBlossom[w]] == labelS {
				d := s.vd(int32(v)) + s.vd(w) - s.adjW2[p]
				if d%2 != 0 {
					panic(fmt.Sprintf("pairing: odd slack %d between S-vertices %d and %d", d, v, w))
				}
				want3 = min(want3, d)
			}
		}
	}
	if d1 != want1 || d2 != want2 || d3 != want3 || d4 != want4 {
		panic(fmt.Sprintf("pairing: the heaps give bounds %d %d %d %d, brute force %d %d %d %d", d1, d2, d3, d4, want1, want2, want3, want4))
	}
}

// slackHeap is a binary min-heap of vertex or blossom ids, each at most
// once, with its key.
type slackHeap struct {
	a   []heapEntry
	pos []int32 // where each id sits in a, or -1
}

type heapEntry struct {
	key int64
	x   int32
}

func newSlackHeap(ids int) slackHeap {
	pos := make([]int32, ids)
	for i := range pos {
		pos[i] = -1
	}
	return slackHeap{pos: pos}
}

func (h *slackHeap) len() int       { return len(h.a) }
func (h *slackHeap) top() heapEntry { return h.a[0] }

// reset empties the heap.
func (h *slackHeap) reset() {
	for _, e := range h.a {
		h.pos[e.x] = -1
	}
	h.a = h.a[:0]
}

// push enters x with key, or moves it there if x is in the heap already.
func (h *slackHeap) push(key int64, x int32) {
	i := int(h.pos[x])
	if i < 0 {
		i = len(h.a)
		h.a = append(h.a, heapEntry{key, x})
		h.up(i)
		return
	}
	old := h.a[i].key
	h.a[i].key = key
	if key < old {
		h.up(i)
	} else {
		h.down(i)
	}
}

// pop removes the least entry.
func (h *slackHeap) pop() {
	a := h.a
	h.pos[a[0].x] = -1
	last := len(a) - 1
	if last > 0 {
		a[0] = a[last]
		h.a = a[:last]
		h.down(0)
	} else {
		h.a = a[:0]
	}
}

func (h *slackHeap) up(i int) {
	a := h.a
	e := a[i]
	for i > 0 {
		p := (i - 1) / 2
		if a[p].key <= e.key {
			break
		}
		a[i] = a[p]
		h.pos[a[i].x] = int32(i)
		i = p
	}
	a[i] = e
	h.pos[e.x] = int32(i)
}

func (h *slackHeap) down(i int) {
	a := h.a
	e := a[i]
	for {
		c := 2*i + 1
		if c >= len(a) {
			break
		}
		if c+1 < len(a) && a[c+1].key < a[c].key {
			c++
		}
		if a[c].key >= e.key {
			break
		}
		a[i] = a[c]
		h.pos[a[i].x] = int32(i)
		i = c
	}
	a[i] = e
	h.pos[e.x] = int32(i)
}

func indexInt32(xs []int32, x int32) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	panic("pairing: sub-blossom not found in its parent")
}

func reverseInt32(xs []int32) {
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// rotateInt32 moves xs[k] to the front, keeping the cyclic order.
func rotateInt32(xs []int32, k int) {
	reverseInt32(xs[:k])
	reverseInt32(xs[k:])
	reverseInt32(xs)
}

// cyclic maps a position that may run past either end of a blossom's cycle
// of m sub-blossoms back into [0, m).
func cyclic(a, m int) int {
	a %= m
	if a < 0 {
		a += m
	}
	return a
}
