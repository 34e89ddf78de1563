// Dense graphs (a cohort where nearly everyone may pair with everyone) are
// solved on a small candidate subgraph first: each person's few best
// partners. The subgraph's optimal duals are then priced against every edge
// of the full graph. An edge with negative slack joins the candidates and the
// subgraph is solved again, warm from the last optimum (warmStart); once no
// edge has negative slack, the subgraph's
// dual solution is feasible for the full graph and satisfies complementary
// slackness with the matching, so that matching is optimal for the full
// graph too. Most rounds never need most edges.

package pairing

import (
	"cmp"
	"iter"
	"slices"
)

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
func solveByCandidates(n int, edges iter.Seq[Edge], shift int64, perVertex int, checkDelta bool) *solver {
	s, _ := solveCandidates(n, edges, topEdges(n, edges, shift, perVertex), shift, nil, checkDelta)
	return s
}

// edgeList lists a slice of edges.
func edgeList(edges []Edge) iter.Seq[Edge] {
	return func(yield func(Edge) bool) {
		for _, e := range edges {
			if !yield(e) {
				return
			}
		}
	}
}

// solveCandidates solves the graph edges through the candidate subgraph
// sub, which grows by the edges pricing finds; it returns the last solver
// and the final candidates. The first solve starts warm from prev's solution
// when prev is not nil (same n and shift), else from a greedy jump start.
func solveCandidates(n int, edges iter.Seq[Edge], sub []Edge, shift int64, prev *solver, checkDelta bool) (*solver, []Edge) {
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
		for e := range edges {
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

// topEdges returns the k heaviest useful edges of each vertex, each once.
// Among equal weights a vertex v prefers the neighbours that follow it most
// closely in the cyclic order v+1, v+2, ...: when everything ties, the
// candidates then form a ring-like graph with a perfect matching rather
// than a star around the first vertices.
func topEdges(n int, edges iter.Seq[Edge], shift int64, k int) []Edge {
	// The slots v*k .. v*k+k-1 hold a min-heap of the best edges seen so
	// far at v, with their cyclic distance, the worst on top.
	heap := make([]Edge, n*k)
	dist := make([]int32, n*k)
	size := make([]int32, n)
	worse := func(wa int64, da int32, wb int64, db int32) bool {
		return wa < wb || (wa == wb && da > db)
	}
	push := func(v int, e Edge, d int32) {
		h, hd := heap[v*k:v*k+k], dist[v*k:v*k+k]
		if int(size[v]) < k {
			i := int(size[v])
			size[v]++
			h[i], hd[i] = e, d
			for i > 0 {
				p := (i - 1) / 2
				if !worse(h[i].W, hd[i], h[p].W, hd[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				hd[i], hd[p] = hd[p], hd[i]
				i = p
			}
			return
		}
		if !worse(h[0].W, hd[0], e.W, d) {
			return
		}
		h[0], hd[0] = e, d
		for i := 0; ; {
			l, r, m := 2*i+1, 2*i+2, i
			if l < k && worse(h[l].W, hd[l], h[m].W, hd[m]) {
				m = l
			}
			if r < k && worse(h[r].W, hd[r], h[m].W, hd[m]) {
				m = r
			}
			if m == i {
				break
			}
			h[i], h[m] = h[m], h[i]
			hd[i], hd[m] = hd[m], hd[i]
			i = m
		}
	}
	for e := range edges {
		if e.I == e.J || e.W+shift <= 0 {
			continue
		}
		if int(size[e.I]) < k || e.W >= heap[e.I*k].W {
			d := int32(e.J - e.I)
			if d < 0 {
				d += int32(n)
			}
			push(e.I, e, d)
		}
		if int(size[e.J]) < k || e.W >= heap[e.J*k].W {
			d := int32(e.I - e.J)
			if d < 0 {
				d += int32(n)
			}
			push(e.J, e, d)
		}
	}
	// Each edge once (an edge both ends chose appears twice), in a fixed
	// order.
	var out []Edge
	for v := 0; v < n; v++ {
		for _, e := range heap[v*k : v*k+int(size[v])] {
			if e.I > e.J {
				e.I, e.J = e.J, e.I
			}
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b Edge) int {
		if a.I != b.I {
			return a.I - b.I
		}
		if a.J != b.J {
			return a.J - b.J
		}
		return cmp.Compare(a.W, b.W)
	})
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
