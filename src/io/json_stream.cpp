// read_json for big documents without holding them: the file is mapped, checked (UTF-8,
// on a helper thread) and cut up by a light scanner into its top-level members and, for
// each table, runs of whole rows of a megabyte; each run is then copied into a small
// padded buffer, wrapped in [ ] and parsed by simdjson into cells on a helper thread
// while the run before it is loaded, and its pages are given back behind the reader.
// Memory stays at the inventory plus two runs, instead of the document plus simdjson's
// index of it (a 380 MB document needed ~1 GB).
//
// The scanner only finds boundaries (strings, nesting, commas at the row level); simdjson
// checks the syntax of each run. Whatever the scanner does not expect (a syntax error, an
// escaped top-level key, a table that is not an array, a repeated key, trailing content)
// sends the document to the whole-document reader, which reports it exactly as before.

#include <algorithm>
#include <array>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "io/json_reader.h"
#include "io/text_file.h"
#include "util/byte_scan.h"

namespace netvet::io {

namespace {

constexpr std::size_t kChunkBytes = 1u << 20;   // rows parsed at once: their cells stay in cache
constexpr std::size_t kCheckBytes = 16u << 20;  // text checked (UTF-8) at once

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Finds the members and row runs of a document; nothing when it does not look as
// expected (see the top of the file).
class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  std::optional<std::vector<StreamedMember>> scan() {
    std::vector<StreamedMember> members;
    skip_space();
    if (!take('{')) return std::nullopt;
    skip_space();
    if (!take('}')) {
      while (true) {
        StreamedMember m;
        if (!key(m.key)) return std::nullopt;
        for (const auto& other : members)
          if (other.key == m.key) return std::nullopt;
        skip_space();
        if (!take(':')) return std::nullopt;
        skip_space();
        m.begin = i_;
        const bool table = std::ranges::any_of(table_specs(), [&](const auto& s) { return s.name == m.key; });
        if (table) {
          if (!rows(m.chunks, m.rows)) return std::nullopt;
        } else {
          if (m.key == "meta" && peek() != '{') return std::nullopt;
          if (!value()) return std::nullopt;
        }
        m.end = i_;
        members.push_back(std::move(m));
        release_behind();
        skip_space();
        if (take(',')) {
          skip_space();
          continue;
        }
        if (take('}')) break;
        return std::nullopt;
      }
    }
    skip_space();
    if (i_ != t_.size()) return std::nullopt;
    return members;
  }

