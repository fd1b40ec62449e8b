#!/usr/bin/env bash
# The peers side by side (README.md here): netvet, Boost.Graph, python-igraph and
# NetworkX compute the same exposure and outage answers on one generated network; the
# answers must be identical (the exit code says so), and one run's times and ratios go to
# $PEERS_DIR/summary.md.
#
# Usage: bench/peers/run.sh [BUILD_DIR]      (default build/ci; needs NETVET_BUILD_BENCH)
#   SITES      cell sites to generate (default 30000, ~145k elements: NetworkX takes a
#              few minutes). At SITES=203000 (~1M elements) leave NetworkX out.
#   COUNTRY    profile to generate (default GB); SEED (default 1)
#   PEERS      which peers to run besides netvet (default "boost igraph networkx")
#   REPEAT     runs of the C++ peers' analyses, median reported (default 3; the Python
#              peers run once: their runs last long enough to be steady)
#   PEERS_DIR  where networks, answers and the summary go (default out/peers)
#   NETVET     the netvet binary that generates the network (default BUILD_DIR's)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/ci}
sites=${SITES:-30000}
country=${COUNTRY:-GB}
seed=${SEED:-1}
peers=${PEERS:-boost igraph networkx}
repeat=${REPEAT:-3}
dir=${PEERS_DIR:-out/peers}
python=/usr/bin/python3  # Debian's: python3-networkx and python3-igraph live there
netvet=${NETVET:-$build/apps/netvet/netvet}  # only generates the network
for exe in "$netvet" "$build/bench/peers/netvet_peer" "$build/bench/peers/boost_peer"; do
  [ -x "$exe" ] || { echo "missing $exe: build netvet, netvet_peer and boost_peer in $build" >&2; exit 2; }
done

net=$dir/$country-$sites-s$seed
mkdir -p "$dir"
if [ ! -f "$net/links.csv" ]; then
  echo "generating $country, $sites sites, seed $seed -> $net" >&2
  "$netvet" generate --country "$country" --sites "$sites" --seed "$seed" --out "$net" -q
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run_peer() {  # NAME COMMAND... -- FLAGS...: runs COMMAND NETWORK ANSWERS FLAGS...
  local name=$1 out=$dir/answers/$1 cmd=()
  shift
  while [ "$1" != -- ]; do cmd+=("$1"); shift; done
  shift
  rm -rf "$out" && mkdir -p "$out"
  echo "running $name..." >&2
  "${cmd[@]}" "$net" "$out" "$@" > "$out/timings.txt"
  cat "$out/timings.txt" >&2
}
run_peer netvet "$build/bench/peers/netvet_peer" -- --threads 1 --repeat "$repeat"
run_peer netvet-threads "$build/bench/peers/netvet_peer" -- --threads 0 --repeat "$repeat"
for p in $peers; do
  case $p in
    boost) run_peer boost "$build/bench/peers/boost_peer" -- --repeat "$repeat" ;;
    igraph) run_peer igraph "$python" bench/peers/igraph_peer.py -- ;;
    networkx) run_peer networkx "$python" bench/peers/networkx_peer.py -- ;;
    *) echo "unknown peer $p" >&2; exit 2 ;;
  esac
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Agreement: every peer's answer files byte for byte equal to netvet's.
status=0
agree=()
for p in netvet-threads $peers; do
  verdict=identical
  for f in exposure.txt outage.txt; do
    if ! cmp -s "$dir/answers/netvet/$f" "$dir/answers/$p/$f"; then
      verdict=DIFFERENT
      status=1
      echo "DISAGREEMENT: $p's $f differs from netvet's (first differences below)" >&2
      diff "$dir/answers/netvet/$f" "$dir/answers/$p/$f" | head -20 >&2 || true
    fi
  done
  agree+=("$p=$verdict")
done

"$python" - "$dir" "$net" "$load_before" "$load_after" "$repeat" "${agree[@]}" <<'PY' | tee "$dir/summary.md"
import hashlib, os, subprocess, sys, datetime
dir, net, load_before, load_after, repeat, *agree = sys.argv[1:]
agree = dict(a.split("=") for a in agree)
def read(name):
    kv = {}
    for line in open(os.path.join(dir, "answers", name, "timings.txt")):
        for item in line.split():
            k, v = item.split("=")
            kv[k] = v
    return kv
