// write_csv_bundle: an inventory -> a folder of CSV tables in canonical form.
//
// The tables are written into a temporary sibling folder; when all are complete it is
// renamed into place (the destination does not exist, or is an empty folder). A folder
// with files in it is refused unless WriteOptions::replace: then each bundle table is
// renamed over its old self, a bundle table the inventory no longer has (an old
// evidence.csv) is replaced by its header alone, and other files are left alone. Nothing
// is ever deleted: `generate --out examples/london` once deleted its evidence.csv.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "io/atomic_write.h"
#include "io/canonical_tables.h"
#include "io/inventory_io.h"

namespace netvet::io {

namespace {

constexpr std::array<std::string_view, 7> kBundleFiles = {"operators.csv", "sites.csv",    "elements.csv",
                                                          "links.csv",     "facilities.csv", "evidence.csv",
                                                          "meta.csv"};

// RFC 4180 quoting, only where needed; leading/trailing blanks are quoted because CSV
// readers (libcsv among them) trim unquoted ones.
void append_field(std::string& out, std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' ||
                                        text.back() == '\t'));
  if (!quote) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_list(std::string& out, std::span<const std::string_view> items, std::string& scratch) {
  scratch.clear();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) scratch.push_back(';');
    scratch.append(items[i]);
  }
  append_field(out, scratch);
}

Result<void> write_table(const OutTable& table, const std::filesystem::path& path, const std::filesystem::path& shown) {
  OutputFile file(path, shown);
  std::string& out = file.buffer();
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c > 0) out.push_back(',');
    append_field(out, table.columns[c].name);
  }
  out.push_back('\n');
  OutCell cell;
  std::string scratch;
  for (Index r = 0; r < table.rows; ++r) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) out.push_back(',');
      cell.text = {};
      cell.items.clear();
      table.columns[c].fill(r, cell);
      if (table.columns[c].kind == CellKind::list) append_list(out, cell.items, scratch);
      else append_field(out, cell.text);
    }
    out.push_back('\n');
    file.flush_if_full();
  }
  return file.close();
}

Result<void> write_meta(const Inventory& inventory, const std::filesystem::path& path, const std::filesystem::path& shown) {
  OutputFile file(path, shown);
  std::string& out = file.buffer();
  out += "key,value\n";
  for (const auto& [key, value] : canonical_meta(inventory)) {
    append_field(out, key);
    out.push_back(',');
    append_field(out, value);
    out.push_back('\n');
  }
  return file.close();
}

// Writes every table of the bundle into `folder`; the names of the files written.
Result<std::vector<std::string_view>> write_tables(const Inventory& inventory, const std::filesystem::path& folder,
                                                   const std::filesystem::path& shown) {
  std::vector<std::string_view> written;
  for (const OutTable& table : canonical_tables(inventory)) {
    if (!table.spec->required_file && table.rows == 0) continue;
    if (auto ok = write_table(table, folder / table.spec->file, shown / table.spec->file); !ok) return std::unexpected(ok.error());
    written.push_back(table.spec->file);
  }
  if (!canonical_meta(inventory).empty()) {
    if (auto ok = write_meta(inventory, folder / "meta.csv", shown / "meta.csv"); !ok) return std::unexpected(ok.error());
    written.push_back("meta.csv");
  }
  return written;
}

// The header row alone of bundle table `name`.
std::string empty_table(std::string_view name) {
  if (name == "meta.csv") return "key,value\n";
  std::string out;
  for (const auto& spec : table_specs()) {
    if (spec.file != name) continue;
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
      if (c > 0) out.push_back(',');
      out.append(spec.columns[c].name);
    }
  }
  out.push_back('\n');
  return out;
}

// Moves the finished tables of `temp` into the existing folder `target`; a bundle table
// `target` holds but the inventory lacks is emptied to its header (never deleted).
Result<void> replace_tables(const std::filesystem::path& temp, const std::filesystem::path& target,
                            const std::vector<std::string_view>& written) {
  std::error_code ec;
  for (const auto name : kBundleFiles) {
    if (std::ranges::find(written, name) == written.end()) {
      if (!std::filesystem::exists(target / name, ec)) continue;
      OutputFile file(temp / name, target / name);
      file.buffer() = empty_table(name);
      if (auto closed = file.close(); !closed) return closed;
    }
    std::filesystem::rename(temp / name, target / name, ec);
    if (ec) return fail(write_problem(target / name, fmt::format("cannot replace the table: {}", ec.message())));
  }
  return {};
}

// The names of what `folder` holds, sorted (the message refusing it shows the first few).
std::vector<std::string> entries_of(const std::filesystem::path& folder, std::error_code& ec) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) names.push_back(entry.path().filename().string());
  std::ranges::sort(names);
  return names;
}

}  // namespace

Result<void> write_csv_bundle(const Inventory& inventory, const std::filesystem::path& folder_in,
                              const WriteOptions& options) {
  // "out/" and "out" name the same folder.
  const std::filesystem::path folder = folder_in.filename().empty() ? folder_in.parent_path() : folder_in;
  std::error_code ec;
  bool exists = std::filesystem::exists(folder, ec);
  if (exists && !std::filesystem::is_directory(folder, ec))
    return fail(write_problem(folder, "exists and is not a folder; a CSV bundle is written into a folder"));
  if (exists) {
    const auto names = entries_of(folder, ec);
    if (ec) return fail(write_problem(folder, fmt::format("cannot list the folder: {}", ec.message())));
    if (!names.empty() && !options.replace) {
      std::string shown;
      for (std::size_t i = 0; i < names.size() && i < 5; ++i) shown += (i > 0 ? ", " : "") + names[i];
      if (names.size() > 5) shown += fmt::format(" and {} more", names.size() - 5);
      Diagnostic d = write_problem(folder, fmt::format("the folder is not empty (it holds {}); expected a new or empty "
                                                       "folder for the CSV bundle. Nothing was written: choose another "
                                                       "folder, or pass --force to replace its bundle tables",
                                                       shown));
      return fail(std::move(d));
    }
    // An empty folder is replaced by the finished one: rename(2) onto an empty folder.
    if (names.empty()) exists = false;
  }
  const auto temp = temp_sibling(folder);
  if (!std::filesystem::create_directory(temp, ec) || ec)
    return fail(write_problem(folder, fmt::format("cannot create the folder: {}", ec ? ec.message() : "it exists")));
  auto written = write_tables(inventory, temp, folder);
  Result<void> done;
  if (!written) {
    done = std::unexpected(written.error());
  } else if (!exists) {
    std::filesystem::rename(temp, folder, ec);
    if (ec) done = fail(write_problem(folder, fmt::format("cannot move the finished folder into place: {}", ec.message())));
  } else {
    done = replace_tables(temp, folder, *written);
  }
  std::filesystem::remove_all(temp, ec);  // nothing is left when renamed; all is left on failure
  return done;
}

}  // namespace netvet::io
