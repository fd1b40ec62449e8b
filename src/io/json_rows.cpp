// The JSON reader's tables: each row object -> RowCells for the loader, checking JSON
// types (strings, numbers, arrays of strings) and keeping unknown keys as attributes.

#include <fmt/format.h>

#include "io/json_reader.h"

namespace netvet::io {

namespace {
std::string_view type_name(sj::json_type t) {
  switch (t) {
    case sj::json_type::array: return "an array";
    case sj::json_type::object: return "an object";
    case sj::json_type::number: return "a number";
    case sj::json_type::string: return "a string";
    case sj::json_type::boolean: return "a boolean";
    case sj::json_type::null: return "null";
  }
  return "a value";
}

std::string_view expected_name(CellKind kind) {
  switch (kind) {
    case CellKind::text: return "a string";
    case CellKind::list: return "an array of strings";
    case CellKind::number: return "a number";
    case CellKind::integer: return "an integer";
  }
  return "a value";
}

bool fits(CellKind kind, sj::json_type t) {
  if (t == sj::json_type::null) return true;  // null is an absent value
  if (kind == CellKind::text) return t == sj::json_type::string;
  return t == sj::json_type::number;
}
}  // namespace

Flow JsonReader::read_table(TableId table, sj::array array) {
  if (read_rows(table, array, 0) == Flow::stop) return Flow::stop;
  loader_.flush_links();  // while the strings it points into are alive
  return Flow::go;
}

Flow JsonReader::read_rows(TableId table, sj::array array, std::int64_t first) {
  std::int64_t index = first;
  for (auto item : array) {
    sj::value value;
    if (const auto e = std::move(item).get(value)) return syntax(e);
    if (read_row(table, value, index++) == Flow::stop) return Flow::stop;
  }
  return Flow::go;
}

Flow JsonReader::read_row(TableId table, sj::value value, std::int64_t index) {
  const auto t = static_cast<std::size_t>(table);
  const TableSource& s = sources_[t];
  const TableSpec& spec = *s.spec;
  const auto wrong = [&](std::string_view column, std::string_view found_text, std::string_view expected,
                         sj::json_type found) {
    loader_.report(s.at(index, column, found_text,
                        fmt::format("wrong JSON type: expected {}, found {}", expected, type_name(found))));
  };
  sj::object object;
  if (const auto e = value.get_object().get(object)) {
    if (e != simdjson::INCORRECT_TYPE) return syntax(e);
    sj::json_type found{};
    if (const auto e2 = value.type().get(found)) return syntax(e2);
    wrong("", "", fmt::format("an object (one row of {})", spec.name), found);
    return Flow::go;
  }
  RowCells r;
  r.index = index;
  extras_.clear();
  std::uint32_t seen = 0;
  std::size_t next = 0;  // writers put keys in the spec's order: try the one after the last first
  for (auto field : object) {
    sj::raw_json_string raw;
    if (const auto e = field.key().get(raw)) return syntax(e);
    std::optional<std::size_t> column;
    for (std::size_t k = 0; k < spec.columns.size() && !column; ++k) {
      const std::size_t c = (next + k) % spec.columns.size();
      if (raw.unsafe_is_equal(spec.columns[c].name)) column = c;
    }
    if (column) next = *column + 1;
    std::string_view key;
    if (!column) {
      if (const auto e = field.unescaped_key().get(key)) return syntax(e);
      column = spec.find(key);  // an escaped spelling of a known key
    }
    sj::value v;
    if (const auto e = field.value().get(v)) return syntax(e);
    if (!column) {
      std::string_view text;
      sj::json_type found{};
      const std::string name(key);
      if (scalar(v, text, found) == Flow::stop) return Flow::stop;
      if (found == sj::json_type::array || found == sj::json_type::object) {
        wrong(name, "", "a string, number or boolean (an attribute holds one value)", found);
        continue;
      }
      auto& names = extra_names_[t];
      auto it = std::ranges::find(names, name);
      if (it == names.end()) {
        names.push_back(name);
        extra_handles_[t].push_back(loader_.declare_extra(table, name));
        it = names.end() - 1;
      }
      extras_.push_back({extra_handles_[t][static_cast<std::size_t>(it - names.begin())], text});
      continue;
    }
    const std::size_t c = *column;
    const ColumnSpec& cs = spec.columns[c];
    if (seen & (1u << c)) {
      loader_.report(s.at(index, cs.name, cs.name, fmt::format("duplicate key '{}' in one row", cs.name)));
      continue;
    }
    seen |= 1u << c;
    if (cs.kind != CellKind::list) {
      sj::json_type found{};
      if (scalar(v, r.cell[c], found) == Flow::stop) return Flow::stop;
      if (!fits(cs.kind, found)) {
        wrong(cs.name, r.cell[c], expected_name(cs.kind), found);
        r.cell[c] = {};
      }
      continue;
    }
    sj::json_type found{};
    if (const auto e = v.type().get(found)) return syntax(e);
    if (found == sj::json_type::null) continue;
    if (found != sj::json_type::array) {
      std::string_view text;
      if (scalar(v, text, found) == Flow::stop) return Flow::stop;
      wrong(cs.name, text, expected_name(cs.kind), found);
      continue;
    }
    sj::array items;
    if (const auto e = v.get_array().get(items)) return syntax(e);
    auto& list = lists_.column(c);
    std::size_t k = 0;
    for (auto item : items) {
      sj::value iv;
      if (const auto e = std::move(item).get(iv)) return syntax(e);
      std::string_view text;
      sj::json_type item_type{};
      if (scalar(iv, text, item_type) == Flow::stop) return Flow::stop;
      if (item_type == sj::json_type::string) {
        list.push_back(text);
      } else {
        Diagnostic d = s.at(index, cs.name, text,
                            fmt::format("wrong JSON type: expected a string in the array, found {}", type_name(item_type)));
        d.pointer += fmt::format("/{}", k);
        loader_.report(std::move(d));
      }
      ++k;
    }
    r.items[c] = list;
  }
  r.extras = extras_;
  loader_.add_row(table, s, r);
  return Flow::go;
}

Flow JsonReader::read_meta(sj::object object) {
  for (auto field : object) {
    std::string_view key_view;
    if (const auto e = field.unescaped_key().get(key_view)) return syntax(e);
    const std::string key(key_view);  // the next unescape may reuse the buffer
    sj::value v;
    if (const auto e = field.value().get(v)) return syntax(e);
    std::string_view text;
    sj::json_type found{};
    if (scalar(v, text, found) == Flow::stop) return Flow::stop;
    const bool known = std::ranges::find(meta_keys(), key) != meta_keys().end();
    const bool ok = known ? (found == sj::json_type::string || found == sj::json_type::null)
                          : (found != sj::json_type::array && found != sj::json_type::object);
    if (!ok) {
      loader_.report(meta_source_.at(-1, key, text,
                                     fmt::format("wrong JSON type: expected {}, found {}",
                                                 known ? "a string" : "a string, number or boolean", type_name(found))));
      continue;
    }
    loader_.add_meta(meta_source_, -1, key, text);
  }
  return Flow::go;
}

}  // namespace netvet::io
