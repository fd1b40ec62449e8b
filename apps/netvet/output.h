#pragma once
// Where a command's result goes: standard output, or a file written atomically (into a
// temporary sibling, renamed into place) so that a failed command leaves nothing
// half-written. Also: whether to style text for a terminal, and phase timings.

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "options.h"
#include "model/inventory.h"

namespace netvet::cli {

// Writes `text` to `path` (atomically) or to stdout when `path` is empty. False, with a
// message on stderr, when the file cannot be written.
bool emit(const std::string& path, std::string_view text);
// The same for output written piece by piece (a national network's million findings):
// `write` puts it into the stream it is given. Written to a file, it is renamed into place
// only once complete; should `write` throw, the temporary file is removed and the
// exception passes on.
bool emit_stream(const std::string& path, const std::function<void(std::ostream&)>& write);

// Whether text output should carry terminal styling (bold, colour): only when it goes to
// a terminal, and never when NO_COLOR is set.
bool style_stdout(const CommonOptions& options);
bool stderr_is_terminal();

// Prints "phase: 0.123 s" to stderr when enabled.
class PhaseTimer {
 public:
  explicit PhaseTimer(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void lap(std::string_view phase);

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

// Reads an inventory, printing its problems on stderr. Nothing when it could not be read.
std::optional<Inventory> load_inventory(const std::string& path);

}  // namespace netvet::cli
