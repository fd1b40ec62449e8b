// libcsv driven into the arena of CsvCells; finding a safe place to cut a file in two.

#include "io/csv_tokenizer.h"

#include <csv.h>

#include <algorithm>

namespace netvet::io {

void CsvCells::on_field(void* s, std::size_t length, void* self) {
  auto& cells = *static_cast<CsvCells*>(self);
  if (length > 0) cells.arena_.append(static_cast<const char*>(s), length);
  cells.field_end_.push_back(static_cast<std::uint32_t>(cells.arena_.size()));
}

void CsvCells::on_row(int, void* self) {
  auto& cells = *static_cast<CsvCells*>(self);
  cells.row_end_.push_back(static_cast<std::uint32_t>(cells.field_end_.size()));
}

std::optional<std::size_t> CsvCells::tokenize(std::string_view text) { return tokenize(text, {}, {}); }

std::optional<std::size_t> CsvCells::tokenize(std::string_view text, const BlockHook& before, const BlockHook& after) {
  // Each field loses at least its separator: the text's size bounds the arena.
  arena_.reserve(arena_.size() + text.size());
  field_end_.reserve(field_end_.size() + text.size() / 6);
  row_end_.reserve(row_end_.size() + text.size() / 48);
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) return 0;
  // One block holds the longest field: fewer reallocations inside libcsv.
  csv_set_blk_size(&parser, 4096);
  constexpr std::size_t kBlock = 4u << 20;
  std::size_t parsed = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = std::min(text.size(), begin + kBlock);
    if (before && !before(begin, end)) {
      csv_free(&parser);
      return std::nullopt;
    }
    const std::size_t n = csv_parse(&parser, text.data() + begin, end - begin, on_field, on_row, this);
    parsed += n;
    if (n != end - begin) break;
    if (after) after(begin, end);
    begin = end;
  }
  std::optional<std::size_t> error;
  if (parsed != text.size()) {
    error = parsed == 0 ? 0 : parsed - 1;
  } else if (csv_fini(&parser, on_field, on_row, this) != 0) {
    // An unterminated quoted field: point at the quote that opened it.
    std::size_t open = 0;
    bool inside = false;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '"') {
        inside = !inside;
        if (inside) open = i;
      }
    error = open;
  }
  csv_free(&parser);
  return error;
}

void CsvCells::release() {
  arena_ = {};
  field_end_ = {};
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
