#pragma once
// CSV text -> fields, with libcsv in strict RFC 4180 mode. Fields are copied back to back
// into one arena and found by their end offsets, so a million rows cost three vectors,
// not ten million strings. A file can be cut at a row boundary and its halves tokenized on
// two threads (split_rows).

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netvet::io {

class CsvCells {
 public:
  std::size_t rows() const { return row_end_.size(); }
  std::size_t fields(std::size_t row) const { return row_end_[row] - row_begin(row); }
  std::string_view field(std::size_t row, std::size_t column) const {
    const std::size_t i = row_begin(row) + column;
    const std::uint32_t begin = i == 0 ? 0 : field_end_[i - 1];
    return {arena_.data() + begin, field_end_[i] - begin};
  }

  // Tokenizes `text` (whole rows) onto the end. On malformed CSV, returns the offset in
  // `text` where the problem starts.
  std::optional<std::size_t> tokenize(std::string_view text);
  // The same, a few megabytes at a time: `before(begin, end)` is called before each block
  // of `text` is parsed (false stops, with no offset returned: the caller found a problem
  // of its own) and `after(begin, end)` once it has been (to release a mapping's pages).
  using BlockHook = std::function<bool(std::size_t begin, std::size_t end)>;
  std::optional<std::size_t> tokenize(std::string_view text, const BlockHook& before, const BlockHook& after);
  void release();

 private:
  std::size_t row_begin(std::size_t row) const { return row == 0 ? 0 : row_end_[row - 1]; }
  static void on_field(void* s, std::size_t length, void* self);
  static void on_row(int terminator, void* self);

  std::string arena_;
  std::vector<std::uint32_t> field_end_;  // arena offset one past each field
  std::vector<std::uint32_t> row_end_;    // field index one past each row's last field
};

// An offset near the middle of `text` where a row begins (after a line break that is not
// inside a quoted field), or text.size() when there is none.
std::size_t split_rows(std::string_view text);

}  // namespace netvet::io
