#pragma once
// The canonical form of an inventory, table by table, as both writers spell it: the
// spec's columns in the spec's order (required ones always, optional ones when some row
// has a value), then the extra columns in their original order; defaults filled in,
// functions by canonical name, vendors as written, numbers as the shortest text that
// reads back the same, dates ISO, lists as items. Internal to the io module.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/schema.h"
#include "model/inventory.h"

namespace netvet::io {

// One cell being written; `buffer` holds text made for it (numbers, dates).
struct OutCell {
  std::string_view text;
  std::vector<std::string_view> items;  // list columns
  std::string buffer;
};

struct OutColumn {
  std::string name;
  CellKind kind = CellKind::text;
  std::function<void(Index row, OutCell& cell)> fill;
};

struct OutTable {
  const TableSpec* spec = nullptr;
  std::size_t rows = 0;
  std::vector<OutColumn> columns;
};

std::vector<OutTable> canonical_tables(const Inventory& inventory);

// meta as key/value pairs: name, country, as_of when set, then the other keys.
std::vector<std::pair<std::string, std::string>> canonical_meta(const Inventory& inventory);

}  // namespace netvet::io