 private:
  char peek() const { return i_ < t_.size() ? t_[i_] : '\0'; }
  bool take(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void skip_space() {
    while (i_ < t_.size() && is_space(t_[i_])) ++i_;
  }
  void release_behind() {
    if (i_ < released_ + kCheckBytes) return;
    release_pages(t_, released_, i_);
    released_ = i_;
  }
  // A string at i_ (the opening quote); false when it does not end.
  bool string() {
    ++i_;
    while (true) {
      // Ids and names are short: an inline word scan beats a call to memchr.
      const char* q = find_first_of<'"'>(t_.data() + i_, t_.data() + t_.size());
      if (q == t_.data() + t_.size()) return false;
      const auto at = static_cast<std::size_t>(q - t_.data());
      std::size_t slashes = 0;
      while (at - slashes > i_ && t_[at - slashes - 1] == '\\') ++slashes;
      i_ = at + 1;
      if (slashes % 2 == 0) return true;
    }
  }
  bool key(std::string_view& out) {
    if (peek() != '"') return false;
    const std::size_t begin = i_ + 1;
    if (!string()) return false;
    out = t_.substr(begin, i_ - 1 - begin);
    return out.find('\\') == std::string_view::npos;
  }
  // Any value: a string, a nested object or array, or a scalar's characters.
  bool value() {
    const char c = peek();
    if (c == '"') return string();
    if (c != '{' && c != '[') {
      const std::size_t begin = i_;
      while (i_ < t_.size() && !is_space(t_[i_]) && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']') ++i_;
      return i_ > begin;
    }
    std::size_t depth = 0;
    while (i_ < t_.size()) {
      const char d = t_[i_];
      if (d == '"') {
        if (!string()) return false;
        continue;
      }
      if (d == '{' || d == '[') ++depth;
      else if (d == '}' || d == ']') {
        if (--depth == 0) {
          ++i_;
          return true;
        }
      }
      ++i_;
    }
    return false;
  }
  // A table's array at i_: its rows, cut into runs at commas between rows.
  bool rows(std::vector<RowChunk>& chunks, std::int64_t& count) {
    if (!take('[')) return false;
    skip_space();
    if (take(']')) return true;
    RowChunk chunk{i_, 0, 0};
    std::int64_t row = 0;
    std::size_t depth = 0;  // inside the current row
    while (i_ < t_.size()) {
      const char c = t_[i_];
      switch (c) {
        case '"':
          if (!string()) return false;
          continue;
        case '{':
        case '[':
          ++depth;
          break;
        case '}':
          if (depth == 0) return false;
          --depth;
          break;
        case ']':
          if (depth == 0) {
            chunk.end = i_++;
            chunks.push_back(chunk);
            count = row + 1;
            return true;
          }
          --depth;
          break;
        case ',':
          if (depth > 0) break;
          ++row;
          if (i_ - chunk.begin >= kChunkBytes) {
            chunk.end = i_++;
            chunks.push_back(chunk);
            skip_space();
            if (peek() == ',' || peek() == ']') return false;
            chunk = {i_, 0, row};
            release_behind();
            continue;
          }
          break;
        default:
          // Names, numbers and blanks: on to the next character that matters.
          i_ = static_cast<std::size_t>(find_first_of<'"', '{', '}', '[', ']', ','>(t_.data() + i_, t_.data() + t_.size()) -
                                        t_.data());
          continue;
      }
      ++i_;
    }
    return false;
  }

  std::string_view t_;
  std::size_t i_ = 0;
  std::size_t released_ = 0;
};

}  // namespace

namespace {

// `json` wrapped in [ ] and padded for simdjson, in `buffer`; returns the wrapped length.
std::size_t wrap(std::string_view json, std::string& buffer) {
  buffer.clear();
  buffer.reserve(json.size() + 2 + simdjson::SIMDJSON_PADDING);
  buffer.push_back('[');
  buffer.append(json);
  buffer.push_back(']');
  const std::size_t length = buffer.size();
  buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  return length;
}

// One run of rows, parsed: its text, the parser whose strings the cells may point into,
// and the rows. Two of them take turns (see read_chunks).
struct ParsedChunk {
  std::string buffer;
  sj::parser parser;
  ParsedRows rows;
  simdjson::error_code error = simdjson::SUCCESS;

