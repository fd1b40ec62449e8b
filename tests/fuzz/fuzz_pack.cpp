// libFuzzer harness: the policy pack reader (YAML, parameters, designations, rules) and
// the selector compiler it calls for every `select`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/pack.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto pack = netvet::policy::parse_pack(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  (void)pack;
  return 0;
}
