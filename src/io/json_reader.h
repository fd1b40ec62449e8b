#pragma once
// The JSON reader's state, shared by json_reader.cpp (the document: format, version,
// table order) and json_rows.cpp (tables, rows, cells). Internal to the io module.

#include <simdjson.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "io/inventory_io.h"
#include "io/inventory_loader.h"

namespace netvet::io {

namespace sj = simdjson::ondemand;

// A syntax error stops the read (simdjson cannot go on after one): Flow::stop says so.
enum class Flow { go, stop };

// A big document cut up without parsing it (json_stream.cpp): its top-level members, and
// for each table array, runs of whole rows of a few megabytes.
struct RowChunk {
  std::size_t begin = 0, end = 0;  // bytes of the file: rows separated by commas
  std::int64_t first_row = 0;
};
struct StreamedMember {
  std::string_view key;
  std::size_t begin = 0, end = 0;  // the value's bytes
  std::vector<RowChunk> chunks;   // for a table: its rows
  std::int64_t rows = 0;
};
struct StreamedDocument {
  std::string_view text;  // the whole file, mapped: read a chunk, then release it
  std::vector<StreamedMember> members;
  // Gives the pages of [begin, end) back to the system (they are read again if needed).
  void (*release)(std::string_view text, std::size_t begin, std::size_t end) = nullptr;
};

// Tables each table refers to (shared/spec/inventory.md), which must be loaded before it.
inline bool depends_on(TableId table, TableId other) {
  switch (table) {
    case TableId::operators: return false;
    case TableId::sites: return other == TableId::operators;
    case TableId::elements: return other == TableId::operators || other == TableId::sites;
    case TableId::links: return other == TableId::elements;
    case TableId::facilities: return other == TableId::sites;
    case TableId::evidence: return other == TableId::elements;
  }
  return false;
}

class JsonReader {
 public:
  JsonReader(std::string_view text, std::size_t capacity, std::string shown, InventoryLoader& loader)
      : text_(text), capacity_(capacity), shown_(std::move(shown)), loader_(loader) {
    for (std::size_t t = 0; t < kTableCount; ++t) {
      const auto& spec = table_specs()[t];
      sources_[t] = {shown_, spec.name, true, &spec};
    }
    meta_source_ = {shown_, "meta", true, nullptr};
  }

  void read();
  // Reads a document the scanner of json_stream.cpp has cut up (members and row chunks of
  // `file`), parsing one chunk at a time. False when it met a syntax error: the caller
  // then reads the whole document with read() for the exact diagnostics.
  bool read_streamed(const StreamedDocument& document);

 private:
  Flow syntax(simdjson::error_code e, const char* where = nullptr);
  void problem(std::string pointer, std::string column, std::string value, std::string message);
  Flow read_table(TableId table, sj::array array);
  Flow read_rows(TableId table, sj::array array, std::int64_t first);
  Flow read_chunks(TableId table, const StreamedMember& member, const StreamedDocument& document);
  // Parses `json` (one value) wrapped in an array, for the value alone; false on a syntax error.
  bool parse_wrapped(std::string_view json, sj::array& array);
  Flow read_row(TableId table, sj::value value, std::int64_t index);
  Flow read_meta(sj::object object);
  // A scalar as text: strings unquoted, numbers and booleans as written; `found` its type.
  Flow scalar(sj::value& v, std::string_view& out, sj::json_type& found);
  Flow string(sj::value& v, std::string_view& out);
  Flow header_value(std::string_view key, sj::value v);
  void finish_pass();

  std::string_view text_;
  std::size_t capacity_;
  std::string shown_;
  InventoryLoader& loader_;
  sj::parser parser_;
  sj::document* doc_ = nullptr;
  std::array<TableSource, kTableCount> sources_;
  TableSource meta_source_;
  std::array<bool, kTableCount> done_{};
  std::array<std::string_view, kTableCount> deferred_{};  // raw JSON of tables read later
  bool format_seen_ = false, version_seen_ = false;
  std::vector<ExtraCell> extras_;
  std::array<std::vector<std::uint32_t>, kTableCount> extra_handles_;
  std::array<std::vector<std::string>, kTableCount> extra_names_;
  ListScratch lists_;
  bool syntax_failed_ = false;
  std::string chunk_;  // a chunk being parsed, wrapped in [ ] and padded
  sj::document chunk_doc_;
  std::array<const StreamedMember*, kTableCount> deferred_members_{};
};

// read_json's way for documents of any size (json_stream.cpp): the inventory or its
// problems, or nothing when the document must be read whole (then read() reports it).
std::optional<Result<Inventory>> read_json_streamed(const std::filesystem::path& file, const std::string& shown,
                                                    const ReadOptions& options);

}  // namespace netvet::io
