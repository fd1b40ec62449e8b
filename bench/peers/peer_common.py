"""What the Python peers share (bench/peers/README.md): reading the CSV bundle into plain
lists, the block-cut-tree walk written in Python, and the canonical answer files.

The bundle is read with the csv module: operators.csv, sites.csv (id, operator, kind,
subscribers), elements.csv (id, site, function, vendor, operator: blank means the site's)
and links.csv (a, b, kind). Functions must be written by canonical name, as `netvet
generate` and netvet's writers do (data/functions.yaml: the `ran` domain and the two
sinks are listed below); anything else stops the peer rather than guess. Vendors are
compared as written (netvet's generator writes canonical vendor ids).

Answer files, byte-identical across peers when the answers agree (see peer_common.h):
  exposure.txt  "<site id>\\t<unavoidable element ids, sorted, comma-separated>" or
                "<site id>\\tisolated", one line per cell site, lines sorted
  outage.txt    "<vendor>\\t<failure|kill-switch>\\t<operator>\\t<sites total>\\t
                <sites surviving>\\t<subscribers total>\\t<subscribers surviving>", sorted
"""

import csv
import os
import sys
import time
from collections import deque

RAN = {"ru", "du", "cu", "gnb", "enb", "small_cell", "antenna"}
SINKS = {"upf", "pgw"}
KNOWN = RAN | SINKS  # with the other canonical ids of data/functions.yaml, read at load


class Network:
    """The inventory in memory: rows are list indices, references resolved."""

    def __init__(self, folder):
        def rows(name):
            with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
                return list(csv.DictReader(f))

        self.operator_ids = [r["id"] for r in rows("operators.csv")]
        op_row = {o: i for i, o in enumerate(self.operator_ids)}
        sites = rows("sites.csv")
        self.site_ids = [r["id"] for r in sites]
        site_row = {s: i for i, s in enumerate(self.site_ids)}
        self.site_operator = [op_row[r["operator"]] for r in sites]
        self.site_is_cell = [r["kind"] == "cell" for r in sites]
        self.site_subscribers = [int(r["subscribers"]) if r.get("subscribers") else 0 for r in sites]

        elements = rows("elements.csv")
        self.element_ids = [r["id"] for r in elements]
        element_row = {e: i for i, e in enumerate(self.element_ids)}
        self.element_site = [site_row[r["site"]] for r in elements]
        self.element_operator = [
            op_row[r["operator"]] if r.get("operator") else self.site_operator[s]
            for r, s in zip(elements, self.element_site)
        ]
        self.element_vendor = [r["vendor"] for r in elements]
        functions = [r["function"] for r in elements]
        unknown = {f for f in functions if f not in KNOWN} - _other_known_functions()
        if unknown:
            sys.exit(f"peer: functions not written by canonical name: {sorted(unknown)[:5]}")
        self.is_ran = [f in RAN for f in functions]
        self.is_sink = [f in SINKS for f in functions]

        self.transport, self.influence = [], []
        for r in rows("links.csv"):
            pair = (element_row[r["a"]], element_row[r["b"]])
            (self.transport if r["kind"] == "transport" else self.influence).append(pair)

        n = len(self.element_ids)
        self.elements = n
        self.ran_of_site = [[] for _ in self.site_ids]
        for e in range(n):
            if self.is_ran[e]:
                self.ran_of_site[self.element_site[e]].append(e)
        self.sinks_of_operator = [[] for _ in self.operator_ids]
        for e in range(n):
            if self.is_sink[e]:
                self.sinks_of_operator[self.element_operator[e]].append(e)
        self.cells_of_operator = [[] for _ in self.operator_ids]
        for s, cell in enumerate(self.site_is_cell):
            if cell:
                self.cells_of_operator[self.site_operator[s]].append(s)
        self.vendors = sorted(set(self.element_vendor))
        self.elements_of_vendor = {v: [] for v in self.vendors}
        for e, v in enumerate(self.element_vendor):
            self.elements_of_vendor[v].append(e)


def _other_known_functions():
    """Canonical ids of data/functions.yaml (read from the repository when present)."""
    path = os.path.join(os.path.dirname(__file__), "..", "..", "data", "functions.yaml")
    ids = set()
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("- id:"):
                    ids.add(line.split(":", 1)[1].strip())
    except OSError:
        pass
    return ids


