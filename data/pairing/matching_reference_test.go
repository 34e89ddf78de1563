// A frozen copy of the O(n³) solver as it was before candidate pricing, jump
// starts and warm starts: the reference every faster path is checked against.
// Only the names differ (ref...).

package pairing

import (
	"fmt"
	"math"
)

// Labels of top-level blossoms during a stage. A vertex inside a T-blossom
// also carries refLabelT on its own once it is reached from an S-vertex outside
// the blossom; expanding the T-blossom needs that to relabel its parts.
const (
	refUnlabeled  int8 = 0
	refLabelS     int8 = 1
	refLabelT     int8 = 2
	refBreadcrumb int8 = 4 // temporary mark on S-blossoms while tracing back from a tight edge
)

// refNoEdge is the cached slack of a missing least-slack edge.
const refNoEdge = math.MaxInt64

// refHalfEdge is an edge seen from a blossom: from lies inside it, to outside.
// w2 is twice the (shifted) weight, so that the slack of the edge is
// dual[from] + dual[to] - w2. from < 0 means "no edge".
type refHalfEdge struct {
	from, to int32
	w2       int64
}

// refSolver holds the state of one run. Vertices are 0..n-1; non-trivial
// blossoms take the ids n..2n-1, so every per-blossom array has 2n entries
// and a vertex is its own trivial blossom.
type refSolver struct {
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
	// children[b] lists the sub-blossoms of b in refCyclic order, starting with
	// the one holding the base. The edge from children[b][i] to
	// children[b][i+1] (cyclically) is endFrom[b][i] -> endTo[b][i].
	children [][]int32
	endFrom  [][]int32
	endTo    [][]int32

	// dual[v] is 2·u(v) for a vertex; dual[b] is z(b) for a blossom. Doubling
	// the vertex duals keeps every dual adjustment an integer.
	dual []int64

	// best[v], for a free vertex (or an unreached vertex inside a
	// T-blossom), is its least-slack edge to an S-vertex. best[b], for a
	// top-level S-blossom, is its least-slack edge to another S-blossom.
	// They make delta2 and delta3 cost O(n) per dual adjustment.
	best []refHalfEdge
	// bestSlack[x] is the slack of best[x] under the current duals, or
	// refNoEdge; caching it saves the scan two dependent loads per edge.
	bestSlack []int64
	// bestList[b] holds, for a top-level S-blossom b, its least-slack edge
	// to each neighbouring S-blossom; it is valid only when hasBestList[b].
	bestList    [][]refHalfEdge
	hasBestList []bool

	unused []int32 // free blossom ids
	queue  []int32 // S-vertices whose edges still have to be scanned

	// Often a stage ends in an augmentation without any dual adjustment,
	// and its least-slack bookkeeping is then thrown away unused, while the
	// next stage rescans the same vertices under the same duals. So each
	// stage starts in tightOnly mode: an S-vertex whose tight neighbours
	// are known for the current duals (tight[v], valid when tightEpoch[v]
	// equals epoch, which advances whenever the duals change) follows only
	// those; others get a full scan (fullScan[v] = stage) that rebuilds
	// the list. Only if the stage needs a dual adjustment does it complete
	// the bookkeeping (catchUpBestEdges) and go on scanning every edge, as
	// the plain algorithm does.
	tightOnly  bool
	stage      int
	epoch      int
	tight      [][]int32
	tightEpoch []int
	fullScan   []int
	lostBest   []bool // blossom formed in tightOnly mode, bookkeeping dropped

	// Scratch space reused across calls.
	leafBuf  []int32
	leafBuf2 []int32
	pathBuf  []int32
	bestTo   []refHalfEdge // per blossom id, while building a blossom's bestList
	touched  []int32
}

