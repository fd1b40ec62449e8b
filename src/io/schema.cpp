// The column tables of schema.h.

#include "io/schema.h"

namespace netvet::io {

namespace {
using K = CellKind;
constexpr ColumnSpec kOperators[] = {{"id", true}, {"name"}, {"country"}, {"subscribers", false, K::integer}};
constexpr ColumnSpec kSites[] = {{"id", true},       {"operator", true},  {"kind"},
                                 {"lat", false, K::number}, {"lon", false, K::number}, {"name"},
                                 {"region"},         {"subscribers", false, K::integer},
                                 {"tags", false, K::list}, {"range_km", false, K::number}};
constexpr ColumnSpec kElements[] = {{"id", true},      {"site", true},     {"function", true},
                                    {"vendor", true},  {"operator"},       {"model"},
                                    {"software"},      {"serial"},         {"tags", false, K::list},
                                    {"generation", false, K::list},        {"installed"}};
constexpr ColumnSpec kLinks[] = {{"a", true}, {"b", true}, {"kind"}};
constexpr ColumnSpec kFacilities[] = {{"id", true},  {"kind", true}, {"lat", true, K::number},
                                      {"lon", true, K::number},      {"owner"},
                                      {"served_by", false, K::list}, {"name"},
                                      {"tags", false, K::list}};
constexpr ColumnSpec kEvidence[] = {{"subject", true}, {"type", true}, {"scheme"},
                                    {"id"},            {"issuer"},     {"issued"},
                                    {"expires"},       {"digest"},     {"uri"}};
constexpr std::string_view kMetaKeys[] = {"name", "country", "as_of"};

constexpr std::array<TableSpec, kTableCount> kTables = {{
    {TableId::operators, "operators", "operators.csv", true, kOperators},
    {TableId::sites, "sites", "sites.csv", true, kSites},
    {TableId::elements, "elements", "elements.csv", true, kElements},
    {TableId::links, "links", "links.csv", true, kLinks},
    {TableId::facilities, "facilities", "facilities.csv", false, kFacilities},
    {TableId::evidence, "evidence", "evidence.csv", false, kEvidence},
}};
static_assert(std::size(kElements) <= kMaxColumns && std::size(kSites) <= kMaxColumns);
}  // namespace

std::optional<std::size_t> TableSpec::find(std::string_view column) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == column) return i;
  return std::nullopt;
}

const TableSpec& table_spec(TableId table) { return kTables[static_cast<std::size_t>(table)]; }
const std::array<TableSpec, kTableCount>& table_specs() { return kTables; }
std::span<const std::string_view> meta_keys() { return kMetaKeys; }

}  // namespace netvet::io
