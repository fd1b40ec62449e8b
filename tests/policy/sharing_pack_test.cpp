// Sharing packs (shared/spec/alliance.md): a pack with `kind: sharing` and a `partner`,
// whose rules also carry scope, status, verdict and applies_to. Read, checked with every
// problem located, and evaluated by the same engine as any pack.

#include <gtest/gtest.h>

#include "test_net.h"

namespace netvet::policy {
namespace {

using testing::with_rules;

constexpr std::string_view kRule = R"(  - id: core
    title: No high-risk vendor in the core
    kind: forbid
    severity: high
    effective: 2019-12-20
    sources: [src]
    remediation: Replace it.
    select: vendor in hrv and domain == core
    scope: intelligence
    status: enacted
    verdict: restricted
)";

// The test pack's head made a sharing pack of the US.
std::string sharing(std::string_view rules, std::string_view head = "kind: sharing\npartner: US\n") {
  std::string yaml = with_rules(rules);
  yaml.insert(yaml.find("title:"), head);
  return yaml;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Every problem of loading `yaml`, as "line:col: column 'key': message".
std::vector<std::string> problems(const std::string& yaml) {
  auto pack = parse_pack(yaml, "bad.yaml");
  EXPECT_FALSE(pack);
  std::vector<std::string> out;
  if (pack) return out;
  for (const auto& d : pack.error())
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.column + ": " + d.message);
  return out;
}

Country cc(std::string_view code) { return *parse_country(code); }

TEST(SharingPack, ReadsTheKindThePartnerAndEachRulesTerms) {
  std::string rules(kRule);
  rules += replaced(replaced(replaced(replaced(std::string(kRule), "id: core", "id: five-g"), "scope: intelligence",
                                     "scope: co-location"),
                             "status: enacted", "status: bill"),
                    "verdict: restricted", "verdict: none\n    applies_to: {alliances: [five-eyes], countries: [de, IT]}");
  auto pack = parse_pack(sharing(rules), "good.yaml");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_EQ(pack->kind, PackKind::sharing);
  EXPECT_EQ(netvet::name_of(pack->partner), "US");
  ASSERT_EQ(pack->rules.size(), 2U);
  const auto& first = pack->rules[0].sharing;
  ASSERT_TRUE(first);
  EXPECT_EQ(first->scope, SharingScope::intelligence);
  EXPECT_EQ(first->status, LegalStatus::enacted);
  EXPECT_EQ(first->verdict, SharingLevel::restricted);
  EXPECT_TRUE(first->applies_to.everyone());
  const auto& second = pack->rules[1].sharing;
  ASSERT_TRUE(second);
  EXPECT_EQ(second->scope, SharingScope::co_location);
  EXPECT_EQ(second->status, LegalStatus::bill);
  EXPECT_EQ(second->verdict, SharingLevel::none);
  EXPECT_EQ(second->applies_to.alliances, (std::vector<std::string>{"five-eyes"}));
  EXPECT_EQ(second->applies_to.countries, (std::vector<Country>{cc("DE"), cc("IT")}));
  // A regime pack is what a pack is unless it says otherwise; its rules carry no terms.
  auto regime = parse_pack(with_rules(replaced(std::string(kRule), "    scope: intelligence\n    status: enacted\n    verdict: restricted\n", "")), "r.yaml");
  ASSERT_TRUE(regime) << regime.error().front().to_string();
  EXPECT_EQ(regime->kind, PackKind::regime);
  EXPECT_EQ(regime->partner, kNoCountry);
  EXPECT_FALSE(regime->rules[0].sharing);
}

TEST(SharingPack, AppliesToNamedCountriesAndMembersOfNamedAlliances) {
  AppliesTo to{.alliances = {"five-eyes"}, .countries = {cc("DE")}};
  const std::vector<std::string> five_eyes_and_nato{"five-eyes", "nato"}, nato{"nato"};
  EXPECT_TRUE(to.covers(cc("GB"), five_eyes_and_nato));
  EXPECT_TRUE(to.covers(cc("DE"), nato));   // named, whatever its alliances
  EXPECT_FALSE(to.covers(cc("IT"), nato));  // neither named nor a member
  EXPECT_FALSE(to.covers(cc("JP"), {}));
  EXPECT_TRUE(AppliesTo{}.covers(cc("JP"), {}));  // absent: every country
}

TEST(SharingPack, LevelsOrderFromFullToNone) {
  EXPECT_LT(SharingLevel::full, SharingLevel::restricted);
  EXPECT_LT(SharingLevel::restricted, SharingLevel::none);
  for (const auto* name : {"full", "restricted", "none"}) EXPECT_EQ(name_of(*parse_sharing_level(name)), name);
  EXPECT_EQ(name_of(*parse_sharing_scope("co-location")), "co-location");
  EXPECT_FALSE(parse_sharing_scope("co_location"));
}

TEST(SharingPack, EveryTermIsCheckedWhereItIsWritten) {
  const std::string good(kRule);
  // The rule starts on line 18 (testing::kPackHead, with kind and partner); each message
  // points at the value written.
  EXPECT_EQ(problems(sharing(replaced(good, "scope: intelligence", "scope: co-locaton"))),
            (std::vector<std::string>{"26:12: scope: unknown scope 'co-locaton' (did you mean 'co-location'?)"}));
  EXPECT_EQ(problems(sharing(replaced(good, "status: enacted", "status: law"))),
            (std::vector<std::string>{"27:13: status: unknown legal status 'law': expected enacted, bill or statement"}));
  EXPECT_EQ(problems(sharing(replaced(good, "verdict: restricted", "verdict: full"))),
            (std::vector<std::string>{"28:14: verdict: a rule's verdict is what a country gets where the rule has findings: "
                                      "restricted or none ('full' is what every rule gives where it has none)"}));
  EXPECT_EQ(problems(sharing(replaced(good, "verdict: restricted", "verdict: restricted\n    applies_to: {alliances: [Five Eyes]}"))),
            (std::vector<std::string>{"29:30: alliances: alliance 'Five Eyes' must be lowercase letters, digits and '-' (as in five-eyes)"}));
  EXPECT_EQ(problems(sharing(replaced(good, "verdict: restricted", "verdict: restricted\n    applies_to: {countries: [GB, GBR]}"))),
            (std::vector<std::string>{"29:34: countries: 'GBR' is not a two-letter country code"}));
  EXPECT_EQ(problems(sharing(replaced(good, "verdict: restricted", "verdict: restricted\n    applies_to: {alliances: []}"))),
            (std::vector<std::string>{"29:17: applies_to: 'applies_to' names no alliance and no country; leave it out to "
                                      "apply the rule to every country"}));
  EXPECT_EQ(problems(sharing(replaced(good, "verdict: restricted", "verdict: restricted\n    applies_to: {alliance: [nato]}"))),
            (std::vector<std::string>{"29:18: alliance: unknown key 'alliance' in 'applies_to' (did you mean 'alliances'?)"}));
  EXPECT_EQ(problems(sharing(replaced(good, "    status: enacted\n", ""))),
            (std::vector<std::string>{"18:5: status: missing required key 'status'"}));
}

TEST(SharingPack, TheHeadNamesItsKindAndPartner) {
  // A misspelt kind is one problem: which keys belong depends on it.
  EXPECT_EQ(problems(sharing(kRule, "kind: sharng\npartner: US\n")),
            (std::vector<std::string>{"2:7: kind: unknown pack kind 'sharng' (did you mean 'sharing'?)"}));
  EXPECT_EQ(problems(sharing(kRule, "kind: sharing\n")), (std::vector<std::string>{"1:1: partner: missing required key 'partner'"}));
  EXPECT_EQ(problems(sharing(kRule, "kind: sharing\npartner: USA\n")),
            (std::vector<std::string>{"3:10: partner: 'USA' is not a two-letter country code (the party that shares, e.g. US)"}));
}

TEST(SharingPack, ARegimePackIsToldWhereSharingTermsBelong) {
  // kRule's terms in a regime pack: each named, none reported as merely unknown.
  const auto found = problems(with_rules(kRule));
  ASSERT_EQ(found.size(), 3U);
  EXPECT_EQ(found[0], "24:12: scope: 'scope' is a term of a sharing pack's rules: the pack needs 'kind: sharing' and a 'partner'");
  EXPECT_EQ(problems(sharing("", "partner: US\n")).front(),
            "2:10: partner: 'partner' belongs to sharing packs: add 'kind: sharing' or remove it");
}

TEST(SharingPack, IsEvaluatedByTheSameEngine) {
  const Pack pack = testing::pack_of(sharing(kRule));
  testing::Net net;
  const Index op = net.op("op1");
  const Index core = net.site("C1", op, SiteKind::core);
  net.element("C1-AMF", core, "amf", "ZTE");
  net.element("C1-SMF", core, "smf", "Nokia");
  const Inventory inv = std::move(net).finish();
  const auto run = testing::run(pack, inv, "2020-02-01");
  EXPECT_EQ(testing::subjects(run), (std::vector<std::string>{"element:C1-AMF"}));
  EXPECT_TRUE(testing::subjects(testing::run(pack, inv, "2019-12-19")).empty()) << "not in force before its date";
}

TEST(SharingPack, TheBuiltinUsSharingPackReadsTheFourTextsAsIssue11Asks) {
  auto pack = builtin_pack("us-sharing");
  ASSERT_TRUE(pack) << pack.error().front().to_string();
  EXPECT_EQ(pack->kind, PackKind::sharing);
  EXPECT_EQ(netvet::name_of(pack->partner), "US");
  struct Want {
    std::string id;
    RuleKind kind;
    SharingScope scope;
    LegalStatus status;
    SharingLevel verdict;
  };
  const std::vector<Want> want{
      {"ndaa-fy2020-core", RuleKind::forbid, SharingScope::intelligence, LegalStatus::enacted, SharingLevel::restricted},
      {"s3153-huawei-5g", RuleKind::forbid, SharingScope::intelligence, LegalStatus::bill, SharingLevel::none},
      {"statements-2019-critical-systems", RuleKind::forbid, SharingScope::intelligence, LegalStatus::statement, SharingLevel::restricted},
      {"co-location-exposure", RuleKind::exposure, SharingScope::co_location, LegalStatus::statement, SharingLevel::none},
  };
  ASSERT_EQ(pack->rules.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const Rule& rule = pack->rules[i];
    SCOPED_TRACE(rule.id);
    EXPECT_EQ(rule.id, want[i].id);
    EXPECT_EQ(rule.kind(), want[i].kind);
    ASSERT_TRUE(rule.sharing);
    EXPECT_EQ(rule.sharing->scope, want[i].scope);
    EXPECT_EQ(rule.sharing->status, want[i].status);
    EXPECT_EQ(rule.sharing->verdict, want[i].verdict);
    EXPECT_TRUE(rule.sharing->applies_to.everyone());
    EXPECT_NE(rule.description.find("Our reading"), std::string::npos) << "says what is our reading";
  }
  // The co-location warning: the partner's embassies and military outposts, per serving operator.
  const auto& exposure = std::get<ExposureRule>(pack->rules[3].spec);
  EXPECT_TRUE(exposure.per_operator);
  EXPECT_EQ(exposure.owners, (std::vector<Country>{cc("US")}));
  EXPECT_EQ(exposure.kinds, (std::vector<FacilityKind>{FacilityKind::embassy, FacilityKind::military}));
}

}  // namespace
}  // namespace netvet::policy
