// Cost catalogs: the built-in ones cover every function, say where each figure comes from
// and agree with each other; bad catalogs are refused with the file, line, column and
// value of each mistake, and what was expected.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "model/functions.h"
#include "plan/catalog.h"

namespace netvet::plan {
namespace {

std::string all_of(const Diagnostics& problems) {
  std::string out;
  for (const auto& d : problems) out += d.to_string() + "\n";
  return out;
}

// Every built-in catalog, loaded.
std::vector<Catalog> builtins() {
  std::vector<Catalog> out;
  for (const auto& id : builtin_catalog_ids()) {
    auto catalog = builtin_catalog(id);
    EXPECT_TRUE(catalog) << id << ": " << (catalog ? "" : all_of(catalog.error()));
    if (catalog) out.push_back(std::move(*catalog));
  }
  return out;
}

TEST(Catalog, BuiltinCatalogsLoadOnePerCurrency) {
  EXPECT_EQ(builtin_catalog_ids(), (std::vector<std::string>{"cad", "eur", "gbp", "usd"}));
  for (const auto& c : builtins()) {
    EXPECT_EQ(c.currency, fmt::format("{}", c.id == "cad" ? "CAD" : c.id == "eur" ? "EUR" : c.id == "gbp" ? "GBP" : "USD"));
    EXPECT_EQ(c.file, fmt::format("data/catalogs/{}.yaml", c.id));
    EXPECT_FALSE(c.title.empty()) << c.id;
    EXPECT_FALSE(c.version.empty()) << c.id;
    EXPECT_NE(c.reflects, kNoDate) << c.id;
    EXPECT_GT(c.site_visit.cost, 0) << c.id;
    EXPECT_GT(c.site_visit.crew_days, 0) << c.id;
    EXPECT_GT(c.end_of_life_factor, 0) << c.id;
    EXPECT_LT(c.end_of_life_factor, 1) << c.id;
  }
}

TEST(Catalog, BuiltinCatalogsCoverEveryFunctionSoAnyInventoryCanBePriced) {
  for (const auto& c : builtins()) {
    EXPECT_EQ(c.functions.size(), FunctionVocabulary::builtin().size()) << c.id;
    for (const auto& function : FunctionVocabulary::builtin().all()) {
      const CatalogFigure* figure = c.of(function.id);
      ASSERT_NE(figure, nullptr) << c.id << " has no figure for " << function.id;
      EXPECT_GT(figure->cost, 0) << c.id << " " << function.id;
      EXPECT_GT(figure->crew_days, 0) << c.id << " " << function.id;
      EXPECT_GT(figure->lifetime_years, 0) << c.id << " " << function.id;
    }
  }
}

TEST(Catalog, EveryBuiltinFigureCitesASourceOrIsAnAssumptionWithANote) {
  for (const auto& c : builtins()) {
    auto check = [&](std::string_view name, const CatalogFigure& f) {
      EXPECT_TRUE(!f.source.empty() || f.assumption) << c.id << " " << name;
      if (!f.source.empty()) {
        const CatalogSource* source = c.source(f.source);
        ASSERT_NE(source, nullptr) << c.id << " " << name << " cites " << f.source;
        EXPECT_FALSE(source->title.empty());
      }
      if (f.assumption) {
        EXPECT_FALSE(f.note.empty()) << c.id << " " << name;
      }
    };
    check("site_visit", c.site_visit);
    for (const auto& [name, figure] : c.functions) check(name, figure);
    // A conversion from another currency says so, with its rate's source.
    if (c.currency != "EUR") {
      EXPECT_NE(c.of("amf")->note.find("ECB 2024"), std::string::npos) << c.id << ": " << c.of("amf")->note;
    }
  }
}

// The catalogs differ in money only: what a replacement takes in crew-days, how long
// equipment lives and how much end of life saves do not depend on the currency.
TEST(Catalog, BuiltinCatalogsAgreeOnEverythingButMoney) {
  const auto all = builtins();
  ASSERT_EQ(all.size(), 4U);
  const Catalog& gbp = all[2];
  for (const auto& c : all) {
    EXPECT_EQ(c.end_of_life_factor, gbp.end_of_life_factor) << c.id;
    EXPECT_EQ(c.site_visit.crew_days, gbp.site_visit.crew_days) << c.id;
    for (const auto& [name, figure] : gbp.functions) {
      ASSERT_NE(c.of(name), nullptr) << c.id << " " << name;
      EXPECT_EQ(c.of(name)->crew_days, figure.crew_days) << c.id << " " << name;
      EXPECT_EQ(c.of(name)->lifetime_years, figure.lifetime_years) << c.id << " " << name;
    }
  }
  // CAD is GBP converted at 1.75 (both rounded to the nearest 100).
  const Catalog& cad = all[0];
  for (const auto& [name, figure] : gbp.functions)
    EXPECT_NEAR(cad.of(name)->cost / figure.cost, 1.75, 0.02) << name;
  // A site's radio equipment costs what its market's source says: the reference site
  // (visit, three radio units, a baseband, a site router, a microwave hop).
  for (const auto& [c, site] : {std::pair{&all[1], 27300.0}, std::pair{&gbp, 79000.0}, std::pair{&all[3], 474000.0}}) {
    const double total = c->site_visit.cost + 3 * c->of("ru")->cost + c->of("gnb")->cost + c->of("csr")->cost +
                         c->of("microwave")->cost;
    EXPECT_NEAR(total / site, 1, 0.01) << c->id;
  }
}

TEST(Catalog, BuiltinsAreFoundIgnoringCaseAndNamesAreFilesOrBuiltins) {
  auto upper = builtin_catalog("GBP");
  ASSERT_TRUE(upper) << all_of(upper.error());
  EXPECT_EQ(upper->id, "gbp");
  auto missing = builtin_catalog("gpb");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().front().value, "gpb");
  EXPECT_EQ(missing.error().front().file, "--catalog");
  EXPECT_EQ(missing.error().front().message,
            "no built-in cost catalog 'gpb' (did you mean 'gbp'?); built-in catalogs: cad, eur, gbp or "
            "usd, or a catalog file's path");
  auto named = catalog_named("usd");
  ASSERT_TRUE(named) << all_of(named.error());
  EXPECT_EQ(named->currency, "USD");