// refNewSolver validates the input, applies the cardinality shift and builds the
// adjacency arrays.
func refNewSolver(n int, edges []Edge, maxCardinality, checkDelta bool) *refSolver {
	if n < 0 {
		panic(fmt.Sprintf("pairing: negative vertex count %d", n))
	}
	if n > 1<<30 {
		panic(fmt.Sprintf("pairing: too many vertices (%d)", n))
	}
	minW, maxW := int64(0), int64(0)
	for k, e := range edges {
		if e.I < 0 || e.I >= n || e.J < 0 || e.J >= n {
			panic(fmt.Sprintf("pairing: edge %d (%d, %d) has a vertex outside [0, %d)", k, e.I, e.J, n))
		}
		if e.W < -MaxWeight || e.W > MaxWeight {
			panic(fmt.Sprintf("pairing: edge %d (%d, %d) has weight %d outside ±%d", k, e.I, e.J, e.W, MaxWeight))
		}
		if e.I != e.J {
			minW = min(minW, e.W)
			maxW = max(maxW, e.W)
		}
	}

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

	s := &refSolver{n: n, checkDelta: checkDelta, shift: shift}

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
	s.dual = make([]int64, nb)
	s.best = make([]refHalfEdge, nb)
	s.bestSlack = make([]int64, nb)
	s.bestList = make([][]refHalfEdge, nb)
	s.hasBestList = make([]bool, nb)
	s.bestTo = make([]refHalfEdge, nb)
	s.unused = make([]int32, 0, n)
	s.tight = make([][]int32, n)
	s.tightEpoch = make([]int, n)
	s.fullScan = make([]int, n)
	s.lostBest = make([]bool, nb)
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
		s.clearBest(int32(i))
		s.bestTo[i].from = -1
	}
	// Hand out blossom ids from the top, as a stack.
	for b := n; b < nb; b++ {
		s.unused = append(s.unused, int32(b))
	}
	return s
}

// slack returns twice the slack of e. It is only meaningful for an edge
// whose endpoints lie in different top-level blossoms.
func (s *refSolver) slack(e refHalfEdge) int64 {
	return s.dual[e.from] + s.dual[e.to] - e.w2
}

// clearBest forgets the least-slack edge of x.
func (s *refSolver) clearBest(x int32) {
	s.best[x].from = -1
	s.bestSlack[x] = refNoEdge
}

// appendLeaves appends the vertices of blossom b to dst.
func (s *refSolver) appendLeaves(dst []int32, b int32) []int32 {
	if int(b) < s.n {
		return append(dst, b)
	}
	for _, c := range s.children[b] {
		if int(c) < s.n {
			dst = append(dst, c)
		} else {
			dst = s.appendLeaves(dst, c)
		}
	}
	return dst
}

// assignLabel gives label t to the top-level blossom containing w, which was
// reached through the edge from -> w (from < 0 for a free root). A T-blossom
// passes label S on to the mate of its base, which is always matched.
func (s *refSolver) assignLabel(w int32, t int8, from int32) {
	b := s.inBlossom[w]
	s.label[w], s.label[b] = t, t
	s.labelFrom[w], s.labelTo[w] = from, w
	s.labelFrom[b], s.labelTo[b] = from, w
	s.clearBest(w)
	s.clearBest(b)
	if t == refLabelS {
		s.queue = s.appendLeaves(s.queue, b)
		return
	}
	base := s.base[b]
	s.assignLabel(s.mate[base], refLabelS, base)
}

// scanBlossom traces back from the S-vertices v and w, joined by a tight
// edge, alternately along both tree paths. If the paths meet, the edge closes
// an odd cycle and the base vertex of the new blossom is returned; if both
// reach a free root, the edge completes an augmenting path and it returns -1.
func (s *refSolver) scanBlossom(v, w int32) int32 {
	path := s.pathBuf[:0]
	base := int32(-1)
	for v != -1 || w != -1 {
		b := s.inBlossom[v]
		if s.label[b]&refBreadcrumb != 0 {
			base = s.base[b]
			break
		}
		path = append(path, b)
		s.label[b] = refLabelS | refBreadcrumb
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
		s.label[b] = refLabelS
	}
	s.pathBuf = path
	return base
}

