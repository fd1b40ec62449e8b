// Every bad-input fixture (tests/fixtures/io/bad/*) through the real command line:
// a clear error on stderr, exit code 2, and nothing written.

#include <gtest/gtest.h>

#include <filesystem>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

std::vector<std::filesystem::path> bad_fixtures() {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path root = NETVET_FIXTURES "/io/bad";
  if (!std::filesystem::exists(root)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(root)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(BadInput, EveryFixtureExitsTwoAndWritesNothing) {
  const auto fixtures = bad_fixtures();
  ASSERT_GE(fixtures.size(), 9u) << "the spec's errors each need a fixture";
  for (const auto& fixture : fixtures) {
    TempDir dir;
    const std::string name = fixture.filename().string();
    const CliRun convert = run_netvet("convert '" + fixture.string() + "' '" + (dir / "out.json") + "'");
    EXPECT_EQ(convert.exit_code, 2) << name << ": " << convert.err;
    EXPECT_FALSE(convert.err.empty()) << name;
    const CliRun stats = run_netvet("stats '" + fixture.string() + "' --output '" + (dir / "stats.txt") + "'");
    EXPECT_EQ(stats.exit_code, 2) << name;
    const CliRun validate = run_netvet("validate '" + fixture.string() + "'");
    EXPECT_EQ(validate.exit_code, 2) << name;
    // Errors name the file they are in.
    EXPECT_NE(validate.err.find(fixture.filename().string()), std::string::npos) << name << ": " << validate.err;
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << name << " left files behind";
  }
}

}  // namespace
}  // namespace netvet::testing
