#pragma once
// Internal to src/policy: "did you mean" for unknown names. util's closest() keeps the
// plausible typos (prefixes included); of those we offer the nearest by edit distance, so
// `site.knd` suggests `site.kind`, not its prefix `site`.

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/text.h"

namespace netvet::policy {

inline std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  auto near = closest(word, candidates, 8);
  if (near.empty()) return std::nullopt;
  std::ranges::stable_sort(near, {}, [&](const std::string& c) { return edit_distance(to_lower(word), to_lower(c)); });
  return near.front();
}

}  // namespace netvet::policy
