// Dense graphs (a cohort where nearly everyone may pair with everyone) are
// solved on a small candidate subgraph first: each person's few best
// partners. The subgraph's optimal duals are then priced against every edge
// of the full graph. An edge with negative slack joins the candidates and the
// subgraph is solved again; once no edge has negative slack, the subgraph's
// dual solution is feasible for the full graph and satisfies complementary
// slackness with the matching, so that matching is optimal for the full
// graph too. Most rounds never need most edges.

package pairing

import (
	"fmt"
	"os"
	"time"
)

var debugCandidates = os.Getenv("MATCHING_DEBUG") != ""

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
	in := make([]bool, len(edges)) // edge k is a candidate
	for _, k := range topEdges(n, edges, shift, perVertex) {
		in[k] = true
	}
	for {
		var sub []Edge
		for k, e := range edges {
			if in[k] {
				sub = append(sub, e)
			}
		}
		t0 := time.Now()
		s := buildSolver(n, sub, shift, checkDelta)
		s.jumpStart()
		s.solve()
		t1 := time.Now()
		added := 0
		p := newPricer(s)
		for k, e := range edges {
			if !in[k] && p.negative(e) {
				in[k] = true
				added++
			}
		}
		if debugCandidates {
			fmt.Fprintf(os.Stderr, "cand: n=%d sub=%d solve=%v price=%v added=%d\n", n, len(sub), t1.Sub(t0), time.Since(t1), added)
		}
		if added == 0 {
			return s
		}
	}
}

// topEdges returns the indexes of the k heaviest useful edges of each
// vertex (earlier edges first among equal weights).
func topEdges(n int, edges []Edge, shift int64, k int) []int32 {
	// heap[v] is a min-heap (lightest, then latest, at the top) of the
	// best edges seen so far at v.
	heaps := make([]int32, n*k)
	size := make([]int32, n)
	worse := func(a, b int32) bool { // edge a is worse than edge b
		if edges[a].W != edges[b].W {
			return edges[a].W < edges[b].W
		}
		return a > b
	}
	push := func(v int, e int32) {
		h := heaps[v*k : v*k+k]
		if int(size[v]) < k {
			i := int(size[v])
			size[v]++
			h[i] = e
			for i > 0 {
				p := (i - 1) / 2
				if !worse(h[i], h[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			return
		}
		if !worse(h[0], e) {
			return
		}
		h[0] = e
		for i := 0; ; {
			l, r, m := 2*i+1, 2*i+2, i
			if l < k && worse(h[l], h[m]) {
				m = l
			}
			if r < k && worse(h[r], h[m]) {
				m = r
			}
			if m == i {
				break
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for idx, e := range edges {
		if e.I == e.J || e.W+shift <= 0 {
			continue
		}
		push(e.I, int32(idx))
		push(e.J, int32(idx))
	}
	var out []int32
	for v := 0; v < n; v++ {
		out = append(out, heaps[v*k:v*k+int(size[v])]...)
	}
	return out
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
