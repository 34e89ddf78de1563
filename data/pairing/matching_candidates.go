// Dense graphs (a cohort where nearly everyone may pair with everyone) are
// solved on a small candidate subgraph first: each person's few best
// partners. The subgraph's optimal duals are then priced against every edge
// of the full graph. An edge with negative slack joins the candidates and the
// subgraph is solved again; once no edge has negative slack, the subgraph's
// dual solution is feasible for the full graph and satisfies complementary
// slackness with the matching, so that matching is optimal for the full
// graph too. Most rounds never need most edges.

package pairing

import "slices"

// candidatesPerVertex is how many of its heaviest edges each vertex brings
// to the first candidate subgraph.
const candidatesPerVertex = 10

// useCandidates says whether a graph with n vertices and m listed edges is
// dense enough for candidate pricing to pay.
func useCandidates(n, m int) bool {
	return n >= 64 && m >= 4*candidatesPerVertex*n
}

// solveByCandidates solves the (valid, shifted) graph through candidate
// subgraphs and returns the solver of the last one, whose matching and
// certificate hold for the full graph.
func solveByCandidates(n int, edges []Edge, shift int64, perVertex int, checkDelta bool) *solver {
	top := topEdges(n, edges, shift, perVertex)
	sub := make([]Edge, len(top))
	for i, k := range top {
		sub[i] = edges[k]
	}
	s, _ := solveCandidates(n, edges, sub, shift, nil, checkDelta)
	return s
}

// solveCandidates solves the graph edges through the candidate subgraph
// sub, which grows by the edges pricing finds; it returns the last solver
// and the final candidates. The first solve starts warm from prev's solution
// when prev is not nil (same n and shift), else from a greedy jump start.
func solveCandidates(n int, edges, sub []Edge, shift int64, prev *solver, checkDelta bool) (*solver, []Edge) {
	for {
		s := buildSolver(n, sub, shift, checkDelta)
		if prev == nil {
			s.jumpStart()
		} else {
			s.warmStart(prev)
		}
		s.solve()
		prev = s
		// An edge of the subgraph never has negative slack: the
		// violated ones are all new.
		p := newPricer(s)
		before := len(sub)
		dual := s.dual[:n]
		for _, e := range edges {
			if dual[e.I]+dual[e.J] >= 2*(e.W+shift) {
				continue // feasible even without blossom duals
			}
			if p.negative(e) {
				sub = append(sub, e)
			}
		}
		added := len(sub) - before
		if added == 0 {
			return s, sub
		}
	}
}

