// Input files: look (stat), then open without blocking, check again (fstat), then read.

#include "util/files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace netvet {

namespace {

std::string_view kind_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

Result<void> check_mode(mode_t mode, const std::string& shown, std::string_view what) {
  if (S_ISREG(mode)) return {};
  return fail(file_problem(shown, fmt::format("is {}, not a regular file; expected {}", kind_name(mode), what)));
}

}  // namespace

PathKind path_kind(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return PathKind::missing;
  if (S_ISREG(st.st_mode)) return PathKind::file;
  if (S_ISDIR(st.st_mode)) return PathKind::folder;
  return PathKind::other;
}

Result<void> check_regular_file(const std::filesystem::path& path, const std::string& shown, std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return fail(file_problem(shown, fmt::format("cannot read the file: {}; expected {}", std::strerror(errno), what)));
  return check_mode(st.st_mode, shown, what);
}

Result<std::filesystem::path> resolve_output_file(const std::filesystem::path& path, const std::string& shown) {
  std::filesystem::path target = path;
  // A chain of links, each relative to its own folder; a loop ends in ELOOP below.
  for (int hops = 0; hops < 40; ++hops) {
    struct stat lst {};
    if (::lstat(target.c_str(), &lst) != 0 || !S_ISLNK(lst.st_mode)) break;
    std::error_code ec;
    const auto link = std::filesystem::read_symlink(target, ec);
    if (ec) return fail(file_problem(shown, fmt::format("cannot follow the symbolic link: {}", ec.message())));
    target = link.is_absolute() ? link : target.parent_path() / link;
  }
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) {
    if (errno == ELOOP) return fail(file_problem(shown, "too many levels of symbolic links; expected a file to write"));
    return target;  // a new file (its folder is checked when it is created)
  }
  if (S_ISREG(st.st_mode)) return target;
  return fail(file_problem(shown, fmt::format("is {}, not a regular file; expected a path for a file to write (an "
                                         "existing file there is replaced)",
                                         kind_name(st.st_mode))));
}

std::string megabytes(std::size_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

Result<std::string> read_input_file(const std::filesystem::path& path, const std::string& shown,
                                    std::string_view what, std::size_t max_bytes, std::size_t padding) {
  if (auto checked = check_regular_file(path, shown, what); !checked) return std::unexpected(checked.error());
  // O_NONBLOCK: should the path become a FIFO after the look above, opening it does not
  // wait for a writer (and fstat below refuses it). Reads of a regular file ignore it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return fail(file_problem(shown, fmt::format("cannot open the file: {}", std::strerror(errno))));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail(file_problem(shown, fmt::format("cannot read the file: {}", std::strerror(errno))));
  if (auto checked = check_mode(st.st_mode, shown, what); !checked) return std::unexpected(checked.error());
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > max_bytes)
    return fail(file_problem(shown, fmt::format("the file is {} ({} bytes); expected {} of at most {}", megabytes(size), size,
                                           what, megabytes(max_bytes))));
  std::string text;
  std::size_t got = 0;
  bool failed = false;
  // Not zero-filled first: a 200 MB document is read straight into place.
  text.resize_and_overwrite(size + padding, [&](char* data, std::size_t) {
    while (got < size) {
      const ::ssize_t n = ::read(fd, data + got, size - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failed = n < 0;
        break;
      }
      got += static_cast<std::size_t>(n);
    }
    std::memset(data + got, 0, padding);
    return got;  // the padding stays allocated (and zero) beyond size()
  });
  if (failed) return fail(file_problem(shown, fmt::format("cannot read the file: {}", std::strerror(errno))));
  if (got != size) return fail(file_problem(shown, "cannot read the file: it changed while being read"));
  return text;
}

}  // namespace netvet