names = ["netvet", "netvet-threads"] + [p for p in ["boost", "igraph", "networkx"] if p in agree]
t = {n: read(n) for n in names}
nv = t["netvet"]
def digest(name):
    h = hashlib.sha256()
    for f in ("exposure.txt", "outage.txt"):
        h.update(open(os.path.join(dir, "answers", name, f), "rb").read())
    return h.hexdigest()[:16]
exposure = open(os.path.join(dir, "answers", "netvet", "exposure.txt")).read().splitlines()
isolated = sum(l.endswith("\tisolated") for l in exposure)
unavoidable = sum(len(l.split("\t")[1].split(",")) for l in exposure if not l.endswith("\tisolated") and l.split("\t")[1])
cpu = subprocess.run(["sed", "-n", r"s/^model name\s*: //p", "/proc/cpuinfo"], capture_output=True, text=True).stdout.splitlines()[0]
print(f"## Peers side by side ({datetime.date.today()}, {os.cpu_count()} cores, {cpu})")
print()
print(f"Network: `netvet generate` {os.path.basename(net)}: {nv['elements']} elements, {nv['links']} links, "
      f"{nv['cell_sites']} cell sites ({isolated} isolated, {unavoidable} unavoidable elements in all), "
      f"{nv['scenarios']} outage scenarios (every vendor, failure and kill-switch).")
print(f"Load average (1, 5, 15 min): {load_before} before, {load_after} after.")
print()
labels = {"netvet": "netvet (graph library)", "netvet-threads": "netvet, all cores", "boost": "Boost.Graph 1.74",
          "igraph": "python-igraph 0.10", "networkx": "NetworkX 2.8"}
left_out = [labels[p] for p in ["boost", "igraph", "networkx"] if p not in agree]
if left_out:
    print(f"Not run (PEERS): {', '.join(left_out)}; nothing is extrapolated for them.")
    print()
runs = "one run" if repeat == "1" else f"median of {repeat} runs"
print("Times in seconds, from inventory in memory to answers computed (graph building included, "
      f"loading excluded). C++ peers: {runs}; Python peers: one run. "
      "CPU = process CPU time (the steadier measure on a shared machine); wall = elapsed.")
print()
print("| peer | threads | load (wall) | exposure CPU | outage CPU | total CPU | total wall | netvet (1 thread) faster by, CPU | by, wall | answers |")
print("|---|---|---|---|---|---|---|---|---|---|")
base_cpu = float(nv["exposure_cpu"]) + float(nv["outage_cpu"])
base_wall = float(nv["exposure_s"]) + float(nv["outage_s"])
for n in names:
    r = t[n]
    total_cpu = float(r["exposure_cpu"]) + float(r["outage_cpu"])
    total_wall = float(r["exposure_s"]) + float(r["outage_s"])
    ratio_cpu = "—" if n.startswith("netvet") else f"{total_cpu / base_cpu:.1f}×"
    ratio_wall = "—" if n.startswith("netvet") else f"{total_wall / base_wall:.1f}×"
    answers = "reference" if n == "netvet" else agree[n]
    print(f"| {labels[n]} | {r['threads'] if r['threads'] != '0' else os.cpu_count()} | {float(r['load_s']):.3f} | "
          f"{float(r['exposure_cpu']):.3f} | {float(r['outage_cpu']):.3f} | {total_cpu:.3f} | {total_wall:.3f} | "
          f"{ratio_cpu} | {ratio_wall} | {answers} |")
print()
print("Per analysis, netvet (one thread) faster by, CPU time: " + ", ".join(
    f"{labels[n]} exposure {float(t[n]['exposure_cpu']) / float(nv['exposure_cpu']):.1f}×, "
    f"outage {float(t[n]['outage_cpu']) / float(nv['outage_cpu']):.1f}×" for n in names[2:]) + ".")
print()
print(f"Answer digest (sha256 of exposure.txt + outage.txt): netvet {digest('netvet')}" +
      "".join(f", {n} {digest(n)}" for n in names[1:]) + ".")
PY
[ $status -eq 0 ] && echo "all answers identical" >&2 || echo "ANSWERS DIFFER" >&2
exit $status
