// InventoryLoader's field checks: required values, counts, coordinates, dates, countries,
// functions and references. Each reports a problem naming the place, the value and what
// was expected, and returns a default so that loading can go on and find the rest.

#include <fmt/format.h>

#include "io/inventory_loader.h"
#include "util/text.h"

namespace netvet::io {

namespace {
// The largest count (subscribers of a site or operator) an inventory may hold: a trillion,
// far above any network's, so that sums of counts stay exact (they saturate beyond, in
// util/saturating.h, only past nine million rows of a trillion each).
constexpr std::int64_t kMaxCount = 1'000'000'000'000;
}  // namespace

bool InventoryLoader::required(const TableSource& s, const RowCells& r, std::size_t c) {
  if (!r.cell[c].empty() || !r.items[c].empty()) return true;
  report(s.at(r.index, s.column(c), "",
              fmt::format("required value is missing; every row of {} needs a {}", s.table, s.column(c))));
  return false;
}

std::int64_t InventoryLoader::count(const TableSource& s, const RowCells& r, std::size_t c) {
  const std::string_view text = r.cell[c];
  if (text.empty()) return kNoCount;
  const auto v = parse_integer(text);
  if (!v || *v < 0) {
    report(s.at(r.index, s.column(c), text,
                fmt::format("malformed integer '{}'; expected a whole number of 0 or more, such as 120000",
                            text)));
    return kNoCount;
  }
  if (*v > kMaxCount) {
    // Bounded so that totals over any inventory stay exact (util/checked.h).
    report(s.at(r.index, s.column(c), text,
                fmt::format("count {} is too large; expected a whole number from 0 to {} (a trillion)", *v,
                            kMaxCount)));
    return kNoCount;
  }
  return *v;
}

double InventoryLoader::coordinate(const TableSource& s, const RowCells& r, std::size_t c, double limit) {
  const std::string_view text = r.cell[c];
  if (text.empty()) return kNoCoordinate;
  const std::string_view name = s.column(c);
  const auto v = parse_number(text);
  if (!v) {
    report(s.at(r.index, name, text,
                fmt::format("malformed coordinate '{}'; expected WGS84 decimal degrees such as 51.5074", text)));
    return kNoCoordinate;
  }
  if (*v < -limit || *v > limit) {
    report(s.at(r.index, name, text,
                fmt::format("coordinate '{}' out of range; expected {} from -{} to {}", text,
                            limit == 90 ? "a latitude" : "a longitude", limit, limit)));
    return kNoCoordinate;
  }
  return *v;
}

double InventoryLoader::distance(const TableSource& s, const RowCells& r, std::size_t c) {
  const std::string_view text = r.cell[c];
  if (text.empty()) return kNoCoordinate;
  const auto v = parse_number(text);
  if (!v || *v < 0) {
    report(s.at(r.index, s.column(c), text,
                fmt::format("malformed distance '{}'; expected kilometres, a finite number of 0 or more, such as 2.5",
                            text)));
    return kNoCoordinate;
  }
  return *v;
}

Date InventoryLoader::date(const TableSource& s, const RowCells& r, std::size_t c) {
  const std::string_view text = r.cell[c];
  if (text.empty()) return kNoDate;
  const auto d = parse_date(text);
  if (!d) {
    report(s.at(r.index, s.column(c), text,
                fmt::format("malformed date '{}'; expected an ISO date YYYY-MM-DD such as 2024-03-31", text)));
    return kNoDate;
  }
  return *d;
}

Country InventoryLoader::country(const TableSource& s, const RowCells& r, std::size_t c) {
  const std::string_view text = r.cell[c];
  if (text.empty()) return kNoCountry;
  const auto v = parse_country(text);
  if (!v) {
    report(s.at(r.index, s.column(c), text,
                fmt::format("malformed country '{}'; expected an ISO 3166-1 alpha-2 code such as GB", text)));
    return kNoCountry;
  }
  return *v;
}

std::optional<FunctionId> InventoryLoader::function(std::string_view text) {
  // A network writes a handful of spellings a million times: remember each answer.
  if (auto it = function_cache_.find(absl::string_view(text.data(), text.size())); it != function_cache_.end())
    return it->second;
  const auto id = builder_.inventory().functions->find(text);
  function_cache_.emplace(std::string(text), id);
  return id;
}

std::optional<Index> InventoryLoader::reference(const TableSource& s, const RowCells& r, std::size_t c,
                                                std::string_view text, const std::vector<Index>& by_str,
                                                std::string_view target) {
  const auto str = builder_.inventory().strings.find(text);
  if (str && *str < by_str.size() && by_str[*str] != kNoIndex) return by_str[*str];
  report(unknown_reference(s, r, c, text, target));
  return std::nullopt;
}

Diagnostic InventoryLoader::unknown_reference(const TableSource& s, const RowCells& r, std::size_t c,
                                              std::string_view text, std::string_view target) const {
  return s.at(r.index, s.column(c), text,
              fmt::format("unknown {} '{}'; expected the id of a row of {}", target.substr(0, target.size() - 1),
                          text, target));
}

void InventoryLoader::duplicate(const TableSource& s, const RowCells& r, std::size_t c,
                                const std::vector<Index>& by_str) {
  const std::string_view text = r.cell[c];
  const auto str = builder_.inventory().strings.find(text);
  const Index first = str && *str < by_str.size() ? by_str[*str] : kNoIndex;
  const std::string where = first == kNoIndex ? std::string("before")
                            : s.json ? fmt::format("at /{}/{}", s.table, first)
                                     : fmt::format("on row {}", first + 1);
  report(s.at(r.index, s.column(c), text,
              fmt::format("duplicate id '{}'; ids must be unique, this one is already used {}", text, where)));
}

std::optional<Index> InventoryLoader::vendor_row(std::string_view text) const {
  const Inventory& inv = builder_.inventory();
  if (const auto known = inv.registry->find(text)) return inv.find_vendor((*inv.registry)[*known].id);
  return inv.find_vendor(VendorRegistry::slug(text));
}

}  // namespace netvet::io
