#!/usr/bin/env bash
# Whole-command timings on a generated national network of ~1M elements, then every
# Google Benchmark program. Usage: bench/run.sh [NETVET] [BUILD_DIR]
#   BENCH_SITES  cell sites to generate (default 220000: ~1M elements)
#   BENCH_DIR    where the network and results go (default out/bench)
#   BENCH_RUNS   runs per timed command (default 5; the median is reported)
# Results: $BENCH_DIR/summary.md (paste into docs/performance.md) and hyperfine JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
netvet=${1:-build/ci/apps/netvet/netvet}
build=${2:-build/ci}
dir=${BENCH_DIR:-out/bench}
sites=${BENCH_SITES:-220000}
runs=${BENCH_RUNS:-5}
mkdir -p "$dir"
summary=$dir/summary.md

peak_rss_mb() {  # peak resident memory of a command, in MB
  /usr/bin/time -f '%M' -o "$dir/rss.txt" "$@" >/dev/null 2>&1 || true
  echo $(( $(tail -1 "$dir/rss.txt") / 1024 ))
}

median_s() {  # median wall time in seconds from a hyperfine JSON export
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['median']:.3f}\")" "$1"
}

{
  echo "## Whole commands ($(date -u +%F), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1))"
  echo
  echo "| command | median of $runs | peak RSS |"
  echo "|---|---|---|"
} > "$summary"

echo "generating $sites sites..." >&2
hyperfine --runs 1 --export-json "$dir/generate.json" \
  "$netvet generate --country GB --sites $sites --seed 1 --out $dir/gb -q --force" >&2
gen_rss=$(peak_rss_mb "$netvet" generate --country GB --sites "$sites" --seed 1 --out "$dir/gb" -q --force)
elements=$(($(wc -l < "$dir/gb/elements.csv") - 1))
echo "| \`generate --country GB --sites $sites\` ($elements elements, CSV) | $(median_s "$dir/generate.json") s (1 run) | $gen_rss MB |" >> "$summary"

"$netvet" convert "$dir/gb" "$dir/gb.json" >/dev/null 2>&1
for input in "$dir/gb" "$dir/gb.json"; do
  name=$(basename "$input")
  for cmd in validate stats; do
    hyperfine --warmup 1 --runs "$runs" --export-json "$dir/$cmd-$name.json" "$netvet $cmd $input" >&2
    rss=$(peak_rss_mb "$netvet" "$cmd" "$input")
    echo "| \`$cmd\` on $name ($(du -sh "$input" | cut -f1)) | $(median_s "$dir/$cmd-$name.json") s | $rss MB |" >> "$summary"
  done
done
hyperfine --runs 3 --export-json "$dir/convert.json" "$netvet convert $dir/gb $dir/gb-out.json" >&2
echo "| \`convert\` CSV -> JSON | $(median_s "$dir/convert.json") s | $(peak_rss_mb "$netvet" convert "$dir/gb" "$dir/gb-out.json") MB |" >> "$summary"

{
  echo
  echo "## Google Benchmark"
  echo
  echo '```'
} >> "$summary"
for b in "$build"/bench/*_benchmark; do
  [ -x "$b" ] || continue
  "$b" --benchmark_min_time=0.2 2>/dev/null | tee -a "$summary" >&2
done
echo '```' >> "$summary"
{
  echo
  echo "## The service (bench/service.sh)"
  echo
  echo '```'
  bench/service.sh "$build" 10 2>&1
  echo '```'
} >> "$summary"
echo "summary: $summary" >&2