  const auto dir = std::filesystem::temp_directory_path() / fmt::format("netvet-catalog-test-{}", ::getpid());
  std::filesystem::create_directories(dir);
  const auto path = dir / "mine.yaml";
  std::ofstream(path) << "currency: EUR\nsite_visit: {cost: 1, crew_days: 1, assumption: true, note: guess}\n"
                         "functions:\n  gnodeb: {cost: 2, crew_days: 1, lifetime_years: 8, assumption: true, note: guess}\n";
  auto file = catalog_named(path.string());
  ASSERT_TRUE(file) << all_of(file.error());
  EXPECT_EQ(file->id, "mine") << "a catalog without an id takes its file's name";
  ASSERT_NE(file->of("gnb"), nullptr) << "function ids in any spelling, kept under the canonical id";
  EXPECT_EQ(file->of("gnb")->cost, 2);
  EXPECT_EQ(file->of("gnodeb"), nullptr);
  EXPECT_EQ(file->end_of_life_factor, 1) << "no saving at end of life unless the catalog says so";
  auto absent = catalog_named((dir / "absent.yaml").string());
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().front().file, (dir / "absent.yaml").string());
  auto folder = load_catalog_file(dir);
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().front().message.find("cost catalog"), std::string::npos) << all_of(folder.error());
  std::filesystem::remove_all(dir);
}

// A valid catalog to break one line of; line numbers below count from its first line.
constexpr std::string_view kGood = R"(id: test
title: A test catalog
currency: GBP
reflects: 2024-12-31
sources:
  - id: bt-cap-2020
    title: BT's £500m for the 35% cap
