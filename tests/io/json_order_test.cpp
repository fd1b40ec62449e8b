// JSON objects are unordered (RFC 8259): a document whose tables come in any order —
// links before elements before sites, as `jq -S` or Python's sort_keys write them —
// reads as the same inventory, by both of read_json's ways and from memory.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gen/generate.h"
#include "io/inventory_io.h"

namespace netvet::io {
namespace {

// The document with its top-level members in the given order.
std::string reordered(const std::string& document, const std::vector<std::string>& order) {
  const auto original = nlohmann::ordered_json::parse(document);
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& key : order)
    if (original.contains(key)) out[key] = original[key];
  return out.dump(1);
}

TEST(JsonOrder, TablesInAnyOrderReadAsTheSameInventory) {
  const auto folder = std::filesystem::temp_directory_path() / "netvet-json-order";
  std::filesystem::create_directories(folder);
  const auto original = folder / "original.json";
  auto network = gen::generate({.country = "GB", .sites = 60, .seed = 3});
  ASSERT_TRUE(network);
  ASSERT_TRUE(write_json(*network, original));
  std::ifstream in(original);
  std::ostringstream read_back;
  read_back << in.rdbuf();
  const std::string text = read_back.str();
  const auto expected = read_json(original);
  ASSERT_TRUE(expected);
  for (const auto& order : std::vector<std::vector<std::string>>{
           {"evidence", "facilities", "links", "elements", "sites", "operators", "meta", "version", "format"},
           {"elements", "format", "links", "meta", "operators", "sites", "version", "facilities"},
           {"links", "format", "version", "elements", "operators", "sites", "facilities", "meta"}}) {
    const std::string document = reordered(text, order);
    const auto path = folder / "reordered.json";
    { std::ofstream(path) << document; }
    for (const auto& read : {read_json(path), read_json_text(document, "reordered.json")}) {
      ASSERT_TRUE(read) << order.front() << ": " << read.error().front().to_string();
      EXPECT_EQ(read->elements.size(), expected->elements.size());
      EXPECT_EQ(read->links.size(), expected->links.size());
      EXPECT_EQ(read->sites.size(), expected->sites.size());
      EXPECT_EQ(read->facilities.size(), expected->facilities.size());
      for (Index e = 0; e < read->elements.size(); e += 17)
        EXPECT_EQ(read->str(read->elements.id[e]), expected->str(expected->elements.id[e]));
    }
  }
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace netvet::io
