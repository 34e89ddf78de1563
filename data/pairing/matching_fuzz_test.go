package pairing

import "testing"

// FuzzMaxWeightMatching decodes bytes into a small graph and checks the
// solver, and candidate pricing, against brute force, the reference solver
// and their dual certificates.
//
// Layout: byte 0 gives n (0..10), byte 1 bit 0 says maxCardinality and
// bit 1 widens the weights; then every three bytes are one edge i, j, w with
// i and j taken modulo n (self-loops and repeated pairs are allowed) and w a
// signed byte, multiplied by a large factor when the weights are wide.
func FuzzMaxWeightMatching(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{2, 0, 0, 1, 5})
	f.Add([]byte{4, 1, 1, 2, 5, 2, 3, 11, 3, 4, 5})
	f.Add([]byte{5, 0, 1, 2, 8, 1, 3, 9, 2, 3, 10, 3, 4, 7})
	f.Add([]byte{7, 2, 1, 2, 9, 1, 3, 8, 2, 3, 10, 1, 4, 5, 4, 5, 4, 1, 6, 3})
	f.Add([]byte{10, 0, 1, 2, 45, 1, 5, 45, 2, 3, 50, 3, 4, 45, 4, 5, 50, 1, 6, 30, 3, 9, 35, 4, 8, 35, 5, 7, 26, 9, 0, 5})
	f.Add([]byte{6, 3, 0, 1, 0x80, 1, 2, 0x7f, 2, 3, 0xff, 3, 4, 0, 4, 5, 1, 5, 0, 0x90, 0, 0, 3})
	f.Add([]byte{9, 1, 0, 1, 0xfe, 0, 2, 0xff, 1, 2, 0xfd, 3, 4, 2, 4, 5, 2, 3, 5, 2, 6, 7, 1, 7, 8, 1, 6, 8, 1, 2, 3, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		n := int(data[0]) % 11
		maxCard := data[1]&1 != 0
		scale := int64(1)
		if data[1]&2 != 0 {
			scale = MaxWeight / 128
		}
		var edges []Edge
		if n > 0 {
			for i := 2; i+2 < len(data) && len(edges) < 60; i += 3 {
				edges = append(edges, Edge{
					I: int(data[i]) % n,
					J: int(data[i+1]) % n,
					W: int64(int8(data[i+2])) * scale,
				})
			}
		}
		compareWithBruteForce(t, n, edges, maxCard)
		// Candidate pricing from one candidate per vertex must reach
		// the same optimum, with a certificate for the whole graph.
		s := solveByCandidates(n, edgeList(edges), cardinalityShift(n, edges, maxCard), 1, true)
		if err := verifyOptimum(n, edges, maxCard, s.mates(), s.certificate()); err != nil {
			t.Fatalf("candidates, n=%d maxCard=%v edges=%v: %v", n, maxCard, edges, err)
		}
		sameAsReference(t, n, edges, maxCard, s.mates())
	})
}
