// `check` with facilities redacted (FromPolicyOptions::redact_facilities, `netvet check
// --redact facilities`, what the service's analysts read): a generated GB network, whose
// facilities are real places with guessable ids (emb-us-london, mil-lakenheath), checked
// against packs with proximity and exposure rules. The redacted JSON holds no facility's
// id, name, owner, coordinate or distance, where the full one names them; everything
// else is the full report's.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "gen/generate.h"
#include "policy/evaluate.h"
#include "policy/pack.h"
#include "report/check_formats.h"
#include "report/check_from_policy.h"

namespace netvet::report {
namespace {

using nlohmann::ordered_json;

// Built in place: the evaluation refers to the inventory it evaluated.
struct Checked {
  Inventory inventory;
  std::vector<policy::Pack> packs;
  std::optional<policy::Evaluation> evaluation;
};

const Checked& checked() {
  static const std::unique_ptr<Checked> made = [] {
    auto c = std::make_unique<Checked>();
    auto inventory = gen::generate({.country = "GB", .sites = 1500, .seed = 5});
    EXPECT_TRUE(inventory.has_value());
    if (inventory) c->inventory = std::move(*inventory);
    for (const std::string_view id : {"gb", "us-colocation"}) {
      auto pack = policy::builtin_pack(id);
      EXPECT_TRUE(pack.has_value()) << id;
      if (pack) c->packs.push_back(std::move(*pack));
    }
    policy::EvaluationOptions options;
    options.as_of = *parse_date("2028-01-01");
    auto evaluation = policy::evaluate(c->packs, c->inventory, options);
    EXPECT_TRUE(evaluation.has_value());
    if (evaluation) c->evaluation = std::move(*evaluation);
    return c;
  }();
  return *made;
}

std::string check_json_of(bool redact) {
  const Checked& c = checked();
  FromPolicyOptions from;
  from.redact_facilities = redact;
  if (!c.evaluation) return "{}";
  const auto mapped = check_report_of(c.packs, *c.evaluation, c.inventory, from);
  std::ostringstream out;
  write_check_json(mapped.report, out);
  return std::move(out).str();
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// "8.03 km": a distance as the full messages write one.
const std::regex kDistance(R"([0-9]+\.[0-9]{2} km)");

TEST(CheckRedact, NoFacilityIdNameOwnerCoordinateOrDistanceIsWritten) {
  const Inventory& inv = checked().inventory;
  ASSERT_GT(inv.facilities.size(), 10u);
  const std::string full = check_json_of(false), redacted = check_json_of(true);

  std::size_t named_in_full = 0;
  for (Index f = 0; f < inv.facilities.size(); ++f) {
    const std::string id(inv.str(inv.facilities.id[f]));
    const std::string name(inv.str(inv.facilities.name[f]));
    if (has(full, "\"" + id + "\"") || has(full, "facility " + id)) ++named_in_full;
    EXPECT_FALSE(has(redacted, id)) << id;
    if (!name.empty()) {
      EXPECT_FALSE(has(redacted, name)) << name;
    }
    // Coordinates, as a renderer might write them (longitudes near 0 only to 4 places,
    // where shares such as 0.5614 would otherwise match by chance).
    std::vector<std::string> coordinates;
    for (const int digits : {2, 3, 4}) coordinates.push_back(fmt::format("{:.{}f}", inv.facilities.lat[f], digits));
    coordinates.push_back(fmt::format("{:.4f}", inv.facilities.lon[f]));
    for (const std::string& text : coordinates) {
      EXPECT_FALSE(has(redacted, text)) << id << ": " << text;
      EXPECT_FALSE(has(full, text)) << id << ": " << text;  // never in a check
    }
  }
  // The full report names facilities (proximity and exposure findings) and their owners
  // and distances: the test would see a leak.
  EXPECT_GT(named_in_full, 3u);
  EXPECT_TRUE(has(full, "owner US"));
  EXPECT_TRUE(std::regex_search(full, kDistance));
  EXPECT_FALSE(has(redacted, "owner "));
  EXPECT_FALSE(std::regex_search(redacted, kDistance));
  EXPECT_FALSE(has(redacted, "km away"));
  EXPECT_TRUE(has(redacted, "facility facility-1"));
}

TEST(CheckRedact, EverythingElseIsTheFullReports) {
  const ordered_json full = ordered_json::parse(check_json_of(false));
  const ordered_json redacted = ordered_json::parse(check_json_of(true));
  ASSERT_GT(full["findings"].size(), 100u);
  EXPECT_EQ(redacted["as_of"], full["as_of"]);
  EXPECT_EQ(redacted["policies"], full["policies"]);
  EXPECT_EQ(redacted["summary"], full["summary"]);
  EXPECT_EQ(redacted["measures"], full["measures"]);
  ASSERT_EQ(redacted["findings"].size(), full["findings"].size());

  std::size_t facilities = 0, near = 0, untouched = 0;
  std::map<std::string, std::string> alias_of;  // full id -> alias: one each, both ways
  std::set<std::string> aliases;
  for (std::size_t i = 0; i < full["findings"].size(); ++i) {
    const ordered_json& a = full["findings"][i];
    const ordered_json& b = redacted["findings"][i];
    for (const char* key : {"policy", "rule", "severity", "operator", "vendor", "effective", "clause", "waived", "source",
                            "remediation", "measured"})
      EXPECT_EQ(a.value(key, ordered_json()), b.value(key, ordered_json())) << i << " " << key;
    EXPECT_EQ(a["subject"]["kind"], b["subject"]["kind"]) << i;
    const std::string message = a["message"];
    if (a["subject"]["kind"] == "facility") {
      ++facilities;
      const std::string id = a["subject"]["id"], alias = b["subject"]["id"];
      EXPECT_TRUE(std::regex_match(alias, std::regex("facility-[0-9]+"))) << alias;
      const auto [it, fresh] = alias_of.emplace(id, alias);
      EXPECT_EQ(it->second, alias) << id << " has one alias";
      if (fresh) {
        EXPECT_TRUE(aliases.insert(alias).second) << alias << " is one facility's";
      }
      EXPECT_NE(a["fingerprint"], b["fingerprint"]);  // a fingerprint of the id would be undone by guessing ids
      EXPECT_TRUE(has(b["message"].get<std::string>(), alias)) << b["message"];
    } else {
      EXPECT_EQ(a["subject"], b["subject"]) << i;
      EXPECT_EQ(a["fingerprint"], b["fingerprint"]) << i;
      if (has(message, " facility ")) ++near;
      else if (a["message"] == b["message"]) ++untouched;
    }
    if (!has(message, " facility ")) {
      EXPECT_EQ(a["message"], b["message"]) << i;
    }
  }
  EXPECT_GT(facilities, 0u) << "exposure findings about facilities";
  EXPECT_GT(near, 0u) << "proximity findings naming a facility";
  EXPECT_GT(untouched, 100u);
}

TEST(CheckRedact, AliasesCountFacilitiesInOrderOfFirstMention) {
  const ordered_json redacted = ordered_json::parse(check_json_of(true));
  std::size_t next = 1;
  const std::regex alias(R"(facility (facility-([0-9]+)))");
  for (const auto& finding : redacted["findings"]) {
    const std::string message = finding["message"];
    for (auto it = std::sregex_iterator(message.begin(), message.end(), alias); it != std::sregex_iterator(); ++it) {
      const std::size_t n = std::stoul((*it)[2].str());
      EXPECT_LE(n, next) << message;
      if (n == next) ++next;
    }
  }
  EXPECT_GT(next, 2u);
  // The same bytes every time: what the service stores an analyst reproduces offline.
  EXPECT_EQ(check_json_of(true), check_json_of(true));
}

}  // namespace
}  // namespace netvet::report
