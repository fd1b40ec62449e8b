// The io door's dispatchers: which reader or writer a path calls for.

#include "io/inventory_io.h"

#include <fmt/format.h>

#include "util/files.h"

namespace netvet::io {

std::optional<Format> format_of_path(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Format::csv;
  const std::string text = path.string();
  if (!text.empty() && text.back() == '/') return Format::csv;
  if (path.extension() == ".json" || path.extension() == ".JSON") return Format::json;
  return std::nullopt;
}

Result<Inventory> read_inventory(const std::filesystem::path& path, const ReadOptions& options) {
  // Looked at (stat) before anything opens it: a FIFO or device is refused, not read.
  switch (path_kind(path)) {
    case PathKind::folder: return read_csv_bundle(path, options);
    case PathKind::file: return read_json(path, options);
    case PathKind::other: {
      auto refused = check_regular_file(path, path.string(), "a CSV bundle folder or a JSON inventory file");
      return std::unexpected(std::move(refused.error()));
    }
    case PathKind::missing: break;
  }
  Diagnostic d;
  d.file = path.string();
  d.message = "no such file or folder; expected a CSV bundle folder or a JSON inventory file";
  return fail(std::move(d));
}

Result<void> write_inventory(const Inventory& inventory, const std::filesystem::path& path, Format format,
                             const WriteOptions& options) {
  return format == Format::csv ? write_csv_bundle(inventory, path, options) : write_json(inventory, path);
}

}  // namespace netvet::io