// addBlossom builds a new S-blossom with the given base from the odd cycle
// closed by the tight edge v–w between two S-vertices. Its T-sub-blossoms
// become S and their vertices join the queue.
func (s *refSolver) addBlossom(base, v, w int32) {
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
	refReverseInt32(path)
	refReverseInt32(from)
	refReverseInt32(to)
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

	s.label[b] = refLabelS
	s.labelFrom[b], s.labelTo[b] = s.labelFrom[bb], s.labelTo[bb]
	s.dual[b] = 0

	leaves := s.appendLeaves(s.leafBuf[:0], b)
	for _, x := range leaves {
		if s.label[s.inBlossom[x]] == refLabelT {
			// A T-vertex becomes an S-vertex inside the new S-blossom
			// and must now scan its edges.
			s.queue = append(s.queue, x)
		}
		s.inBlossom[x] = b
	}
	s.leafBuf = leaves

	if s.tightOnly {
		// Skip merging the sub-blossoms' bookkeeping: most stages
		// never need it. catchUpBestEdges rescans b's vertices if a
		// dual adjustment comes, and a later merge reads them directly.
		for _, c := range path {
			if c >= n {
				s.hasBestList[c] = false
				s.bestList[c] = s.bestList[c][:0]
			}
			s.clearBest(c)
		}
		s.clearBest(b)
		s.hasBestList[b] = false
		s.bestList[b] = s.bestList[b][:0]
		s.lostBest[b] = true
		return
	}

	// Merge the least-slack edges of the sub-blossoms into one list for b:
	// per neighbouring S-blossom, keep the edge of least slack. A
	// sub-blossom without a list this stage contributes all edges of its
	// vertices.
	bestTo := s.bestTo
	touched := s.touched[:0]
	consider := func(i, j int32, ew2 int64) {
		bj := s.inBlossom[j]
		if bj == b || s.label[bj] != refLabelS {
			return
		}
		cur := &bestTo[bj]
		if cur.from < 0 {
			touched = append(touched, bj)
		} else if s.dual[i]+s.dual[j]-ew2 >= s.slack(*cur) {
			return
		}
		*cur = refHalfEdge{i, j, ew2}
	}
	for _, c := range path {
		if s.hasBestList[c] {
			for _, e := range s.bestList[c] {
				i, j := e.from, e.to
				if s.inBlossom[j] == b {
					i, j = j, i
				}
				consider(i, j, e.w2)
			}
		} else {
			sub := s.appendLeaves(s.leafBuf2[:0], c)
			for _, x := range sub {
				lo, hi := s.adjStart[x], s.adjStart[x+1]
				for p := lo; p < hi; p++ {
					consider(x, s.adjTo[p], s.adjW2[p])
				}
			}
			s.leafBuf2 = sub
		}
		if c >= n {
			s.hasBestList[c] = false
			s.bestList[c] = s.bestList[c][:0]
		}
		s.clearBest(c)
	}
	list := s.bestList[b][:0]
	s.clearBest(b)
	for _, bj := range touched {
		e := bestTo[bj]
		bestTo[bj].from = -1
		list = append(list, e)
		if sl := s.slack(e); sl < s.bestSlack[b] {
			s.best[b], s.bestSlack[b] = e, sl
		}
	}
	s.bestList[b] = list
	s.hasBestList[b] = true
	s.touched = touched
}

