// Reading the rich bundle, and round trips between the CSV and JSON forms: canonical
// input comes back byte for byte; aliases and loose spellings settle after one trip.

#include <gtest/gtest.h>

#include <cmath>

#include "io/inventory_io.h"
#include "io_test_util.h"

namespace netvet::io {
namespace {

using testing::fixture;
using testing::ScratchDir;
using testing::slurp;

const char* const kBundleFiles[] = {"operators.csv", "sites.csv", "elements.csv", "links.csv",
                                    "facilities.csv", "evidence.csv", "meta.csv"};

Inventory load(const std::filesystem::path& path) {
  auto inv = read_inventory(path);
  EXPECT_TRUE(inv.has_value()) << (inv ? "" : testing::describe(inv.error()));
  return inv ? std::move(*inv) : Inventory{};
}

std::size_t extra_column(const ExtraColumns& extra, const std::string& name) {
  return static_cast<std::size_t>(std::ranges::find(extra.names, name) - extra.names.begin());
}

TEST(RichBundle, ReadsEveryTableAndColumn) {
  const Inventory inv = load(fixture("rich"));
  ASSERT_EQ(inv.operators.size(), 2u);
  ASSERT_EQ(inv.sites.size(), 5u);
  ASSERT_EQ(inv.elements.size(), 10u);
  ASSERT_EQ(inv.links.size(), 8u);
  ASSERT_EQ(inv.facilities.size(), 3u);
  ASSERT_EQ(inv.evidence.size(), 3u);

  EXPECT_EQ(inv.str(inv.operators.name[0]), "Alpha Mobile, plc");
  EXPECT_EQ(inv.str(inv.operators.name[1]), "Beta Télécom");
  EXPECT_EQ(inv.operators.subscribers[0], 21000000);
  EXPECT_EQ(inv.operators.subscribers[1], 0);
  EXPECT_EQ(name_of(inv.operators.country[1]), "FR");
  const auto parent = extra_column(inv.operators.extra, "mvno_parent");
  ASSERT_LT(parent, inv.operators.extra.names.size());
  EXPECT_EQ(inv.str(inv.operators.extra.values[parent][1]), "op-a");

  const Index s1 = *inv.find_site("S1"), s4 = *inv.find_site("S4"), s5 = *inv.find_site("S5");
  EXPECT_EQ(inv.str(inv.sites.name[s1]), "London \"Central\"");
  EXPECT_DOUBLE_EQ(inv.sites.lat[s1], 51.5074);
  EXPECT_TRUE(std::isnan(inv.sites.lat[s4]));
  EXPECT_EQ(inv.sites.kind[s4], SiteKind::datacenter);
  EXPECT_EQ(inv.str(inv.sites.name[s5]), " padded ");
  EXPECT_DOUBLE_EQ(inv.sites.range_km[s1], 1.5);
  EXPECT_EQ(inv.sites.range_km[*inv.find_site("S3")], 0.0);
  EXPECT_TRUE(std::isnan(inv.sites.range_km[s4]));
  ASSERT_EQ(inv.sites.tags[s1].size(), 2u);
  EXPECT_EQ(inv.str(inv.sites.tags[s1][1]), "rooftop");
  const auto landlord = extra_column(inv.sites.extra, "landlord");
  EXPECT_EQ(inv.str(inv.sites.extra.values[landlord][s4]), "multi\nline");

  const Index e1 = *inv.find_element("E1"), e5 = *inv.find_element("E5"), e7 = *inv.find_element("E7"),
              e8 = *inv.find_element("E8");
  EXPECT_EQ(inv.function_of(e1).id, "gnb");
  EXPECT_EQ(inv.elements.generation[e1], kGen4G | kGen5G);
  EXPECT_EQ(inv.elements.generation[*inv.find_element("E6")], kGen2G | kGen3G | kGen4G);
  EXPECT_EQ(inv.elements.installed[e1], date_from_ymd(2021, 3, 4));
  EXPECT_EQ(inv.elements.vendor[e1], inv.elements.vendor[e5]);  // two spellings, one vendor
  EXPECT_EQ(inv.vendor_id(inv.elements.vendor[e5]), "huawei");
  EXPECT_EQ(inv.str(inv.elements.vendor_text[e5]), "Huawei Technologies Co., Ltd.");
  EXPECT_EQ(inv.vendor_id(inv.elements.vendor[e7]), "acme-radio-ltd");
  EXPECT_EQ(inv.elements.op[e8], *inv.find_operator("op-b"));  // on op-a's site
  EXPECT_EQ(inv.elements.site[e8], s1);

  EXPECT_EQ(inv.links.kind[2], LinkKind::manages);
  EXPECT_EQ(inv.links.a[2], e5);
  const auto cable = extra_column(inv.links.extra, "cable");
  EXPECT_EQ(inv.str(inv.links.extra.values[cable][7]), "say \"hi\"");

  const Index f2 = *inv.find_facility("F2");
  ASSERT_EQ(inv.facilities.served_by[f2].size(), 2u);
  EXPECT_EQ(inv.facilities.served_by[f2][1], *inv.find_site("S3"));
  EXPECT_EQ(inv.facilities.kind[f2], FacilityKind::military);
  EXPECT_EQ(name_of(inv.facilities.owner[0]), "US");

  EXPECT_EQ(inv.evidence.subject_kind[0], SubjectKind::element);
  EXPECT_EQ(inv.evidence.subject_element[0], e1);
  EXPECT_EQ(inv.evidence.subject_kind[1], SubjectKind::model);
  EXPECT_EQ(inv.str(inv.evidence.subject_model[1]), "AAU5613");
  EXPECT_EQ(inv.vendor_id(inv.evidence.subject_vendor[1]), "huawei");
  EXPECT_EQ(inv.evidence.subject_kind[2], SubjectKind::vendor);
  EXPECT_EQ(inv.vendor_id(inv.evidence.subject_vendor[2]), "zte");
  EXPECT_EQ(inv.evidence.expires[0], date_from_ymd(2026, 1, 15));

  EXPECT_EQ(inv.str(inv.meta.name), "Rich test network");
  EXPECT_EQ(name_of(inv.meta.country), "GB");
  EXPECT_EQ(inv.meta.as_of, date_from_ymd(2025, 6, 30));
  EXPECT_EQ(inv.str(inv.meta.extra.values[extra_column(inv.meta.extra, "source")][0]), "hand made, for io tests");
}

TEST(RoundTrip, CsvToJsonToCsvIsByteIdentical) {
  ScratchDir dir;
  const Inventory from_csv = load(fixture("rich"));
  ASSERT_TRUE(write_inventory(from_csv, dir / "net.json", Format::json));
  const Inventory from_json = load(dir / "net.json");
  ASSERT_TRUE(write_inventory(from_json, dir / "again", Format::csv));
  for (const char* file : kBundleFiles)
    EXPECT_EQ(slurp(dir / "again" / file), slurp(fixture("rich") / file)) << file;
  // and CSV -> CSV directly
  ASSERT_TRUE(write_csv_bundle(from_csv, dir / "direct"));
  for (const char* file : kBundleFiles)
    EXPECT_EQ(slurp(dir / "direct" / file), slurp(fixture("rich") / file)) << file;
}

TEST(RoundTrip, JsonToCsvToJsonIsByteIdentical) {
  ScratchDir dir;
  ASSERT_TRUE(write_json(load(fixture("rich")), dir / "first.json"));
  ASSERT_TRUE(write_csv_bundle(load(dir / "first.json"), dir / "bundle"));
  ASSERT_TRUE(write_json(load(dir / "bundle"), dir / "second.json"));
  const std::string first = slurp(dir / "first.json");
  EXPECT_EQ(first, slurp(dir / "second.json"));
  EXPECT_NE(first.find("\"generation\":[\"4G\",\"5G\"]"), std::string::npos) << first;
  EXPECT_NE(first.find("\"lat\":51.5074"), std::string::npos);
  EXPECT_NE(first.find("\"range_km\":1.5"), std::string::npos) << "a number, not a string";
}

TEST(RoundTrip, AliasesAndLooseSpellingsNormaliseOnceThenStayStable) {
  ScratchDir dir;
  const Inventory loose = load(fixture("aliases"));
  EXPECT_EQ(loose.function_of(0).id, "gnb");
  ASSERT_TRUE(write_csv_bundle(loose, dir / "one"));
  const std::string elements = slurp(dir / "one" / "elements.csv");
  EXPECT_NE(elements.find("E1,S1,gnb,HUAWEI,op-a"), std::string::npos) << elements;
  EXPECT_NE(elements.find("E2,S1,du,"), std::string::npos) << elements;
  EXPECT_NE(elements.find("E3,S1,ru,"), std::string::npos) << elements;
  EXPECT_NE(slurp(dir / "one" / "sites.csv").find("S1,op-a,cell,51.5,-0.1\n"), std::string::npos);
  ASSERT_TRUE(write_json(load(dir / "one"), dir / "two.json"));
  ASSERT_TRUE(write_csv_bundle(load(dir / "two.json"), dir / "three"));
  for (const char* file : {"operators.csv", "sites.csv", "elements.csv", "links.csv"})
    EXPECT_EQ(slurp(dir / "one" / file), slurp(dir / "three" / file)) << file;
}

TEST(JsonReader, TablesInAnyOrder) {
  const Inventory inv = load(fixture("out_of_order.json"));
  ASSERT_EQ(inv.elements.size(), 3u);
  ASSERT_EQ(inv.links.size(), 2u);
  EXPECT_EQ(inv.links.a[0], *inv.find_element("E2"));
  EXPECT_EQ(inv.elements.site[2], *inv.find_site("S2"));
  EXPECT_EQ(inv.elements.op[2], *inv.find_operator("op-b"));
}

TEST(JsonReader, EscapedStringsAndAttributes) {
  ScratchDir dir;
  std::ofstream(dir / "x.json") << R"({"version": 1, "format": "netvet-inventory",
    "operators": [{"id": "o\u0031", "rank": 3, "live": true, "gone": null}],
    "sites": [{"operator": "o1", "id": "S\"1\"", "lat": -1.5e1, "lon": 0}],
    "elements": [{"id": "E1", "site": "S\"1\"", "function": "gNodeB", "vendor": "Zte\t", "tags": ["a\\b"]}],
    "links": []})";
  const Inventory inv = load(dir / "x.json");
  ASSERT_EQ(inv.operators.size(), 1u);
  EXPECT_EQ(inv.str(inv.operators.id[0]), "o1");
  EXPECT_EQ(inv.str(inv.operators.extra.values[extra_column(inv.operators.extra, "rank")][0]), "3");
  EXPECT_EQ(inv.str(inv.operators.extra.values[extra_column(inv.operators.extra, "live")][0]), "true");
  EXPECT_EQ(inv.str(inv.sites.id[0]), "S\"1\"");
  EXPECT_DOUBLE_EQ(inv.sites.lat[0], -15.0);
  EXPECT_EQ(inv.str(inv.elements.tags[0][0]), "a\\b");
  EXPECT_EQ(inv.vendor_id(inv.elements.vendor[0]), "zte");
}

TEST(Formats, FormatOfPath) {
  EXPECT_EQ(format_of_path(fixture("rich")), Format::csv);
  EXPECT_EQ(format_of_path("some/new/folder/"), Format::csv);
  EXPECT_EQ(format_of_path("net.json"), Format::json);
  EXPECT_FALSE(format_of_path("net.txt"));
}

}  // namespace
}  // namespace netvet::io
