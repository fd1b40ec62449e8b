// Buffered output into temporary siblings, and the rename that publishes them.

#include "io/atomic_write.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace netvet::io {

std::filesystem::path temp_sibling(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  auto name = target.filename().string();
  if (name.empty()) name = target.parent_path().filename().string();  // "out/" names the folder "out"
  const auto parent = target.filename().empty() ? target.parent_path().parent_path() : target.parent_path();
  return parent / fmt::format(".{}.netvet-tmp-{}-{}", name, ::getpid(), counter++);
}

Diagnostic write_problem(const std::filesystem::path& path, std::string message) {
  Diagnostic d;
  d.file = path.string();
  d.message = std::move(message);
  return d;
}

OutputFile::OutputFile(const std::filesystem::path& path, std::filesystem::path shown)
    : shown_(std::move(shown)) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) error_ = fmt::format("cannot create the file: {}", std::strerror(errno));
  buffer_.reserve(kFlushBytes + (64u << 10));
}

OutputFile::~OutputFile() {
  if (file_) std::fclose(file_);
}

void OutputFile::flush() {
  if (file_ && error_.empty() && !buffer_.empty() &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    error_ = fmt::format("cannot write the file: {}", std::strerror(errno));
  buffer_.clear();
}

Result<void> OutputFile::close() {
  flush();
  if (file_) {
    if (std::fclose(file_) != 0 && error_.empty())
      error_ = fmt::format("cannot write the file: {}", std::strerror(errno));
    file_ = nullptr;
  }
  if (!error_.empty()) return fail(write_problem(shown_, error_));
  return {};
}

Result<void> commit_file(const std::filesystem::path& temp, const std::filesystem::path& target) {
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (!ec) return {};
  std::filesystem::remove(temp, ec);
  return fail(write_problem(target, fmt::format("cannot move the finished file into place: {}", ec.message())));
}

}  // namespace netvet::io
