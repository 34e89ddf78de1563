#!/usr/bin/env python3
"""Reference answers for the maximum-weight matching in data/pairing.

Draws random graphs and solves each with networkx.max_weight_matching (an
independent implementation of the same blossom algorithm, in exact Python
integers), then writes the graphs with the optimal total weight and
cardinality to networkx_fixtures.json next to this script. The Go test
TestMatchingNetworkxFixtures (data/pairing/matching_test.go) solves the same graphs
and compares totals, not mates, since ties allow several optima.

Regenerate (the output is deterministic: fixed seed, no timestamps):

    /usr/bin/python3 testdata/matching/gen_fixtures.py

Needs python3 with networkx (tested with networkx 2.8). The file layout:

    {"generator": "...",
     "cases": [{"name": str, "n": int,
                "edges": [i, j, w, i, j, w, ...],   # flat triples
                "results": [{"maxcardinality": false, "weight": int, "cardinality": int},
                            {"maxcardinality": true, ...}]}, ...]}
"""

import json
import os
import random

import networkx as nx

SEED = 20261122
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "networkx_fixtures.json")

# name, edge probability range, weight range (inclusive), number of graphs
KINDS = [
    ("dense positive", (0.7, 1.0), (1, 100), 40),
    ("complete wide range", (1.0, 1.0), (0, 1000000), 25),
    ("negative and positive", (0.3, 0.9), (-100, 100), 40),
    ("all negative", (0.3, 0.9), (-50, -1), 20),
    ("ties", (0.3, 1.0), (0, 3), 45),
    ("ties with negatives", (0.3, 0.9), (-2, 2), 30),
    ("sparse", (0.05, 0.3), (1, 50), 40),
    ("sparse ties", (0.05, 0.3), (0, 2), 30),
]


def random_graph(rng, n, p, lo, hi):
    edges = []
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < p:
                a, b = (i, j) if rng.random() < 0.5 else (j, i)
                edges.append((a, b, rng.randint(lo, hi)))
    rng.shuffle(edges)
    return edges


def solve(n, edges, maxcardinality):
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i, j, w in edges:
        g.add_edge(i, j, weight=w)
    matching = nx.max_weight_matching(g, maxcardinality=maxcardinality)
    weight = sum(g[i][j]["weight"] for i, j in matching)
    return weight, len(matching)


def main():
    rng = random.Random(SEED)
    cases = []
    for name, (plo, phi), (lo, hi), count in KINDS:
        for k in range(count):
            n = rng.randint(5, 60)
            p = plo + (phi - plo) * rng.random()
            edges = random_graph(rng, n, p, lo, hi)
            results = []
            for maxcard in (False, True):
                weight, card = solve(n, edges, maxcard)
                results.append({"maxcardinality": maxcard, "weight": weight, "cardinality": card})
            cases.append({
                "name": "%s #%d" % (name, k),
                "n": n,
                "edges": [x for e in edges for x in e],
                "results": results,
            })
    with open(OUT, "w") as f:
        f.write('{"generator": "testdata/matching/gen_fixtures.py, networkx %s, seed %d",\n'
                % (nx.__version__, SEED))
        f.write('"cases": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print("wrote %d graphs to %s" % (len(cases), OUT))


if __name__ == "__main__":
    main()
