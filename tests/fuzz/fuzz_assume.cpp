// libFuzzer harness: `--assume` text. An assumption that parses is applied to the
// bundled London example, and the inventory it makes must survive a CSV <-> JSON round
// trip (rows and ids of every table; not the derived vendor table, see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "policy/assume.h"

#ifndef NETVET_SOURCE_DIR
#error "NETVET_SOURCE_DIR must name the source tree (tests/fuzz/CMakeLists.txt)"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const netvet::Inventory london = [] {
    auto inventory = netvet::io::read_csv_bundle(NETVET_SOURCE_DIR "/examples/london");
    if (!inventory) std::abort();
    return std::move(*inventory);
  }();
  auto assumption = netvet::policy::parse_assumption(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!assumption) return 0;
  const netvet::policy::Assumption list[] = {std::move(*assumption)};
  const auto changed = netvet::policy::apply_assumptions(london, list, london.meta.as_of);
  netvet::fuzz::check_round_trip(changed, /*vendors=*/false);
  return 0;
}
