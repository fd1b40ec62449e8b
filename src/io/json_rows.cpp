// The JSON reader's tables: each row object -> RowCells for the loader, checking JSON
// types (strings, numbers, arrays of strings) and keeping unknown keys as attributes.

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "io/json_reader.h"
#include "io/lookahead.h"
#include "util/text.h"

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
  // A few thousand rows at a time: parsed, then loaded.
  constexpr std::size_t kBatch = 4096;
  RowParser& parser = row_parsers_[static_cast<std::size_t>(table)];
  ParsedRows parsed;
  std::int64_t index = first;
  for (auto item : array) {
    sj::value value;
    if (const auto e = std::move(item).get(value)) return syntax(e);
    if (const auto e = parser.parse(value, index++, parsed)) return syntax(e);
    if (parsed.rows.size() == kBatch) {
      parsed.finish();
      load_rows(table, parsed);
      parsed.clear();
    }
  }
  parsed.finish();
  load_rows(table, parsed);
  return Flow::go;
}

void JsonReader::load_rows(TableId table, ParsedRows& parsed) {
  const auto t = static_cast<std::size_t>(table);
  auto& handles = extra_handles_[t];
  while (handles.size() < parsed.extra_names.size())
    handles.push_back(loader_.declare_extra(table, parsed.extra_names[handles.size()]));
  for (auto& e : parsed.extras) e.column = handles[e.column];
  // Ids are new strings, whose pool slots are cold: prefetched (io/lookahead.h).
  const bool ids = sources_[t].spec->has_id();
  const auto prefetch = [&](std::size_t k) {
    if (ids) loader_.prefetch_string(parsed.rows[k].cell[0]);
  };
  std::size_t p = 0;
  with_lookahead(0, parsed.rows.size(), prefetch, [&](std::size_t k) {
    for (; p < parsed.problems.size() && parsed.problems[p].first <= k; ++p) loader_.report(std::move(parsed.problems[p].second));
    loader_.add_row(table, sources_[t], parsed.rows[k]);
  });
  for (; p < parsed.problems.size(); ++p) loader_.report(std::move(parsed.problems[p].second));
}

void ParsedRows::clear() {
  rows.clear();
  items.clear();
  extras.clear();
  problems.clear();
  slices_.clear();
}

void ParsedRows::finish() {
  for (const Slice& s : slices_) {
    RowCells& r = rows[s.row];
    if (s.column == kExtras) r.extras = std::span(extras).subspan(s.begin, s.end - s.begin);
    else r.items[s.column] = std::span(items).subspan(s.begin, s.end - s.begin);
  }
  slices_.clear();
}

namespace {
// RFC 8259's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view t) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > from;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}
}  // namespace

simdjson::error_code scalar_text(sj::value& v, std::string_view& out, sj::json_type& found) {
  if (const auto e = v.type().get(found)) return e;
  out = {};
  if (found == sj::json_type::array || found == sj::json_type::object) return simdjson::SUCCESS;
  std::string_view token = v.raw_json_token();
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'))
    token.remove_suffix(1);
  switch (found) {
    case sj::json_type::null:
      if (token == "null") return simdjson::SUCCESS;
      out = token;
      return simdjson::N_ATOM_ERROR;
    case sj::json_type::boolean:
      out = token;
      return token == "true" || token == "false" ? simdjson::SUCCESS : simdjson::T_ATOM_ERROR;
    case sj::json_type::number:
      out = token;
      return is_json_number(token) ? simdjson::SUCCESS : simdjson::NUMBER_ERROR;
    default: break;
  }
  const std::string_view inner = token.substr(1, token.size() >= 2 ? token.size() - 2 : 0);
  if (inner.find('\\') == std::string_view::npos) {
    out = inner;  // a view of the input (checked as text when read): no copy
    return simdjson::SUCCESS;
  }
  if (const auto e = v.get_string().get(out)) return e;
  // "\u0000", "\b", "\u001b": characters a CSV bundle cannot hold, nor a report show.
  if (find_non_text_byte(out)) return simdjson::UNESCAPED_CHARS;
  return simdjson::SUCCESS;
}

std::optional<std::string> value_problem(simdjson::error_code e, std::string_view token) {
  switch (e) {
    case simdjson::N_ATOM_ERROR:
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
      return fmt::format("not a JSON value: '{}'; expected a string in double quotes, a number, true, false or null",
                         token);
    case simdjson::NUMBER_ERROR:
      return fmt::format("malformed JSON number '{}'; expected a number such as 12, -0.5 or 1e6", token);
    case simdjson::UNESCAPED_CHARS:
      return fmt::format("the string holds {}; expected text without control characters (tab, CR and LF "
                         "are allowed)",
                         describe_non_text_byte(token, *find_non_text_byte(token)));
    default: return std::nullopt;
  }
}

