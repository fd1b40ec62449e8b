#pragma once
// The data files under data/ (vendors, functions, profiles, policy packs, ...), built
// into the binary so netvet runs from anywhere. The files stay the source of truth.

#include <optional>
#include <span>
#include <string_view>

namespace netvet::data {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "vendors.yaml", "profiles/GB.yaml"
  std::string_view text;
};

// Every embedded file, sorted by path.
std::span<const EmbeddedFile> embedded_files();

// The text of data/PATH, or nothing when no such file was embedded.
std::optional<std::string_view> embedded(std::string_view path);

}  // namespace netvet::data
