// The writers: canonical CSV quoting, atomic replacement of an existing bundle (stale
// optional tables removed, other files kept), and failures that leave nothing behind.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "io/inventory_io.h"
#include "io_test_util.h"
#include "model/builder.h"

namespace netvet::io {
namespace {

using testing::fixture;
using testing::ScratchDir;
using testing::slurp;

std::vector<std::string> names_in(const std::filesystem::path& folder) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) out.push_back(entry.path().filename().string());
  std::ranges::sort(out);
  return out;
}

Inventory small() {
  InventoryBuilder b;
  const auto op = *b.add_operator({.id = "op"});
  const auto site = *b.add_site({.id = "S1", .op = op, .name = "a, \"b\"\nc"});
  const auto gnb = *FunctionVocabulary::builtin().find("gnb");
  b.add_element({.id = "E1", .site = site, .function = gnb, .vendor = "Nokia"});
  return std::move(b).finish();
}

TEST(Writers, CsvQuotesOnlyWhereNeeded) {
  ScratchDir dir;
  ASSERT_TRUE(write_csv_bundle(small(), dir / "out"));
  EXPECT_EQ(slurp(dir / "out" / "sites.csv"), "id,operator,kind,name\nS1,op,cell,\"a, \"\"b\"\"\nc\"\n");
  EXPECT_EQ(slurp(dir / "out" / "elements.csv"), "id,site,function,vendor,operator\nE1,S1,gnb,Nokia,op\n");
  EXPECT_EQ(slurp(dir / "out" / "links.csv"), "a,b\n");
  EXPECT_EQ(names_in(dir / "out"), (std::vector<std::string>{"elements.csv", "links.csv", "operators.csv", "sites.csv"}));
}

// A bundle goes into a new or empty folder only: `generate --out examples/london` once
// overwrote the example and deleted its evidence.csv.
TEST(Writers, ANonEmptyFolderIsRefusedAndLeftAlone) {
  ScratchDir dir;
  const auto out = dir / "out";
  std::filesystem::copy(fixture("rich"), out);
  const std::string evidence = slurp(out / "evidence.csv");
  const auto refused = write_csv_bundle(small(), out);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().front().message.find("the folder is not empty (it holds elements.csv, evidence.csv"),
            std::string::npos)
      << refused.error().front().message;
  EXPECT_EQ(slurp(out / "evidence.csv"), evidence);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"out"});  // no temporary folder left
  // An empty folder takes the bundle.
  std::filesystem::create_directory(dir / "empty");
  ASSERT_TRUE(write_csv_bundle(small(), dir / "empty"));
  EXPECT_EQ(names_in(dir / "empty"), (std::vector<std::string>{"elements.csv", "links.csv", "operators.csv", "sites.csv"}));
}

// With replace (--force): the bundle's tables are replaced, a table the inventory lacks
// is emptied to its header so the folder stays one bundle, and nothing is deleted.
TEST(Writers, ReplacingABundleEmptiesStaleTablesAndKeepsOtherFiles) {
  ScratchDir dir;
  const auto out = dir / "out";
  std::filesystem::copy(fixture("rich"), out);
  std::ofstream(out / "README.txt") << "mine";
  ASSERT_TRUE(write_csv_bundle(small(), out, {.replace = true}));
  EXPECT_EQ(names_in(out), (std::vector<std::string>{"README.txt", "elements.csv", "evidence.csv", "facilities.csv",
                                                     "links.csv", "meta.csv", "operators.csv", "sites.csv"}));
  EXPECT_EQ(slurp(out / "operators.csv"), "id\nop\n");
  EXPECT_EQ(slurp(out / "meta.csv"), "key,value\n");
  EXPECT_TRUE(slurp(out / "evidence.csv").ends_with("\n"));
  EXPECT_EQ(std::ranges::count(slurp(out / "evidence.csv"), '\n'), 1);
  EXPECT_EQ(slurp(out / "README.txt"), "mine");
  EXPECT_TRUE(read_csv_bundle(out)) << "the replaced folder is one bundle";
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"out"});  // no temporary folder left
}

TEST(Writers, JsonReplacesAnExistingFile) {
  ScratchDir dir;
  std::ofstream(dir / "net.json") << "old";
  ASSERT_TRUE(write_json(small(), dir / "net.json"));
  EXPECT_TRUE(slurp(dir / "net.json").starts_with("{\n  \"format\": \"netvet-inventory\""));
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"net.json"});
}

TEST(Writers, UnwritableDestinationsFailWithoutLeftovers) {
  ScratchDir dir;
  std::ofstream(dir / "plain.txt") << "a file, not a folder";
  const auto json = write_json(small(), dir / "plain.txt" / "net.json");
  ASSERT_FALSE(json);
  EXPECT_NE(json.error().front().message.find("cannot create"), std::string::npos) << json.error().front().to_string();
  EXPECT_EQ(json.error().front().file, (dir / "plain.txt" / "net.json").string());
  const auto csv = write_csv_bundle(small(), dir / "plain.txt" / "bundle");
  ASSERT_FALSE(csv);
  const auto onto_file = write_csv_bundle(small(), dir / "plain.txt");
  ASSERT_FALSE(onto_file);
  EXPECT_NE(onto_file.error().front().message.find("not a folder"), std::string::npos);
  const auto missing = write_inventory(small(), dir / "no" / "such" / "dir" / "net.json", Format::json);
  ASSERT_FALSE(missing);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"plain.txt"});
  EXPECT_EQ(slurp(dir / "plain.txt"), "a file, not a folder");
}

}  // namespace
}  // namespace netvet::io
