#pragma once
// Runs the real netvet binary, as a user or a pipeline would, and captures what it did.

#include <filesystem>
#include <string>

namespace netvet::testing {

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs `netvet ARGS` (a shell-quoted argument string) from the tests/ folder.
CliRun run_netvet(const std::string& args);

// A fresh empty folder under the system temp directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

}  // namespace netvet::testing
