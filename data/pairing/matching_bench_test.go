package pairing

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// completeWeightedGraph returns the complete graph on n vertices with seeded random
// weights in [0, 1000], like a cohort where everyone may pair with everyone.
func completeWeightedGraph(n int, seed uint64) []Edge {
	return completeUniformGraph(n, 1000, seed)
}

// equalGraph returns the complete graph on n vertices with every weight 500:
// every perfect matching ties.
func equalGraph(n int) []Edge {
	edges := make([]Edge, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			edges = append(edges, Edge{i, j, 500})
		}
	}
	return edges
}

// completeUniformGraph returns the complete graph on n vertices with seeded
// random weights uniform in [0, hi].
func completeUniformGraph(n int, hi int64, seed uint64) []Edge {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	edges := make([]Edge, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			edges = append(edges, Edge{i, j, r.Int64N(hi + 1)})
		}
	}
	return edges
}

// scoreLikeGraph returns the graph a cohort of n random people gives: every
// allowed pair with its compatibility score in tenths (0..1000), as the
// executive-peer preset scores it, and about 5% of the pairs removed as if
// by hard rules.
func scoreLikeGraph(n int, seed uint64) []Edge {
	sc := NewScorer(randomPeople(n, seed), PresetRules("executive-peer"), Context{Today: today})
	r := rand.New(rand.NewPCG(seed, 5))
	edges := make([]Edge, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			total, ok := sc.Total(i, j)
			if !ok || r.IntN(20) == 0 {
				continue
			}
			edges = append(edges, Edge{i, j, int64(math.Round(total * 10))})
		}
	}
	return edges
}

// sparseGraph returns a random graph on n vertices with average degree deg
// (distinct pairs) and weights uniform in [1, 1000].
func sparseGraph(n, deg int, seed uint64) []Edge {
	r := rand.New(rand.NewPCG(seed, uint64(n)*31+uint64(deg)))
	m := n * deg / 2
	seen := make(map[[2]int]bool, m)
	edges := make([]Edge, 0, m)
	for len(edges) < m {
		i, j := r.IntN(n), r.IntN(n)
		if i == j {
			continue
		}
		k := [2]int{min(i, j), max(i, j)}
		if seen[k] {
			continue
		}
		seen[k] = true
		edges = append(edges, Edge{i, j, 1 + r.Int64N(1000)})
	}
	return edges
}

// slowSparseGraph returns J. van Rantwijk's sparse graph built to make
// blossom algorithms take O(n²) dual steps (make_sparse_slow_graph in
// tests/generate/make_slow_graph.py of his maximum-weight-matching
// repository): n ≡ 4 (mod 8) vertices, 5n/4 − 3 edges.
func slowSparseGraph(n int) []Edge {
	p := (n - 4) / 4 // top pairs
	q := p / 2       // bottom pairs on each side
	maxW := int64(16 * (q + 1) * (p + 2))
	var edges []Edge
	for i := 0; i < p; i++ {
		edges = append(edges, Edge{2 * i, 2*i + 1, maxW - int64(i)})
	}
	for k := 0; k < 2; k++ {
		for i := 0; i < p; i++ {
			w := maxW - int64(p)
			if k == 1 {
				w = maxW - int64(p) - 1 - int64(i)
			}
			edges = append(edges, Edge{2*i + 1, 2*p + 2*k, w})
		}
		w := maxW - int64(2*p) - 1
		if k == 1 {
			w = maxW - int64(4*p) - 2
		}
		edges = append(edges, Edge{2*p + 2*k, 2*p + 2*k + 1, w})
	}
	for k := 0; k < 2; k++ {
		for i := 0; i < q; i++ {
			w := maxW - int64((2*i+k)*(2*p+4)) - int64(4*p) + 1
			edges = append(edges, Edge{2*p + 2*k + 1, 2*p + 4 + 2*q*k + 2*i, w})
		}
		for i := 0; i < q; i++ {
			x := 2*p + 4 + 2*q*k + 2*i
			w := maxW - int64((2*i+k+1)*8*p) - int64((2*i+k)*12)
			edges = append(edges, Edge{x, x + 1, w})
		}
	}
	return edges
}

// benchFamily is one kind of graph the solver is measured on.
type benchFamily struct {
	name  string
	sizes []int
	gen   func(n int) []Edge
}

