#pragma once
// Text built in a buffer and handed to a stream in runs of about a megabyte: how the
// check renderers write a national network's million findings without ever holding the
// whole document (a gigabyte of JSON) in memory, and without a system call per line.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace netvet::report {

class ChunkedOutput {
 public:
  explicit ChunkedOutput(std::ostream& out) : out_(out) { buffer_.reserve(kRun + kRun / 4); }
  ChunkedOutput(const ChunkedOutput&) = delete;
  ChunkedOutput& operator=(const ChunkedOutput&) = delete;

  // The buffer itself, for writers that append to a std::string (fmt::format_to, the
  // JSON serializer). Call spill() after each record.
  std::string& buffer() { return buffer_; }
  void append(std::string_view text) { buffer_.append(text); }
  // Hands the buffer to the stream once it holds a run's worth.
  void spill() {
    if (buffer_.size() >= kRun) flush();
  }
  // Hands over whatever is buffered; call once at the end.
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kRun = std::size_t{1} << 20;
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace netvet::report
