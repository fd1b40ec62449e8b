#pragma once
// The columns of each inventory table as shared/spec/inventory.md lists them, in the
// spec's order (which is also the canonical order writers use). Readers map a CSV header
// or JSON keys onto these; writers walk them. Internal to the io module.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace netvet::io {

// How a cell is spelled: JSON needs to know strings from numbers and arrays; CSV splits
// lists on ';'.
enum class CellKind : std::uint8_t { text, list, number, integer };

struct ColumnSpec {
  std::string_view name;
  bool required = false;
  CellKind kind = CellKind::text;
};

enum class TableId : std::uint8_t { operators, sites, elements, links, facilities, evidence };
inline constexpr std::size_t kTableCount = 6;
inline constexpr std::size_t kMaxColumns = 12;

struct TableSpec {
  TableId id;
  std::string_view name;  // "elements": the JSON key, and the CSV file without ".csv"
  std::string_view file;  // "elements.csv"
  bool required_file;     // a CSV bundle must hold it
  std::span<const ColumnSpec> columns;

  // The column named `name`, by its position in `columns`.
  std::optional<std::size_t> find(std::string_view column) const;
  // Whether rows are named by an id, in column 0 (links and evidence are not).
  bool has_id() const { return !columns.empty() && columns[0].name == "id"; }
};

// Column positions, one namespace per table, matching the order of its ColumnSpecs.
namespace op_col { enum : std::size_t { id, name, country, subscribers }; }
namespace site_col { enum : std::size_t { id, op, kind, lat, lon, name, region, subscribers, tags, range_km }; }
namespace element_col {
enum : std::size_t { id, site, function, vendor, op, model, software, serial, tags, generation, installed };
}
namespace link_col { enum : std::size_t { a, b, kind }; }
namespace facility_col { enum : std::size_t { id, kind, lat, lon, owner, served_by, name, tags }; }
namespace evidence_col {
enum : std::size_t { subject, type, scheme, id, issuer, issued, expires, digest, uri };
}
namespace meta_key { enum : std::size_t { name, country, as_of }; }

const TableSpec& table_spec(TableId table);
// All tables, in the order they must be loaded (each after the tables it refers to).
const std::array<TableSpec, kTableCount>& table_specs();
// The known keys of meta (meta.csv rows, the JSON "meta" object).
std::span<const std::string_view> meta_keys();

}  // namespace netvet::io
