// The policies in force on both stores: only an admin sets them; every submission is then
// assessed under them by the service, byte for byte as `netvet check` offline; the
// status reports against them, says when they changed since, and what a server killed
// between storing and assessing left unmade is made at the next start (assess_pending).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

#include "server/policies_in_force.h"
#include "service_fixture.h"
#include "store/tokens.h"

namespace netvet::testing {
namespace {

using nlohmann::json;

std::string token_id(const std::string& text) { return store::parse_token(text).value().id; }

class PoliciesTest : public ServiceTest {
 protected:
  server::Response set(const std::string& token, const json& body) {
    return call("PUT", "/v1/policies", token, body.dump());
  }
  json submit_a(const std::string& marker = "alpha") {
    const auto created = call("POST", "/v1/submissions", operator_a_, small_inventory("op-a", marker));
    EXPECT_EQ(created.status, 201) << created.body;
    return json::parse(created.body);
  }
  json status_a() {
    const auto answer = call("GET", "/v1/operators/op-a/status", operator_a_);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return json::parse(answer.body);
  }
  server::ApiOptions options() const { return {.max_body_bytes = 1 << 20, .signer = nullptr, .engine = "netvet test"}; }
};

TEST_P(PoliciesTest, OnlyAnAdminSetsThemEveryoneReadsThemAndTheyAreAudited) {
  // None yet: version 0, nothing in force.
  const json none = json::parse(call("GET", "/v1/policies", operator_a_).body);
  EXPECT_EQ(none["version"], 0);
  EXPECT_TRUE(none["policies"].empty());

  const std::string* not_admins[] = {&analyst_, &agency_, &operator_a_};
  for (const auto* who : not_admins) {
    const auto refused = set(*who, {{"policies", {"gb"}}});
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.body.find("may not PUT /v1/policies"), std::string::npos) << refused.body;
  }
  const auto unknown = set(admin_, {{"policies", {"gb", "atlantis"}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("no built-in pack 'atlantis'; the packs there are: "), std::string::npos) << unknown.body;
  EXPECT_NE(unknown.body.find("us-colocation"), std::string::npos) << unknown.body;
  EXPECT_EQ(set(admin_, {{"policies", {"gb"}}, {"as_of", "2028-02-30"}}).status, 400);
  EXPECT_EQ(set(admin_, {{"policies", "gb"}}).status, 400);
  EXPECT_EQ(json::parse(call("GET", "/v1/policies", admin_).body)["version"], 0);  // nothing refused was kept

  const auto made = set(admin_, {{"policies", {"uk", "gb", "us-colocation"}}, {"as_of", "today"}});
  ASSERT_EQ(made.status, 200) << made.body;
  const json policies = json::parse(made.body);
  EXPECT_EQ(policies["version"], 1);
  EXPECT_EQ(policies["policies"], json({"gb", "us-colocation"}));  // an alias is kept as the pack's id, once
  EXPECT_EQ(policies["as_of"], "today");
  EXPECT_EQ(policies["set_by"]["id"], token_id(admin_));

  // Everyone reads them; only an admin learns who set them (a token id).
  const std::string* readers[] = {&analyst_, &agency_, &operator_a_, &operator_b_};
  for (const auto* who : readers) {
    const auto read = call("GET", "/v1/policies", *who);
    ASSERT_EQ(read.status, 200);
    const json body = json::parse(read.body);
    EXPECT_EQ(body["version"], 1);
    EXPECT_EQ(body["policies"], policies["policies"]);
    EXPECT_FALSE(body.contains("set_by"));
    EXPECT_EQ(read.body.find(token_id(admin_)), std::string::npos);
  }
  EXPECT_EQ(set(admin_, {{"policies", json::array()}}).status, 200);  // [] : none in force, version 2
  EXPECT_EQ(json::parse(call("GET", "/v1/policies", operator_a_).body)["version"], 2);

  const json log = json::parse(call("GET", "/v1/audit", admin_).body);
  std::vector<std::string> objects;
  for (const auto& entry : log["items"])
    if (entry["action"] == "policies.set") objects.push_back(entry["object"]);
  EXPECT_EQ(objects, (std::vector<std::string>{"policies=none as_of=submission",
                                                "policies=gb,us-colocation as_of=today"}));
  auto chain = made_.store->verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_FALSE(chain->broken_at.has_value()) << chain->reason;
}

TEST_P(PoliciesTest, WithNoneInForceASubmissionIsStoredAndSaysWhyItWasNotAssessed) {
  const json created = submit_a();
  EXPECT_TRUE(created["assessment"].is_null());
  EXPECT_NE(created["assessment_reason"].get<std::string>().find("no policies are in force"), std::string::npos);
  const json status = status_a();
  EXPECT_TRUE(status["policies_in_force"].is_null());
  EXPECT_TRUE(status["assessment"].is_null());
}

TEST_P(PoliciesTest, EachSubmissionIsAssessedUnderThemByteForByteAsTheOfflineCheck) {
  ASSERT_EQ(set(admin_, {{"policies", {"gb", "us-colocation"}}, {"as_of", "2028-01-01"}}).status, 200);
  const json created = submit_a();
  const std::string id = created["id"];
  ASSERT_TRUE(created["assessment"].is_object()) << created.dump();
  EXPECT_FALSE(created.contains("assessment_reason"));
  const std::string assessment_id = created["assessment"]["id"];
  EXPECT_EQ(created["assessment"]["policies_version"], 1);
  EXPECT_EQ(created["assessment"]["as_of"], "2028-01-01");
  EXPECT_EQ(created["assessment"]["compliant"], false);  // Huawei 5G radio after the UK's 2027 deadline

  // Offline: the document as downloaded, the command the assessment names.
  const json envelope = json::parse(call("GET", "/v1/assessments/" + assessment_id, operator_a_).body);
  EXPECT_EQ(envelope["submission"], id);
  EXPECT_EQ(envelope["policies_version"], 1);
  EXPECT_EQ(envelope["requested_by"], "service");
  const std::string document = call("GET", "/v1/submissions/" + id + "/inventory", operator_a_).body;
  { std::ofstream(folder_ + "/" + id + ".json", std::ios::binary) << document; }
  const std::string offline = offline_check(id + ".json");
  const auto stored = call("GET", "/v1/assessments/" + assessment_id + "/check", operator_a_);
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, offline);

  // The audit log: the submission by its submitter, then the assessment by the service on its behalf.
  const json log = json::parse(call("GET", "/v1/audit?limit=2", admin_).body);
  ASSERT_EQ(log["items"].size(), 2U);
  EXPECT_EQ(log["items"][0]["action"], "assessment.create");
  EXPECT_EQ(log["items"][0]["object"], assessment_id);
  EXPECT_EQ(log["items"][0]["operator"], "op-a");
  EXPECT_EQ(log["items"][0]["actor"]["id"], "service");
  EXPECT_EQ(log["items"][0]["actor"]["name"], "netvet serve for " + token_id(operator_a_));
  EXPECT_EQ(log["items"][1]["action"], "submission.create");
  EXPECT_EQ(log["items"][1]["actor"]["id"], token_id(operator_a_));
  auto chain = made_.store->verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_FALSE(chain->broken_at.has_value()) << chain->reason;
}

TEST_P(PoliciesTest, TheStatusReportsAgainstThePoliciesInForceAndSaysWhenTheyChangedSince) {
  ASSERT_EQ(set(admin_, {{"policies", {"gb"}}, {"as_of", "submission"}}).status, 200);
  const json created = submit_a();
  // An analyst's own assessment of it, on request, later: not what the status reports.
  ASSERT_EQ(call("POST", "/v1/assessments", analyst_,
                 json{{"submission", created["id"]}, {"policies", {"us-colocation"}}, {"as_of", "2030-01-01"}}.dump())
                .status,
            201);
  json status = status_a();
  EXPECT_EQ(status["policies_in_force"], json({{"version", 1}, {"policies", {"gb"}}, {"as_of", "submission"}}));
  EXPECT_EQ(status["assessment"]["id"], created["assessment"]["id"]);
  EXPECT_EQ(status["assessment"]["policies_version"], 1);
  EXPECT_EQ(status["assessment"]["stale"], false);
  EXPECT_EQ(status["assessment"]["as_of"], created["received"].get<std::string>().substr(0, 10));
  EXPECT_TRUE(status["assessment"]["findings"].contains("gb"));

  // The policies change: the assessment is still shown, and said to be stale.
  ASSERT_EQ(set(admin_, {{"policies", {"gb", "us-colocation"}}, {"as_of", "2028-01-01"}}).status, 200);
  status = status_a();
  EXPECT_EQ(status["policies_in_force"]["version"], 2);
  EXPECT_EQ(status["assessment"]["id"], created["assessment"]["id"]);
  EXPECT_EQ(status["assessment"]["stale"], true);

  // The next start assesses it under version 2; a second start finds nothing to do.
  auto pending = server::assess_pending(*made_.store, options());
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->assessed, 1U);
  EXPECT_TRUE(pending->failed.empty());
  status = status_a();
  EXPECT_EQ(status["assessment"]["policies_version"], 2);
  EXPECT_EQ(status["assessment"]["stale"], false);
  EXPECT_EQ(status["assessment"]["as_of"], "2028-01-01");
  EXPECT_TRUE(status["assessment"]["findings"].contains("us-colocation"));
  EXPECT_EQ(server::assess_pending(*made_.store, options())->assessed, 0U);

