#!/usr/bin/env bash
# Retakes docs/images/check-report.png (a generated GB network checked against the gb pack),
# docs/images/exposure-report.png (the exposure of the demo's 5,000-site network to gb's
# designated vendor: chains, per-operator verdicts and cuts) and
# docs/images/alliance-report.png (the built-in five-eyes-2020 scenario: the matrix of
# countries by rules, then the first country's verdicts) and docs/images/plan-report.png
# (a plan for a generated 3,000-site GB network under gb with examples/plan's resources),
# each HTML report rendered by headless Chromium (Debian package `chromium`).
# Usage: docs/images/make-screenshots.sh [NETVET_BINARY]   (default: the ci build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
netvet=${1:-$root/build/ci/apps/netvet/netvet}
command -v chromium >/dev/null || { echo "needs chromium: apt-get install chromium" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$netvet" generate --country GB --sites 20000 --seed 1 --out "$work/gb" >/dev/null
# Exit code 1 means findings, which is what the picture is for.
"$netvet" check "$work/gb" --policy gb --as-of 2026-11-22 --format html -o "$work/check.html" || [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
  --window-size=1400,2000 --screenshot="$root/docs/images/check-report.png" "file://$work/check.html" 2>/dev/null
echo "wrote $root/docs/images/check-report.png"
"$netvet" generate --country GB --sites 5000 --seed 7 --out "$work/gb5k" >/dev/null
"$netvet" exposure "$work/gb5k" --designated gb:designated --blast-radius --format html -o "$work/exposure.html" ||
  [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
  --window-size=1400,2400 --screenshot="$root/docs/images/exposure-report.png" "file://$work/exposure.html" 2>/dev/null
echo "wrote $root/docs/images/exposure-report.png"
"$netvet" alliance five-eyes-2020 --format html -o "$work/alliance.html" || [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
  --window-size=1400,3000 --screenshot="$root/docs/images/alliance-report.png" "file://$work/alliance.html" 2>/dev/null
echo "wrote $root/docs/images/alliance-report.png"
"$netvet" generate --country GB --sites 3000 --seed 1 --out "$work/gb3k" >/dev/null
"$netvet" plan "$work/gb3k" --policy gb --as-of 2021-01-01 --resources "$root/examples/plan/gb-resources.yaml" \
  --format html -o "$work/plan.html" || [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
  --window-size=1400,2200 --screenshot="$root/docs/images/plan-report.png" "file://$work/plan.html" 2>/dev/null
echo "wrote $root/docs/images/plan-report.png"
