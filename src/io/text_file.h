#pragma once
// Reading an input file whole, and the checks every text input gets before parsing: not
// empty, valid UTF-8 without binary bytes. Problems name the byte offset and the line.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace netvet::io {

// The whole file, with `padding` spare zero bytes after its end (simdjson reads ahead).
// `shown` is the name problems carry.
Result<std::string> read_file(const std::filesystem::path& path, const std::string& shown, std::size_t padding = 0);

// A problem when `text` is not clean UTF-8 text; `base` is the offset of `text` in its
// file (for a chunk of a larger file), `before` the text preceding it (to count lines).
std::optional<Diagnostic> check_text(std::string_view text, const std::string& shown,
                                     std::size_t base = 0, std::string_view before = {});

// A read-only mapping of a whole file: big inputs are read through it, and the pages
// read are given back (release_pages) so that a file never sits in memory whole. Empty
// when the file cannot be mapped (or is empty): read it with read_file for the reason.
class MappedFile {
 public:
  MappedFile() = default;
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  std::string_view text() const { return {data_, size_}; }
  void sequential() const;  // tells the kernel to read ahead

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Drops the whole pages of text[begin, end) (a mapping) from this process's memory; they
// are read again from the page cache if touched.
void release_pages(std::string_view text, std::size_t begin, std::size_t end);

struct LineColumn {
  std::int64_t line = 1, column = 1;  // both 1-based; column counts bytes
};
LineColumn line_column_of(std::string_view text, std::size_t offset);

}  // namespace netvet::io
