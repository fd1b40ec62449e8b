// TableSource::at: where a problem sits, in CSV or JSON terms.

#include "io/row_cells.h"

#include <fmt/format.h>

namespace netvet::io {

namespace {
// RFC 6901: '~' and '/' inside a key are written "~0" and "~1".
std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}
}  // namespace

Diagnostic TableSource::at(std::int64_t row, std::string_view column, std::string_view value,
                           std::string message) const {
  Diagnostic d;
  d.file = file;
  d.column = std::string(column);
  d.value = std::string(value);
  d.message = std::move(message);
  if (json) {
    d.pointer = fmt::format("/{}", table);
    if (row >= 0) d.pointer += fmt::format("/{}", row);
    if (!column.empty()) d.pointer += fmt::format("/{}", pointer_token(column));
  } else {
    d.row = row >= 0 ? row + 1 : 0;
  }
  return d;
}

}  // namespace netvet::io
