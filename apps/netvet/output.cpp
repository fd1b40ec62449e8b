#include "output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "io/inventory_io.h"
#include "report/diagnostics_report.h"
#include "util/files.h"

namespace netvet::cli {

bool emit(const std::string& path, std::string_view text) {
  return emit_stream(path, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

bool emit_stream(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty()) {
    write(std::cout);
    std::cout.flush();
    return true;
  }
  // Through a symlink to its target (the link stays); a FIFO, device or folder is refused
  // rather than replaced by a regular file.
  const auto resolved = resolve_output_file(path, path);
  if (!resolved) {
    fmt::print(stderr, "{}", report::diagnostics_text(resolved.error(), stderr_is_terminal()));
    return false;
  }
  const std::filesystem::path& target = *resolved;
  const std::filesystem::path temp = target.string() + fmt::format(".tmp-{}", ::getpid());
  const auto discard = [&] {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
  };
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    try {
      if (out) write(out);
    } catch (...) {
      out.close();
      discard();
      throw;
    }
    if (!out.flush()) {
      out.close();
      discard();
      fmt::print(stderr, "error: cannot write {}\n", path);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    discard();
    fmt::print(stderr, "error: cannot write {}: {}\n", path, ec.message());
    return false;
  }
  return true;
}

bool style_stdout(const CommonOptions& options) {
  return options.output.empty() && options.format == "text" && ::isatty(STDOUT_FILENO) &&
         std::getenv("NO_COLOR") == nullptr;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) && std::getenv("NO_COLOR") == nullptr; }

void PhaseTimer::lap(std::string_view phase) {
  const auto now = std::chrono::steady_clock::now();
  if (enabled_)
    fmt::print(stderr, "timing: {:<10} {:.3f} s\n", phase, std::chrono::duration<double>(now - start_).count());
  start_ = now;
}

std::optional<Inventory> load_inventory(const std::string& path) {
  auto inventory = io::read_inventory(path);
  if (!inventory) {
    fmt::print(stderr, "{}", report::diagnostics_text(inventory.error(), stderr_is_terminal()));
    fmt::print(stderr, "{} could not be read: {} problem{}.\n", path, inventory.error().size(),
               inventory.error().size() == 1 ? "" : "s");
    return std::nullopt;
  }
  return std::move(*inventory);
}

}  // namespace netvet::cli
