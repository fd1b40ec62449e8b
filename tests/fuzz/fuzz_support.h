#pragma once
// Shared by the libFuzzer harnesses: a scratch folder of this process, the check that an
// inventory that loads survives a CSV <-> JSON round trip (same tables, same ids), and the
// check that a refused input is refused with problems people can act on. A mismatch
// aborts, which libFuzzer reports as a finding with the input that caused it.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

#include "io/inventory_io.h"
#include "model/inventory.h"

namespace netvet::fuzz {

inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("netvet-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline void write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

inline std::string first_message(const Diagnostics& problems) {
  return problems.empty() ? std::string("(no message)") : problems.front().message;
}

[[noreturn]] inline void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "netvet fuzz: check failed: %s: %s\n", what, detail.c_str());
  std::abort();
}

// A reader's refusal: at least one error, every problem naming `file` and saying what is
// wrong, and each one renders (as the command line prints it).
inline void check_problems(const Diagnostics& problems, std::string_view file) {
  if (!has_errors(problems)) {
    std::fprintf(stderr, "netvet fuzz: an input was refused without an error\n");
    std::abort();
  }
  for (const Diagnostic& d : problems) {
    if (d.file != file || d.message.empty()) {
      std::fprintf(stderr, "netvet fuzz: a problem names no file or says nothing: %s\n", d.to_string().c_str());
      std::abort();
    }
    (void)d.to_string();
  }
}

template <class Column>
void same_ids(const char* table, const Inventory& a, const Column& ca, const Inventory& b, const Column& cb) {
  if (ca.size() != cb.size())
    fail(table, std::to_string(ca.size()) + " rows became " + std::to_string(cb.size()));
  for (std::size_t i = 0; i < ca.size(); ++i)
    if (a.str(ca[i]) != b.str(cb[i]))
      fail(table, "row " + std::to_string(i) + " id '" + std::string(a.str(ca[i])) + "' became '" +
                      std::string(b.str(cb[i])) + "'");
}

// `vendors`: compare the vendor table too. It is not a table of the format but derived
// from what the rows mention, so it is compared for inventories that were read; one made
// by apply_assumptions keeps the rows of vendors it removed (no element mentions them).
inline void same_inventory(const Inventory& a, const Inventory& b, bool vendors) {
  same_ids("operators", a, a.operators.id, b, b.operators.id);
  same_ids("sites", a, a.sites.id, b, b.sites.id);
  same_ids("elements", a, a.elements.id, b, b.elements.id);
  same_ids("facilities", a, a.facilities.id, b, b.facilities.id);
  if (vendors) same_ids("vendors", a, a.vendors.id, b, b.vendors.id);
  if (a.links.size() != b.links.size())
    fail("links", std::to_string(a.links.size()) + " rows became " + std::to_string(b.links.size()));
  if (a.evidence.size() != b.evidence.size())
    fail("evidence", std::to_string(a.evidence.size()) + " rows became " + std::to_string(b.evidence.size()));
}

// Writes `inventory` as a JSON document and reads it back, then as a CSV bundle and back:
// both must load, with the same rows and ids.
inline void check_round_trip(const Inventory& inventory, bool vendors = true) {
  const auto json = scratch() / "round-trip.json";
  if (auto w = io::write_json(inventory, json); !w)
    fail("write_json", first_message(w.error()));
  auto from_json = io::read_json(json);
  if (!from_json) fail("read_json of what was written", first_message(from_json.error()));
  same_inventory(inventory, *from_json, vendors);

  const auto bundle = scratch() / "round-trip-bundle";
  std::filesystem::remove_all(bundle);
  if (auto w = io::write_csv_bundle(*from_json, bundle); !w)
    fail("write_csv_bundle", first_message(w.error()));
  auto from_csv = io::read_csv_bundle(bundle);
  if (!from_csv) fail("read_csv_bundle of what was written", first_message(from_csv.error()));
  same_inventory(inventory, *from_csv, vendors);
}

}  // namespace netvet::fuzz
