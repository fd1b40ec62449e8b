#pragma once
// The files a user names. Inputs: opening what a user names as input (an inventory, a pack, waivers, a baseline): only a
// regular file is read (a folder only where a CSV bundle is meant). The path is looked at
// before it is opened, and opened without blocking, so a FIFO, a device or a socket is
// refused with a clear message instead of hanging the command; a file larger than the
// caller's bound is refused before it is read. docs/reliability.md lists the bounds.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace netvet {

enum class PathKind { missing, file, folder, other };

// What `path` is (following symlinks); `other` is a FIFO, device or socket.
PathKind path_kind(const std::filesystem::path& path);

// Nothing when `path` is a regular file; else a problem naming `shown` and saying that
// `what` ("a policy pack (YAML)") was expected.
Result<void> check_regular_file(const std::filesystem::path& path, const std::string& shown, std::string_view what);

// The whole of a regular file of at most `max_bytes` (plus `padding` zero bytes after its
// end, not counted in size()). Problems name `shown` and `what`.
Result<std::string> read_input_file(const std::filesystem::path& path, const std::string& shown,
                                    std::string_view what, std::size_t max_bytes, std::size_t padding = 0);

// Outputs (-o, convert and generate's JSON): where a file named `path` is written. A
// symlink is followed to its target, so that the file it points to is replaced (the
// link stays); a FIFO, device, socket or folder is refused (writing would block, or
// replace what is no file of ours). The result may not exist yet; write a temporary
// file beside it and rename it onto it.
Result<std::filesystem::path> resolve_output_file(const std::filesystem::path& path, const std::string& shown);

// "12.5 MB" for messages.
std::string megabytes(std::size_t bytes);

}  // namespace netvet
