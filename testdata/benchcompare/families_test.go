package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"mutua/data/pairing"
)

// bruteForce is the best total over all matchings (with maxCardinality, over the largest
// ones), trying every edge set without a shared vertex.
func bruteForce(n int, edges []pairing.Edge, maxCard bool) (int, int64) {
	used := make([]bool, n)
	bestCard, bestW := 0, int64(0)
	var walk func(k, card int, w int64)
	walk = func(k, card int, w int64) {
		if k == len(edges) {
			better := w > bestW
			if maxCard {
				better = card > bestCard || card == bestCard && w > bestW
			}
			if better {
				bestCard, bestW = card, w
			}
			return
		}
		walk(k+1, card, w)
		if e := edges[k]; !used[e.I] && !used[e.J] && (maxCard || e.W > 0) {
			used[e.I], used[e.J] = true, true
			walk(k+1, card+1, w+e.W)
			used[e.I], used[e.J] = false, false
		}
	}
	walk(0, 0, 0)
	return bestCard, bestW
}

func TestFamiliesAgreeWithBruteForce(t *testing.T) {
	for _, f := range families {
		sizes := []int{6, 9}
		if f.key == "slow" {
			sizes = []int{12}
		}
		for _, n := range sizes {
			for s := uint64(1); s <= 3; s++ {
				edges := f.gen(n, s)
				if len(edges) == 0 {
					t.Fatalf("%s N=%d made no edges", f.key, n)
				}
				card, w := total(pairing.MaxWeightMatching(n, edges, f.oursMC), edges)
				bc, bw := bruteForce(n, edges, f.oursMC)
				if w != bw || (f.oursMC && card != bc) {
					t.Errorf("%s N=%d seed %d: ours %d pairs weighing %d, brute force %d pairs weighing %d", f.key, n, s, card, w, bc, bw)
				}
			}
		}
	}
}

// The score-like weights spread over the scale like real scores, and the hard rule bars
// about one pair in twenty.
func TestScoreWeights(t *testing.T) {
	n := 300
	edges := completeScores(n, 1)
	barred := 1 - float64(len(edges))/float64(n*(n-1)/2)
	if barred < 0.03 || barred > 0.08 {
		t.Errorf("%.1f%% of pairs barred, want about 5%%", 100*barred)
	}
	var lo, mid, hi int
	for _, e := range edges {
		if e.W < 0 || e.W > 1000 {
			t.Fatalf("weight %d outside 0..1000", e.W)
		}
		switch {
		case e.W < 300:
			lo++
		case e.W <= 700:
			mid++
		default:
			hi++
		}
	}
	if mid < 3*(lo+hi) {
		t.Errorf("scores not bunched in the middle: %d below 30, %d from 30 to 70, %d above", lo, mid, hi)
	}
}

// slowSparse gives the graph of van Rantwijk's make_slow_graph.py, edge for edge. The
// reference is that script's output (sparse 1004, as 0-based "i j w" lines) when
// BENCHCOMPARE_SLOW_REF names a file holding it.
func TestSlowSparseMatchesReference(t *testing.T) {
	edges := slowSparse(1004)
	if want := 5*1004/4 - 3; len(edges) != want {
		t.Fatalf("%d edges, want %d", len(edges), want)
	}
	ref := os.Getenv("BENCHCOMPARE_SLOW_REF")
	if ref == "" {
		t.Skip("BENCHCOMPARE_SLOW_REF not set")
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, e := range edges {
		fmt.Fprintf(&got, "%d %d %d\n", e.I, e.J, e.W)
	}
	if got.String() != string(data) {
		t.Error("the graph differs from the reference")
	}
}
