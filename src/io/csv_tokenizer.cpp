// The CSV scanner: fields found eight bytes at a time (util/byte_scan.h); finding a safe
// place to cut a file in two.

#include "io/csv_tokenizer.h"

#include <algorithm>
#include <cstring>

#include "util/byte_scan.h"

namespace netvet::io {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

// The first comma, quote or line break in [p, end), or end.
const char* find_field_end(const char* p, const char* end) { return find_first_of<',', '"', '\n', '\r'>(p, end); }

}  // namespace

void CsvCells::add_quoted(const char* begin, const char* end, bool doubled_quotes) {
  const auto size = static_cast<std::uint32_t>(end - begin);
  if (!doubled_quotes) {
    fields_.push_back({static_cast<std::uint32_t>(begin - text_.data()), size});
    return;
  }
  const auto at = static_cast<std::uint32_t>(arena_.size());
  for (const char* p = begin; p < end; ++p) {
    arena_.push_back(*p);
    if (*p == '"') ++p;  // the second quote of a pair
  }
  fields_.push_back({at, static_cast<std::uint32_t>(arena_.size() - at) | kUnescaped});
}

std::optional<std::size_t> CsvCells::tokenize(std::string_view text) {
  release();
  text_ = text;
  // A generated bundle averages about nine bytes a field and sixty a row.
  fields_.reserve(text.size() / 8);
  row_end_.reserve(text.size() / 48);
  const char* const base = text.data();
  const char* const end = base + text.size();
  const auto offset = [base](const char* p) { return static_cast<std::size_t>(p - base); };
  const auto view = [base](const char* from, const char* to) {
    return Span{static_cast<std::uint32_t>(from - base), static_cast<std::uint32_t>(to - from)};
  };
  bool row_open = false;
  const char* p = base;
  // Each turn reads one field and what ends it: a comma (the row goes on), a line break
  // or the end of the text (the row ends).
  for (;;) {
    while (p < end && blank(*p)) ++p;
    const char* after = nullptr;  // the comma, line break or end that ends the field
    if (p < end && *p == '"') {
      const char* const open = p;
      const char* q = p + 1;
      bool doubled = false;
      for (;;) {
        q = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
        if (q == nullptr) return offset(open);
        if (q + 1 < end && q[1] == '"') {
          doubled = true;
          q += 2;
          continue;
        }
        break;
      }
      row_open = true;
      add_quoted(open + 1, q, doubled);
      after = q + 1;
      while (after < end && blank(*after)) ++after;
      if (after < end && *after != ',' && *after != '\n' && *after != '\r') return offset(after);
    } else {
      after = find_field_end(p, end);
      if (after < end && *after == '"') return offset(after);
      const char* last = after;
      while (last > p && blank(last[-1])) --last;
      // An empty line is no row; an empty field after a comma is a field.
      const bool blank_line = !row_open && last == p && (after == end || *after != ',');
      if (!blank_line) {
        row_open = true;
        fields_.push_back(view(p, last));
      }
    }
    if (after < end && *after == ',') {
      p = after + 1;
      continue;
    }
    if (row_open) {
      row_end_.push_back(static_cast<std::uint32_t>(fields_.size()));
      row_open = false;
    }
    if (after == end) break;
    p = after + 1;  // past the line break; a CRLF's LF reads as a blank line
  }
  return std::nullopt;
}

void CsvCells::release() {
  text_ = {};
  arena_ = {};
  fields_ = {};
  row_end_ = {};
}

std::size_t split_rows(std::string_view text) {
  std::size_t at = text.find('\n', text.size() / 2);
  if (at == std::string_view::npos) return text.size();
  // RFC 4180 doubles quotes inside quoted fields, so an even number of quotes before a
  // line break means the break is outside any quoted field.
  auto quotes = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '"');
  while (quotes % 2 != 0) {
    const std::size_t next = text.find('\n', at + 1);
    if (next == std::string_view::npos) return text.size();
    quotes += std::count(text.begin() + static_cast<std::ptrdiff_t>(at), text.begin() + static_cast<std::ptrdiff_t>(next), '"');
    at = next;
  }
  return at + 1;
}

}  // namespace netvet::io
