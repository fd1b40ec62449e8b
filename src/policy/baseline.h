#pragma once
// Baselines: `check --baseline FILE` reports only the findings an earlier run did not
// have. The earlier run is a `check --format json` document; its findings are known by
// their fingerprints (the engine's, so they survive rewording and reordering).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace netvet::policy {

struct Baseline {
  std::string file;
  std::vector<std::uint64_t> fingerprints;  // sorted, distinct

  bool contains(std::uint64_t fingerprint) const;
};

// Reads the fingerprints of an earlier `check --format json` document. A file that is
// not JSON, or has no "findings" list, is an error with its line and column.
Result<Baseline> parse_baseline(std::string_view json_text, std::string_view file);
Result<Baseline> load_baseline(const std::filesystem::path& path);

}  // namespace netvet::policy
