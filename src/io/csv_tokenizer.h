#pragma once
// CSV text -> fields, strict RFC 4180 (as libcsv's CSV_STRICT reads it), without copying:
// a field is a view into the text it was read from, except the few whose doubled quotes
// had to be undone, which live in a small arena. A million rows cost two vectors of
// integers and the text itself. A file can be cut at a row boundary and its halves
// tokenized on two threads (split_rows).
//
// Why not libcsv, which read the bundle until 2026-11: it is a byte-at-a-time state
// machine calling back per field, and measured 150 MB/s on this machine with our
// callbacks (37% of `netvet validate` on a 1M-element network); this scanner reads the
// same 187 MB bundle about five times faster (docs/architecture.md has the figures).
// libcsv stays the reference the tests compare this scanner with, on adversarial text.
//
// The rules, as libcsv applies them: a field is quoted or not; spaces and tabs around a
// field (outside its quotes) are dropped; inside quotes a doubled quote is one quote and
// commas and line breaks are text; a quote inside an unquoted field, or anything but a
// comma or a line break after a closing quote, is malformed; CR, LF and CRLF end a row;
// blank lines are no rows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netvet::io {

class CsvCells {
 public:
  std::size_t rows() const { return row_end_.size(); }
  std::size_t fields(std::size_t row) const { return row_end_[row] - row_begin(row); }
  std::string_view field(std::size_t row, std::size_t column) const {
    const Span s = fields_[row_begin(row) + column];
    if (s.size & kUnescaped) return {arena_.data() + s.begin, s.size & ~kUnescaped};
    return {text_.data() + s.begin, s.size};
  }

  // Tokenizes `text` (whole rows), replacing what was here; `text` must outlive the
  // fields. On malformed CSV, returns the offset in `text` where the problem is (for an
  // unterminated quoted field, its opening quote). Texts are limited to 4 GB.
  std::optional<std::size_t> tokenize(std::string_view text);
  void release();

 private:
  // A field: `size` bytes at `begin` of the text, or of the arena when kUnescaped is set.
  struct Span {
    std::uint32_t begin, size;
  };
  static constexpr std::uint32_t kUnescaped = 0x8000'0000u;

  std::size_t row_begin(std::size_t row) const { return row == 0 ? 0 : row_end_[row - 1]; }
  void add_quoted(const char* begin, const char* end, bool doubled_quotes);

  std::string_view text_;
  std::string arena_;          // quoted fields with doubled quotes, undone
  std::vector<Span> fields_;
  std::vector<std::uint32_t> row_end_;  // field index one past each row's last field
};

// An offset near the middle of `text` where a row begins (after a line break that is not
// inside a quoted field), or text.size() when there is none.
std::size_t split_rows(std::string_view text);

}  // namespace netvet::io
