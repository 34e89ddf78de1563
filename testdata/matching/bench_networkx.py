#!/usr/bin/env python3
"""Times networkx.max_weight_matching on the benchmark graph of data/pairing.

Builds a complete graph on N vertices (default 400) with seeded random
integer weights in [0, 1000], like BenchmarkMaxWeightMatching/N=400 (the
weights differ: Python's generator is not Go's), solves it with
maxcardinality=True and prints the seconds taken. Compare with:

    go test -run '^$' -bench MaxWeightMatching/N=400 ./data/pairing

Run:

    /usr/bin/python3 testdata/matching/bench_networkx.py [N]
"""

import random
import sys
import time

import networkx as nx


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    rng = random.Random(1)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i in range(n):
        for j in range(i + 1, n):
            g.add_edge(i, j, weight=rng.randint(0, 1000))
    start = time.perf_counter()
    matching = nx.max_weight_matching(g, maxcardinality=True)
    seconds = time.perf_counter() - start
    weight = sum(g[i][j]["weight"] for i, j in matching)
    print("N=%d pairs=%d weight=%d seconds=%.3f" % (n, len(matching), weight, seconds))


if __name__ == "__main__":
    main()