var benchFamilies = []benchFamily{
	{"uniform1000", []int{1000, 2000}, func(n int) []Edge { return completeUniformGraph(n, 1000, 1) }},
	{"uniform1e9", []int{1000, 2000}, func(n int) []Edge { return completeUniformGraph(n, 1_000_000_000, 1) }},
	{"scorelike", []int{300, 1000, 3000, 5000}, func(n int) []Edge { return scoreLikeGraph(n, 1) }},
	{"sparse10", []int{1000, 5000}, func(n int) []Edge { return sparseGraph(n, 10, 1) }},
	{"slowsparse", []int{5004, 10004}, slowSparseGraph},
	{"equal", []int{1000, 2000}, equalGraph},
}

// BenchmarkMaxWeightMatching solves complete graphs with maximum cardinality,
// as the app does when it pairs a whole cohort.
func BenchmarkMaxWeightMatching(b *testing.B) {
	for _, n := range []int{400, 1000, 2000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			edges := completeWeightedGraph(n, 1)
			for b.Loop() {
				MaxWeightMatching(n, edges, true)
			}
		})
	}
}

// BenchmarkMatchingFamilies solves each benchmark family with maximum
// cardinality, on the same seeded graphs TestWriteBenchGraphs writes.
func BenchmarkMatchingFamilies(b *testing.B) {
	for _, f := range benchFamilies {
		for _, n := range f.sizes {
			b.Run(fmt.Sprintf("%s/N=%d", f.name, n), func(b *testing.B) {
				edges := f.gen(n)
				var mate []int
				cpu0 := cpuTime()
				b.ResetTimer()
				for b.Loop() {
					mate = MaxWeightMatching(n, edges, true)
				}
				b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
				card, weight, err := checkMatching(n, edges, mate)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(weight), "weight")
				b.ReportMetric(float64(card), "pairs")
			})
		}
	}
}

// TestWriteBenchGraphs writes every benchmark graph, in the format LEMON's
// harness reads, into the folder named by MATCHING_GRAPHS (skipped unless set).
func TestWriteBenchGraphs(t *testing.T) {
	dir := os.Getenv("MATCHING_GRAPHS")
	if dir == "" {
		t.Skip("set MATCHING_GRAPHS to a folder to write the benchmark graphs")
	}
	for _, f := range benchFamilies {
		for _, n := range f.sizes {
			writeGraphFile(t, filepath.Join(dir, fmt.Sprintf("%s-%d.txt", f.name, n)), n, f.gen(n))
		}
	}
}

func writeGraphFile(t *testing.T, path string, n int, edges []Edge) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "%d %d\n", n, len(edges))
	for _, e := range edges {
		fmt.Fprintf(w, "%d %d %d\n", e.I, e.J, e.W)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkSolverResolve times one warm re-solve of a 300-person cohort of
// score-like weights after the coach rejects a suggested pair, locks one, or
// pairs by hand two people the round had paired with others.
func BenchmarkSolverResolve(b *testing.B) {
	const n = 300
	edges := scoreLikeGraph(n, 1)
	for _, op := range []string{"reject", "lock", "by-hand"} {
		b.Run(op, func(b *testing.B) {
			base := NewSolver(n, edges, true)
			mate := base.Mates()
			k := 0
			for b.Loop() {
				b.StopTimer()
				x := NewSolver(n, edges, true)
				v := k % n
				for mate[v] < 0 {
					v = (v + 1) % n
				}
				k += 7
				b.StartTimer()
				switch op {
				case "reject":
					x.Reject(v, mate[v])
				case "lock":
					x.Lock(v, mate[v])
				default:
					u := (v + n/2) % n
					for u == v || u == mate[v] {
						u = (u + 1) % n
					}
					x.Lock(v, u)
				}
			}
		})
	}
}

// BenchmarkReferenceFamilies solves the same graphs with the reference
// solver (the O(n³) form before candidates, jump start and warm starts), for
// before-and-after figures.
func BenchmarkReferenceFamilies(b *testing.B) {
	if os.Getenv("MATCHING_REFERENCE_BENCH") == "" {
		b.Skip("set MATCHING_REFERENCE_BENCH=1: the reference takes minutes on the larger graphs")
	}
	for _, f := range benchFamilies {
		for _, n := range f.sizes {
			b.Run(fmt.Sprintf("%s/N=%d", f.name, n), func(b *testing.B) {
				edges := f.gen(n)
				cpu0 := cpuTime()
				b.ResetTimer()
				for b.Loop() {
					referenceSolve(n, edges, true, false)
				}
				b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// BenchmarkSuggestLarge times a whole exact round (scores, matching, the
// person left over) for large cohorts of random people.
func BenchmarkSuggestLarge(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			sc := NewScorer(randomPeople(n, 1), PresetRules("executive-peer"), Context{Today: today})
			cpu0 := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				Suggest(sc, nil, JoinTriad)
			}
			b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
		})
	}
}
