#!/usr/bin/env bash
# The service under load on both stores (issue 13): 200 keep-alive clients reading
# operators' status and assessments for SECONDS, after one 250,000-element submission
# timed through HTTP. PostgreSQL is a throw-away cluster (tests/support/postgresql.sh)
# started and stopped here. Usage: bench/service.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/ci}
seconds=${2:-10}
load=$build/bench/service_load
dir=${BENCH_DIR:-out/bench}/service
mkdir -p "$dir"
rm -f "$dir"/load.db*
cluster=$PWD/$dir/postgresql
tests/support/postgresql.sh start "$cluster" >/dev/null
trap 'tests/support/postgresql.sh stop "$cluster"' EXIT
psql -q "postgresql:///postgres?host=$cluster/socket&user=netvet_test" -c 'CREATE DATABASE netvet_load'
echo "# $(date -u +%F), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$load" --store "sqlite:$dir/load.db" --clients 200 --seconds "$seconds" --big 125000
"$load" --store "postgresql:///netvet_load?host=$cluster/socket&user=netvet_test" --clients 200 --seconds "$seconds" --big 125000
