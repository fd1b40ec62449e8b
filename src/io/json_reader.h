#pragma once
// The JSON reader's state, shared by json_reader.cpp (the document: format, version,
// table order) and json_rows.cpp (tables, rows, cells). Internal to the io module.

#include <simdjson.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "io/inventory_loader.h"

namespace netvet::io {

namespace sj = simdjson::ondemand;

// A syntax error stops the read (simdjson cannot go on after one): Flow::stop says so.
enum class Flow { go, stop };

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

 private:
  Flow syntax(simdjson::error_code e, const char* where = nullptr);
  void problem(std::string pointer, std::string column, std::string value, std::string message);
  Flow read_table(TableId table, sj::array array);
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
};

}  // namespace netvet::io
