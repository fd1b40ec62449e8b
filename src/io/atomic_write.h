#pragma once
// Writing without leaving half a file behind: output goes through a buffer into a
// temporary sibling of the destination (same folder, so the final rename is atomic), and
// every failure (cannot create, disk full) becomes a Diagnostic. Internal to the io module.

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace netvet::io {

// ".NAME.netvet-tmp-PID-N" beside `target`: hidden, unique within this process.
std::filesystem::path temp_sibling(const std::filesystem::path& target);

Diagnostic write_problem(const std::filesystem::path& path, std::string message);

class OutputFile {
 public:
  // Problems name `shown` (the destination the user asked for), not the temporary path.
  OutputFile(const std::filesystem::path& path, std::filesystem::path shown);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Text goes into the buffer; call flush_if_full() now and then (cheap).
  std::string& buffer() { return buffer_; }
  void flush_if_full() {
    if (buffer_.size() >= kFlushBytes) flush();
  }
  // Flushes and closes: the first problem met since opening, if any.
  Result<void> close();

 private:
  void flush();
  static constexpr std::size_t kFlushBytes = 1u << 20;
  std::filesystem::path shown_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::string error_;
};

// Renames a finished temporary file over `target`.
Result<void> commit_file(const std::filesystem::path& temp, const std::filesystem::path& target);

}  // namespace netvet::io