site_visit: {cost: 8000, crew_days: 2, source: bt-cap-2020}
end_of_life_factor: 0.3
functions:
  ru: {cost: 12000, crew_days: 0.5, lifetime_years: 8, source: bt-cap-2020}
  gnb: {cost: 30000, crew_days: 1, lifetime_years: 8, assumption: true, note: a guess}
)";

std::string with(std::string_view from, std::string_view to) {
  std::string text(kGood);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Every problem of `yaml` (read as "c.yaml") as "file:line:col: column: message"; `value`
// receives the first problem's value.
std::vector<std::string> problems(const std::string& yaml, std::string* value = nullptr) {
  auto catalog = parse_catalog(yaml, "c.yaml");
  EXPECT_FALSE(catalog);
  std::vector<std::string> out;
  if (catalog) return out;
  for (const auto& d : catalog.error())
    out.push_back(fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.col, d.column, d.message));
  if (value) *value = catalog.error().front().value;
  return out;
}

TEST(Catalog, TheGoodCatalogReads) {
  auto c = parse_catalog(kGood, "c.yaml");
  ASSERT_TRUE(c) << all_of(c.error());
  EXPECT_EQ(c->id, "test");
  EXPECT_EQ(c->currency, "GBP");
  EXPECT_EQ(format_date(c->reflects), "2024-12-31");
  ASSERT_EQ(c->sources.size(), 1U);
  EXPECT_EQ(c->sources[0].title, "BT's £500m for the 35% cap");
  EXPECT_EQ(c->site_visit.cost, 8000);
  EXPECT_EQ(c->site_visit.source, "bt-cap-2020");
  EXPECT_EQ(c->end_of_life_factor, 0.3);
  ASSERT_NE(c->of("ru"), nullptr);
  EXPECT_EQ(c->of("ru")->crew_days, 0.5);
  EXPECT_FALSE(c->of("ru")->assumption);
  ASSERT_NE(c->of("gnb"), nullptr);
  EXPECT_TRUE(c->of("gnb")->assumption);
  EXPECT_EQ(c->of("gnb")->note, "a guess");
  EXPECT_EQ(c->of("upf"), nullptr);
}

TEST(Catalog, TheHeadIsCheckedWhereItIsWritten) {
  std::string value;
  EXPECT_EQ(problems(with("currency: GBP", "currencey: GBP"), &value),
            (std::vector<std::string>{"c.yaml:3:1: currencey: unknown key 'currencey' in a cost catalog (did you mean 'currency'?)",
                                      "c.yaml:1:1: currency: missing required key 'currency'"}));
  EXPECT_EQ(value, "currencey");
  EXPECT_EQ(problems(with("currency: GBP", "currency: gbp"), &value),
            (std::vector<std::string>{"c.yaml:3:11: currency: 'gbp' is not a currency code: expected three capital "
                                      "letters (ISO 4217, as GBP)"}));
  EXPECT_EQ(value, "gbp");
  EXPECT_EQ(problems(with("currency: GBP", "currency: POUND")),
            (std::vector<std::string>{"c.yaml:3:11: currency: 'POUND' is not a currency code: expected three capital "
                                      "letters (ISO 4217, as GBP)"}));
  EXPECT_EQ(problems(with("reflects: 2024-12-31", "reflects: 2024-12-32"), &value),
            (std::vector<std::string>{"c.yaml:4:11: reflects: '2024-12-32' is not a date: day 32 does not exist in "
                                      "December 2024, which has 31 days"}));
  EXPECT_EQ(value, "2024-12-32");
  for (const auto* factor : {"1.5", "-0.1", "most"}) {
    EXPECT_EQ(problems(with("end_of_life_factor: 0.3", fmt::format("end_of_life_factor: {}", factor)), &value),
              (std::vector<std::string>{fmt::format("c.yaml:9:21: end_of_life_factor: 'end_of_life_factor' must be a "
                                                    "number from 0 to 1 (the share of an element's cost still counted "
                                                    "at the end of its life), not '{}'",
                                                    factor)}));
    EXPECT_EQ(value, factor);
  }
  EXPECT_EQ(problems(with("site_visit: {cost: 8000, crew_days: 2, source: bt-cap-2020}\n", "")),
            (std::vector<std::string>{"c.yaml:1:1: site_visit: missing required key 'site_visit': expected {cost, "
                                      "crew_days, source or assumption}"}));
  const std::string no_functions = std::string(kGood.substr(0, kGood.find("functions:"))) + "functions: {}\n";
  EXPECT_EQ(problems(no_functions),
            (std::vector<std::string>{"c.yaml:10:12: functions: 'functions' needs at least one function's figure"}));
}

