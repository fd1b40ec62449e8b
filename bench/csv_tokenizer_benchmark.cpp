// The CSV scanner (io/csv_tokenizer.h) against libcsv, the library it replaced, on the
// elements.csv and links.csv of a generated network, one thread each: bytes per second.
// libcsv is given its best case, a callback that only counts fields, and the case the
// reader had, a callback copying each field into an arena as the old CsvCells did.
//   NETVET_IO_BENCH_SITES  cell sites to generate (default 42000: ~200k elements)

#include <benchmark/benchmark.h>
#include <csv.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gen/generate.h"
#include "io/csv_tokenizer.h"
#include "io/inventory_io.h"

namespace netvet {
namespace {

namespace fs = std::filesystem;

struct Texts {
  std::string elements, links;
  Texts() {
    std::size_t sites = 42000;
    if (const char* s = std::getenv("NETVET_IO_BENCH_SITES")) sites = std::strtoull(s, nullptr, 10);
    auto generated = gen::generate({.country = "GB", .sites = sites, .seed = 1});
    const fs::path dir = fs::temp_directory_path() / ("netvet-csv-bench-" + std::to_string(::getpid()));
    if (!generated || !io::write_csv_bundle(*generated, dir)) std::abort();
    const auto slurp = [&](const char* name) {
      std::ifstream in(dir / name, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    };
    elements = slurp("elements.csv");
    links = slurp("links.csv");
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const std::string& text(int which) {
  static const Texts texts;
  return which == 0 ? texts.elements : texts.links;
}

void BM_Scanner(benchmark::State& state) {
  const std::string& t = text(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    io::CsvCells cells;
    if (cells.tokenize(t)) state.SkipWithError("malformed");
    benchmark::DoNotOptimize(cells.rows());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
}

// What the reader's libcsv callbacks did: fields back to back in an arena, found by
// their end offsets.
struct Arena {
  std::string bytes;
  std::vector<std::uint32_t> field_end, row_end;
};

template <bool kCopy>
void BM_Libcsv(benchmark::State& state) {
  const std::string& t = text(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Arena arena;
    if constexpr (kCopy) arena.bytes.reserve(t.size());
    csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    const auto on_field = [](void* s, std::size_t n, void* self) {
      auto& a = *static_cast<Arena*>(self);
      if constexpr (kCopy) a.bytes.append(static_cast<const char*>(s), n);
      a.field_end.push_back(static_cast<std::uint32_t>(a.bytes.size()));
    };
    const auto on_row = [](int, void* self) {
      auto& a = *static_cast<Arena*>(self);
      a.row_end.push_back(static_cast<std::uint32_t>(a.field_end.size()));
    };
    if (csv_parse(&parser, t.data(), t.size(), on_field, on_row, &arena) != t.size() ||
        csv_fini(&parser, on_field, on_row, &arena) != 0)
      state.SkipWithError("malformed");
    csv_free(&parser);
    benchmark::DoNotOptimize(arena.row_end.size());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
}

// Argument 0: elements.csv, 1: links.csv.
BENCHMARK(BM_Scanner)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Libcsv<false>)->Name("BM_LibcsvCounting")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Libcsv<true>)->Name("BM_LibcsvIntoArena")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace netvet

BENCHMARK_MAIN();
