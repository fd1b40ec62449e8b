#include "util/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace netvet {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += col > 0 ? fmt::format(":{}:{}", line, col) : fmt::format(":{}", line);
  } else if (!pointer.empty()) {
    out += fmt::format(" at {}", pointer);
  } else if (row > 0) {
    // Line numbers count the header, as editors do.
    out += fmt::format(":{}", row + 1);
  }
  out += ": ";
  if (!column.empty() && pointer.empty()) out += fmt::format("column '{}': ", column);
  out += message;
  if (!value.empty()) out += fmt::format(" (value '{}')", value);
  if (count > 1) out += fmt::format(" [{} instances in total]", count);
  return out;
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::ranges::any_of(diagnostics,
                             [](const Diagnostic& d) { return d.severity == Severity::error; });
}

Diagnostics fold_repeats(Diagnostics diagnostics, std::size_t keep) {
  using Key = std::tuple<Severity, std::string, std::string, std::string>;
  auto key_of = [](const Diagnostic& d) {
    // The message stem: up to the first quote, so values inside messages do not split groups.
    return Key{d.severity, d.file, d.column, d.message.substr(0, d.message.find('\''))};
  };
  std::map<Key, std::int64_t> totals;
  for (const auto& d : diagnostics) totals[key_of(d)] += d.count;
  std::map<Key, std::size_t> seen;
  Diagnostics kept;
  for (auto& d : diagnostics) {
    const Key key = key_of(d);
    const std::size_t n = ++seen[key];
    if (n > keep) continue;
    const bool last_kept = n == keep || static_cast<std::int64_t>(n) == totals[key];
    if (last_kept && totals[key] > static_cast<std::int64_t>(n)) d.count = totals[key];
    kept.push_back(std::move(d));
  }
  return kept;
}

}  // namespace netvet