def unavoidable_from_blocks(net, op, super_sink, blocks, answers):
    """The block-cut-tree walk, shared by the Python peers. `blocks` are the vertex lists
    of the biconnected components of the transport graph plus `super_sink` (joined to the
    sinks of `op`). Roots the block-cut tree at the super-sink (breadth-first), then for
    every cell site of `op`: isolated when none of its ran elements is in the tree, else
    the vertices on every source's root path (super-sink excluded)."""
    vertex_blocks = {}
    for b, vertices in enumerate(blocks):
        for v in vertices:
            vertex_blocks.setdefault(v, []).append(b)
    parent = {super_sink: None}  # vertex -> its parent vertex (the head of its block)
    block_seen = [False] * len(blocks)
    queue = deque([super_sink])
    while queue:
        v = queue.popleft()
        for b in vertex_blocks.get(v, ()):
            if block_seen[b]:
                continue
            block_seen[b] = True
            for w in blocks[b]:
                if w not in parent:
                    parent[w] = v
                    queue.append(w)
    for s in net.cells_of_operator[op]:
        sources = [x for x in net.ran_of_site[s] if x in parent]
        if not sources:
            answers[s] = None
            continue
        common = None
        for x in sources:
            path = set()
            while x != super_sink:
                path.add(x)
                x = parent[x]
            common = path if common is None else common & path
        answers[s] = common


def exposure_lines(net, answers):
    lines = []
    for s, cell in enumerate(net.site_is_cell):
        if not cell:
            continue
        a = answers.get(s)
        text = "isolated" if a is None else ",".join(sorted(net.element_ids[e] for e in a))
        lines.append(f"{net.site_ids[s]}\t{text}")
    return lines


def outage_lines(net, survival):
    """survival: {(vendor, mode): [(sites, subscribers) per operator]}"""
    totals = [[0, 0] for _ in net.operator_ids]
    for s, cell in enumerate(net.site_is_cell):
        if cell:
            totals[net.site_operator[s]][0] += 1
            totals[net.site_operator[s]][1] += net.site_subscribers[s]
    lines = []
    for (vendor, mode), per_op in survival.items():
        for op, (sites, subs) in enumerate(per_op):
            lines.append(f"{vendor}\t{mode}\t{net.operator_ids[op]}\t{totals[op][0]}\t{sites}\t{totals[op][1]}\t{subs}")
    return lines


def survivors(net, op, removed, component):
    """Cell sites (and subscribers) of `op` with a remaining ran element in a component
    holding a remaining sink of `op`. `component(x)` names x's component."""
    live = {component(x) for x in net.sinks_of_operator[op] if x not in removed}
    sites = subs = 0
    for s in net.cells_of_operator[op]:
        if any(x not in removed and component(x) in live for x in net.ran_of_site[s]):
            sites += 1
            subs += net.site_subscribers[s]
    return sites, subs


def write_sorted(lines, path):
    lines.sort()
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


class Clock:
    """Wall and process CPU time since the last lap. On a shared machine the CPU time of a
    single-threaded run is the steadier measure; run.sh reports both."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self):
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def main(run_exposure, run_outage, name):
    """Load, time the two analyses, write the answers, print key=value timings."""
    if len(sys.argv) < 3:
        sys.exit(f"usage: {name} BUNDLE OUTDIR")
    bundle, outdir = sys.argv[1], sys.argv[2]
    clock = Clock()
    net = Network(bundle)
    load_s, load_cpu = clock.lap()
    answers = run_exposure(net)
    exposure_s, exposure_cpu = clock.lap()
    survival = run_outage(net)
    outage_s, outage_cpu = clock.lap()
    write_sorted(exposure_lines(net, answers), os.path.join(outdir, "exposure.txt"))
    write_sorted(outage_lines(net, survival), os.path.join(outdir, "outage.txt"))
    cells = sum(net.site_is_cell)
    print(f"elements={net.elements} links={len(net.transport) + len(net.influence)} cell_sites={cells} "
          f"scenarios={len(survival)} threads=1 repeat=1")
    print(f"load_s={load_s:.6f} exposure_s={exposure_s:.6f} outage_s={outage_s:.6f} "
          f"load_cpu={load_cpu:.6f} exposure_cpu={exposure_cpu:.6f} outage_cpu={outage_cpu:.6f}")