  // A newer submission: its own assessment, under the policies in force.
  const json newer = submit_a("beta");
  status = status_a();
  EXPECT_EQ(status["latest_submission"]["id"], newer["id"]);
  EXPECT_EQ(status["assessment"]["id"], newer["assessment"]["id"]);
  EXPECT_EQ(status["assessment"]["of_latest_submission"], true);
  auto chain = made_.store->verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_FALSE(chain->broken_at.has_value()) << chain->reason;
}

TEST_P(PoliciesTest, ASubmissionStoredButNotAssessedIsAssessedAtTheNextStart) {
  ASSERT_EQ(set(admin_, {{"policies", {"gb"}}, {"as_of", "2028-01-01"}}).status, 200);
  // What a server killed after committing the submission, before assessing it, leaves:
  // the submission alone.
  const store::Caller submitter{.role = store::Role::operator_, .operator_id = "op-a",
                                .actor_id = token_id(operator_a_), .actor_name = "operator op-a"};
  auto stored = made_.store->add_submission(
      submitter, {.operator_id = "op-a", .media_type = "application/json", .body = small_inventory("op-a", "alpha")});
  ASSERT_TRUE(stored);
  json status = status_a();
  EXPECT_TRUE(status["assessment"].is_null());
  EXPECT_NE(status["assessment_reason"].get<std::string>().find("no assessment under policies version 1"),
            std::string::npos);

  auto pending = server::assess_pending(*made_.store, options());
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->assessed, 1U);
  status = status_a();
  ASSERT_TRUE(status["assessment"].is_object()) << status.dump();
  EXPECT_EQ(status["assessment"]["submission"], stored->id);
  EXPECT_EQ(status["assessment"]["policies_version"], 1);
  EXPECT_EQ(status["assessment"]["stale"], false);
  // Named in the log as made by the service for whoever submitted it.
  const json log = json::parse(call("GET", "/v1/audit?limit=1", admin_).body);
  EXPECT_EQ(log["items"][0]["actor"]["name"], "netvet serve for " + token_id(operator_a_));
}

INSTANTIATE_TEST_SUITE_P(Stores, PoliciesTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
