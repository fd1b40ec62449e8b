#include "data/embedded.h"

#include <algorithm>

namespace netvet::data {

std::optional<std::string_view> embedded(std::string_view path) {
  const auto files = embedded_files();
  const auto it = std::ranges::find(files, path, &EmbeddedFile::path);
  if (it == files.end()) return std::nullopt;
  return it->text;
}

}  // namespace netvet::data
