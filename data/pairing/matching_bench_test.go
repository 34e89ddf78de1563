package pairing

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// completeWeightedGraph returns the complete graph on n vertices with seeded random
// weights in [0, 1000], like a cohort where everyone may pair with everyone.
func completeWeightedGraph(n int, seed uint64) []Edge {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	edges := make([]Edge, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			edges = append(edges, Edge{i, j, r.Int64N(1001)})
		}
	}
	return edges
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
