#!/usr/bin/env bash
# netvet's front door: installs what is missing from Debian packages, builds, and runs.
#
#   ./netvet.sh demo    build, generate a national network, vet it, judge the Five Eyes
#                       scenario, say where the reports are
#   ./netvet.sh test    build, then run every test
#   ./netvet.sh build   build only (the binary is build/ci/apps/netvet/netvet)
#   ./netvet.sh bench   build, then run the benchmarks (bench/README.md)
#   ./netvet.sh fuzz [SECONDS]
#                       build the libFuzzer harnesses (tests/fuzz, the fuzz preset: clang,
#                       ASan + UBSan), replay the saved crashes, then run each harness for
#                       SECONDS (default 60); fails naming the harness and the crash file
#   ./netvet.sh asan    build the test suite with ASan and UBSan (the asan preset) and run
#                       every test under them; a campaign of its own (~25 min from scratch)
#
# C++ dependencies come from Debian packages listed once, below; the HTML report's two
# map packages come from the npm registry, pinned by web/package-lock.json (the build
# runs `npm ci`). Nothing is downloaded from anywhere else. Run as root on a fresh
# machine, or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")"

# The one list of Debian packages netvet needs to build, test and benchmark.
PACKAGES=(
  g++ cmake ninja-build pkg-config            # toolchain
  libfmt-dev                                  # formatting
  nlohmann-json3-dev libsimdjson-dev          # JSON documents; fast JSON inventory reading
  libyaml-cpp-dev                             # data files and policy packs
  libcsv-dev                                  # RFC 4180 CSV: the reference our CSV scanner is tested against
  libcli11-dev                                # command-line parsing
  libabsl-dev                                 # flat hash maps for interning
  coinor-libcbc-dev                           # the planner's MILP solver (CBC, CLP)
  libsqlite3-dev libpq-dev libssl-dev         # the service's stores (SQLite, PostgreSQL), hashes and signatures
  postgresql-15                               # the tests run a throw-away PostgreSQL server (tests/support/postgresql.sh)
  openssl                                     # the tests make a self-signed certificate for the service's TLS
  libgtest-dev libgmock-dev libxml2-dev       # tests (libxml2 reads back the JUnit XML)
  nodejs                                      # npm: the HTML report's map packages (web/)
  chromium                                    # the tests check the HTML reports in it, headless
  libbenchmark-dev hyperfine wrk              # benchmarks (wrk: the service under load)
  libboost1.81-dev                            # the HTTP server (Beast, Asio); bench/peers: Boost.Graph, the C++ peer
  python3-networkx python3-igraph             # bench/peers: the Python peers
)
# Only `./netvet.sh fuzz` needs these: clang with libFuzzer (see the fuzz preset).
FUZZ_PACKAGES=(clang-16 libclang-rt-16-dev)
PRESET=ci
BUILD_DIR=build/$PRESET
NETVET=$BUILD_DIR/apps/netvet/netvet

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_install() {
  say "Installing Debian packages: $*"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

ensure_packages() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  # Debian's nodejs comes without npm, which is its own package; a nodejs that bundles
  # npm conflicts with that package, so install it only when the command is missing.
  command -v npm >/dev/null || apt_install npm
}

