// Re-solving after a small change. When the coach rejects a suggested pair
// or locks one, the best round changes only a little, and the solver can
// start from the previous optimum: its duals stay feasible for the smaller
// graph, most of its pairs stay tight, and only the few people the change
// set free have to be matched again.

package pairing

import "fmt"

// Solver keeps a graph and its current maximum-weight matching, with the
// duals that prove it optimal, so that a re-solve after a pair is rejected or
// locked starts warm. Results are exact, like MaxWeightMatching's.
type Solver struct {
	n      int
	shift  int64
	edges  []Edge // the graph as it is now
	sub    []Edge // candidate subgraph of a dense graph, nil for a sparse one
	locked []int  // partner fixed by Lock, or -1
	last   *solver
}

// NewSolver solves the graph as MaxWeightMatching does and keeps what a warm
// re-solve needs. It copies edges.
func NewSolver(n int, edges []Edge, maxCardinality bool) *Solver {
	x := &Solver{n: n, shift: cardinalityShift(n, edges, maxCardinality)}
	x.edges = append([]Edge(nil), edges...)
	x.locked = make([]int, n)
	for i := range x.locked {
		x.locked[i] = -1
	}
	if useCandidates(n, len(edges)) {
		x.sub = topEdges(n, edgeList(x.edges), x.shift, candidatesPerVertex)
	}
	x.solve(nil, false)
	return x
}

// solve finds the optimum of the current graph, warm from prev if given.
func (x *Solver) solve(prev *solver, checkDelta bool) {
	if x.sub != nil {
		x.last, x.sub = solveCandidates(x.n, edgeList(x.edges), x.sub, x.shift, prev, checkDelta)
		return
	}
	s := buildSolver(x.n, x.edges, x.shift, checkDelta)
	if prev == nil {
		s.jumpStart()
	} else {
		s.warmStart(prev)
	}
	s.solve()
	x.last = s
}

// Mates returns the current partner of every vertex, or -1; a pair fixed by
// Lock counts as matched.
func (x *Solver) Mates() []int {
	mate := x.last.mates()
	for v, u := range x.locked {
		if u >= 0 {
			mate[v] = u
		}
	}
	return mate
}

// Reject forbids the pair i–j (every edge between them) and re-solves.
func (x *Solver) Reject(i, j int) []int {
	x.check(i)
	x.check(j)
	drop := func(e Edge) bool { return (e.I == i && e.J == j) || (e.I == j && e.J == i) }
	x.edges = dropEdges(x.edges, drop)
	x.sub = dropEdges(x.sub, drop)
	x.solve(x.last, false)
	return x.Mates()
}

// Lock fixes i and j as a pair, whatever their edge: both leave the graph
// and the others are re-solved.
func (x *Solver) Lock(i, j int) []int {
	x.check(i)
	x.check(j)
	if i == j || x.locked[i] >= 0 || x.locked[j] >= 0 {
		panic(fmt.Sprintf("pairing: cannot lock %d with %d", i, j))
	}
	x.locked[i], x.locked[j] = j, i
	drop := func(e Edge) bool { return e.I == i || e.J == i || e.I == j || e.J == j }
	x.edges = dropEdges(x.edges, drop)
	x.sub = dropEdges(x.sub, drop)
	x.solve(x.last, false)
	return x.Mates()
}

func (x *Solver) check(v int) {
	if v < 0 || v >= x.n {
		panic(fmt.Sprintf("pairing: vertex %d outside [0, %d)", v, x.n))
	}
}

// Clone returns a copy whose re-solves leave x as it is. It is cheap: the
// copies share the graph until one of them changes it.
func (x *Solver) Clone() *Solver {
	c := *x
	c.locked = append([]int(nil), x.locked...)
	// Full slices, so that an append by one copy never writes where the
	// other reads; dropEdges makes new slices; the last solution is only read.
	c.edges = x.edges[:len(x.edges):len(x.edges)]
	if x.sub != nil {
		c.sub = x.sub[:len(x.sub):len(x.sub)]
	}
	return &c
}

// Locked reports whether v is in a pair fixed by Lock.
func (x *Solver) Locked(v int) bool { return x.locked[v] >= 0 }

// dropEdges returns the edges drop does not select, in a new slice (clones
// share the old one); nil stays nil.
func dropEdges(edges []Edge, drop func(Edge) bool) []Edge {
	if edges == nil {
		return nil
	}
	out := make([]Edge, 0, len(edges))
	for _, e := range edges {
		if !drop(e) {
			out = append(out, e)
		}
	}
	return out
}
