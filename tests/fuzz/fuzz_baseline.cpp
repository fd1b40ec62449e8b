// libFuzzer harness: baselines (an earlier `check --format json`, read with nlohmann's
// SAX parser for its fingerprints).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/baseline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto baseline = netvet::policy::parse_baseline(std::string_view(reinterpret_cast<const char*>(data), size),
                                                 "fuzz.json");
  (void)baseline;
  return 0;
}
