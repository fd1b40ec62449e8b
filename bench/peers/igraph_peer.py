#!/usr/bin/python3
"""python-igraph's side of the peer comparison (bench/peers/README.md). Run with Debian's
/usr/bin/python3 (python3-igraph).

Timed from "inventory in memory" (peer_common.Network) to "answers computed", graph
building included, single-threaded:
* exposure, per operator o: an igraph.Graph of the transport links (self-loops dropped)
  plus a super-sink vertex joined to o's sinks; Graph.biconnected_components gives the
  blocks (computed in C); the block-cut tree is rooted at the super-sink and walked in
  Python (peer_common.unavoidable_from_blocks, the same walk as the NetworkX peer).
* outage, per vendor and mode: removed = the vendor's elements (kill-switch: plus
  Graph.subcomponent(e, mode="out") of each in the manages/hosts digraph); the
  membership of Graph.connected_components() of a copy of the transport graph with the
  removed vertices deleted (igraph keeps the remaining vertices in order); per operator,
  the cell sites with a remaining ran element in a component holding a remaining sink.
"""

import igraph as ig

import peer_common


def exposure(net):
    edges = [(a, b) for a, b in net.transport if a != b]
    super_sink = net.elements
    answers = {}
    for op in range(len(net.operator_ids)):
        g = ig.Graph(n=net.elements + 1, edges=edges + [(e, super_sink) for e in net.sinks_of_operator[op]])
        blocks = list(g.biconnected_components())
        peer_common.unavoidable_from_blocks(net, op, super_sink, blocks, answers)
    return answers


def outage(net):
    g = ig.Graph(n=net.elements, edges=[(a, b) for a, b in net.transport if a != b])
    influence = ig.Graph(n=net.elements, edges=net.influence, directed=True)
    survival = {}
    for vendor in net.vendors:
        for mode in ("failure", "kill-switch"):
            removed = set(net.elements_of_vendor[vendor])
            if mode == "kill-switch":
                for e in net.elements_of_vendor[vendor]:
                    removed.update(influence.subcomponent(e, mode="out"))
            h = g.copy()
            h.delete_vertices(sorted(removed))
            membership = h.connected_components().membership
            keep = [v for v in range(net.elements) if v not in removed]
            component = dict(zip(keep, membership))
            survival[(vendor, mode)] = [
                peer_common.survivors(net, op, removed, component.__getitem__)
                for op in range(len(net.operator_ids))
            ]
    return survival


if __name__ == "__main__":
    peer_common.main(exposure, outage, "igraph_peer.py")
