// GET /v1/submissions/{id}/diff on both stores: a diff worked out by hand, the refusals,
// and isolation: another operator's submission as `against` answers as one that does not
// exist.
#include <nlohmann/json.hpp>

#include "service_fixture.h"

namespace netvet::testing {
namespace {

using nlohmann::json;

class DiffTest : public ServiceTest {
 protected:
  std::string submit(const std::string& token_text, const std::string& document) {
    const auto created = call("POST", "/v1/submissions", token_text, document);
    EXPECT_EQ(created.status, 201) << created.body;
    return json::parse(created.body).value("id", "");
  }
};

// small_inventory("op-a", "alpha") and a later one where, by hand:
//   alpha-RU  changed: vendor huawei -> ericsson, generation [5G] -> [4G, 5G], installed none -> 2024-03-01
//   alpha-R1  respelled "NOKIA" (the same vendor: no change)
//   alpha-UPF unchanged
//   alpha-AMF removed
//   alpha-SMF added (core, Nokia)
std::string later_inventory() {
  // Ordered: the reader streams the document and meets its tables in this order.
  using ojson = nlohmann::ordered_json;
  ojson doc = ojson::parse(small_inventory("op-a", "alpha"));
  ojson elements = ojson::array();
  for (ojson element : doc["elements"]) {
    if (element["id"] == "alpha-AMF") continue;
    if (element["id"] == "alpha-RU") {
      element["vendor"] = "Ericsson";
      element["generation"] = {"4G", "5G"};
      element["installed"] = "2024-03-01";
    }
    if (element["id"] == "alpha-R1") element["vendor"] = "NOKIA";
    elements.push_back(element);
  }
  elements.push_back({{"id", "alpha-SMF"}, {"site", "alpha-C1"}, {"function", "smf"}, {"vendor", "Nokia"}});
  doc["elements"] = elements;
  ojson links = ojson::array();
  for (const ojson& link : doc["links"])
    if (link["b"] != "alpha-AMF") links.push_back(link);
  links.push_back({{"a", "alpha-UPF"}, {"b", "alpha-SMF"}});
  doc["links"] = links;
  return doc.dump();
}

// The vendor shares of one domain on one side: {vendor: elements}, and the domain's total.
std::map<std::string, std::int64_t> shares(const json& diff, const std::string& domain, const std::string& side) {
  std::map<std::string, std::int64_t> out;
  for (const json& op : diff["shares"])
    for (const json& d : op["domains"])
      if (d["domain"] == domain && !d[side].is_null()) {
        std::int64_t total = 0;
        for (const json& v : d[side]["vendors"]) {
          out[v["vendor"].get<std::string>()] = v["elements"].get<std::int64_t>();
          total += v["elements"].get<std::int64_t>();
        }
        EXPECT_EQ(total, d[side]["elements"].get<std::int64_t>());
      }
  return out;
}

TEST_P(DiffTest, ElementsAddedRemovedAndChangedAndSharesBeforeAndAfter) {
  const std::string before = submit(operator_a_, small_inventory("op-a", "alpha"));
  const std::string after = submit(operator_a_, later_inventory());
  const auto answer = call("GET", "/v1/submissions/" + after + "/diff?against=" + before, operator_a_);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json diff = json::parse(answer.body);
  EXPECT_EQ(diff["submission"]["id"], after);
  EXPECT_EQ(diff["against"]["id"], before);
  EXPECT_EQ(diff["summary"], json::parse(R"({"added": 1, "removed": 1, "changed": 1, "unchanged": 2})"));
  EXPECT_EQ(diff["added"], json::parse(R"([{"id": "alpha-SMF", "operator": "op-a", "site": "alpha-C1",
                                           "function": "smf", "vendor": "nokia"}])"));
  EXPECT_EQ(diff["removed"], json::parse(R"([{"id": "alpha-AMF", "operator": "op-a", "site": "alpha-C1",
                                             "function": "amf", "vendor": "ericsson"}])"));
  EXPECT_EQ(diff["changed"], json::parse(R"([{"id": "alpha-RU", "fields": {
      "vendor": {"before": "huawei", "after": "ericsson"},
      "generation": {"before": ["5G"], "after": ["4G", "5G"]},
      "installed": {"before": null, "after": "2024-03-01"}}}])"));
  ASSERT_EQ(diff["shares"].size(), 1U);
  EXPECT_EQ(diff["shares"][0]["operator"], "op-a");
  using Shares = std::map<std::string, std::int64_t>;
  EXPECT_EQ(shares(diff, "ran", "before"), (Shares{{"huawei", 1}}));
  EXPECT_EQ(shares(diff, "ran", "after"), (Shares{{"ericsson", 1}}));
  EXPECT_EQ(shares(diff, "transport", "before"), (Shares{{"nokia", 1}}));
  EXPECT_EQ(shares(diff, "transport", "after"), (Shares{{"nokia", 1}}));
  EXPECT_EQ(shares(diff, "core", "before"), (Shares{{"ericsson", 2}}));
  EXPECT_EQ(shares(diff, "core", "after"), (Shares{{"ericsson", 1}, {"nokia", 1}}));
  for (const json& d : diff["shares"][0]["domains"]) {
    if (d["domain"] == "core") {
      EXPECT_DOUBLE_EQ(d["after"]["vendors"][0]["share"].get<double>(), 0.5);
    }
  }

  // The other way round, everything turns over; against itself, nothing changed.
  const json back = json::parse(call("GET", "/v1/submissions/" + before + "/diff?against=" + after, admin_).body);
  EXPECT_EQ(back["summary"], json::parse(R"({"added": 1, "removed": 1, "changed": 1, "unchanged": 2})"));
  EXPECT_EQ(back["added"][0]["id"], "alpha-AMF");
  EXPECT_EQ(back["changed"][0]["fields"]["vendor"], json::parse(R"({"before": "ericsson", "after": "huawei"})"));
  const json same = json::parse(call("GET", "/v1/submissions/" + after + "/diff?against=" + after, analyst_).body);
  EXPECT_EQ(same["summary"], json::parse(R"({"added": 0, "removed": 0, "changed": 0, "unchanged": 4})"));
}

