// Every error of a JSON document, each from a small file under fixtures/io/bad_json/:
// the JSON pointer, the key, the value and what was expected.

#include <gtest/gtest.h>

#include "io/inventory_io.h"
#include "io_test_util.h"

namespace netvet::io {
namespace {

using testing::describe;
using testing::expect;
using testing::find_message;
using testing::fixture;

Diagnostics bad(const std::string& name) {
  return testing::problems_of([&] { return read_json(fixture("bad_json/" + name)); });
}


TEST(JsonErrors, SyntaxErrorHasLineAndColumn) {
  const auto ds = bad("syntax_error.json");
  ASSERT_EQ(ds.size(), 1u) << describe(ds);
  const auto& d = expect(ds, "JSON syntax error at line");
  EXPECT_GT(d.line, 1);
  EXPECT_GT(d.col, 0);
  EXPECT_TRUE(d.file.ends_with("syntax_error.json"));
}

TEST(JsonErrors, FormatAndVersion) {
  const auto& format = expect(bad("wrong_format.json"), "wrong format 'geojson'");
  EXPECT_EQ(format.pointer, "/format");
  EXPECT_NE(format.message.find("netvet-inventory"), std::string::npos);
  EXPECT_EQ(expect(bad("missing_version.json"), "missing key 'version'").pointer, "/version");
  const auto& version = expect(bad("wrong_version.json"), "unsupported version '2'");
  EXPECT_EQ(version.value, "2");
  expect(bad("missing_table.json"), "missing required key 'links'");
}

TEST(JsonErrors, WrongTypesNameThePointer) {
  const auto& vendor = expect(bad("wrong_type.json"), "wrong JSON type: expected a string, found a number");
  EXPECT_EQ(vendor.pointer, "/elements/2/vendor");
  EXPECT_EQ(vendor.value, "7");
  const auto& attribute = expect(bad("attribute_object.json"), "found an object");
  EXPECT_EQ(attribute.pointer, "/elements/1/rack");
  EXPECT_EQ(expect(bad("list_not_array.json"), "expected an array of strings, found a string").pointer,
            "/elements/0/generation");
  EXPECT_EQ(expect(bad("list_item_type.json"), "expected a string in the array, found a number").pointer,
            "/elements/0/tags/1");
  EXPECT_EQ(expect(bad("number_as_string.json"), "expected a number, found a string").pointer, "/sites/0/lat");
  expect(bad("top_level_array.json"), "not a netvet inventory JSON document: its top-level value is not an object");
  expect(bad("trailing_content.json"), "JSON syntax error");
}

TEST(JsonErrors, ContentErrorsUseJsonPointers) {
  const auto ds = bad("unknown_function.json");
  ASSERT_EQ(ds.size(), 1u) << describe(ds);
  const auto& function = expect(ds, "unknown function 'gnodebb'; did you mean");
  EXPECT_EQ(function.pointer, "/elements/1/function");
  EXPECT_NE(function.to_string().find("at /elements/1/function"), std::string::npos);
  const auto links = bad("dangling_links.json");
  ASSERT_EQ(links.size(), 5u) << describe(links);
  EXPECT_EQ(links[0].pointer, "/links/0/b");
  EXPECT_EQ(links[0].value, "X0");
  EXPECT_EQ(links[4].count, 12);  // the last one shown carries the total
}

TEST(JsonErrors, MalformedRangeKm) {
  const auto ds = bad("bad_range.json");
  ASSERT_EQ(ds.size(), 2u) << describe(ds);
  const auto& negative = expect(ds, "malformed distance '-2.5'");
  EXPECT_EQ(negative.pointer, "/sites/0/range_km");
  EXPECT_EQ(negative.column, "range_km");
  EXPECT_EQ(expect(ds, "expected a number, found a string").pointer, "/sites/2/range_km");
}

TEST(JsonErrors, EmptyAndBinaryFiles) {
  expect(bad("empty.json"), "the file is empty");
  const auto& binary = expect(bad("binary.json"), "not UTF-8 text");
  EXPECT_NE(binary.message.find("byte 0x02 at byte offset 4"), std::string::npos) << binary.message;
  EXPECT_EQ(binary.line, 1);
  expect(testing::problems_of([] { return read_inventory(fixture("bad_json/none.json")); }), "no such file");
}

}  // namespace
}  // namespace netvet::io
