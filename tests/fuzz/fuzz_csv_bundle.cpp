// libFuzzer harness: the CSV bundle reader. The input is the bundle's tables in order
// (operators, sites, elements, links, facilities, evidence, meta), separated by NUL bytes
// (which no table may hold); a table with no part is absent. What loads must survive a
// CSV <-> JSON round trip.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<const char*, 7> kTables = {"operators.csv", "sites.csv",      "elements.csv", "links.csv",
                                                         "facilities.csv", "evidence.csv", "meta.csv"};
  const auto folder = netvet::fuzz::scratch() / "bundle";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (std::size_t t = 0; t < kTables.size() && !rest.empty(); ++t) {
    const auto cut = rest.find('\0');
    netvet::fuzz::write_file(folder / kTables[t], rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  }
  auto inventory = netvet::io::read_csv_bundle(folder);
  if (inventory) netvet::fuzz::check_round_trip(*inventory);
  return 0;
}