# build [TARGET...]: everything, or only the targets named (the demo needs the binary alone).
build() {
  ensure_packages
  say "Building ($PRESET preset${1:+: $*})"
  [ -f "$BUILD_DIR/build.ninja" ] || cmake --preset "$PRESET" >/dev/null
  if [ $# -eq 0 ]; then
    cmake --build --preset "$PRESET"
  else
    cmake --build --preset "$PRESET" --target "$@"
  fi
}

demo() {
  build netvet
  local out=out/demo
  rm -rf "$out"
  mkdir -p "$out"
  say "Generating a national network for GB (5,000 cell sites, seed 7)"
  "$NETVET" generate --country GB --sites 5000 --seed 7 --out "$out/gb"
  say "Validating it"
  "$NETVET" validate "$out/gb"
  say "Vendor shares per operator and domain"
  "$NETVET" stats "$out/gb" | tee "$out/stats.txt"
  "$NETVET" stats "$out/gb" --format json --output "$out/stats.json"
  say "Exposure of the facilities to the gb pack's designated (high-risk) vendors"
  # Exit code 1 means a facility is exposed to a designated vendor: expected here.
  local rc=0
  "$NETVET" exposure "$out/gb" --designated gb:designated --blast-radius | tee "$out/exposure.txt" || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"
  for format in json html; do
    rc=0
    "$NETVET" exposure "$out/gb" --designated gb:designated --blast-radius --format "$format" \
      --output "$out/exposure.$format" || rc=$?
    [ "$rc" -le 1 ] || exit "$rc"
  done
  say "Checking it against the gb pack (the UK's designated vendor direction)"
  # Exit code 1 means the network breaks a rule: expected for one with Huawei in it.
  rc=0
  "$NETVET" check "$out/gb" --policy gb --output "$out/check.txt" || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"
  rc=0
  "$NETVET" check "$out/gb" --policy gb --format html --output "$out/check.html" || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"
  say "Planning the removal of the designated vendor under gb, with examples/plan/gb-resources.yaml (at most 20 s a format)"
  # Exit code 1 means some deadline cannot be met with these crews: a result, not a failure.
  for format in text json html; do
    rc=0
    "$NETVET" plan "$out/gb" --policy gb --as-of 2021-01-01 --resources examples/plan/gb-resources.yaml \
      --time-limit 20 --format "$format" --output "$out/plan.${format/text/txt}" || rc=$?
    [ "$rc" -le 1 ] || exit "$rc"
  done
  say "What the US's 2019-2020 sharing terms imply for the Five Eyes (five-eyes-2020: five generated networks)"
  # Exit code 1 means some country's overall verdict is below full: expected here.
  for format in text json html; do
    rc=0
    "$NETVET" alliance five-eyes-2020 --format "$format" --output "$out/alliance.${format/text/txt}" || rc=$?
    [ "$rc" -le 1 ] || exit "$rc"
  done
  service "$out"
  say "Done. The network is in $out/gb/ (CSV bundle); stats in $out/stats.txt and $out/stats.json;"
  say "exposure in $out/exposure.txt, $out/exposure.json and $out/exposure.html;"
  say "the gb policy check in $out/check.txt and $out/check.html;"
  say "the rip-and-replace plan in $out/plan.txt, $out/plan.json and $out/plan.html;"
  say "the Five Eyes alliance verdicts in $out/alliance.txt, $out/alliance.json and $out/alliance.html;"
  say "the shared service's store in $out/service.db, the receipt in $out/receipt.json, the status in $out/status.json"
  echo
  say "Verdict under gb"
  sed '/^$/q' "$out/check.txt"  # the heading and the summary: findings by severity, compliant or not
  echo
  say "Facilities exposed to gb's designated vendor"
  sed -n '/^[0-9,]* facilit\(y\|ies\): /,/^$/p' "$out/exposure.txt"
  say "The plan under gb (report: $out/plan.html)"
  sed -n '1,3p' "$out/plan.txt"
  echo
  say "Five Eyes, early 2020: intelligence sharing and co-location by country and US rule (report: $out/alliance.html)"
  sed -n '/^Rules (/,/^$/p; /^Verdicts (/,/^$/p' "$out/alliance.txt"
  say "EE's status from the service's API (GET /v1/operators/ee/status: the service's own assessment under the policies in force, gb as of 2028-01-01)"
  sed -n '/"assessment"/,$p' "$out/status.json" | head -40
}

# The shared service (docs/service.md), on SQLite: put gb in force (as of 2028-01-01), start
# it, submit operator EE's part of the network with EE's token — the service assesses it
# under the policies in force —, verify the receipt, read EE's status from the API, stop it.
service() {
  local out=$1 store="sqlite:$1/service.db" url="" pid
  say "The shared service: netvet serve on SQLite; the admin puts gb in force, EE submits its part of the network, the service assesses it"
  "$NETVET" convert "$out/gb" --operator ee --to json --output "$out/ee.json"
  local operator
  operator=$("$NETVET" token create --store "$store" --role operator --operator ee --name "EE compliance pipeline" 2>/dev/null)
  # The policies in force (the admin, offline as for tokens): every submission is assessed under them.
  "$NETVET" in-force set gb --as-of 2028-01-01 --store "$store" >/dev/null
  "$NETVET" serve --store "$store" --listen 127.0.0.1:0 --ready-file "$out/service.url" \
    --signing-key "$out/service-key.pem" 2>"$out/service.log" &
  pid=$!
  for _ in $(seq 100); do [ -s "$out/service.url" ] && break; sleep 0.1; done
  url=$(cat "$out/service.url" 2>/dev/null || true)
  [ -n "$url" ] || { cat "$out/service.log" >&2; kill "$pid" 2>/dev/null; echo "demo: netvet serve did not start" >&2; exit 1; }
  local ok=0
  {
    NETVET_TOKEN=$operator "$NETVET" submit "$out/ee.json" --server "$url" -o "$out/receipt.json" &&
    "$NETVET" serve --signing-key "$out/service-key.pem" --print-public-key > "$out/service-key.pub" &&
    "$NETVET" receipt verify "$out/receipt.json" --key "$out/service-key.pub" &&
    NETVET_TOKEN=$operator "$NETVET" api GET /v1/operators/ee/status --server "$url" -o "$out/status.json" &&
    ok=1
  } || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$ok" -eq 1 ] || { cat "$out/service.log" >&2; echo "demo: the service steps failed" >&2; exit 1; }
  "$NETVET" audit verify --store "$store"
}

run_tests() {
  build
  say "Running every test"
  ctest --preset "$PRESET" --output-on-failure
}

bench() {
  build
  bench/run.sh "$NETVET" "$BUILD_DIR"
}

# docs/cli.md is generated from the binary's own option declarations; a test fails when
# it is out of date (tests/apps/output_cli_test.cpp).
docs() {
  build
  "$NETVET" help-all --markdown > docs/cli.md
  say "Wrote docs/cli.md"
}

# asan: the whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer (the
# asan preset, build/asan: GCC, RelWithDebInfo, UBSan fatal, no benchmarks). Tests that
# run the netvet binary run the sanitized one. Not part of `test`: a fresh build of every
# test with the sanitizers takes ~25 minutes on two cores.
asan() {
  ensure_packages
  say "Building the test suite with ASan and UBSan (asan preset)"
  [ -f build/asan/build.ninja ] || cmake --preset asan >/dev/null
  cmake --build --preset asan
  say "Running every test under ASan and UBSan"
  ctest --preset asan --output-on-failure
}

# fuzz [SECONDS]: every harness of tests/fuzz for SECONDS under ASan and UBSan.
# The tracked seeds (tests/fuzz/corpus/HARNESS) are only read; what libFuzzer finds new
# goes into build/fuzz/corpus/HARNESS, and a crash into build/fuzz/findings/HARNESS/.
# A crash becomes a regression fixture under tests/fuzz/crashes/HARNESS/, replayed first.
fuzz() {
  local seconds=${1:-60}
  [[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: ./netvet.sh fuzz [SECONDS]" >&2; exit 2; }
  ensure_packages "${FUZZ_PACKAGES[@]}"
  local dir=build/fuzz
  say "Building the fuzz harnesses (fuzz preset: clang, ASan + UBSan)"
  [ -f "$dir/build.ninja" ] || cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target fuzzers
  local harnesses=(csv_bundle json pack selector waivers baseline assume scenario resources catalog plan_json receipt api multipart)
  local h exe findings crash
  for h in "${harnesses[@]}"; do
    exe=$dir/tests/fuzz/fuzz_$h
    findings=$dir/findings/$h
    mkdir -p "$dir/corpus/$h" "$findings"
    if compgen -G "tests/fuzz/crashes/$h/*" >/dev/null; then
      say "fuzz_$h: replaying tests/fuzz/crashes/$h/"
      "$exe" tests/fuzz/crashes/$h/* >"$findings/replay.log" 2>&1 || {
        cat "$findings/replay.log" >&2
        echo "fuzz: fuzz_$h crashes again on a saved input of tests/fuzz/crashes/$h/ (log above)" >&2
        exit 1
      }
    fi
    say "fuzz_$h: ${seconds}s"
    local max_len=4096
    case $h in csv_bundle | json | pack | scenario | multipart) max_len=16384 ;; esac
    if ! "$exe" "$dir/corpus/$h" "tests/fuzz/corpus/$h" -max_total_time="$seconds" -max_len="$max_len" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" \
        >"$findings/fuzz.log" 2>&1; then
      tail -n 60 "$findings/fuzz.log" >&2
      crash=$(ls -t "$findings"/{crash,leak,timeout,oom}-* 2>/dev/null | head -n 1 || true)
      echo "fuzz: fuzz_$h found a problem; the input is ${crash:-(see $findings/fuzz.log)}" >&2
      echo "fuzz: save it as a regression fixture under tests/fuzz/crashes/$h/" >&2
      exit 1
    fi
    grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb' "$findings/fuzz.log" | sed "s/^/  fuzz_$h: /" >&2 || true
  done
  say "No finding: ${#harnesses[@]} harnesses, ${seconds}s each"
}

case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  build) build ;;
  bench) bench ;;
  docs) docs ;;
  fuzz) fuzz "${2:-60}" ;;
  asan) asan ;;
  *) echo "usage: ./netvet.sh demo|test|build|bench|docs|asan|fuzz [SECONDS]" >&2; exit 2 ;;
esac
