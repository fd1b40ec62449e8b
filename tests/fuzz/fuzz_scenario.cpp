// libFuzzer harness: the alliance scenario reader (YAML, countries, networks, the packs it
// names). Paths in the input resolve against the scenario fixtures, so inventories and
// pack files that exist there are found and read as a scenario would read them.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "alliance/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path base = std::filesystem::path(NETVET_SOURCE_DIR) / "tests/fixtures/alliance/scenarios";
  auto scenario =
      netvet::alliance::parse_scenario(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml", base);
  (void)scenario;
  return 0;
}
