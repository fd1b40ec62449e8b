// libFuzzer harness: the JSON inventory reader (simdjson on demand, strict literals,
// duplicate keys). What loads must survive a JSON <-> CSV round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = netvet::fuzz::scratch() / "input.json";
  netvet::fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  auto inventory = netvet::io::read_json(file);
  if (inventory) netvet::fuzz::check_round_trip(*inventory);
  return 0;
}
