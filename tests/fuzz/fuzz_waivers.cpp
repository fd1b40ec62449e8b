// libFuzzer harness: waiver files (YAML; fingerprints, rules, selectors, expiry) read
// against the built-in gb pack.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "policy/pack.h"
#include "policy/waivers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<netvet::policy::Pack> packs = [] {
    auto gb = netvet::policy::builtin_pack("gb");
    if (!gb) std::abort();
    std::vector<netvet::policy::Pack> v;
    v.push_back(std::move(*gb));
    return v;
  }();
  auto set = netvet::policy::parse_waivers(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml",
                                           packs);
  if (set) (void)netvet::policy::waiver_expiries(*set);
  return 0;
}