// expandBlossom dissolves top-level blossom b into its sub-blossoms. At the
// end of a stage (endStage) sub-blossoms with zero dual are dissolved too.
// During a stage b is a T-blossom whose dual reached zero (delta4); its
// sub-blossoms are then relabelled so that the alternating tree stays intact:
// the even-length path from the entry child to the base becomes
// T, S, T, ..., T, and the other children become free unless an S-vertex
// already reaches them by a tight edge.
func (s *refSolver) expandBlossom(b int32, endStage bool) {
	n := int32(s.n)
	for _, c := range s.children[b] {
		s.parent[c] = -1
		switch {
		case c < n:
			s.inBlossom[c] = c
		case endStage && s.dual[c] == 0:
			s.expandBlossom(c, endStage)
		default:
			leaves := s.appendLeaves(s.leafBuf[:0], c)
			for _, x := range leaves {
				s.inBlossom[x] = c
			}
			s.leafBuf = leaves
		}
	}

	if !endStage && s.label[b] == refLabelT {
		ch := s.children[b]
		size := len(ch)
		entry := s.inBlossom[s.labelTo[b]]
		j := refIndexInt32(ch, entry)
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
			s.label[to] = refUnlabeled
			k := refCyclic(j-trick, size)
			if trick == 0 {
				s.label[s.endTo[b][k]] = refUnlabeled
			} else {
				s.label[s.endFrom[b][k]] = refUnlabeled
			}
			s.assignLabel(to, refLabelT, from)
			// Step over the S-sub-blossom (labelled by assignLabel
			// through its matched edge) to the next T-sub-blossom.
			j += jstep
			k = refCyclic(j-trick, size)
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
		s.label[to], s.label[bv] = refLabelT, refLabelT
		s.labelFrom[to], s.labelTo[to] = from, to
		s.labelFrom[bv], s.labelTo[bv] = from, to
		s.clearBest(bv)
		// The remaining children, off the path, stay free unless one of
		// their vertices is already reached from an S-vertex outside.
		j += jstep
		for ch[refCyclic(j, size)] != entry {
			bv := ch[refCyclic(j, size)]
			j += jstep
			if s.label[bv] == refLabelS {
				// Labelled S just now through its mate.
				continue
			}
			leaves := s.appendLeaves(s.leafBuf[:0], bv)
			reached := int32(-1)
			for _, x := range leaves {
				if s.label[x] != refUnlabeled {
					reached = x
					break
				}
			}
			s.leafBuf = leaves
			if reached >= 0 {
				s.label[reached] = refUnlabeled
				s.label[s.mate[s.base[bv]]] = refUnlabeled
				s.assignLabel(reached, refLabelT, s.labelFrom[reached])
			}
		}
	}

	// Recycle the blossom id.
	s.label[b] = refUnlabeled
	s.labelFrom[b], s.labelTo[b] = -1, -1
	s.children[b] = s.children[b][:0]
	s.endFrom[b] = s.endFrom[b][:0]
	s.endTo[b] = s.endTo[b][:0]
	s.base[b] = -1
	s.bestList[b] = s.bestList[b][:0]
	s.hasBestList[b] = false
	s.clearBest(b)
	s.unused = append(s.unused, b)
}

// augmentBlossom swaps matched and unmatched edges along the even-length
// path inside blossom b from vertex v to the base, recursively through
// sub-blossoms, and rotates b so that v becomes its base.
func (s *refSolver) augmentBlossom(b, v int32) {
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
	i := refIndexInt32(ch, t)
	j := i
	jstep, trick := -1, 1
	if i&1 != 0 {
		j -= size
		jstep, trick = 1, 0
	}
	for j != 0 {
		j += jstep
		t = ch[refCyclic(j, size)]
		k := refCyclic(j-trick, size)
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
		t = ch[refCyclic(j, size)]
		if t >= n {
			s.augmentBlossom(t, y)
		}
		s.mate[x], s.mate[y] = y, x
	}
	refRotateInt32(s.children[b], i)
	refRotateInt32(s.endFrom[b], i)
	refRotateInt32(s.endTo[b], i)
	s.base[b] = s.base[s.children[b][0]]
}