  void parse(std::string_view json, RowParser& row_parser, std::int64_t first) {
    rows.clear();
    const std::size_t length = wrap(json, buffer);
    auto parsed = parser.iterate(buffer.data(), length, buffer.size());
    if ((error = parsed.error())) return;
    sj::document doc = std::move(parsed).value_unsafe();
    sj::array array;
    if ((error = doc.get_array().get(array))) return;
    std::int64_t index = first;
    for (auto item : array) {
      sj::value value;
      if ((error = std::move(item).get(value))) return;
      if ((error = row_parser.parse(value, index++, rows))) return;
    }
    // Anything after the rows is a structural the iterator has not reached.
    if (!doc.current_location().error()) error = simdjson::TRAILING_CONTENT;
    rows.finish();
  }
};

}  // namespace

bool JsonReader::parse_wrapped(std::string_view json, sj::array& array) {
  const std::size_t length = wrap(json, chunk_);
  auto parsed = parser_.iterate(chunk_.data(), length, chunk_.size());
  if (parsed.error()) return syntax(parsed.error(), chunk_.data()), false;
  chunk_doc_ = std::move(parsed).value_unsafe();
  doc_ = &chunk_doc_;
  if (const auto e = chunk_doc_.get_array().get(array)) return syntax(e), false;
  return true;
}

// The runs of a table's rows are parsed one ahead, on a helper thread, while this thread
// loads the last: parsing (simdjson and the JSON type checks) is about half the work, and
// the loader (interning, references) must stay on one thread.
Flow JsonReader::read_chunks(TableId table, const StreamedMember& member, const StreamedDocument& document) {
  RowParser& row_parser = row_parsers_[static_cast<std::size_t>(table)];
  std::array<ParsedChunk, 2> turns;
  const auto parse = [&](std::size_t i) {
    const RowChunk& chunk = member.chunks[i];
    turns[i % 2].parse(document.text.substr(chunk.begin, chunk.end - chunk.begin), row_parser, chunk.first_row);
  };
  if (!member.chunks.empty()) parse(0);
  for (std::size_t i = 0; i < member.chunks.size(); ++i) {
    std::jthread next;
    if (i + 1 < member.chunks.size()) next = std::jthread(parse, i + 1);
    ParsedChunk& turn = turns[i % 2];
    if (turn.error) return syntax(turn.error);
    load_rows(table, turn.rows);
    loader_.resolve_links();  // while the strings they point into are alive
    const RowChunk& chunk = member.chunks[i];
    document.release(document.text, chunk.begin, chunk.end);
  }
  loader_.flush_links();
  return Flow::go;
}

bool JsonReader::read_streamed(const StreamedDocument& document) {
  const auto run = [&]() -> Flow {
    for (const StreamedMember& m : document.members) {
      std::optional<TableId> table;
      for (const auto& spec : table_specs())
        if (spec.name == m.key) table = spec.id;
      if (table) {
        const auto t = static_cast<std::size_t>(*table);
        bool ready = true;
        for (const auto& other : table_specs())
          if (depends_on(*table, other.id) && !read_[static_cast<std::size_t>(other.id)]) ready = false;
        if (ready) {
          if (read_chunks(*table, m, document) == Flow::stop) return Flow::stop;
          read_[t] = true;
        } else {
          deferred_members_[t] = &m;
        }
        done_[t] = true;
        continue;
      }
      const std::string key(m.key);
      if (key == "meta" || key == "format" || key == "version") {
        sj::array wrapped;
        if (!parse_wrapped(document.text.substr(m.begin, m.end - m.begin), wrapped)) return Flow::stop;
        sj::value value;
        for (auto item : wrapped) {
          if (const auto e = std::move(item).get(value)) return syntax(e);
          break;
        }
        if (key == "meta") {
          sj::object meta;
          if (const auto e = value.get_object().get(meta)) return syntax(e);
          if (read_meta(meta) == Flow::stop) return Flow::stop;
        } else if (header_value(key, value) == Flow::stop) {
          return Flow::stop;
        }
        doc_ = nullptr;
        continue;
      }
      problem(fmt::format("/{}", key), key, key,
              fmt::format("unknown key '{}'; expected format, version, meta, operators, sites, elements, links, "
                          "facilities or evidence", key));
    }
    if (!format_seen_)
      problem("/format", "format", "", "missing key 'format'; expected \"format\": \"netvet-inventory\"");
    if (!version_seen_) problem("/version", "version", "", "missing key 'version'; expected \"version\": 1");
    if (!format_seen_ || !version_seen_) return Flow::go;
    for (const auto& spec : table_specs()) {
      const auto t = static_cast<std::size_t>(spec.id);
      if (spec.required_file && !done_[t])
        problem("", std::string(spec.name), "",
                fmt::format("missing required key '{}'; an inventory has operators, sites, elements and links "
                            "arrays", spec.name));
      if (!deferred_members_[t]) continue;
      if (read_chunks(spec.id, *deferred_members_[t], document) == Flow::stop) return Flow::stop;
    }
    return Flow::go;
  };
  run();
  doc_ = nullptr;
  return !syntax_failed_;
}

std::optional<Result<Inventory>> read_json_streamed(const std::filesystem::path& file, const std::string& shown,
                                                    const ReadOptions& options) {
  const MappedFile mapped(file);
  mapped.sequential();
  const std::string_view text = mapped.text();
  if (text.empty()) return std::nullopt;  // the whole-document reader says why
  // The text checks of read_json, a block at a time (cut before a UTF-8 sequence), on a
  // helper thread while this one finds the members and rows (the scanner needs no
  // valid text to find them; a problem the checks find is what is reported).
  std::optional<Diagnostic> bad_text;
  std::jthread checker([&] {
    for (std::size_t begin = 0; begin < text.size();) {
      std::size_t end = std::min(text.size(), begin + kCheckBytes);
      while (end < text.size() && end > begin && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
      if (end == begin) end = std::min(text.size(), begin + kCheckBytes);
      if ((bad_text = check_text(text.substr(begin, end - begin), shown, begin, text.substr(0, begin)))) return;
      begin = end;
    }
  });
  auto members = Scanner(text).scan();
  checker.join();
  if (bad_text) return Result<Inventory>(fail(std::move(*bad_text)));
  if (!members) return std::nullopt;
  StreamedDocument document{text, std::move(*members), release_pages};
  InventoryLoader loader(*options.functions, *options.registry);
  const auto rows = [&](TableId table) {
    for (const auto& m : document.members)
      if (m.key == table_spec(table).name) return static_cast<std::size_t>(m.rows);
    return std::size_t{0};
  };
  loader.reserve(rows(TableId::sites), rows(TableId::elements), rows(TableId::links));
  if (!JsonReader(text, text.size(), shown, loader).read_streamed(document)) return std::nullopt;
  return std::move(loader).finish();
}

}  // namespace netvet::io
