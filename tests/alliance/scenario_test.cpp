// Reading alliance scenarios: a good one with every kind of network and pack, and bad ones
// whose every problem names the file, line, column and value, and says what was expected.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "alliance/scenario.h"
#include "gen/generate.h"
#include "io/inventory_io.h"

namespace netvet::alliance {
namespace {

const std::filesystem::path kScenarios = std::filesystem::path(NETVET_FIXTURES) / "alliance" / "scenarios";

std::string all_of(const Diagnostics& problems) {
  std::string out;
  for (const auto& d : problems) out += d.to_string() + "\n";
  return out;
}

// A valid scenario to break one line of; line numbers below count from its first line.
constexpr std::string_view kGood = R"(format: netvet-alliance
version: 1
name: Test
as_of: 2020-02-01
partner: US
sharing: [us-sharing]
countries:
  - code: GB
    alliances: [five-eyes]
    regime: [gb]
    networks:
      - generate: {sites: 100, seed: 2}
  - code: DE
    networks:
      - inventory: ../../exposure/dual-homed-embassy
)";

std::string with(std::string_view from, std::string_view to) {
  std::string text(kGood);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Every problem of `yaml` (read as "s.yaml" in the fixtures folder) as
// "file:line:col: column 'key': message"; `value` receives the first problem's value.
std::vector<std::string> problems(const std::string& yaml, std::string* value = nullptr) {
  auto scenario = parse_scenario(yaml, "s.yaml", kScenarios);
  EXPECT_FALSE(scenario);
  std::vector<std::string> out;
  if (scenario) return out;
  for (const auto& d : scenario.error())
    out.push_back(fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.col, d.column, d.message));
  if (value) *value = scenario.error().front().value;
  return out;
}

TEST(Scenario, TheGoodScenarioReadsEveryKindOfNetworkAndPack) {
  auto s = load_scenario_file(kScenarios / "good.yaml");
  ASSERT_TRUE(s) << all_of(s.error());
  EXPECT_EQ(s->name, "Two allies, early 2020");
  EXPECT_EQ(s->as_of, *parse_date("2020-02-01"));
  EXPECT_EQ(netvet::name_of(s->partner), "US");
  ASSERT_EQ(s->sharing.size(), 2U);
  EXPECT_EQ(s->sharing[0].id, "us-sharing");
  EXPECT_EQ(s->sharing[1].id, "core-only");  // a pack file, relative to the scenario
  EXPECT_EQ(s->sharing[1].rules.at(0).sharing->applies_to.alliances, (std::vector<std::string>{"five-eyes"}));
  ASSERT_EQ(s->countries.size(), 2U);

  const CountrySpec& gb = s->countries[0];
  EXPECT_EQ(netvet::name_of(gb.code), "GB");
  EXPECT_EQ(gb.name, "United Kingdom");  // from its profile
  EXPECT_EQ(gb.alliances, (std::vector<std::string>{"five-eyes", "nato"}));
  ASSERT_EQ(gb.regime.size(), 1U);
  EXPECT_EQ(gb.regime[0].id, "gb");  // written as its alias uk
  ASSERT_EQ(gb.networks.size(), 2U);
  const auto& json = std::get<InventoryNetwork>(gb.networks[0].source);
  EXPECT_EQ(json.written, "../../policy/us-sharing/ndaa-fy2020-core/quiet/inventory.json");
  EXPECT_TRUE(std::filesystem::is_regular_file(json.path)) << json.path;
  EXPECT_EQ(gb.networks[0].name, json.written);
  const auto& generated = std::get<GeneratedNetwork>(gb.networks[1].source);
  EXPECT_EQ(generated.country, "GB");
  EXPECT_EQ(generated.sites, 300U);
  EXPECT_EQ(generated.seed, 3U);
  EXPECT_EQ(gb.networks[1].name, "a generated GB");
  EXPECT_EQ(gb.networks[1].at.line, 14);

  const CountrySpec& de = s->countries[1];
  EXPECT_EQ(netvet::name_of(de.code), "DE");  // written de
  EXPECT_EQ(de.name, "Deutschland");
  EXPECT_EQ(de.alliances, (std::vector<std::string>{"nato"}));  // one value reads as a list of one
  EXPECT_TRUE(de.regime.empty());
  EXPECT_TRUE(std::filesystem::is_directory(std::get<InventoryNetwork>(de.networks[0].source).path));
  EXPECT_EQ(std::get<GeneratedNetwork>(de.networks[1].source).seed, 1U);  // the default
  EXPECT_EQ(de.networks[1].name, "generated, 200 sites, seed 1");
}

TEST(Scenario, NetworksAreReadOrGeneratedAsTheScenarioSays) {
  auto s = load_scenario_file(kScenarios / "good.yaml");
  ASSERT_TRUE(s) << all_of(s.error());
  // An inventory: the same as reading it directly (9 elements, op1).
  auto json = build_network(s->countries[0].networks[0]);
  ASSERT_TRUE(json) << all_of(json.error());
  EXPECT_EQ(json->elements.size(), 9U);
  EXPECT_TRUE(json->find_operator("op1"));
  auto csv = build_network(s->countries[1].networks[0]);
  ASSERT_TRUE(csv) << all_of(csv.error());
  EXPECT_TRUE(csv->find_operator("alba"));
  // A generated network: what `netvet generate --country GB --sites 300 --seed 3` makes.
  auto generated = build_network(s->countries[0].networks[1]);
  ASSERT_TRUE(generated) << all_of(generated.error());
  auto direct = gen::generate({.country = "GB", .sites = 300, .seed = 3});
  ASSERT_TRUE(direct);
  EXPECT_EQ(generated->elements.size(), direct->elements.size());
  EXPECT_EQ(generated->links.size(), direct->links.size());
  EXPECT_EQ(generated->facilities.size(), direct->facilities.size());
  EXPECT_GT(generated->elements.size(), 300U);
}

TEST(Scenario, TheHeadIsCheckedWhereItIsWritten) {
  std::string value;
  EXPECT_EQ(problems(with("countries:", "contries:"), &value),
            (std::vector<std::string>{"s.yaml:7:1: contries: unknown key 'contries' in a scenario (did you mean 'countries'?)",
                                      "s.yaml:1:1: countries: missing required key 'countries'"}));
  EXPECT_EQ(value, "contries");
  EXPECT_EQ(problems(with("format: netvet-alliance", "format: netvet-inventory")),
            (std::vector<std::string>{"s.yaml:1:9: format: 'netvet-inventory' is not a scenario's format: expected 'netvet-alliance'"}));
  EXPECT_EQ(problems(with("version: 1", "version: 2")),
            (std::vector<std::string>{"s.yaml:2:10: version: version '2' is not one this netvet reads: expected 1"}));
  EXPECT_EQ(problems(with("as_of: 2020-02-01", "as_of: 2020-02-30"), &value),
            (std::vector<std::string>{"s.yaml:4:8: as_of: '2020-02-30' is not a date: day 30 does not exist in February "
                                      "2020, which has 29 days"}));
  EXPECT_EQ(value, "2020-02-30");
  EXPECT_EQ(problems(with("partner: US", "partner: USA")),
            (std::vector<std::string>{"s.yaml:5:10: partner: 'USA' is not a two-letter country code (ISO 3166-1 alpha-2, as GB)"}));
  EXPECT_EQ(problems(with("name: Test\n", "")), (std::vector<std::string>{"s.yaml:1:1: name: missing required key 'name'"}));
  EXPECT_EQ(problems(with("partner: US\n", "partner: US\nreplacement: acme-radio\n")),
            (std::vector<std::string>{"s.yaml:6:14: replacement: 'acme-radio' is not a vendor the registry knows "
                                      "(data/vendors.yaml): the vendor replacements come from"}));
}

TEST(Scenario, ReplacementsComeFromEricssonUnlessTheScenarioNamesAnother) {
  auto plain = parse_scenario(kGood, "s.yaml", kScenarios);
  ASSERT_TRUE(plain) << all_of(plain.error());
  EXPECT_EQ(plain->replacement, "ericsson");
  auto nokia = parse_scenario(with("partner: US\n", "partner: US\nreplacement: Nokia\n"), "s.yaml", kScenarios);
  ASSERT_TRUE(nokia) << all_of(nokia.error());
  EXPECT_EQ(nokia->replacement, "nokia") << "the registry's id for the spelling";
}

TEST(Scenario, PacksMustExistAndBeOfTheirPlacesKind) {
  EXPECT_EQ(problems(with("sharing: [us-sharing]", "sharing: [us-sharng]")).front(),
            "s.yaml:6:11: sharing: no built-in pack 'us-sharng' (did you mean 'us-sharing'?); expected a built-in id "
            "(au, ca, de, eu-toolbox, gb, in, it, jp, nz, se, us, us-colocation or us-sharing) or a pack file's path, "
            "relative to the scenario file");
  EXPECT_EQ(problems(with("sharing: [us-sharing]", "sharing: [us-sharing, gb]")),
            (std::vector<std::string>{"s.yaml:6:23: sharing: 'gb' is a regime pack (a jurisdiction's rules for its own "
                                      "networks): 'sharing' takes sharing packs (kind: sharing); a country's own packs "
                                      "go in its 'regime'"}));
  EXPECT_EQ(problems(with("regime: [gb]", "regime: [gb, us-sharing]")),
            (std::vector<std::string>{"s.yaml:10:18: regime: 'us-sharing' is a sharing pack: a country's 'regime' takes "
                                      "regime packs; sharing packs go in the scenario's 'sharing'"}));
  EXPECT_EQ(problems(with("sharing: [us-sharing]", "sharing: [packs/gb-sharing.yaml]")),
            (std::vector<std::string>{"s.yaml:6:11: sharing: 'packs/gb-sharing.yaml' is a sharing pack of GB, but the "
                                      "scenario's partner is US"}));
  EXPECT_EQ(problems(with("sharing: [us-sharing]", "sharing: [us-sharing, us-allies]")),
            (std::vector<std::string>{"s.yaml:6:23: sharing: pack 'us-sharing' is listed twice"}));
  EXPECT_EQ(problems(with("sharing: [us-sharing]", "sharing: []")),
            (std::vector<std::string>{"s.yaml:6:10: sharing: 'sharing' needs at least one item"}));
  // A pack file with a mistake: reported in the pack file, where the mistake is.
  const auto broken = problems(with("sharing: [us-sharing]", "sharing: [packs/broken.yaml]"));
  ASSERT_EQ(broken.size(), 1U);
  EXPECT_EQ(broken[0], (kScenarios / "packs/broken.yaml").string() +
                           ":26:14: verdict: unknown verdict 'partial': expected restricted or none");
}

TEST(Scenario, CountriesAndNetworksAreCheckedWhereTheyAreWritten) {
  std::string value;
  EXPECT_EQ(problems(with("  - code: DE", "  - code: GB")),
            (std::vector<std::string>{"s.yaml:13:11: code: country GB is listed twice"}));
  EXPECT_EQ(problems(with("    regime: [gb]", "    regimes: [gb]")),
            (std::vector<std::string>{"s.yaml:10:5: regimes: unknown key 'regimes' in a country (did you mean 'regime'?)"}));
  EXPECT_EQ(problems(with("[five-eyes]", "[Five Eyes]")),
            (std::vector<std::string>{"s.yaml:9:17: alliances: alliance 'Five Eyes' must be lowercase letters, digits "
                                      "and '-' (as in five-eyes)"}));
  EXPECT_EQ(problems(with("../../exposure/dual-homed-embassy", "../../exposure/no-such-network"), &value),
            (std::vector<std::string>{fmt::format("s.yaml:15:20: inventory: no inventory at '../../exposure/no-such-network' "
                                                  "(looked for {}): expected a CSV folder or a JSON file, relative to the "
                                                  "scenario file",
                                                  (kScenarios / "../../exposure/no-such-network").string())}));
  EXPECT_EQ(value, "../../exposure/no-such-network");
}

TEST(Scenario, TwoNetworksOfACountryNeedTwoNames) {
  const std::string twice = with("      - generate: {sites: 100, seed: 2}\n",
                                 "      - generate: {sites: 100, seed: 2}\n      - generate: {sites: 100, seed: 2}\n");
  EXPECT_EQ(problems(twice), (std::vector<std::string>{"s.yaml:13:9: networks: two networks of GB are called 'generated, "
                                                       "100 sites, seed 2': give one a `name` of its own"}));
}

TEST(Scenario, GeneratedNetworksNeedAProfileAndASensibleSize) {
  EXPECT_EQ(problems(with("code: GB", "code: FR")),
            (std::vector<std::string>{"s.yaml:12:19: generate: no country profile for FR to generate a network from: "
                                      "profiles exist for AU, CA, DE, GB, IT, JP, NZ, SE or US (data/profiles/); give "
                                      "an inventory instead"}));
  for (const auto* sites : {"0", "2e3", "-5", "5000001", "many"}) {
    std::string value;
    EXPECT_EQ(problems(with("sites: 100", fmt::format("sites: {}", sites)), &value),
              (std::vector<std::string>{fmt::format("s.yaml:12:27: sites: 'sites' must be a whole number from 1 to "
                                                    "5000000, not '{}'", sites)}));
    EXPECT_EQ(value, sites);
  }
  EXPECT_EQ(problems(with("seed: 2", "seed: 18446744073709551616")),
            (std::vector<std::string>{"s.yaml:12:38: seed: 'seed' must be a whole number from 0 to 18446744073709551615, "
                                      "not '18446744073709551616'"}));
  EXPECT_EQ(problems(with("{sites: 100, seed: 2}", "{sites: 100, seeds: 2}")),
            (std::vector<std::string>{"s.yaml:12:32: seeds: unknown key 'seeds' in 'generate' (did you mean 'seed'?)"}));
  EXPECT_EQ(problems(with("      - generate: {sites: 100, seed: 2}\n", "      - generate: {sites: 100}\n        inventory: x.json\n")),
            (std::vector<std::string>{"s.yaml:12:9: networks: a network is an inventory or a generated network, not both"}));
  EXPECT_EQ(problems(with("      - generate: {sites: 100, seed: 2}\n", "      - name: nothing\n")),
            (std::vector<std::string>{"s.yaml:12:9: networks: a network needs 'inventory: PATH' or 'generate: {sites: N, seed: S}'"}));
  EXPECT_EQ(problems(with("    networks:\n      - generate: {sites: 100, seed: 2}\n", "    networks: []\n")),
            (std::vector<std::string>{"s.yaml:11:15: networks: 'networks' must be a list of at least one network "
                                      "({inventory: PATH} or {generate: {sites: N, seed: S}})"}));
}

TEST(Scenario, TextThatIsNotUtf8OrNotYamlIsRefusedWithItsPlace) {
  const auto bad_byte = problems(with("name: Test", "name: Te\xC0\xAFst"));
  ASSERT_EQ(bad_byte.size(), 1U);
  EXPECT_NE(bad_byte[0].find("s.yaml:3:9: : not UTF-8 text: overlong UTF-8 sequence"), std::string::npos) << bad_byte[0];
  const auto syntax = problems(with("sharing: [us-sharing]", "sharing: [us-sharing"));
  ASSERT_EQ(syntax.size(), 1U);
  EXPECT_NE(syntax[0].find("YAML syntax error"), std::string::npos) << syntax[0];
  EXPECT_EQ(problems("- a list\n"), (std::vector<std::string>{
                                         "s.yaml:1:1: : a scenario is a mapping with format: netvet-alliance, version: 1, "
                                         "name, as_of, partner, sharing and countries"}));
}

TEST(Scenario, NamesAreFilesOrBuiltinScenarios) {
  auto file = scenario_named((kScenarios / "good.yaml").string());
  EXPECT_TRUE(file) << all_of(file.error());
  auto missing = scenario_named("no-such-scenario");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().front().message.find("no scenario file and no built-in scenario 'no-such-scenario'"),
            std::string::npos) << missing.error().front().message;
  auto not_a_file = scenario_named((kScenarios / "absent.yaml").string());
  ASSERT_FALSE(not_a_file);
  EXPECT_EQ(not_a_file.error().front().file, (kScenarios / "absent.yaml").string());
}

}  // namespace
}  // namespace netvet::alliance
