// Every error of a CSV bundle, each from a small fixture under fixtures/io/bad/: the file,
// row, column and value it names, and the words that tell the user what was expected.

#include <fmt/format.h>
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
  return testing::problems_of([&] { return read_csv_bundle(fixture("bad/" + name)); });
}


bool ends_with(const std::string& s, const std::string& tail) { return s.ends_with(tail); }

TEST(CsvErrors, UnknownFunctionSuggestsClosestNames) {
  const auto ds = bad("unknown_function");
  ASSERT_EQ(ds.size(), 1u) << describe(ds);
  const auto& d = expect(ds, "unknown function 'gnodebb'");
  EXPECT_TRUE(ends_with(d.file, "elements.csv"));
  EXPECT_EQ(d.row, 2);
  EXPECT_EQ(d.column, "function");
  EXPECT_EQ(d.value, "gnodebb");
  EXPECT_NE(d.message.find("gnb"), std::string::npos) << d.message;
  EXPECT_NE(d.to_string().find("elements.csv:3"), std::string::npos) << d.to_string();
}

TEST(CsvErrors, DanglingReferences) {
  {
    const auto ds = bad("dangling_site");
    const auto& d = expect(ds, "unknown site 'S9'");
    EXPECT_EQ(d.row, 2);
    EXPECT_EQ(d.column, "site");
    EXPECT_EQ(d.value, "S9");
  }
  {
    const auto ds = bad("dangling_operator");
    const auto& site = expect(ds, "unknown operator 'op-z'");
    EXPECT_TRUE(ends_with(site.file, "sites.csv"));
    EXPECT_EQ(site.row, 2);
    EXPECT_EQ(site.column, "operator");
    const auto& element = expect(ds, "unknown operator 'op-y'");
    EXPECT_TRUE(ends_with(element.file, "elements.csv"));
    EXPECT_EQ(element.row, 1);
    EXPECT_EQ(ds.size(), 2u) << describe(ds);
  }
  {
    const auto ds = bad("facility_served_by");
    ASSERT_EQ(ds.size(), 1u) << describe(ds);
    const auto& d = expect(ds, "unknown site 'S9'");
    EXPECT_TRUE(ends_with(d.file, "facilities.csv"));
    EXPECT_EQ(d.column, "served_by");
  }
}

TEST(CsvErrors, DanglingLinksAreFoldedWithATotal) {
  const auto ds = bad("dangling_links");
  ASSERT_EQ(ds.size(), 5u) << describe(ds);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(ds[i].row, static_cast<std::int64_t>(i + 2));
    EXPECT_EQ(ds[i].column, "b");
    EXPECT_EQ(ds[i].value, fmt::format("X{}", i));
  }
  EXPECT_EQ(ds[4].count, 12);  // the last one shown carries the total
  EXPECT_NE(ds[4].to_string().find("[12 instances in total]"), std::string::npos) << ds[4].to_string();
}

TEST(CsvErrors, EvidenceSubjectsOfAllKinds) {
  const auto ds = bad("evidence_subjects");
  EXPECT_EQ(expect(ds, "unknown element 'E12'").row, 2);
  const auto& model = expect(ds, "unknown model 'NOPE'");
  EXPECT_EQ(model.row, 3);
  EXPECT_EQ(model.value, "model:huawei/NOPE");
  EXPECT_EQ(expect(ds, "unknown vendor 'acme'").row, 4);
  EXPECT_EQ(expect(ds, "expected model:VENDOR/MODEL").row, 5);
  EXPECT_EQ(ds.size(), 4u) << describe(ds);
}

TEST(CsvErrors, DuplicateIdNamesTheFirstRow) {
  const auto ds = bad("duplicate_ids");
  ASSERT_EQ(ds.size(), 1u) << describe(ds);
  const auto& d = expect(ds, "duplicate id 'E1'");
  EXPECT_EQ(d.row, 4);
  EXPECT_NE(d.message.find("on row 1"), std::string::npos);
}

TEST(CsvErrors, MalformedValues) {
  const auto& integer = expect(bad("bad_integer"), "malformed integer '12k'");
  EXPECT_EQ(integer.column, "subscribers");
  EXPECT_EQ(integer.row, 1);
  const auto& date = expect(bad("bad_date"), "malformed date '2021-02-30'");
  EXPECT_EQ(date.column, "installed");
  EXPECT_NE(date.message.find("YYYY-MM-DD"), std::string::npos);
  const auto coords = bad("bad_coordinates");
  const auto& lat = expect(coords, "out of range");
  EXPECT_EQ(lat.column, "lat");
  EXPECT_EQ(lat.value, "91");
  EXPECT_NE(lat.message.find("-90 to 90"), std::string::npos);
  const auto& lon = expect(coords, "malformed coordinate 'abc'");
  EXPECT_EQ(lon.column, "lon");
  EXPECT_EQ(lon.row, 2);
  const auto& country = expect(bad("bad_country"), "malformed country 'United Kingdom'");
  EXPECT_NE(country.message.find("alpha-2"), std::string::npos);
  const auto& half = expect(bad("half_coordinates"), "lon is missing");
  EXPECT_EQ(half.row, 1);
  // Counts are bounded so that no sum of them wraps around (util/checked.h).
  const auto huge = bad("huge_subscribers");
  const auto& count = expect(huge, "count 9000000000000000000 is too large");
  EXPECT_EQ(count.column, "subscribers");
  EXPECT_EQ(count.row, 1);
  EXPECT_NE(count.message.find("from 0 to 1000000000000"), std::string::npos);
}

