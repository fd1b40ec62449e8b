#pragma once
// Reading and writing inventories: the CSV bundle (a folder of tables) and the JSON
// document of shared/spec/inventory.md. This header is the io module's one door.
//
// Readers check everything the spec asks (required columns, ids, references, numbers,
// dates, coordinates, vocabularies) and report each problem with its file, row or JSON
// pointer, column and value. A read either yields a whole inventory or the problems:
// nothing is half-loaded. Writers write the canonical form (defaults filled in, functions
// by canonical name, vendors as written, extra columns kept) and write atomically: into a
// temporary sibling renamed into place when complete, so a failure leaves nothing behind.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/inventory.h"
#include "util/diagnostic.h"

namespace netvet::io {

enum class Format { csv, json };

struct ReadOptions {
  const FunctionVocabulary* functions = &FunctionVocabulary::builtin();
  const VendorRegistry* registry = &VendorRegistry::builtin();
};

// A folder is read as a CSV bundle, a file as a JSON document.
Result<Inventory> read_inventory(const std::filesystem::path& path, const ReadOptions& options = {});
Result<Inventory> read_csv_bundle(const std::filesystem::path& folder, const ReadOptions& options = {});
Result<Inventory> read_json(const std::filesystem::path& file, const ReadOptions& options = {});
// A JSON document already in memory (a submission to the service); problems name `shown`.
Result<Inventory> read_json_text(std::string_view document, const std::string& shown, const ReadOptions& options = {});

// One table file of a CSV bundle held in memory (a part of a multipart submission).
struct CsvTableText {
  std::string name;       // its file name: operators.csv, sites.csv, ... meta.csv
  std::string_view text;  // its bytes, which the caller keeps until the read returns
};
// A CSV bundle held in memory: the inventory and the problems read_csv_bundle gives for
// a folder holding these files, each problem naming its file by `name` alone. Besides, a
// name that is none of the bundle's tables, or that comes twice, is a problem: a folder
// cannot hold either, and silently dropping a file a sender meant would lose rows.
Result<Inventory> read_csv_tables(std::span<const CsvTableText> files, const ReadOptions& options = {});
// The file names of a CSV bundle's tables: operators.csv, sites.csv, elements.csv,
// links.csv, facilities.csv, evidence.csv, meta.csv (the first four required).
std::vector<std::string> csv_bundle_files();

// The format a path names: a folder (or a path ending in '/') is csv; *.json is json.
std::optional<Format> format_of_path(const std::filesystem::path& path);

struct WriteOptions {
  // A CSV bundle goes only into a new or empty folder, unless `replace`: then the bundle's
  // own tables in the folder (operators.csv ... meta.csv) are replaced, a table the new
  // inventory lacks is replaced by its header alone (an empty table, so that the bundle
  // stays whole), and every other file is left alone. No file is ever deleted.
  bool replace = false;
};

// A JSON document replaces an existing file (through a symlink, its target); a FIFO,
// device or folder at `file` is refused.
Result<void> write_inventory(const Inventory& inventory, const std::filesystem::path& path, Format format,
                             const WriteOptions& options = {});
Result<void> write_csv_bundle(const Inventory& inventory, const std::filesystem::path& folder,
                              const WriteOptions& options = {});
Result<void> write_json(const Inventory& inventory, const std::filesystem::path& file);

}  // namespace netvet::io
