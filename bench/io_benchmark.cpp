// The io module on a generated national network: reading and writing the CSV bundle and
// the JSON document (issue targets at ~1M elements: validate <= 1.5 s from CSV, <= 2.5 s
// from JSON, under 600 MB; generate + write <= 20 s).
//
// The network is generated once (gen::generate, GB profile, seed 1) and written to a
// temporary folder; each benchmark then times one reader or writer on it.
//   NETVET_IO_BENCH_SITES  cell sites to generate (default 42000: ~200k elements, the
//                          whole program runs in about a minute; 203000 gives ~1M)
// Example: build/h-perf/bench/io_benchmark --benchmark_min_time=1

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "gen/generate.h"
#include "io/inventory_io.h"

namespace netvet {
namespace {

namespace fs = std::filesystem;

std::size_t bench_sites() {
  if (const char* s = std::getenv("NETVET_IO_BENCH_SITES")) return static_cast<std::size_t>(std::strtoull(s, nullptr, 10));
  return 42000;
}

// The generated network and its two spellings on disk; removed at exit.
struct Fixture {
  Inventory inventory;
  fs::path dir, csv, json;

  Fixture() {
    auto generated = gen::generate({.country = "GB", .sites = bench_sites(), .seed = 1});
    if (!generated) std::abort();
    inventory = std::move(*generated);
    dir = fs::temp_directory_path() / ("netvet-io-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    csv = dir / "net";
    json = dir / "net.json";
    if (!io::write_csv_bundle(inventory, csv) || !io::write_json(inventory, json)) std::abort();
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void counters(benchmark::State& state, const Inventory& inv) {
  state.counters["elements"] = static_cast<double>(inv.elements.size());
  state.counters["links"] = static_cast<double>(inv.links.size());
  state.counters["elements/s"] =
      benchmark::Counter(static_cast<double>(inv.elements.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ReadCsvBundle(benchmark::State& state) {
  const auto& f = fixture();
  for (auto _ : state) {
    auto inv = io::read_csv_bundle(f.csv);
    if (!inv) state.SkipWithError("read_csv_bundle failed");
    benchmark::DoNotOptimize(inv);
  }
  counters(state, f.inventory);
}

void BM_ReadJson(benchmark::State& state) {
  const auto& f = fixture();
  for (auto _ : state) {
    auto inv = io::read_json(f.json);
    if (!inv) state.SkipWithError("read_json failed");
    benchmark::DoNotOptimize(inv);
  }
  counters(state, f.inventory);
}

void BM_WriteCsvBundle(benchmark::State& state) {
  const auto& f = fixture();
  const auto out = f.dir / "out-csv";
  for (auto _ : state) {
    if (!io::write_csv_bundle(f.inventory, out)) state.SkipWithError("write_csv_bundle failed");
  }
  counters(state, f.inventory);
}

void BM_WriteJson(benchmark::State& state) {
  const auto& f = fixture();
  const auto out = f.dir / "out.json";
  for (auto _ : state) {
    if (!io::write_json(f.inventory, out)) state.SkipWithError("write_json failed");
  }
  counters(state, f.inventory);
}

BENCHMARK(BM_ReadCsvBundle)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReadJson)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WriteCsvBundle)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WriteJson)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace netvet

BENCHMARK_MAIN();