// range_km: finite, 0 or more; each bad value named with its row and column.
TEST(CsvErrors, MalformedRangeKm) {
  const auto ds = bad("bad_range");
  ASSERT_EQ(ds.size(), 3u) << describe(ds);
  const auto& negative = expect(ds, "malformed distance '-1'");
  EXPECT_TRUE(ends_with(negative.file, "sites.csv"));
  EXPECT_EQ(negative.row, 1);
  EXPECT_EQ(negative.column, "range_km");
  EXPECT_EQ(negative.value, "-1");
  EXPECT_NE(negative.message.find("0 or more"), std::string::npos) << negative.message;
  EXPECT_EQ(expect(ds, "malformed distance 'far'").row, 3);
  EXPECT_EQ(expect(ds, "malformed distance 'inf'").row, 4);
}

TEST(CsvErrors, RequiredValuesAndColumns) {
  const auto& coords = expect(bad("facility_missing_coords"), "required value is missing");
  EXPECT_EQ(coords.column, "lat");
  EXPECT_TRUE(ends_with(coords.file, "facilities.csv"));
  const auto& vendor = expect(bad("empty_required_value"), "required value is missing");
  EXPECT_EQ(vendor.column, "vendor");
  EXPECT_EQ(vendor.row, 2);
  const auto ds = bad("missing_column");
  ASSERT_EQ(ds.size(), 1u) << describe(ds);  // no cascade of "unknown element" from links
  const auto& column = expect(ds, "missing required column 'vendor'");
  EXPECT_EQ(column.row, 0);
  EXPECT_NE(column.message.find("id, site, function, vendor"), std::string::npos);
}

TEST(CsvErrors, UnknownEnumValuesListTheValidNames) {
  const auto ds = bad("unknown_enums");
  EXPECT_NE(expect(ds, "unknown site kind 'tower'").message.find("cell, hub, aggregation, metro, core, datacenter or exchange"),
            std::string::npos);
  EXPECT_NE(expect(ds, "unknown link kind 'wireless'").message.find("transport, manages or hosts"), std::string::npos);
  EXPECT_NE(expect(ds, "unknown facility kind 'castle'").message.find("embassy"), std::string::npos);
  EXPECT_NE(expect(ds, "unknown evidence type 'rumour'").message.find("sbom"), std::string::npos);
  const auto& generation = expect(ds, "unknown generation '6G'");
  EXPECT_EQ(generation.value, "6G");
  EXPECT_NE(generation.message.find("2G, 3G, 4G or 5G"), std::string::npos);
  EXPECT_EQ(ds.size(), 5u) << describe(ds);
}

TEST(CsvErrors, MalformedCsvNamesLineAndColumn) {
  const auto& quote = expect(bad("malformed_csv"), "malformed CSV");
  EXPECT_EQ(quote.line, 3);
  EXPECT_NE(quote.message.find("RFC 4180"), std::string::npos);
  const auto& open = expect(bad("unterminated_quote"), "malformed CSV");
  EXPECT_EQ(open.line, 3);
  EXPECT_EQ(open.col, 7);  // the quote that never closes
}

TEST(CsvErrors, BinaryAndEmptyAndMissingFiles) {
  const auto& binary = expect(bad("binary"), "not UTF-8 text");
  EXPECT_TRUE(ends_with(binary.file, "elements.csv"));
  EXPECT_EQ(binary.line, 3);
  EXPECT_NE(binary.message.find("byte offset 53"), std::string::npos) << binary.message;
  EXPECT_EQ(binary.value, "0xFF");
  const auto& nul = expect(bad("nul_byte"), "byte 0x00");
  EXPECT_TRUE(ends_with(nul.file, "links.csv"));
  const auto& empty = expect(bad("empty_file"), "the file is empty");
  EXPECT_TRUE(ends_with(empty.file, "links.csv"));
  const auto& missing = expect(bad("missing_file"), "missing required table file 'links.csv'");
  EXPECT_TRUE(ends_with(missing.file, "links.csv"));
  const auto& folder = expect(testing::problems_of([] { return read_csv_bundle(fixture("bad/no_such_bundle")); }),
                              "not a folder");
  EXPECT_FALSE(folder.file.empty());
}

TEST(CsvErrors, MetaAndRaggedRows) {
  const auto ds = bad("bad_meta");
  const auto& as_of = expect(ds, "malformed date '30/06/2025'");
  EXPECT_TRUE(ends_with(as_of.file, "meta.csv"));
  EXPECT_EQ(as_of.row, 2);
  EXPECT_EQ(as_of.column, "value");
  expect(ds, "malformed country 'GBR'");
  const auto& ragged = expect(bad("ragged_row"), "row has 3 fields; expected 5");
  EXPECT_EQ(ragged.row, 2);
}

}  // namespace
}  // namespace netvet::io
