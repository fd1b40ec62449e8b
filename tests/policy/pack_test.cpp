// Loading packs: a good pack, and bad packs whose every problem names file:line:column.

#include <gtest/gtest.h>

#include <map>

#include "test_net.h"

namespace netvet::policy {
namespace {

using testing::with_rules;

constexpr std::string_view kRule = R"(  - id: core
    title: No high-risk vendor in the core
    kind: forbid
    severity: critical
    effective: 2023-12-31
    sources: [src]
    remediation: Replace it.
    select: vendor in hrv and domain == core
)";

// Every problem of loading `yaml`, as "line:col: message".
std::vector<std::string> problems(std::string_view yaml) {
  auto pack = parse_pack(yaml, "bad.yaml");
  EXPECT_FALSE(pack);
  std::vector<std::string> out;
  if (pack) return out;
  for (const auto& d : pack.error()) {
    EXPECT_EQ(d.file, "bad.yaml");
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
  }
  return out;
}

std::string with_rule_line(std::string_view from, std::string_view to) {
  std::string rules(kRule);
  rules.replace(rules.find(from), from.size(), to);
  return with_rules(rules);
}

TEST(PackLoader, ReadsAWellFormedPack) {
  auto pack = parse_pack(with_rules(kRule), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_EQ(pack->id, "t");
  EXPECT_EQ(pack->jurisdiction, "GB");
  EXPECT_EQ(pack->reflects, testing::day("2025-01-01"));
  ASSERT_EQ(pack->sources.size(), 1U);
  EXPECT_EQ(pack->sources[0].url, "https://example.org");
  EXPECT_EQ(pack->designations.at("hrv"), (std::vector<std::string>{"huawei", "zte"}));
  ASSERT_EQ(pack->parameters.size(), 2U);
  EXPECT_EQ(pack->parameter_values.at("cap_unit").type, ParamValue::Type::text);
  EXPECT_EQ(pack->parameter_values.at("cap_limit").type, ParamValue::Type::number);
  EXPECT_DOUBLE_EQ(pack->parameter_values.at("cap_limit").number, 0.35);
  EXPECT_EQ(pack->parameters[0].allowed, (std::vector<std::string>{"sites", "elements", "subscribers"}));
  ASSERT_EQ(pack->rules.size(), 1U);
  const Rule& rule = pack->rules[0];
  EXPECT_EQ(rule.kind(), RuleKind::forbid);
  EXPECT_EQ(rule.severity, RuleSeverity::critical);
  EXPECT_EQ(rule.select.selector.text, "vendor in hrv and domain == core");
  EXPECT_TRUE(rule.in_force(testing::day("2023-12-31")));
  EXPECT_FALSE(rule.in_force(testing::day("2023-12-30")));
}

TEST(PackLoader, DesignationsAcceptAnySpellingAndStoreRegistryIds) {
  std::string yaml = with_rules(kRule);
  yaml.replace(yaml.find("hrv: [huawei, zte]"), 18, "hrv: {vendors: [HUAWEI, \"ZTE Corporation\"], description: x}");
  auto pack = parse_pack(yaml, "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_EQ(pack->designations.at("hrv"), (std::vector<std::string>{"huawei", "zte"}));
}

TEST(PackLoader, UnknownKeysAreRejectedWhereTheyAre) {
  std::string yaml = with_rules(kRule);
  yaml.replace(yaml.find("sources:\n"), 8, "sourcse:");
  EXPECT_EQ(problems(yaml).front(), "6:1: unknown key 'sourcse' in a pack (did you mean 'sources'?)");
  EXPECT_EQ(problems(with_rule_line("    remediation: Replace it.\n", "    remediation: Replace it.\n    limt: 3\n")),
            (std::vector<std::string>{"23:5: unknown key 'limt' in a forbid rule; expected id, title, description, kind, "
                                      "severity, effective, end, sources, remediation or select"}));
}

TEST(PackLoader, ExpressionErrorsPointIntoThePlainScalar) {
  // Line 23 is the rule's select; the value starts at column 13.
  EXPECT_EQ(problems(with_rule_line("domain == core", "domian == core")),
            (std::vector<std::string>{"23:31: unknown field 'domian' (did you mean 'domain'?)\n"
                                      "    vendor in hrv and domian == core\n"
                                      "                      ^^^^^^"}));
  EXPECT_EQ(problems(with_rule_line("vendor in hrv", "vendor in hvr")).front().substr(0, 70),
            "23:23: unknown designation or vendor 'hvr' (did you mean 'hrv'?)\n    v");
}

TEST(PackLoader, ExpressionErrorsPointIntoQuotedAndBlockScalars) {
  // Double-quoted: the quote is column 13, the field after it column 14.
  EXPECT_EQ(problems(with_rule_line("select: vendor in hrv and domain == core", "select: \"vendr in hrv\"")).front().substr(0, 6),
            "23:14:");
  // Literal block: the error is on the block's second line (file line 25), column 11.
  EXPECT_EQ(problems(with_rule_line("select: vendor in hrv and domain == core",
                                    "select: |\n      vendor in hrv\n        and domain == cor"))
                .front()
                .substr(0, 50),
            "25:23: unknown domain 'cor' (did you mean 'core'?)");
  // Folded block: lines join with spaces, but positions stay on their own lines.
  EXPECT_EQ(problems(with_rule_line("select: vendor in hrv and domain == core",
                                    "select: >\n      vendor in hrv and\n      (site.kind == cell or\n       sitekind == hub)"))
                .front()
                .substr(0, 45),
            "26:8: unknown field 'sitekind' (did you mean ");
}

TEST(PackLoader, UnknownVendorsInDesignationsAreErrors) {
  std::string yaml = with_rules(kRule);
  yaml.replace(yaml.find("hrv: [huawei, zte]"), 18, "hrv: [huawei, zte, huwei]");
  EXPECT_EQ(problems(yaml), (std::vector<std::string>{"14:22: designation 'hrv' names unknown vendor 'huwei' (did you mean 'huawei'?)"}));
}

TEST(PackLoader, BadDatesAndValuesAreErrors) {
  EXPECT_EQ(problems(with_rule_line("effective: 2023-12-31", "effective: 2023-02-30")),
            (std::vector<std::string>{"20:16: '2023-02-30' is not a date: day 30 does not exist in February 2023, which has 28 days"}));
  EXPECT_EQ(problems(with_rule_line("effective: 2023-12-31", "effective: 2023-12-31\n    end: 2023-01-01")),
            (std::vector<std::string>{"21:10: 'end' must come after 'effective'"}));
  EXPECT_EQ(problems(with_rule_line("severity: critical", "severity: urgent")),
            (std::vector<std::string>{"19:15: unknown severity 'urgent': expected critical, high, medium or low"}));
  EXPECT_EQ(problems(with_rule_line("kind: forbid", "kind: ban")),
            (std::vector<std::string>{"18:11: unknown rule kind 'ban': expected forbid, cap, proximity, require, diversity or exposure"}));
  EXPECT_EQ(problems(with_rule_line("sources: [src]", "sources: [src, scr2]")),
            (std::vector<std::string>{"21:20: unknown source 'scr2' (did you mean 'src'?)"}));
  std::string yaml = with_rules(kRule);
  yaml.replace(yaml.find("reflects: 2025-01-01"), 20, "reflects: 2025-13-01");
  EXPECT_EQ(problems(yaml), (std::vector<std::string>{"5:11: '2025-13-01' is not a date: month 13 is out of range (01-12)"}));
  // A number that is not one is not called a date.
  const std::string cap = with_rule_line("select: vendor in hrv and domain == core",
                                         "select: vendor in hrv\n    kind: cap\n    limit: lots");
  std::string capped = cap;
  capped.replace(capped.find("    kind: forbid\n"), 17, "");
  EXPECT_EQ(problems(capped), (std::vector<std::string>{"24:12: 'limit': 'lots' is not a number (0.35 or 35%)"}));
}

TEST(PackLoader, KindSpecificKeysAreChecked) {
  constexpr std::string_view kCap = R"(  - id: cap
    title: Cap
    kind: cap
    severity: high
    effective: 2023-07-31
    sources: [src]
    remediation: Swap.
    select: vendor in hrv
    unit: $cap_units
    limit: 135%
)";
  EXPECT_EQ(problems(with_rules(kCap)),
            (std::vector<std::string>{"24:11: unknown parameter $cap_units (did you mean $cap_unit?)",
                                      "25:12: 'limit' is a share between 0 and 1 (or 0% and 100%), not 135%"}));
}

TEST(PackLoader, MissingKeysAndSyntaxErrors) {
  EXPECT_EQ(problems("id: t\n"),
            (std::vector<std::string>{"1:1: missing required key 'title'", "1:1: missing required key 'jurisdiction'",
                                      "1:1: missing required key 'version'", "1:1: missing required key 'reflects'",
                                      "1:1: missing required key 'rules'"}));
  const auto syntax = problems("id: [t\n");
  ASSERT_EQ(syntax.size(), 1U);
  EXPECT_TRUE(syntax.front().find("YAML syntax error") != std::string::npos) << syntax.front();
}

TEST(PackLoader, BuiltinPacksLoad) {
  const auto ids = builtin_pack_ids();
  EXPECT_FALSE(ids.empty());
  for (const auto& id : ids) {
    auto pack = builtin_pack(id);
    EXPECT_TRUE(pack) << id << ": " << (pack ? "" : pack.error().front().to_string());
  }
  EXPECT_FALSE(builtin_pack("zz"));
}

constexpr std::string_view kExposureRule = R"(  - id: bases
    title: No base exposed to a high-risk vendor
    kind: exposure
    severity: high
    effective: 2023-12-31
    sources: [src]
    remediation: Serve it another way.
    facilities: {kinds: [military, nuclear], owners: [GB]}
    vendors: hrv
)";

TEST(PackLoader, ReadsAnExposureRule) {
  auto pack = parse_pack(with_rules(kExposureRule), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  const auto* rule = std::get_if<ExposureRule>(&pack->rules.at(0).spec);
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(pack->rules[0].kind(), RuleKind::exposure);
  EXPECT_EQ(rule->kinds, (std::vector<FacilityKind>{FacilityKind::military, FacilityKind::nuclear}));
  EXPECT_EQ(rule->owners.size(), 1U);
  EXPECT_EQ(rule->vendors, "hrv");
  // Without `via`: every way the spec calls exposure.
  EXPECT_EQ(rule->via, (std::vector<ExposureVia>{ExposureVia::transport, ExposureVia::control_plane, ExposureVia::influence}));
  std::string rules(kExposureRule);
  rules += "    via: [influence, unavoidable, influence]\n";
  pack = parse_pack(with_rules(rules), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_EQ(std::get<ExposureRule>(pack->rules[0].spec).via, (std::vector<ExposureVia>{ExposureVia::transport, ExposureVia::influence}));
  EXPECT_FALSE(std::get<ExposureRule>(pack->rules[0].spec).per_operator);
  pack = parse_pack(with_rules(std::string(kExposureRule) + "    via: [transport]\n    per_operator: true\n"), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_TRUE(std::get<ExposureRule>(pack->rules[0].spec).per_operator);
  EXPECT_EQ(std::get<ExposureRule>(pack->rules[0].spec).via, (std::vector<ExposureVia>{ExposureVia::transport}));
}

TEST(PackLoader, ExposureRuleProblemsPointAtTheValue) {
  auto with = [](std::string_view from, std::string_view to) {
    std::string rules(kExposureRule);
    rules.replace(rules.find(from), from.size(), to);
    return with_rules(rules);
  };
  EXPECT_EQ(problems(with("[military, nuclear]", "[military, castle]")),
            (std::vector<std::string>{"23:36: unknown facility kind 'castle': expected embassy, military, government, nuclear, cni or other"}));
  EXPECT_EQ(problems(with("owners: [GB]", "owners: [GBR]")),
            (std::vector<std::string>{"23:55: 'GBR' is not a two-letter country code"}));
  EXPECT_EQ(problems(with("vendors: hrv", "vendors: hrvs")),
            (std::vector<std::string>{"24:14: unknown designation 'hrvs' (did you mean 'hrv'?)"}));
  EXPECT_EQ(problems(with("vendors: hrv", "vendors: hrv\n    via: [unavoidable, sideways]")),
            (std::vector<std::string>{"25:24: unknown way 'sideways': expected transport, control_plane or influence"}));
  EXPECT_EQ(problems(with("vendors: hrv", "vendors: hrv\n    via: []")),
            (std::vector<std::string>{"25:10: 'via' needs at least one of transport, control_plane or influence"}));
  EXPECT_EQ(problems(with("vendors: hrv", "vendors: hrv\n    per_operator: sometimes")),
            (std::vector<std::string>{"25:19: 'per_operator' must be true or false"}));
  EXPECT_EQ(problems(with("vendors: hrv", "vendors: hrv\n    select: vendor in hrv")),
            (std::vector<std::string>{"25:13: an exposure rule takes no 'select': it names facilities and a designation ('facilities', 'vendors')"}));
  EXPECT_EQ(problems(with("    vendors: hrv\n", "")),
            (std::vector<std::string>{"16:5: missing required key 'vendors'"}));
}

TEST(PackLoader, FacilitiesByLocationAndEvidenceUnderSeveralSchemes) {
  std::string rules(kExposureRule);
  rules.replace(rules.find("owners: [GB]"), 12, "located_in: [GB, ie]");
  auto pack = parse_pack(with_rules(rules), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  const auto& exposure = std::get<ExposureRule>(pack->rules.at(0).spec);
  EXPECT_TRUE(exposure.owners.empty());
  ASSERT_EQ(exposure.located_in.size(), 2U);
  EXPECT_EQ(netvet::name_of(exposure.located_in[1]), "IE");
  rules.replace(rules.find("located_in: [GB, ie]"), 20, "located_in: [GB, Eire]");
  EXPECT_EQ(problems(with_rules(rules)), (std::vector<std::string>{"23:63: 'Eire' is not a two-letter country code"}));

  std::string cert(R"(  - id: cert
    title: Certified
    kind: require
    severity: high
    effective: 2026-01-01
    sources: [src]
    remediation: Certify it.
    select: domain == core
    evidence: {type: certification, schemes: [NESAS CCS-GI, Common Criteria, BSZ]}
)");
  pack = parse_pack(with_rules(cert), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_EQ(std::get<RequireRule>(pack->rules[0].spec).schemes,
            (std::vector<std::string>{"NESAS CCS-GI", "Common Criteria", "BSZ"}));
  cert.replace(cert.find("schemes: [NESAS CCS-GI, Common Criteria, BSZ]"), 45, "scheme: BSZ, schemes: [BSZ]");
  EXPECT_EQ(problems(with_rules(cert)), (std::vector<std::string>{"24:59: give 'scheme' (one) or 'schemes' (a list), not both"}));
}

// Prose is filled with parameters where it is shown; a `$name` the pack does not declare is
// a mistake to catch when the pack loads, not text to print.
TEST(PackLoader, ParametersInProseAreFilledInAndMustExist) {
  std::string rules(kRule);
  rules += "    description: At most $cap_limit of the RAN, counted in $cap_unit; it cost $5.6bn.\n";
  auto pack = parse_pack(with_rules(rules), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_EQ(fill_parameters(pack->rules[0].description, *pack), "At most 35% of the RAN, counted in sites; it cost $5.6bn.");
  pack = with_parameters({*pack}, {{.pack = "", .name = "cap_unit", .value = "elements"}}).value().front();
  EXPECT_EQ(fill_parameters(pack->rules[0].description, *pack), "At most 35% of the RAN, counted in elements; it cost $5.6bn.");

  rules += "    # (a typo)\n";
  rules.replace(rules.find("$cap_unit"), 9, "$cap_units");
  EXPECT_EQ(problems(with_rules(rules)),
            (std::vector<std::string>{"24:18: 'description' names $cap_units, which the pack does not declare as a "
                                      "parameter (did you mean $cap_unit?)"}));
}

TEST(PackLoader, BuiltinPacksAnswerToTheirAliases) {
  EXPECT_EQ(builtin_pack_id("uk"), "gb");
  EXPECT_EQ(builtin_pack_id("United Kingdom"), "gb");
  EXPECT_EQ(builtin_pack_id("GB"), "gb");
  EXPECT_EQ(builtin_pack_id("Germany"), "de");
  EXPECT_EQ(builtin_pack_id("new_zealand"), "nz");
  EXPECT_FALSE(builtin_pack_id("atlantis"));
  auto pack = builtin_pack("uk");
  ASSERT_TRUE(pack);
  EXPECT_EQ(pack->id, "gb");
  // No alias names two packs, or another pack's id.
  std::map<std::string, std::string> owner;
  const auto ids = builtin_pack_ids();
  for (const auto& id : ids) owner.emplace(id, id);
  for (const auto& id : ids) {
    const auto p = builtin_pack(id);
    ASSERT_TRUE(p) << id;
    for (const auto& alias : p->aliases) {
      const auto [it, added] = owner.emplace(alias, id);
      EXPECT_TRUE(added) << "alias '" << alias << "' of " << id << " is also " << it->second;
    }
  }
  const auto bad = builtin_pack("ukk");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().front().message.find("did you mean 'uk'?"), std::string::npos) << bad.error().front().message;
}

}  // namespace
}  // namespace netvet::policy
