#!/usr/bin/python3
"""NetworkX's side of the peer comparison (bench/peers/README.md). Run with Debian's
/usr/bin/python3 (python3-networkx).

Timed from "inventory in memory" (peer_common.Network) to "answers computed", graph
building included, single-threaded:
* exposure, per operator o: nx.Graph of the transport links (self-loops dropped) plus a
  super-sink node joined to o's sinks; nx.biconnected_components gives the blocks; the
  block-cut tree is rooted at the super-sink and walked in Python
  (peer_common.unavoidable_from_blocks): a cell site's unavoidable elements are the
  vertices on every one of its sources' root paths.
* outage, per vendor and mode: removed = the vendor's elements (kill-switch: plus
  nx.descendants of each in the manages/hosts DiGraph); nx.connected_components of
  nx.restricted_view(graph, removed, []); per operator, the cell sites with a remaining
  ran element in a component holding a remaining sink of the operator.
"""

import networkx as nx

import peer_common


def transport_graph(net):
    g = nx.Graph()
    g.add_nodes_from(range(net.elements))
    g.add_edges_from((a, b) for a, b in net.transport if a != b)
    return g


def exposure(net):
    g = transport_graph(net)
    super_sink = net.elements
    answers = {}
    for op in range(len(net.operator_ids)):
        g.add_node(super_sink)
        g.add_edges_from((e, super_sink) for e in net.sinks_of_operator[op])
        blocks = [list(b) for b in nx.biconnected_components(g)]
        peer_common.unavoidable_from_blocks(net, op, super_sink, blocks, answers)
        g.remove_node(super_sink)
    return answers


def outage(net):
    g = transport_graph(net)
    influence = nx.DiGraph(net.influence)
    survival = {}
    for vendor in net.vendors:
        for mode in ("failure", "kill-switch"):
            removed = set(net.elements_of_vendor[vendor])
            if mode == "kill-switch":
                for e in net.elements_of_vendor[vendor]:
                    if e in influence:
                        removed |= nx.descendants(influence, e)
            component = {}
            for i, members in enumerate(nx.connected_components(nx.restricted_view(g, removed, []))):
                for v in members:
                    component[v] = i
            survival[(vendor, mode)] = [
                peer_common.survivors(net, op, removed, component.__getitem__)
                for op in range(len(net.operator_ids))
            ]
    return survival


if __name__ == "__main__":
    peer_common.main(exposure, outage, "networkx_peer.py")