TEST(Catalog, SourcesAreListedOnceAndFiguresCiteThem) {
  std::string value;
  EXPECT_EQ(problems(with("    title: BT's £500m for the 35% cap\n",
                          "    title: BT's £500m for the 35% cap\n  - id: bt-cap-2020\n    title: again\n"),
                     &value),
            (std::vector<std::string>{"c.yaml:8:9: id: source id 'bt-cap-2020' is listed twice"}));
  EXPECT_EQ(value, "bt-cap-2020");
  EXPECT_EQ(problems(with("lifetime_years: 8, source: bt-cap-2020}", "lifetime_years: 8, source: bt-cap-2021}"), &value),
            (std::vector<std::string>{"c.yaml:11:64: source: unknown source 'bt-cap-2021' (did you mean 'bt-cap-2020'?)"}));
  EXPECT_EQ(value, "bt-cap-2021");
  EXPECT_EQ(problems(with("lifetime_years: 8, source: bt-cap-2020}", "lifetime_years: 8, source: ofcom}")),
            (std::vector<std::string>{"c.yaml:11:64: source: unknown source 'ofcom'; expected an id of the catalog's "
                                      "sources: bt-cap-2020"}));
  EXPECT_EQ(problems(with("lifetime_years: 8, source: bt-cap-2020}", "lifetime_years: 8}")),
            (std::vector<std::string>{"c.yaml:11:7: ru: the figure for 'ru' cites no source and is not marked "
                                      "'assumption: true': cite an id of the catalog's sources, or mark it as an "
                                      "assumption with a 'note' saying what it rests on"}));
  EXPECT_EQ(problems(with("lifetime_years: 8, source: bt-cap-2020}", "lifetime_years: 8, assumption: false}")),
            (std::vector<std::string>{"c.yaml:11:7: ru: the figure for 'ru' cites no source and is not marked "
                                      "'assumption: true': cite an id of the catalog's sources, or mark it as an "
                                      "assumption with a 'note' saying what it rests on"}));
  EXPECT_EQ(problems(with("assumption: true, note: a guess", "assumption: yes, note: a guess"), &value),
            (std::vector<std::string>{"c.yaml:12:67: assumption: 'assumption' must be true or false, not 'yes'"}));
  EXPECT_EQ(value, "yes");
  EXPECT_EQ(problems(with("assumption: true, note: a guess", "assumption: true")),
            (std::vector<std::string>{"c.yaml:12:8: note: the figure for 'gnb' is an assumption: add a 'note' saying "
                                      "what it rests on"}));
  EXPECT_EQ(problems(with("site_visit: {cost: 8000, crew_days: 2, source: bt-cap-2020}",
                          "site_visit: {cost: 8000, crew_days: 2}")),
            (std::vector<std::string>{"c.yaml:8:13: site_visit: the site visit cites no source and is not marked "
                                      "'assumption: true': cite an id of the catalog's sources, or mark it as an "
                                      "assumption with a 'note' saying what it rests on"}));
}