// topEdges returns the indexes of the k heaviest useful edges of each
// vertex, in input order. Among equal weights a vertex v prefers the
// neighbours that follow it most closely in the cyclic order v+1, v+2, ...:
// when everything ties, the candidates then form a ring-like graph with a
// perfect matching rather than a star around the first vertices.
func topEdges(n int, edges []Edge, shift int64, k int) []int32 {
	// The slots v*k .. v*k+k-1 hold a min-heap of the best edges seen so
	// far at v: their index, weight and cyclic distance, the worst on top.
	idx := make([]int32, n*k)
	wt := make([]int64, n*k)
	dist := make([]int32, n*k)
	size := make([]int32, n)
	worse := func(wa int64, da int32, wb int64, db int32) bool {
		return wa < wb || (wa == wb && da > db)
	}
	push := func(v int, e int32, w int64, d int32) {
		h, hw, hd := idx[v*k:v*k+k], wt[v*k:v*k+k], dist[v*k:v*k+k]
		if int(size[v]) < k {
			i := int(size[v])
			size[v]++
			h[i], hw[i], hd[i] = e, w, d
			for i > 0 {
				p := (i - 1) / 2
				if !worse(hw[i], hd[i], hw[p], hd[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				hw[i], hw[p] = hw[p], hw[i]
				hd[i], hd[p] = hd[p], hd[i]
				i = p
			}
			return
		}
		if !worse(hw[0], hd[0], w, d) {
			return
		}
		h[0], hw[0], hd[0] = e, w, d
		for i := 0; ; {
			l, r, m := 2*i+1, 2*i+2, i
			if l < k && worse(hw[l], hd[l], hw[m], hd[m]) {
				m = l
			}
			if r < k && worse(hw[r], hd[r], hw[m], hd[m]) {
				m = r
			}
			if m == i {
				break
			}
			h[i], h[m] = h[m], h[i]
			hw[i], hw[m] = hw[m], hw[i]
			hd[i], hd[m] = hd[m], hd[i]
			i = m
		}
	}
	for e, ed := range edges {
		w := ed.W
		if ed.I == ed.J || w+shift <= 0 {
			continue
		}
		if int(size[ed.I]) < k || w >= wt[ed.I*k] {
			d := int32(ed.J - ed.I)
			if d < 0 {
				d += int32(n)
			}
			push(ed.I, int32(e), w, d)
		}
		if int(size[ed.J]) < k || w >= wt[ed.J*k] {
			d := int32(ed.I - ed.J)
			if d < 0 {
				d += int32(n)
			}
			push(ed.J, int32(e), w, d)
		}
	}
	// Each edge once, in input order.
	var out []int32
	for v := 0; v < n; v++ {
		out = append(out, idx[v*k:v*k+int(size[v])]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// warmStart starts s, whose graph holds every edge of prev's and more,
// from prev's final solution. Blossom duals are folded into the duals of
// their vertices, which keeps every old edge feasible; a vertex of a new edge
// that is not feasible has its dual raised until it is. Old matched edges
// that are still tight stay matched. Single vertices get even duals (see
// jumpStart).
func (s *solver) warmStart(prev *solver) {
	n := s.n
	p := newPricer(prev)
	for v := 0; v < n; v++ {
		s.dual[v] = prev.dual[v]
		if b := prev.parent[v]; b >= 0 {
			s.dual[v] += p.zsum[b]
		}
	}
	for v := int32(0); int(v) < n; v++ {
		for q := s.adjStart[v]; q < s.adjStart[v+1]; q++ {
			w := s.adjTo[q]
			if need := s.adjW2[q] - s.dual[v] - s.dual[w]; need > 0 {
				// Raise the end that is single, if one is.
				if prev.mate[v] >= 0 && prev.mate[w] < 0 {
					s.dual[w] += need
				} else {
					s.dual[v] += need
				}
			}
		}
	}
	for v := int32(0); int(v) < n; v++ {
		u := prev.mate[v]
		if u < v {
			continue
		}
		for q := s.adjStart[v]; q < s.adjStart[v+1]; q++ {
			if s.adjTo[q] == u && s.dual[v]+s.dual[u] == s.adjW2[q] {
				s.mate[v], s.mate[u] = u, v
				break
			}
		}
	}
	for v := 0; v < n; v++ {
		switch {
		case s.adjStart[v] == s.adjStart[v+1]:
			s.dual[v] = 0 // no edge left: single at no cost
		case s.mate[v] < 0:
			s.dual[v] += s.dual[v] & 1
		}
	}
}

// pricer computes slacks of arbitrary edges under a solver's final duals.
type pricer struct {
	s     *solver
	depth []int32 // depth of each vertex or blossom below its top-level blossom
	zsum  []int64 // sum of the duals of a blossom and all blossoms around it
}

func newPricer(s *solver) *pricer {
	nb := 2 * s.n
	p := &pricer{s: s, depth: make([]int32, nb), zsum: make([]int64, nb)}
	// Parents are visited before children by walking down from each
	// top-level blossom.
	var stack []int32
	for b := int32(s.n); int(b) < nb; b++ {
		if s.base[b] >= 0 && s.parent[b] == -1 {
			p.zsum[b] = s.dual[b]
			stack = append(stack[:0], b)
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, c := range s.children[x] {
					p.depth[c] = p.depth[x] + 1
					if int(c) >= s.n {
						p.zsum[c] = p.zsum[x] + s.dual[c]
						stack = append(stack, c)
					}
				}
			}
		}
	}
	return p
}

// negative reports whether edge e has negative slack.
func (p *pricer) negative(e Edge) bool {
	s := p.s
	if e.I == e.J || e.W+s.shift <= 0 {
		return false
	}
	i, j := int32(e.I), int32(e.J)
	sl := s.dual[i] + s.dual[j] - 2*(e.W+s.shift)
	if sl >= 0 {
		return false
	}
	if s.inBlossom[i] != s.inBlossom[j] {
		return true
	}
	// Both lie in one top-level blossom: add twice the duals of the
	// blossoms holding both.
	a, b := s.parent[i], s.parent[j]
	for p.depth[a] > p.depth[b] {
		a = s.parent[a]
	}
	for p.depth[b] > p.depth[a] {
		b = s.parent[b]
	}
	for a != b {
		a, b = s.parent[a], s.parent[b]
	}
	return sl+2*p.zsum[a] < 0
}