simdjson::error_code RowParser::parse(sj::value value, std::int64_t index, ParsedRows& out) {
  const TableSource& s = *source_;
  const TableSpec& spec = *s.spec;
  const auto report = [&](Diagnostic d) { out.problems.emplace_back(out.rows.size(), std::move(d)); };
  const auto wrong = [&](std::string_view column, std::string_view found_text, std::string_view expected,
                         sj::json_type found) {
    report(s.at(index, column, found_text, fmt::format("wrong JSON type: expected {}, found {}", expected, type_name(found))));
  };
  sj::object object;
  if (const auto e = value.get_object().get(object)) {
    if (e != simdjson::INCORRECT_TYPE) return e;
    sj::json_type found{};
    if (const auto e2 = value.type().get(found)) return e2;
    wrong("", "", fmt::format("an object (one row of {})", spec.name), found);
    return simdjson::SUCCESS;
  }
  const auto row = static_cast<std::uint32_t>(out.rows.size());
  RowCells r;
  r.index = index;
  const auto extras_begin = static_cast<std::uint32_t>(out.extras.size());
  std::uint32_t seen = 0;
  std::size_t next = 0;  // writers put keys in the spec's order: try the one after the last first
  for (auto field : object) {
    sj::raw_json_string raw;
    if (const auto e = field.key().get(raw)) return e;
    std::optional<std::size_t> column;
    for (std::size_t k = 0; k < spec.columns.size() && !column; ++k) {
      const std::size_t c = (next + k) % spec.columns.size();
      if (raw.unsafe_is_equal(spec.columns[c].name)) column = c;
    }
    if (column) next = *column + 1;
    std::string_view key;
    if (!column) {
      if (const auto e = field.unescaped_key().get(key)) return e;
      column = spec.find(key);  // an escaped spelling of a known key
    }
    sj::value v;
    if (const auto e = field.value().get(v)) return e;
    if (!column) {
      std::string_view text;
      sj::json_type found{};
      const std::string name(key);
      if (const auto bad = find_non_text_byte(name)) {
        report(s.at(index, name, name,
                    fmt::format("the key holds {}; expected a key without control characters",
                                describe_non_text_byte(name, *bad))));
        continue;
      }
      if (const auto e = scalar_text(v, text, found)) {
        if (auto message = value_problem(e, text)) {
          report(s.at(index, name, text, std::move(*message)));
          continue;
        }
        return e;
      }
      if (found == sj::json_type::array || found == sj::json_type::object) {
        wrong(name, "", "a string, number or boolean (an attribute holds one value)", found);
        continue;
      }
      auto it = std::ranges::find(names_, name);
      if (it == names_.end()) {
        names_.push_back(name);
        out.extra_names = names_;
        it = names_.end() - 1;
      }
      const auto handle = static_cast<std::uint32_t>(it - names_.begin());
      // A repeated key would be merged silently by a reader that keeps the last one.
      if (std::any_of(out.extras.begin() + extras_begin, out.extras.end(),
                      [&](const ExtraCell& e) { return e.column == handle; })) {
        report(s.at(index, name, name, fmt::format("duplicate key '{}' in one row", name)));
        continue;
      }
      out.extras.push_back({handle, text});
      continue;
    }
    const std::size_t c = *column;
    const ColumnSpec& cs = spec.columns[c];
    if (seen & (1u << c)) {
      report(s.at(index, cs.name, cs.name, fmt::format("duplicate key '{}' in one row", cs.name)));
      continue;
    }
    seen |= 1u << c;
    if (cs.kind != CellKind::list) {
      sj::json_type found{};
      if (const auto e = scalar_text(v, r.cell[c], found)) {
        if (auto message = value_problem(e, r.cell[c])) {
          report(s.at(index, cs.name, r.cell[c], std::move(*message)));
          r.cell[c] = {};
          continue;
        }
        return e;
      }
      if (!fits(cs.kind, found)) {
        wrong(cs.name, r.cell[c], expected_name(cs.kind), found);
        r.cell[c] = {};
      }
      continue;
    }
    sj::json_type found{};
    if (const auto e = v.type().get(found)) return e;
    if (found != sj::json_type::array) {
      std::string_view text;
      if (const auto e = scalar_text(v, text, found)) {
        if (auto message = value_problem(e, text)) {
          report(s.at(index, cs.name, text, std::move(*message)));
          continue;
        }
        return e;
      }
      if (found == sj::json_type::null) continue;
      wrong(cs.name, text, expected_name(cs.kind), found);
      continue;
    }
    sj::array items;
    if (const auto e = v.get_array().get(items)) return e;
    const auto items_begin = static_cast<std::uint32_t>(out.items.size());
    std::size_t k = 0;
    for (auto item : items) {
      sj::value iv;
      if (const auto e = std::move(item).get(iv)) return e;
      std::string_view text;
      sj::json_type item_type{};
      if (const auto e = scalar_text(iv, text, item_type)) {
        auto message = value_problem(e, text);
        if (!message) return e;
        Diagnostic d = s.at(index, cs.name, text, std::move(*message));
        d.pointer += fmt::format("/{}", k++);
        report(std::move(d));
        continue;
      }
      if (item_type == sj::json_type::string) {
        out.items.push_back(text);
      } else {
        Diagnostic d = s.at(index, cs.name, text,
                            fmt::format("wrong JSON type: expected a string in the array, found {}", type_name(item_type)));
        d.pointer += fmt::format("/{}", k);
        report(std::move(d));
      }
      ++k;
    }
    out.slices_.push_back({row, static_cast<std::uint32_t>(c), items_begin, static_cast<std::uint32_t>(out.items.size())});
  }
  if (out.extras.size() > extras_begin)
    out.slices_.push_back({row, ParsedRows::kExtras, extras_begin, static_cast<std::uint32_t>(out.extras.size())});
  out.rows.push_back(r);
  return simdjson::SUCCESS;
}

Flow JsonReader::read_meta(sj::object object) {
  std::set<std::string> seen_meta;
  for (auto field : object) {
    std::string_view key_view;
    if (const auto e = field.unescaped_key().get(key_view)) return syntax(e);
    const std::string key(key_view);  // the next unescape may reuse the buffer
    sj::value v;
    if (const auto e = field.value().get(v)) return syntax(e);
    std::string_view text;
    sj::json_type found{};
    if (const auto e = scalar_text(v, text, found)) {
      auto message = value_problem(e, text);
      if (!message) return syntax(e);
      loader_.report(meta_source_.at(-1, key, text, std::move(*message)));
      continue;
    }
    if (!seen_meta.insert(key).second) {
      loader_.report(meta_source_.at(-1, key, key, fmt::format("duplicate key '{}' in meta", key)));
      continue;
    }
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