// augmentMatching flips the augmenting path through the tight edge v–w,
// which joins the alternating trees of two different free roots.
func (s *refSolver) augmentMatching(v, w int32) {
	for _, start := range [2][2]int32{{v, w}, {w, v}} {
		x, partner := start[0], start[1]
		for {
			bx := s.inBlossom[x]
			if int(bx) >= s.n {
				s.augmentBlossom(bx, x)
			}
			s.mate[x] = partner
			if s.labelFrom[bx] == -1 {
				// Reached the free root of this tree.
				break
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
}

// scanVertex examines all edges of S-vertex v: tight edges grow the
// alternating forest, close blossoms or complete an augmenting path; the
// others update the least-slack bookkeeping. With buildTight it also
// records v's tight neighbours for later stages of the same dual epoch. It
// reports whether the matching was augmented, which ends the stage.
func (s *refSolver) scanVertex(v int32, buildTight bool) bool {
	lo, hi := s.adjStart[v], s.adjStart[v+1]
	nbrs := s.adjTo[lo:hi]
	w2s := s.adjW2[lo:hi]
	w2s = w2s[:len(nbrs)]
	dual := s.dual
	inBlossom := s.inBlossom
	label := s.label
	best := s.best
	bestSlack := s.bestSlack
	dv := dual[v] // duals do not change while scanning
	bv := inBlossom[v]
	var tight []int32
	if buildTight {
		s.fullScan[v] = s.stage
		tight = s.tight[v][:0]
	}
	for k, w := range nbrs {
		sl := dv + dual[w] - w2s[k]
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
		} else if label[bw] == refLabelS {
			if sl < bestSlack[bv] {
				best[bv], bestSlack[bv] = refHalfEdge{v, w, w2s[k]}, sl
			}
		} else if label[w] == refUnlabeled {
			// w is free, or unreached inside a T-blossom.
			if sl < bestSlack[w] {
				best[w], bestSlack[w] = refHalfEdge{v, w, w2s[k]}, sl
			}
		}
	}
	if buildTight {
		s.tight[v] = tight
		s.tightEpoch[v] = s.epoch
	}
	return false
}

// followTight handles the tight edge v–w from S-vertex v, where w lies in
// another top-level blossom: it grows the alternating forest, closes a
// blossom or augments the matching. It reports whether it augmented.
func (s *refSolver) followTight(v, w int32) bool {
	bw := s.inBlossom[w]
	switch {
	case s.label[bw] == refUnlabeled:
		// w is free: it becomes T and its mate S.
		s.assignLabel(w, refLabelT, v)
	case s.label[bw] == refLabelS:
		// Two S-vertices: either a new blossom or an augmenting path.
		if base := s.scanBlossom(v, w); base >= 0 {
			s.addBlossom(base, v, w)
		} else {
			s.augmentMatching(v, w)
			return true
		}
	case s.label[w] == refUnlabeled:
		// w sits inside a T-blossom and has not been reached from
		// outside yet: remember how, in case that blossom is expanded.
		s.label[w] = refLabelT
		s.labelFrom[w], s.labelTo[w] = v, w
	}
	return false
}

// scanTight scans S-vertex v in tightOnly mode. If v's list of tight
// neighbours is current it follows just those; otherwise it scans all of v's
// edges, bookkeeping included, and rebuilds the list. It reports whether the
// matching was augmented.
func (s *refSolver) scanTight(v int32) bool {
	if s.tightEpoch[v] != s.epoch {
		return s.scanVertex(v, true)
	}
	for _, w := range s.tight[v] {
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
func (s *refSolver) catchUpBestEdges() {
	s.tightOnly = false
	dual := s.dual
	inBlossom := s.inBlossom
	label := s.label
	best := s.best
	bestSlack := s.bestSlack
	for v := int32(0); int(v) < s.n; v++ {
		bv := inBlossom[v]
		if label[bv] != refLabelS || (s.fullScan[v] == s.stage && !s.lostBest[bv]) {
			continue
		}
		lo, hi := s.adjStart[v], s.adjStart[v+1]
		nbrs := s.adjTo[lo:hi]
		w2s := s.adjW2[lo:hi]
		w2s = w2s[:len(nbrs)]
		dv := dual[v]
		for k, w := range nbrs {
			bw := inBlossom[w]
			if bv == bw {
				continue
			}
			sl := dv + dual[w] - w2s[k]
			if sl <= 0 {
				continue // already followed
			}
			if label[bw] == refLabelS {
				if sl < bestSlack[bv] {
					best[bv], bestSlack[bv] = refHalfEdge{v, w, w2s[k]}, sl
				}
			} else if label[w] == refUnlabeled && sl < bestSlack[w] {
				best[w], bestSlack[w] = refHalfEdge{v, w, w2s[k]}, sl
			}
		}
	}
}

// solve runs stages until no augmenting path improves the matching. Each
// stage grows alternating trees from all free vertices, adjusting duals
// whenever no tight edge is left to follow, until it augments the matching
// or the free vertices' duals reach zero (then the matching is optimal).
func (s *refSolver) solve() {
	n := s.n
	nb := int32(2 * n)
	for stage := 0; stage < n; stage++ {
		clear(s.label)
		for i := range s.best {
			s.clearBest(int32(i))
		}
		for b := n; b < 2*n; b++ {
			s.hasBestList[b] = false
			s.bestList[b] = s.bestList[b][:0]
		}
		s.queue = s.queue[:0]
		s.tightOnly = true
		s.stage = stage + 1
		clear(s.lostBest)

		// Every free vertex (or free blossom) is a root labelled S.
		for v := int32(0); int(v) < n; v++ {
			if s.mate[v] == -1 && s.label[s.inBlossom[v]] == refUnlabeled {
				s.assignLabel(v, refLabelS, -1)
			}
		}

		augmented := false
		for {
			for len(s.queue) > 0 && !augmented {
				v := s.queue[len(s.queue)-1]
				s.queue = s.queue[:len(s.queue)-1]
				if s.tightOnly {
					augmented = s.scanTight(v)
				} else {
					augmented = s.scanVertex(v, false)
				}
			}
			if augmented {
				break
			}
			if s.tightOnly {
				s.catchUpBestEdges()
			}
			if s.checkDelta {
				s.verifyBestEdges()
			}

			// No tight edge left: choose the largest dual adjustment
			// that keeps every slack non-negative. All values are in
			// doubled units.
			//
			// delta1: the smallest vertex dual. Free vertices carry the
			// smallest dual, so reaching it means they are at zero and
			// the matching is optimal.
			deltaType := 1
			delta := s.dual[0]
			for _, d := range s.dual[:n] {
				delta = min(delta, d)
			}
			var deltaEdge refHalfEdge
			deltaBlossom := int32(-1)
			// delta2: least slack from an S-vertex to a free vertex.
			for v := 0; v < n; v++ {
				if s.bestSlack[v] != refNoEdge && s.label[s.inBlossom[v]] == refUnlabeled {
					if d := s.bestSlack[v]; d < delta {
						delta, deltaType, deltaEdge = d, 2, s.best[v]
					}
				}
			}
			// delta3: half the least slack between two S-blossoms (such
			// slacks are even, as all S-vertex duals share one parity).
			for b := int32(0); b < nb; b++ {
				if s.bestSlack[b] != refNoEdge && s.parent[b] == -1 && s.label[b] == refLabelS {
					if d := s.bestSlack[b] / 2; d < delta {
						delta, deltaType, deltaEdge = d, 3, s.best[b]
					}
				}
			}
			// delta4: the smallest dual of a T-blossom.
			for b := int32(n); b < nb; b++ {
				if s.base[b] >= 0 && s.parent[b] == -1 && s.label[b] == refLabelT && s.dual[b] < delta {
					delta, deltaType, deltaBlossom = s.dual[b], 4, b
				}
			}

			// S-vertices go down, T-vertices up; top-level S-blossoms
			// go up, T-blossoms down, so edges inside blossoms keep
			// their slack.
			for v := 0; v < n; v++ {
				switch s.label[s.inBlossom[v]] {
				case refLabelS:
					s.dual[v] -= delta
				case refLabelT:
					s.dual[v] += delta
				}
			}
			for b := int32(n); b < nb; b++ {
				if s.base[b] >= 0 && s.parent[b] == -1 {
					switch s.label[b] {
					case refLabelS:
						s.dual[b] += delta
					case refLabelT:
						s.dual[b] -= delta
					}
				}
			}

			// Keep the cached slacks in step with the new duals; the
			// lists of tight edges are now out of date.
			if delta != 0 {
				s.epoch++
			}
			for x, e := range s.best {
				if e.from >= 0 {
					s.bestSlack[x] = s.slack(e)
				}
			}

			if deltaType == 1 {
				break
			}
			switch deltaType {
			case 2, 3:
				// The edge is tight now; rescan its S end.
				s.queue = append(s.queue, deltaEdge.from)
			case 4:
				s.expandBlossom(deltaBlossom, false)
			}
		}
		if !augmented {
			break
		}

		// End of stage: S-blossoms whose dual is zero no longer serve a
		// purpose; dissolving them lets later stages relabel their parts.
		for b := int32(n); b < nb; b++ {
			if s.parent[b] == -1 && s.base[b] >= 0 && s.label[b] == refLabelS && s.dual[b] == 0 {
				s.expandBlossom(b, true)
			}
		}
	}
}

// mates returns the partner of every vertex, or -1.
func (s *refSolver) mates() []int {
	mate := make([]int, s.n)
	for v, m := range s.mate {
		mate[v] = int(m)
	}
	return mate
}

// certificate extracts the final duals and blossoms.
func (s *refSolver) certificate() certificate {
	c := certificate{shift: s.shift, dual: append([]int64(nil), s.dual[:s.n]...)}
	for b := s.n; b < 2*s.n; b++ {
		if s.base[b] < 0 {
			continue
		}
		var vs []int
		for _, x := range s.appendLeaves(nil, int32(b)) {
			vs = append(vs, int(x))
		}
		c.blossoms = append(c.blossoms, certBlossom{vertices: vs, z: s.dual[b]})
	}
	return c
}

// verifyBestEdges recomputes delta2 and delta3 by brute force and panics if
// the least-slack bookkeeping disagrees. Tests turn it on; it costs O(n·m).
func (s *refSolver) verifyBestEdges() {
	n := s.n
	// delta2: every free vertex's least slack to an S-vertex.
	for v := 0; v < n; v++ {
		if s.label[s.inBlossom[v]] != refUnlabeled {
			continue
		}
		found, least := false, int64(0)
		for p := s.adjStart[v]; p < s.adjStart[v+1]; p++ {
			w := s.adjTo[p]
			if s.label[s.inBlossom[w]] == refLabelS {
				d := s.dual[v] + s.dual[w] - s.adjW2[p]
				if !found || d < least {
					found, least = true, d
				}
			}
		}
		e := s.best[v]
		if found != (e.from >= 0) || (found && s.slack(e) != least) || (found && s.bestSlack[v] != least) {
			panic(fmt.Sprintf("pairing: least-slack edge of free vertex %d is %+v, want slack %d (found %v)", v, e, least, found))
		}
	}
	// delta3: least slack between different top-level S-blossoms.
	found, least := false, int64(0)
	kept, keptLeast := false, int64(0)
	for b := 0; b < 2*n; b++ {
		if s.parent[b] != -1 || s.label[b] != refLabelS || (b >= n && s.base[b] < 0) {
			continue
		}
		for _, v := range s.appendLeaves(nil, int32(b)) {
			for p := s.adjStart[v]; p < s.adjStart[v+1]; p++ {
				w := s.adjTo[p]
				bw := s.inBlossom[w]
				if int(bw) != b && s.label[bw] == refLabelS {
					d := s.dual[v] + s.dual[w] - s.adjW2[p]
					if d%2 != 0 {
						panic(fmt.Sprintf("pairing: odd slack %d between S-vertices %d and %d", d, v, w))
					}
					if !found || d < least {
						found, least = true, d
					}
				}
			}
		}
		if e := s.best[b]; e.from >= 0 {
			if s.bestSlack[b] != s.slack(e) {
				panic(fmt.Sprintf("pairing: cached slack %d of S-blossom %d differs from %d", s.bestSlack[b], b, s.slack(e)))
			}
			if int(s.inBlossom[e.from]) != b || s.inBlossom[e.to] == int32(b) || s.label[s.inBlossom[e.to]] != refLabelS {
				panic(fmt.Sprintf("pairing: least-slack edge %+v of S-blossom %d does not lead to another S-blossom", e, b))
			}
			if d := s.slack(e); !kept || d < keptLeast {
				kept, keptLeast = true, d
			}
		}
	}
	if found != kept || least != keptLeast {
		panic(fmt.Sprintf("pairing: least S–S slack is %d (found %v), bookkeeping says %d (found %v)", least, found, keptLeast, kept))
	}
}

func refIndexInt32(xs []int32, x int32) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	panic("pairing: sub-blossom not found in its parent")
}

func refReverseInt32(xs []int32) {
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// refRotateInt32 moves xs[k] to the front, keeping the refCyclic order.
func refRotateInt32(xs []int32, k int) {
	refReverseInt32(xs[:k])
	refReverseInt32(xs[k:])
	refReverseInt32(xs)
}

// refCyclic maps a position that may run past either end of a blossom's cycle
// of m sub-blossoms back into [0, m).
func refCyclic(a, m int) int {
	a %= m
	if a < 0 {
		a += m
	}
	return a
}

// referenceSolve solves the graph with the reference solver.
func referenceSolve(n int, edges []Edge, maxCard, checkDelta bool) *refSolver {
	s := refNewSolver(n, edges, maxCard, checkDelta)
	s.solve()
	return s
}
