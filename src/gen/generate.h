#pragma once
// Synthetic national networks: the gen module's one door.
//
// generate() builds a realistic inventory for a country from its profile
// (data/profiles/CC.yaml, embedded in the binary) and the real cities of data/cities.csv:
// cell sites around cities weighted by population and rural sites covering the land
// (data/land/CC.yaml), each with a range_km by its setting (gen/coverage.h,
// data/gen/coverage.yaml), RAN vendors assigned by region the
// way operators contract them, cell-site routers dual-homed (mostly) into aggregation
// rings, metro and core routers, 2-4 core data centres per operator with 5GC and EPC
// functions on NFVI, element managers per vendor under an OSS, shared sites and shared
// transport, and the country's sensitive facilities at their public locations.
//
// The same options give the same inventory, row for row, on every platform: the
// generator draws from its own PRNG (gen/rng.h) and never iterates an unordered
// container into its output.
//
// Size: about kElementsPerSite elements (and ~10.6 links) per cell site. Measured at
// 203,000 sites, seed 1: GB 4.93 (heavy site sharing), CA 4.91, US 4.58, SE 4.56,
// NZ 4.51, DE 4.47, AU 4.39. So --sites 203000 gives ~1.0M elements for GB and
// --sites 220000 ~1.0M for DE or US; core, metro and aggregation add ~1% more sites.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "gen/profile.h"
#include "model/inventory.h"
#include "util/diagnostic.h"

namespace netvet::gen {

inline constexpr double kElementsPerSite = 4.7;

struct GenerateOptions {
  std::string country;       // ISO code of a profile in data/profiles/, e.g. "GB"
  std::size_t sites = 10000; // cell sites, all operators together
  std::uint64_t seed = 1;
  // Called now and then (about every 1% of a long stage) with the stage's name and how
  // far the whole run has got, 0..1. Optional.
  std::function<void(std::string_view stage, double fraction)> progress;
};

// A generated network, or the problems of the profile (an unknown country names the
// available ones).
Result<Inventory> generate(const GenerateOptions& options);

// Generates from a profile already loaded (for tests and custom profiles); `cities` is
// data/cities.csv text.
Result<Inventory> generate(const CountryProfile& profile, std::string_view cities_csv,
                           const GenerateOptions& options);

// Parses a profile's YAML text; problems name `file` with line and column.
Result<CountryProfile> load_profile(std::string_view yaml, std::string_view file);

// The built-in profile of a country ("GB" or "gb").
Result<CountryProfile> builtin_profile(std::string_view country);

// The countries with a built-in profile, sorted: {"AU", "CA", ...}.
std::vector<std::string> available_countries();

}  // namespace netvet::gen
