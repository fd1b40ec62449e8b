// read_csv_tables: a CSV bundle held in memory reads exactly as the same files in a folder
// — the same inventory, the same problems (named by file name alone) — and what a folder
// cannot hold (an unknown table file, one given twice) is a problem of its own.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/inventory_io.h"
#include "io_test_util.h"

namespace netvet::io {
namespace {

using testing::describe;
using testing::expect;
using testing::fixture;
using testing::slurp;

// The bundle's table files of `folder`, in memory; `texts` keeps their bytes.
std::vector<CsvTableText> tables_of(const std::filesystem::path& folder, std::vector<std::string>& texts) {
  std::vector<CsvTableText> tables;
  texts.reserve(16);
  for (const auto& name : csv_bundle_files()) {
    if (!std::filesystem::exists(folder / name)) continue;
    texts.push_back(slurp(folder / name));
    tables.push_back({name, texts.back()});
  }
  return tables;
}

// A diagnostic as text with the folder left out of its file name.
std::string without_folder(Diagnostic d, const std::filesystem::path& folder) {
  const std::string prefix = folder.string() + "/";
  if (d.file.starts_with(prefix)) d.file.erase(0, prefix.size());
  return d.to_string() + " | value " + d.value + " | column " + d.column;
}

std::string json_of(const Inventory& inventory, const testing::ScratchDir& scratch, const std::string& name) {
  EXPECT_TRUE(write_json(inventory, scratch / name));
  return slurp(scratch / name);
}

TEST(CsvTables, EveryFixtureReadsAsItsFolderDoes) {
  testing::ScratchDir scratch;
  std::vector<std::filesystem::path> folders = {fixture("rich"), fixture("aliases")};
  for (const auto& entry : std::filesystem::directory_iterator(fixture("bad")))
    if (entry.is_directory()) folders.push_back(entry.path());
  ASSERT_GT(folders.size(), 20u);
  for (const auto& folder : folders) {
    SCOPED_TRACE(folder.string());
    std::vector<std::string> texts;
    const auto tables = tables_of(folder, texts);
    auto from_folder = read_csv_bundle(folder);
    auto from_memory = read_csv_tables(tables);
    ASSERT_EQ(from_folder.has_value(), from_memory.has_value());
    if (from_folder) {
      EXPECT_EQ(json_of(*from_folder, scratch, "folder.json"), json_of(*from_memory, scratch, "memory.json"));
      continue;
    }
    ASSERT_EQ(from_folder.error().size(), from_memory.error().size()) << describe(from_memory.error());
    for (std::size_t i = 0; i < from_folder.error().size(); ++i) {
      EXPECT_EQ(without_folder(from_folder.error()[i], folder), without_folder(from_memory.error()[i], folder));
      EXPECT_EQ(from_memory.error()[i].file.find('/'), std::string::npos) << from_memory.error()[i].file;
    }
  }
}

TEST(CsvTables, UnknownAndRepeatedTableFilesAreRefused) {
  std::vector<std::string> texts;
  auto tables = tables_of(fixture("rich"), texts);
  ASSERT_TRUE(read_csv_tables(tables));
  auto more = tables;
  more.push_back({"routers.csv", "id\nR1\n"});
  more.push_back({"sites.csv", tables[1].text});
  const auto ds = read_csv_tables(more);
  ASSERT_FALSE(ds);
  ASSERT_EQ(ds.error().size(), 2u) << describe(ds.error());
  const auto& unknown = expect(ds.error(), "unknown table file 'routers.csv'");
  EXPECT_EQ(unknown.file, "routers.csv");
  EXPECT_NE(unknown.message.find("operators.csv, sites.csv"), std::string::npos);
  EXPECT_EQ(expect(ds.error(), "table file 'sites.csv' given twice").file, "sites.csv");
}

TEST(CsvTables, MissingAndEmptyTables) {
  std::vector<std::string> texts;
  auto tables = tables_of(fixture("rich"), texts);
  std::erase_if(tables, [](const CsvTableText& t) { return t.name == "links.csv"; });
  const auto missing = read_csv_tables(tables);
  ASSERT_FALSE(missing);
  EXPECT_EQ(expect(missing.error(), "missing required table file 'links.csv'").file, "links.csv");
  tables.push_back({"links.csv", ""});
  const auto empty = read_csv_tables(tables);
  ASSERT_FALSE(empty);
  EXPECT_EQ(expect(empty.error(), "the file is empty").file, "links.csv");
  EXPECT_FALSE(read_csv_tables({}));
}

}  // namespace
}  // namespace netvet::io
