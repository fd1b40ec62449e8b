// Whole-file reading and the text sanity checks of text_file.h.

#include "io/text_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

#include "util/files.h"
#include "util/text.h"

namespace netvet::io {

namespace {
// util's find_non_text_byte, eight bytes at a time: a word of plain printable ASCII (most
// of any inventory) is passed over with two bit tricks instead of eight branches.
std::optional<std::size_t> first_non_text_byte(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull, kSpace = 0x2020202020202020ull;
  while (i + 8 <= n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p + i, 8);
    if ((w & kHigh) == 0 && ((w - kSpace) & ~w & kHigh) == 0) {  // no byte >= 0x80 or < 0x20
      i += 8;
      continue;
    }
    const std::size_t end = i + 8;
    while (i < end) {
      const auto c = static_cast<unsigned char>(p[i]);
      if (c < 0x80) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
        ++i;
        continue;
      }
      const std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      if (len == 0 || i + len > n || find_non_text_byte(s.substr(i, len))) return i;
      i += len;
    }
  }
  if (const auto bad = find_non_text_byte(s.substr(i))) return i + *bad;
  return std::nullopt;
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path, const std::string& shown, std::size_t padding) {
  // Only a regular file, never opened blocking: a FIFO given as an inventory is refused.
  auto text = read_input_file(path, shown, "a CSV table or a JSON inventory document",
                              std::numeric_limits<std::size_t>::max() - padding, padding);
  if (!text) return text;
  if (text->empty()) return fail(file_problem(shown, "the file is empty; expected a header row or a JSON document"));
  return text;
}

MappedFile::MappedFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // a FIFO must not block
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    const auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      data_ = static_cast<const char*>(p);
      size_ = size;
    }
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void MappedFile::sequential() const {
  if (data_) ::madvise(const_cast<char*>(data_), size_, MADV_SEQUENTIAL);
}

void release_pages(std::string_view text, std::size_t begin, std::size_t end) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto base = reinterpret_cast<std::uintptr_t>(text.data());
  const std::uintptr_t from = (base + begin + page - 1) / page * page;
  const std::uintptr_t to = (base + end) / page * page;
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
}

LineColumn line_column_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view head = text.substr(0, offset);
  LineColumn at;
  at.line = 1 + static_cast<std::int64_t>(std::ranges::count(head, '\n'));
  const auto last = head.rfind('\n');
  at.column = static_cast<std::int64_t>(last == std::string_view::npos ? offset + 1 : offset - last);
  return at;
}

std::optional<Diagnostic> check_text(std::string_view text, const std::string& shown, std::size_t base,
                                     std::string_view before) {
  const auto bad = first_non_text_byte(text);
  if (!bad) return std::nullopt;
  const auto line = 1 + std::ranges::count(before, '\n') + std::ranges::count(text.substr(0, *bad), '\n');
  // The column: bytes since the line's start, which may lie in `before`.
  const auto head = text.substr(0, *bad);
  const auto newline = head.rfind('\n');
  std::int64_t column = 0;
  if (newline != std::string_view::npos) column = static_cast<std::int64_t>(*bad - newline);
  else {
    const auto prev = before.rfind('\n');
    column = static_cast<std::int64_t>(*bad + before.size() - (prev == std::string_view::npos ? 0 : prev + 1)) + 1;
  }
  const auto byte = static_cast<unsigned char>(text[*bad]);
  Diagnostic d = file_problem(shown, fmt::format("not UTF-8 text: {} at byte offset {} (line {}, column {}); "
                                                 "expected a UTF-8 text file, is this a binary file?",
                                                 describe_non_text_byte(text, *bad), base + *bad, line, column));
  d.line = line;
  d.col = column;
  d.value = fmt::format("0x{:02X}", byte);
  return d;
}

}  // namespace netvet::io
