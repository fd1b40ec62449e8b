#!/usr/bin/env bash
# The service under load on both stores (issue 13). For each store: bench/service_load
# seeds 20 operators and times one 250,000-element submission over HTTP; then `netvet
# serve` runs as it would in production and wrk (Debian's package), as a separate process
# on the same machine, drives 200 keep-alive connections reading operators' status and
# assessments with the operators' own tokens (bench/service_wrk.lua) for SECONDS.
# PostgreSQL is a throw-away cluster (tests/support/postgresql.sh) started and stopped here.
# Usage: bench/service.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/ci}
seconds=${2:-10}
dir=${BENCH_DIR:-out/bench}/service
mkdir -p "$dir"
rm -f "$dir"/load.db* "$dir"/ready "$dir"/targets.txt
cluster=$PWD/$dir/postgresql
serve=
tests/support/postgresql.sh start "$cluster" >/dev/null
stop_all() {
  [ -z "$serve" ] || { kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null || true; }
  tests/support/postgresql.sh stop "$cluster"
}
trap stop_all EXIT
psql -q "postgresql:///postgres?host=$cluster/socket&user=netvet_test" -c 'DROP DATABASE IF EXISTS netvet_load' \
  -c 'CREATE DATABASE netvet_load'
echo "# $(date -u +%F), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

for url in "sqlite:$dir/load.db" "postgresql:///netvet_load?host=$cluster/socket&user=netvet_test"; do
  kind=${url%%:*}
  "$build/bench/service_load" --store "$url" --targets "$dir/targets.txt" --big 125000
  rm -f "$dir/ready"
  "$build/apps/netvet/netvet" serve --store "$url" --listen 127.0.0.1:0 --ready-file "$dir/ready" \
    --signing-key "$dir/key.pem" 2>"$dir/serve-$kind.log" &
  serve=$!
  for _ in $(seq 100); do [ -s "$dir/ready" ] && break; sleep 0.1; done
  wrk -t2 -c200 -d"${seconds}s" --latency -s bench/service_wrk.lua "$(cat "$dir/ready")" -- "$dir/targets.txt" \
    >"$dir/wrk-$kind.txt"
  kill "$serve"
  wait "$serve" || true
  serve=
  # One line per store: wrk's percentiles, rate and errors (non-2xx answers, socket errors).
  awk -v kind="$kind" -v clients=200 -v seconds="$seconds" '
    $1 == "50%" {p50 = $2} $1 == "90%" {p90 = $2} $1 == "99%" {p99 = $2}
    $1 == "Latency" && $2 ~ /ms|s$/ {max = $4}
    /Requests\/sec/ {rate = $2}
    /requests in/ {n = $1}
    /Non-2xx/ {bad = $NF}
    /Socket errors/ {sock = $0}
    END {printf "%s: %d clients (wrk), %d s: %s requests (%s/s), p50 %s, p90 %s, p99 %s, max %s, %d non-2xx%s\n",
         kind, clients, seconds, n, rate, p50, p90, p99, max, bad, sock ? "; " sock : ", 0 socket errors"}' \
    "$dir/wrk-$kind.txt"
done
