#pragma once
// Reading an input file whole, and the checks every text input gets before parsing: not
// empty, valid UTF-8 without binary bytes. Problems name the byte offset and the line.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace netvet::io {

// The whole file, with `padding` spare zero bytes after its end (simdjson reads ahead).
// `shown` is the name problems carry.
Result<std::string> read_file(const std::filesystem::path& path, const std::string& shown, std::size_t padding = 0);

// A problem when `text` is not clean UTF-8 text; `base` is the offset of `text` in its
// file (for a chunk of a larger file), `before` the text preceding it (to count lines).
std::optional<Diagnostic> check_text(std::string_view text, const std::string& shown,
                                     std::size_t base = 0, std::string_view before = {});

struct LineColumn {
  std::int64_t line = 1, column = 1;  // both 1-based; column counts bytes
};
LineColumn line_column_of(std::string_view text, std::size_t offset);

}  // namespace netvet::io
