#pragma once
// Helpers for the io tests: fixture paths, a scratch folder removed after each test,
// whole-file reads, and lookups in a list of diagnostics.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <cstdio>
#include <random>
#include <string>

#include "io/inventory_io.h"

namespace netvet::io::testing {

inline std::filesystem::path fixture(const std::string& relative) {
  return std::filesystem::path(NETVET_FIXTURES) / "io" / relative;
}

// (With stdio: GCC 12 sees false null dereferences in istreambuf_iterator at -O3.)
inline std::string slurp(const std::filesystem::path& path) {
  std::string out;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char chunk[4096];
    for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, f)) > 0;) out.append(chunk, n);
    std::fclose(f);
  }
  return out;
}

// A fresh folder under the system temp folder, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("netvet-io-test-" + std::string(info ? info->name() : "x") + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Every diagnostic, one per line, for failure messages.
inline std::string describe(const Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds) out += d.to_string() + "\n";
  return out;
}

// Reads an inventory that must fail, returning its diagnostics.
template <typename Read>
Diagnostics problems_of(Read read) {
  auto result = read();
  EXPECT_FALSE(result.has_value()) << "expected the read to fail";
  return result ? Diagnostics{} : result.error();
}

// The first diagnostic whose message contains `words`, or nullptr.
inline const Diagnostic* find_message(const Diagnostics& ds, const std::string& words) {
  for (const auto& d : ds)
    if (d.message.find(words) != std::string::npos) return &d;
  return nullptr;
}

// The diagnostic containing `words`; fails the test when absent. A copy: callers often
// pass a temporary list.
inline Diagnostic expect(const Diagnostics& ds, const std::string& words) {
  const Diagnostic* d = find_message(ds, words);
  EXPECT_NE(d, nullptr) << "no diagnostic says '" << words << "' in:\n" << describe(ds);
  return d ? *d : Diagnostic{};
}

}  // namespace netvet::io::testing
