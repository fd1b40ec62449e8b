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

// Rows of one table parsed into cells, with the problems of their JSON types: what the
// loader needs, collected apart from it, so that json_stream.cpp can parse the next run of
// rows on a helper thread while this one is loaded. Cells are views into the parsed text
// and its parser's string buffer.
struct ParsedRows {
  std::vector<RowCells> rows;
  std::vector<std::string_view> items;  // list items of every row
  std::vector<ExtraCell> extras;        // unknown keys' values; column: an index in extra_names
  std::vector<std::string> extra_names;  // the table's unknown keys so far, in order of appearance
  // Each problem with the number of rows parsed before it: it is reported just before
  // that row is loaded, as a one-row-at-a-time reader would.
  std::vector<std::pair<std::size_t, Diagnostic>> problems;

  void clear();
  // Points each row's list and extra spans at `items` and `extras` (which may have moved
  // while rows were added); call once the rows are all there.
  void finish();

 private:
  friend class RowParser;
  struct Slice {
    std::uint32_t row, column, begin, end;  // column kExtras: the row's extras
  };
  static constexpr std::uint32_t kExtras = 0xFFFF'FFFFu;
  std::vector<Slice> slices_;
};

// Parses the row objects of one table into ParsedRows, checking JSON types; touches no
// loader, so any one thread may use it. It remembers the table's unknown keys.
class RowParser {
 public:
  explicit RowParser(const TableSource* source = nullptr) : source_(source) {}
  // Appends row `index` (if it is an object; a problem otherwise); an error code only for
  // a syntax error, after which the array cannot be read on.
  simdjson::error_code parse(sj::value value, std::int64_t index, ParsedRows& out);

 private:
  const TableSource* source_;
  std::vector<std::string> names_;  // unknown keys seen, in order
};

// A scalar as text: strings unquoted (views into the input unless they hold escapes),
// numbers and booleans as written, nothing for null, arrays and objects; `found` its type.
// simdjson's on-demand parser types a value by its first byte only, so the literal is
// checked here: a bare word (`nonsense`, `tru`), a malformed number (`-abc`, `1.2.3`) or
// a string whose escapes make a control character ("\u0000", "\b") is an error, with
// `out` the token as written (see value_problem).
simdjson::error_code scalar_text(sj::value& v, std::string_view& out, sj::json_type& found);

// What is wrong with a value scalar_text refused, for a problem at its JSON pointer;
// nothing when `e` is a syntax error that stops the read.
std::optional<std::string> value_problem(simdjson::error_code e, std::string_view token);

class JsonReader {
 public:
  JsonReader(std::string_view text, std::size_t capacity, std::string shown, InventoryLoader& loader)
      : text_(text), capacity_(capacity), shown_(std::move(shown)), loader_(loader) {
    for (std::size_t t = 0; t < kTableCount; ++t) {
      const auto& spec = table_specs()[t];
      sources_[t] = {shown_, spec.name, true, &spec};
      row_parsers_[t] = RowParser(&sources_[t]);
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
  // Hands parsed rows to the loader, with their problems, in row order.
  void load_rows(TableId table, ParsedRows& parsed);
  Flow read_chunks(TableId table, const StreamedMember& member, const StreamedDocument& document);
  // Parses `json` (one value) wrapped in an array, for the value alone; false on a syntax error.
  bool parse_wrapped(std::string_view json, sj::array& array);
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
  std::array<bool, kTableCount> done_{};  // seen: read, or deferred to be read after the pass
  std::array<bool, kTableCount> read_{};  // read during the pass: a table that depends on it may be read too
  std::array<std::string_view, kTableCount> deferred_{};  // raw JSON of tables read later
  bool format_seen_ = false, version_seen_ = false;
  std::array<RowParser, kTableCount> row_parsers_;
  // Per table, the loader's handle of each unknown key, in the RowParser's order.
  std::array<std::vector<std::uint32_t>, kTableCount> extra_handles_;
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