TEST(Catalog, FunctionsAreTheVocabularysAndFiguresAreNumbers) {
  std::string value;
  EXPECT_EQ(problems(with("  gnb: {", "  gnbb: {"), &value),
            (std::vector<std::string>{"c.yaml:12:3: gnbb: unknown function 'gnbb'; did you mean gnb, gnbdu (= du) or gnbcu "
                                      "(= cu)?"}));
  EXPECT_EQ(value, "gnbb");
  EXPECT_EQ(problems(with("  gnb: {", "  teleporter: {")),
            (std::vector<std::string>{"c.yaml:12:3: teleporter: unknown function 'teleporter'; expected a function id "
                                      "of data/functions.yaml (ru, du, cu, gnb, enb, csr, router, upf, amf, ...)"}));
  EXPECT_EQ(problems(with("  ru: {", "  gnodeb: {")),
            (std::vector<std::string>{"c.yaml:12:3: gnb: function 'gnb' is listed twice (first as 'gnodeb' on line 11)"}));
  for (const auto* cost : {"-5", "twelve", "1_000", ".inf"}) {
    EXPECT_EQ(problems(with("cost: 12000", fmt::format("cost: {}", cost)), &value),
              (std::vector<std::string>{fmt::format("c.yaml:11:14: cost: 'cost' must be a number of at least 0 "
                                                    "(money, in the catalog's currency), not '{}'",
                                                    cost)}));
    EXPECT_EQ(value, cost);
  }
  EXPECT_EQ(problems(with("cost: 12000", "cost: [12000]")),
            (std::vector<std::string>{"c.yaml:11:14: cost: 'cost' must be a number of at least 0 (money, in the "
                                      "catalog's currency), not a list"}));
  EXPECT_EQ(problems(with("crew_days: 0.5", "crew_days: -0.5"), &value),
            (std::vector<std::string>{"c.yaml:11:32: crew_days: 'crew_days' must be a number of at least 0 "
                                      "(crew-days), not '-0.5'"}));
  EXPECT_EQ(problems(with("crew_days: 0.5, ", "")),
            (std::vector<std::string>{"c.yaml:11:7: crew_days: missing required key 'crew_days': expected a number "
                                      "of at least 0 (crew-days)"}));
  EXPECT_EQ(problems(with("lifetime_years: 8, source", "lifetime_years: 0, source")),
            (std::vector<std::string>{"c.yaml:11:53: lifetime_years: 'lifetime_years' must be a number above 0 and "
                                      "at most 100 (years), not '0'"}));
  EXPECT_EQ(problems(with("{cost: 12000,", "{cots: 12000,")).front(),
            "c.yaml:11:8: cots: unknown key 'cots' in the figure for 'ru' (did you mean 'cost'?)");
  EXPECT_EQ(problems(with("site_visit: {cost: 8000,", "site_visit: {lifetime_years: 8, cost: 8000,")),
            (std::vector<std::string>{"c.yaml:8:14: lifetime_years: unknown key 'lifetime_years' in the site visit; "
                                      "expected cost, crew_days, source, assumption or note"}));
  EXPECT_EQ(problems(with("  ru: {cost: 12000, crew_days: 0.5, lifetime_years: 8, source: bt-cap-2020}", "  ru: 12000")),
            (std::vector<std::string>{"c.yaml:11:7: ru: expected the figure for 'ru' as a mapping of keys to values"}));
}

TEST(Catalog, TextThatIsNotUtf8OrNotYamlIsRefusedWithItsPlace) {
  const auto bad_byte = problems(with("title: A test catalog", "title: A te\xC0\xAFst"));
  ASSERT_EQ(bad_byte.size(), 1U);
  EXPECT_NE(bad_byte[0].find("c.yaml:2:12: : not UTF-8 text: overlong UTF-8 sequence"), std::string::npos) << bad_byte[0];
  const auto syntax = problems(with("bt-cap-2020}\nend_of_life", "bt-cap-2020\nend_of_life"));
  ASSERT_EQ(syntax.size(), 1U);
  EXPECT_NE(syntax[0].find("YAML syntax error"), std::string::npos) << syntax[0];
  EXPECT_EQ(problems("- a list\n"), (std::vector<std::string>{"c.yaml:1:1: : a cost catalog is a mapping with currency, "
                                                              "sources, site_visit, end_of_life_factor and functions "
                                                              "(data/catalogs/README.md)"}));
}

}  // namespace
}  // namespace netvet::plan
