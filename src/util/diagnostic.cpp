#include "util/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "util/text.h"

namespace netvet {

Diagnostic Diagnostic::for_display() const {
  Diagnostic d = *this;
  d.file = printable(file, kMaxShownMessage);
  d.column = printable(column, kMaxShownValue);
  d.pointer = printable(pointer, kMaxShownMessage);
  std::string text = message;
  if (value.size() > kMaxShownValue) {
    // A long value echoed in the message: shortened there, and not repeated after it.
    const std::string shortened = printable(value, kMaxShownValue);
    bool echoed = false;
    for (std::size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + shortened.size())) {
      text.replace(at, value.size(), shortened);
      echoed = true;
    }
    d.value = echoed ? std::string() : shortened;
  } else {
    d.value = printable(value, kMaxShownValue);
  }
  d.message = printable(text, kMaxShownMessage, /*keep_newlines=*/true);
  return d;
}

std::string Diagnostic::to_string() const {
  const Diagnostic shown = for_display();
  return shown.render();
}

std::string Diagnostic::render() const {
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
