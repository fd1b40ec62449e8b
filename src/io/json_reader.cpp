// read_json: a netvet-inventory JSON document -> an inventory, with simdjson's on-demand
// parser.
//
// Tables are read in document order straight into the loader, with no DOM: strings are
// taken as views of the input (unescaped only when they hold a backslash). A table that
// comes before a table it refers to (elements before sites) is skipped on the first pass
// and parsed again from its own bytes once the tables it needs are in.

#include "io/json_reader.h"

#include <fmt/format.h>

#include <functional>
#include <set>

#include "io/inventory_io.h"
#include "io/text_file.h"

namespace netvet::io {

namespace {

using simdjson::error_code;

constexpr std::string_view kFormat = "netvet-inventory";

}  // namespace

Flow JsonReader::syntax(error_code e, const char* where) {
  syntax_failed_ = true;
  const char* at = where;
  if (!at && doc_) {
    if (auto loc = doc_->current_location(); !loc.error()) at = loc.value_unsafe();
  }
  Diagnostic d;
  d.file = shown_;
  d.message = fmt::format("JSON syntax error: {}", simdjson::error_message(e));
  if (at && at >= text_.data() && at <= text_.data() + text_.size()) {
    const auto offset = static_cast<std::size_t>(at - text_.data());
    const auto lc = line_column_of(text_, offset);
    d.line = lc.line;
    d.col = lc.column;
    d.message = fmt::format("JSON syntax error at line {}, column {} (byte {}): {}", lc.line, lc.column, offset,
                            simdjson::error_message(e));
  }
  loader_.report(std::move(d));
  return Flow::stop;
}

void JsonReader::problem(std::string pointer, std::string column, std::string value, std::string message) {
  Diagnostic d;
  d.file = shown_;
  d.pointer = std::move(pointer);
  d.column = std::move(column);
  d.value = std::move(value);
  d.message = std::move(message);
  loader_.report(std::move(d));
}

Flow JsonReader::scalar(sj::value& v, std::string_view& out, sj::json_type& found) {
  if (const auto e = scalar_text(v, out, found)) return syntax(e);
  return Flow::go;
}

Flow JsonReader::string(sj::value& v, std::string_view& out) {
  sj::json_type t{};
  if (scalar(v, out, t) == Flow::stop) return Flow::stop;
  if (t != sj::json_type::string) out = {};
  return Flow::go;
}

void JsonReader::read() {
  auto parsed = parser_.iterate(text_, capacity_);
  if (parsed.error()) {
    syntax(parsed.error());
    return;
  }
  sj::document doc = std::move(parsed).value_unsafe();
  doc_ = &doc;
  sj::object top;
  if (const auto e = doc.get_object().get(top)) {
    if (e != simdjson::INCORRECT_TYPE) {
      syntax(e);
      return;
    }
    // Most often not JSON at all (a CSV table, a text file): say what netvet expected.
    std::size_t first = 0;
    while (first < text_.size() && (text_[first] == ' ' || text_[first] == '\n' || text_[first] == '\r' ||
                                    text_[first] == '\t'))
      ++first;
    const bool json_like = first < text_.size() && (text_[first] == '[' || text_[first] == '"');
    const bool csv = shown_.ends_with(".csv") || shown_.ends_with(".CSV");
    problem("", "", "",
            fmt::format("not a netvet inventory JSON document: {}; expected a JSON object "
                        "{{\"format\": \"netvet-inventory\", \"version\": 1, ...}} in a *.json file, or a "
                        "folder of CSV tables (a CSV bundle){}",
                        json_like ? "its top-level value is not an object" : "it does not start with '{'",
                        csv ? " -- for a CSV table, give the folder that holds the bundle's tables" : ""));
    return;
  }
  std::set<std::string, std::less<>> seen;
  for (auto field : top) {
    std::string_view key;
    if (const auto e = field.unescaped_key().get(key)) return void(syntax(e));
    if (!seen.emplace(key).second) {
      // A second "links" array would otherwise be merged into the first, unseen.
      return problem(fmt::format("/{}", key), std::string(key), std::string(key),
                     fmt::format("duplicate key '{}' at the top level; expected each of format, version, meta, "
                                 "operators, sites, elements, links, facilities and evidence at most once",
                                 key));
    }
    sj::value value;
    if (const auto e = field.value().get(value)) return void(syntax(e));
    std::optional<TableId> table;
    for (const auto& spec : table_specs())
      if (spec.name == key) table = spec.id;
    if (table) {
      const auto t = static_cast<std::size_t>(*table);
      sj::array array;
      if (const auto e = value.get_array().get(array)) {
        if (e != simdjson::INCORRECT_TYPE) return void(syntax(e));
        problem(fmt::format("/{}", key), std::string(key), "", "wrong JSON type: expected an array of objects");
        done_[t] = true;
        read_[t] = true;
        continue;
      }
      bool ready = true;
      for (const auto& other : table_specs())
        if (depends_on(*table, other.id) && !read_[static_cast<std::size_t>(other.id)]) ready = false;
      if (ready) {
        if (read_table(*table, array) == Flow::stop) return;
        read_[t] = true;
      } else if (const auto e = array.raw_json().get(deferred_[t])) {
        return void(syntax(e));
      }
      done_[t] = true;  // deferred tables count as seen; they are read after this pass
    } else if (key == "meta") {
      sj::object meta;
      if (const auto e = value.get_object().get(meta)) {
        if (e != simdjson::INCORRECT_TYPE) return void(syntax(e));
        problem("/meta", "meta", "", "wrong JSON type: expected an object of name, country, as_of, ...");
        continue;
      }
      if (read_meta(meta) == Flow::stop) return;
    } else if (key == "format" || key == "version") {
      if (header_value(key, value) == Flow::stop) return;
    } else {
      problem(fmt::format("/{}", key), std::string(key), std::string(key),
              fmt::format("unknown key '{}'; expected format, version, meta, operators, sites, elements, links, "
                          "facilities or evidence", key));
    }
  }
  // Anything after the top-level object is a structural the iterator has not reached.
  if (auto rest = doc.current_location(); !rest.error()) return void(syntax(simdjson::TRAILING_CONTENT, rest.value_unsafe()));
  if (!format_seen_)
    problem("/format", "format", "", fmt::format("missing key 'format'; expected \"format\": \"{}\"", kFormat));
  if (!version_seen_) problem("/version", "version", "", "missing key 'version'; expected \"version\": 1");
  if (!format_seen_ || !version_seen_) return;
  finish_pass();
}

void JsonReader::finish_pass() {
  for (const auto& spec : table_specs()) {
    const auto t = static_cast<std::size_t>(spec.id);
    if (spec.required_file && !done_[t])
      problem("", std::string(spec.name), "",
              fmt::format("missing required key '{}'; an inventory has operators, sites, elements and links arrays",
                          spec.name));
    if (deferred_[t].empty()) continue;
    // Parse the table's own bytes again: the rest of the document pads it.
    const char* begin = deferred_[t].data();
    const auto room = capacity_ - static_cast<std::size_t>(begin - text_.data());
    auto parsed = parser_.iterate(begin, deferred_[t].size(), room);
    if (parsed.error()) return void(syntax(parsed.error(), begin));
    sj::document doc = std::move(parsed).value_unsafe();
    doc_ = &doc;
    sj::array array;
    if (const auto e = doc.get_array().get(array)) return void(syntax(e));
    if (read_table(spec.id, array) == Flow::stop) return;
    doc_ = nullptr;
  }
}

Flow JsonReader::header_value(std::string_view key, sj::value v) {
  std::string_view text;
  sj::json_type t{};
  if (const auto e = scalar_text(v, text, t)) {
    auto message = value_problem(e, text);
    if (!message) return syntax(e);
    problem(fmt::format("/{}", key), std::string(key), std::string(text), std::move(*message));
    return Flow::stop;
  }
  // A wrong format or version means the rest cannot be trusted: stop rather than report
  // a thousand consequences.
  if (key == "format") {
    format_seen_ = true;
    if (t == sj::json_type::string && text == kFormat) return Flow::go;
    problem("/format", "format", std::string(text),
            fmt::format("wrong format '{}'; expected \"format\": \"{}\"", text, kFormat));
    return Flow::stop;
  }
  version_seen_ = true;
  if (t == sj::json_type::number && text == "1") return Flow::go;
  problem("/version", "version", std::string(text),
          fmt::format("unsupported version '{}'; expected \"version\": 1", text));
  return Flow::stop;
}

Result<Inventory> read_json(const std::filesystem::path& file, const ReadOptions& options) {
  const std::string shown = file.string();
  if (auto streamed = read_json_streamed(file, shown, options)) return std::move(*streamed);
  auto text = read_file(file, shown, simdjson::SIMDJSON_PADDING);
  if (!text) return std::unexpected(std::move(text.error()));
  if (auto bad = check_text(*text, shown)) return fail(std::move(*bad));
  InventoryLoader loader(*options.functions, *options.registry);
  JsonReader(*text, text->capacity(), shown, loader).read();
  return std::move(loader).finish();
}

Result<Inventory> read_json_text(std::string_view document, const std::string& shown, const ReadOptions& options) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: the copy carries them.
  std::string text;
  text.reserve(document.size() + simdjson::SIMDJSON_PADDING);
  text.assign(document);
  if (auto bad = check_text(text, shown)) return fail(std::move(*bad));
  InventoryLoader loader(*options.functions, *options.registry);
  JsonReader(text, text.capacity(), shown, loader).read();
  return std::move(loader).finish();
}

}  // namespace netvet::io
