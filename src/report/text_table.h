#pragma once
// Aligned text tables for people: columns padded to their widest cell, numbers right-
// aligned, an optional bold header when the output is a terminal.

#include <string>
#include <vector>

namespace netvet::report {

enum class Align { left, right };

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<Align> align = {});
  void add_row(std::vector<std::string> cells);
  // `indent` spaces before each line; `style` bolds the header (for terminals).
  std::string render(std::size_t indent = 2, bool style = false) const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

// "1,234,567": thousands separated, for counts people read.
std::string group_digits(long long value);
// "x of N (p%)", the way shares are written throughout netvet.
std::string share_text(long long part, long long whole);

}  // namespace netvet::report
