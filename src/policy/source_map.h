#pragma once
// Internal to src/policy: where the bytes of a YAML scalar sit in the file, so that an
// error at byte k of an expression points at the file's line and column of that byte —
// in plain, quoted, literal (|) and folded (>) scalars alike.

#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "policy/pack.h"

namespace netvet::policy {

class SourceMap {
 public:
  explicit SourceMap(std::string_view file_text);

  Location location(std::size_t byte) const;
  Location location(const YAML::Mark& mark) const;

  // The file position of every byte of `value`, the scalar written at `mark`, plus one for
  // its end. YAML folds lines, strips indentation and unescapes quotes, so the value's
  // non-blank characters are matched, in order, against the file text that follows the
  // mark; a blank takes the position of the next matched character.
  std::vector<Location> scalar_positions(const YAML::Mark& mark, std::string_view value) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace netvet::policy