TEST_P(DiffTest, AgainstIsRequiredAndMustBeASubmissionTheCallerSees) {
  const std::string mine = submit(operator_a_, small_inventory("op-a", "alpha"));
  const std::string theirs = submit(operator_b_, small_inventory("op-b", "CANARY-B"));
  const std::string guessed = "s-" + std::string(theirs.size() - 2, 'f');
  EXPECT_EQ(call("GET", "/v1/submissions/" + mine + "/diff", operator_a_).status, 400);
  EXPECT_EQ(call("GET", "/v1/submissions/" + mine + "/diff?against=", operator_a_).status, 400);
  // B's submission as `against` answers exactly as an id never issued, but for the id.
  const auto real = call("GET", "/v1/submissions/" + mine + "/diff?against=" + theirs, operator_a_);
  const auto fake = call("GET", "/v1/submissions/" + mine + "/diff?against=" + guessed, operator_a_);
  EXPECT_EQ(real.status, 400);
  EXPECT_EQ(real.status, fake.status);
  std::string normalised = real.body;
  normalised.replace(normalised.find(theirs), theirs.size(), guessed);
  EXPECT_EQ(normalised, fake.body);
  EXPECT_EQ(real.body.find("CANARY-B"), std::string::npos);
  // B's submission as {id}: 404, as one that does not exist.
  EXPECT_EQ(call("GET", "/v1/submissions/" + theirs + "/diff?against=" + mine, operator_a_).status, 404);
  EXPECT_EQ(call("GET", "/v1/submissions/" + guessed + "/diff?against=" + mine, operator_a_).status, 404);
  // Staff see both operators' and may compare them.
  const auto across = call("GET", "/v1/submissions/" + mine + "/diff?against=" + theirs, analyst_);
  ASSERT_EQ(across.status, 200) << across.body;
  EXPECT_EQ(json::parse(across.body)["summary"]["added"], 4);
  EXPECT_EQ(json::parse(across.body)["shares"].size(), 2U);
  // Without a token: 401.
  EXPECT_EQ(call("GET", "/v1/submissions/" + mine + "/diff?against=" + mine, "").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Stores, DiffTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
