#!/usr/bin/env python3
"""The same graph work in networkx, for comparison with threatgraph-bench.

Usage: threatgraph-bench --sizes 10000 --emit /tmp/estates
       python3 Sources/ThreatGraphBench/networkx_baseline.py /tmp/estates/estate-10000.json

Builds the movement graph of a generated estate (actors -> assets along flows, both ways on bidirectional flows),
gives every edge a probability from a fixed hash (networkx has no catalog), and times: load, reachability from
every actor, one multi-source Dijkstra on -log p, the 3 most probable simple paths for the 25 best actor-target
pairs (networkx's shortest_simple_paths, i.e. Yen), and a minimum vertex cut of actors from targets.
"""
import json, math, sys, time, itertools, zlib

import networkx as nx


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"| {label} | {(time.perf_counter() - start) * 1000:.0f} ms |")
    return result


def main(path):
    def load():
        model = json.load(open(path))
        g = nx.DiGraph()
        actors = [a["id"] for a in model.get("actors", [])]
        targets = [a["id"] for a in model["assets"] if a.get("crownJewel") or a.get("sensitivity") == "restricted"]
        for f in model.get("flows", []):
            for u, v in [(f["from"], f["to"])] + ([(f["to"], f["from"])] if f.get("bidirectional") and f["to"] not in actors and f["from"] not in actors else []):
                p = 0.05 + (zlib.crc32(f"{u}>{v}".encode()) % 90) / 100
                g.add_edge(u, v, weight=-math.log(p))
        return g, actors, targets

    print(f"| networkx {nx.__version__} on {path} | |\n| --- | ---: |")
    g, actors, targets = timed("load and build", load)
    timed("reachability from every actor", lambda: [nx.descendants(g, a) for a in actors if a in g])
    dist = timed("multi-source Dijkstra", lambda: nx.multi_source_dijkstra_path_length(g, [a for a in actors if a in g]))
    pairs = []
    for a in actors:
        if a not in g:
            continue
        d = nx.single_source_dijkstra_path_length(g, a)
        pairs += [(d[t], a, t) for t in targets if t in d]
    pairs.sort()

    def top_paths():
        return [list(itertools.islice(nx.shortest_simple_paths(g, a, t, weight="weight"), 3)) for _, a, t in pairs[:25]]

    timed("3 best paths for the 25 best pairs (Yen)", top_paths)

    def cut():
        h = g.copy()
        h.add_node("__s"); h.add_node("__t")
        for a in actors:
            if a in h:
                h.add_edge("__s", a)
        for t in targets:
            if t in h:
                h.add_edge(t, "__t")
        return nx.minimum_node_cut(h, "__s", "__t")

    timed("minimum vertex cut", cut)
    print(f"\n{g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {len(dist)} reachable")


if __name__ == "__main__":
    main(sys.argv[1])
