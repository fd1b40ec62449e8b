#pragma once
// One table row as a reader hands it to the loader: the text of each spec column (empty
// when blank or absent), the items of list columns, the unknown columns, and where the
// row sits (CSV file and row, or JSON pointer) so that every problem can name its place.
// Cells are views into the reader's buffers: valid only while the loader handles the row.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/schema.h"
#include "util/diagnostic.h"

namespace netvet::io {

// Where a table comes from: CSV rows are named by file and 1-based row, JSON rows by a
// pointer "/elements/3/vendor" (0-based, as JSON pointers are).
struct TableSource {
  std::string file;         // as the user gave it, e.g. "net/elements.csv" or "net.json"
  std::string_view table;   // "elements"
  bool json = false;
  const TableSpec* spec = nullptr;  // the table's columns (none for meta)

  std::string_view column(std::size_t c) const { return spec->columns[c].name; }

  // A problem at (row, column) of this table. `row` is the 0-based data row; a negative
  // row means the table as a whole (CSV: the header).
  Diagnostic at(std::int64_t row, std::string_view column, std::string_view value,
                std::string message) const;
};

struct ExtraCell {
  std::uint32_t column = 0;  // a handle from InventoryLoader::declare_extra
  std::string_view value;
};

struct RowCells {
  std::int64_t index = 0;  // 0-based data row
  std::array<std::string_view, kMaxColumns> cell{};                  // by spec column
  std::array<std::span<const std::string_view>, kMaxColumns> items{};  // list columns
  std::span<const ExtraCell> extras;
};

// Reusable storage for the list items of one row, so a row costs no allocation.
class ListScratch {
 public:
  std::vector<std::string_view>& column(std::size_t c) {
    auto& v = lists_[c];
    v.clear();
    return v;
  }

 private:
  std::array<std::vector<std::string_view>, kMaxColumns> lists_;
};

}  // namespace netvet::io
