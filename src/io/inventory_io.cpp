// The io door's dispatchers: which reader or writer a path calls for.

#include "io/inventory_io.h"

#include <fmt/format.h>

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
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return read_csv_bundle(path, options);
  if (std::filesystem::exists(path, ec)) return read_json(path, options);
  Diagnostic d;
  d.file = path.string();
  d.message = "no such file or folder; expected a CSV bundle folder or a JSON inventory file";
  return fail(std::move(d));
}

Result<void> write_inventory(const Inventory& inventory, const std::filesystem::path& path, Format format) {
  return format == Format::csv ? write_csv_bundle(inventory, path) : write_json(inventory, path);
}

}  // namespace netvet::io
