#include "policy/source_map.h"

#include <algorithm>

namespace netvet::policy {

SourceMap::SourceMap(std::string_view file_text) : text_(file_text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

Location SourceMap::location(std::size_t byte) const {
  const auto it = std::ranges::upper_bound(line_starts_, byte);
  const auto line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  return {static_cast<std::int64_t>(line), static_cast<std::int64_t>(byte - line_starts_[line - 1] + 1)};
}

Location SourceMap::location(const YAML::Mark& mark) const {
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

std::vector<Location> SourceMap::scalar_positions(const YAML::Mark& mark, std::string_view value) const {
  std::vector<std::size_t> bytes(value.size() + 1, 0);
  std::size_t p = mark.is_null() ? text_.size() : static_cast<std::size_t>(mark.pos);
  if (p < text_.size() && (text_[p] == '|' || text_[p] == '>')) {
    // A block scalar's content starts on the line after its indicator.
    const std::size_t eol = text_.find('\n', p);
    p = eol == std::string_view::npos ? text_.size() : eol + 1;
  } else if (p < text_.size() && (text_[p] == '"' || text_[p] == '\'')) {
    ++p;
  }
  std::size_t pending_from = 0;  // blanks waiting for the next matched character
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == ' ' || c == '\t' || c == '\n') continue;
    while (p < text_.size() && text_[p] != c) ++p;
    for (std::size_t k = pending_from; k <= i; ++k) bytes[k] = p;
    // A blank sits right after the character before it, when that is on the same line.
    for (std::size_t k = pending_from; k < i; ++k) {
      if (k > 0 && bytes[k - 1] + 1 < text_.size() && text_[bytes[k - 1] + 1] != '\n') bytes[k] = bytes[k - 1] + 1;
    }
    pending_from = i + 1;
    if (p < text_.size()) ++p;
  }
  for (std::size_t k = pending_from; k <= value.size(); ++k) bytes[k] = std::min(p, text_.size());
  std::vector<Location> positions;
  positions.reserve(bytes.size());
  for (const auto b : bytes) positions.push_back(location(b));
  return positions;
}

}  // namespace netvet::policy
