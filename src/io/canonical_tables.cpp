// canonical_tables: how each column of each table is spelled when written.

#include "io/canonical_tables.h"

#include <fmt/format.h>

#include <cmath>

namespace netvet::io {

namespace {

using Fill = std::function<void(Index, OutCell&)>;

Fill text_of(const Inventory& inv, const std::vector<StrId>& column) {
  return [&inv, &column](Index r, OutCell& c) { c.text = inv.str(column[r]); };
}
Fill list_of(const Inventory& inv, const ListColumn<StrId>& column) {
  return [&inv, &column](Index r, OutCell& c) {
    for (const StrId s : column[r]) c.items.push_back(inv.str(s));
  };
}
Fill country_of(const std::vector<Country>& column) {
  return [&column](Index r, OutCell& c) { c.text = name_of(column[r]); };
}
Fill count_of(const std::vector<std::int64_t>& column) {
  return [&column](Index r, OutCell& c) {
    if (column[r] == kNoCount) return;
    c.buffer = fmt::format("{}", column[r]);
    c.text = c.buffer;
  };
}
Fill number_of(const std::vector<double>& column) {
  return [&column](Index r, OutCell& c) {
    if (std::isnan(column[r])) return;
    c.buffer = fmt::format("{}", column[r]);  // shortest text that reads back the same
    c.text = c.buffer;
  };
}
Fill date_of(const std::vector<Date>& column) {
  return [&column](Index r, OutCell& c) {
    if (column[r] == kNoDate) return;
    c.buffer = format_date(column[r]);
    c.text = c.buffer;
  };
}
template <typename Enum>
Fill enum_of(const std::vector<Enum>& column) {
  return [&column](Index r, OutCell& c) { c.text = name_of(column[r]); };
}
Fill id_of(const Inventory& inv, const std::vector<StrId>& ids, const std::vector<Index>& rows) {
  return [&inv, &ids, &rows](Index r, OutCell& c) {
    if (rows[r] != kNoIndex) c.text = inv.str(ids[rows[r]]);
  };
}

bool has_value(const Fill& fill, std::size_t rows) {
  OutCell cell;
  for (Index r = 0; r < rows; ++r) {
    cell.text = {};
    cell.items.clear();
    fill(r, cell);
    if (!cell.text.empty() || !cell.items.empty()) return true;
  }
  return false;
}

// Keeps the columns that must or may be written, then appends the extra columns.
OutTable table(const Inventory& inv, TableId id, std::size_t rows, std::vector<Fill> fills, const ExtraColumns& extra) {
  OutTable out{&table_spec(id), rows, {}};
  for (std::size_t c = 0; c < fills.size(); ++c) {
    const ColumnSpec& spec = out.spec->columns[c];
    if (!spec.required && !has_value(fills[c], rows)) continue;
    out.columns.push_back({std::string(spec.name), spec.kind, std::move(fills[c])});
  }
  for (std::size_t e = 0; e < extra.names.size(); ++e) {
    Fill fill = text_of(inv, extra.values[e]);
    if (has_value(fill, rows)) out.columns.push_back({extra.names[e], CellKind::text, std::move(fill)});
  }
  return out;
}

}  // namespace

std::vector<OutTable> canonical_tables(const Inventory& inv) {
  std::vector<OutTable> out;
  const auto& o = inv.operators;
  out.push_back(table(inv, TableId::operators, o.size(),
                      {text_of(inv, o.id), text_of(inv, o.name), country_of(o.country), count_of(o.subscribers)},
                      o.extra));
  const auto& s = inv.sites;
  out.push_back(table(inv, TableId::sites, s.size(),
                      {text_of(inv, s.id), id_of(inv, o.id, s.op), enum_of(s.kind), number_of(s.lat),
                       number_of(s.lon), text_of(inv, s.name), text_of(inv, s.region), count_of(s.subscribers),
                       list_of(inv, s.tags), number_of(s.range_km)},
                      s.extra));
  const auto& e = inv.elements;
  const Fill function = [&inv](Index r, OutCell& c) { c.text = inv.function_of(r).id; };
  const Fill generation = [&e](Index r, OutCell& c) {
    for (const auto name : generation_names(e.generation[r])) c.items.push_back(name);
  };
  out.push_back(table(inv, TableId::elements, e.size(),
                      {text_of(inv, e.id), id_of(inv, s.id, e.site), function, text_of(inv, e.vendor_text),
                       id_of(inv, o.id, e.op), text_of(inv, e.model), text_of(inv, e.software),
                       text_of(inv, e.serial), list_of(inv, e.tags), generation, date_of(e.installed)},
                      e.extra));
  const auto& l = inv.links;
  out.push_back(table(inv, TableId::links, l.size(),
                      {id_of(inv, e.id, l.a), id_of(inv, e.id, l.b), enum_of(l.kind)}, l.extra));
  const auto& f = inv.facilities;
  const Fill served_by = [&inv, &f](Index r, OutCell& c) {
    for (const Index site : f.served_by[r]) c.items.push_back(inv.str(inv.sites.id[site]));
  };
  out.push_back(table(inv, TableId::facilities, f.size(),
                      {text_of(inv, f.id), enum_of(f.kind), number_of(f.lat), number_of(f.lon),
                       country_of(f.owner), served_by, text_of(inv, f.name), list_of(inv, f.tags)},
                      f.extra));
  const auto& v = inv.evidence;
  out.push_back(table(inv, TableId::evidence, v.size(),
                      {text_of(inv, v.subject_text), enum_of(v.type), text_of(inv, v.scheme),
                       text_of(inv, v.evidence_id), text_of(inv, v.issuer), date_of(v.issued), date_of(v.expires),
                       text_of(inv, v.digest), text_of(inv, v.uri)},
                      v.extra));
  return out;
}

std::vector<std::pair<std::string, std::string>> canonical_meta(const Inventory& inv) {
  std::vector<std::pair<std::string, std::string>> out;
  if (inv.meta.name != kEmptyStr) out.emplace_back("name", inv.str(inv.meta.name));
  if (inv.meta.country != kNoCountry) out.emplace_back("country", name_of(inv.meta.country));
  if (inv.meta.as_of != kNoDate) out.emplace_back("as_of", format_date(inv.meta.as_of));
  for (std::size_t i = 0; i < inv.meta.extra.names.size(); ++i) {
    const auto& values = inv.meta.extra.values[i];
    if (!values.empty() && values[0] != kEmptyStr) out.emplace_back(inv.meta.extra.names[i], inv.str(values[0]));
  }
  return out;
}

}  // namespace netvet::io
