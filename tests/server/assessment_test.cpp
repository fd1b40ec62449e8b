// Assessments and operators' status on both stores: the stored check is the offline
// command's output byte for byte, and the status says what it found.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

#include "service_fixture.h"
#include "store/digest.h"

namespace netvet::testing {
namespace {

using nlohmann::json;

class AssessmentTest : public ServiceTest {
 protected:
  std::string submit_a() {
    const auto created = call("POST", "/v1/submissions", operator_a_, small_inventory("op-a", "alpha"));
    EXPECT_EQ(created.status, 201) << created.body;
    return json::parse(created.body)["id"];
  }
};

TEST_P(AssessmentTest, TheStoredCheckIsTheOfflineCommandsOutputByteForByte) {
  const std::string id = submit_a();
  const auto made = call("POST", "/v1/assessments", admin_,
                         json{{"submission", id}, {"policies", {"gb", "us-colocation"}}, {"as_of", "2028-01-01"}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const json assessment = json::parse(made.body);
  const std::string assessment_id = assessment["id"];
  EXPECT_EQ(assessment["reproduce"], "netvet check " + id + ".json --policy gb,us-colocation --as-of 2028-01-01 --format json");
  EXPECT_EQ(assessment["inventory_digest"], json::parse(call("GET", "/v1/submissions/" + id, admin_).body)["digest"]);
  EXPECT_EQ(assessment["packs"][0]["digest"],
            "sha256:" + store::sha256_hex(slurp(std::string(NETVET_SOURCE_DIR) + "/data/policies/gb.yaml")));

  // Offline: the document as downloaded, the command the service names.
  const std::string document = call("GET", "/v1/submissions/" + id + "/inventory", operator_a_).body;
  { std::ofstream(folder_ + "/" + id + ".json", std::ios::binary) << document; }
  const std::string offline = offline_check(id + ".json");
  const auto stored = call("GET", "/v1/assessments/" + assessment_id + "/check", operator_a_);
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, offline);
  // The envelope carries the same check as JSON.
  EXPECT_EQ(json::parse(call("GET", "/v1/assessments/" + assessment_id, agency_).body)["check"], json::parse(stored.body));
}

// Analysts may not see facilities' names and coordinates (shared/spec/service.md): they
// read the check with facilities redacted, byte for byte what `--redact facilities`
// writes offline; agencies, admins and the operator itself read the full one.
TEST_P(AssessmentTest, AnAnalystReadsTheCheckWithFacilitiesRedactedAsTheOfflineCommandWritesIt) {
  const std::string id = submit_a();
  const auto made = call("POST", "/v1/assessments", analyst_,
                         json{{"submission", id}, {"policies", {"gb", "us-colocation"}}, {"as_of", "2028-01-01"}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const json assessment = json::parse(made.body);
  const std::string assessment_id = assessment["id"];
  EXPECT_EQ(assessment["reproduce"], "netvet check " + id +
                                         ".json --policy gb,us-colocation --as-of 2028-01-01 --format json "
                                         "--redact facilities");
  const std::string document = call("GET", "/v1/submissions/" + id + "/inventory", operator_a_).body;
  { std::ofstream(folder_ + "/" + id + ".json", std::ios::binary) << document; }
  for (const bool redact : {true, false}) {
    const std::string offline = offline_check(id + ".json", redact ? "--redact facilities" : "");
    for (const std::string* token : {&analyst_, &agency_, &admin_, &operator_a_}) {
      if ((token == &analyst_) != redact) continue;
      const auto check = call("GET", "/v1/assessments/" + assessment_id + "/check", *token);
      ASSERT_EQ(check.status, 200) << check.body;
      EXPECT_EQ(check.body, offline) << (redact ? "analyst" : "not an analyst");
      const auto whole = call("GET", "/v1/assessments/" + assessment_id, *token);
      ASSERT_EQ(whole.status, 200) << whole.body;
      EXPECT_EQ(json::parse(whole.body)["check"], json::parse(offline));
    }
    // The fixture's facility, alpha-F1 ("alpha embassy", owner US), is in the full check
    // only: the test would see it leak.
    for (const std::string_view secret : {"alpha-F1", "alpha embassy", "owner US", "51.5001", "-0.1201"})
      EXPECT_EQ(offline.find(secret) != std::string::npos, !redact && secret.find('.') == std::string_view::npos)
          << secret << (redact ? " in the redacted check" : " in the full check");
    if (redact) {
      EXPECT_NE(offline.find("facility-1"), std::string::npos) << offline;
    }
  }
  // What an analyst sees besides: the summary and the status name no facility.
  const auto whole = call("GET", "/v1/assessments/" + assessment_id, analyst_);
  const auto status = call("GET", "/v1/operators/op-a/status", analyst_);
  ASSERT_EQ(status.status, 200) << status.body;
  for (const auto* body : {&whole.body, &status.body}) {
    EXPECT_EQ(body->find("alpha-F1"), std::string::npos) << *body;
    EXPECT_EQ(body->find("alpha embassy"), std::string::npos) << *body;
  }
}

// An assessment made before the store kept redacted checks (migration 3 adds the column,
// NULL for the rows before it): analysts get 409 and are told to assess again; the others
// read it as before.
TEST_P(AssessmentTest, AnAssessmentMadeBeforeRedactionAnswersAnAnalyst409) {
  const std::string id = submit_a();
  const auto made = call("POST", "/v1/assessments", agency_,
                         json{{"submission", id}, {"policies", {"us-colocation"}}, {"as_of", "2028-01-01"}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string assessment_id = json::parse(made.body)["id"];
  // As the row of an assessment made before migration 3 is (the owner, past the
  // service's grants and SQLite's trigger).
  const bool sqlite = made_.kind == "sqlite";
  if (sqlite) {
    ASSERT_EQ(made_.run_as_owner("DROP TRIGGER assessments_no_update"), "");
  }
  ASSERT_EQ(made_.run_as_owner("UPDATE assessments SET check_redacted = NULL"), "");
  for (const std::string& path : {"/v1/assessments/" + assessment_id, "/v1/assessments/" + assessment_id + "/check"}) {
    const auto refused = call("GET", path, analyst_);
    EXPECT_EQ(refused.status, 409) << path << ": " << refused.body;
    EXPECT_NE(refused.body.find("assess its submission again"), std::string::npos) << refused.body;
    EXPECT_EQ(refused.body.find("alpha-F1"), std::string::npos) << refused.body;
    EXPECT_EQ(call("GET", path, agency_).status, 200) << path;
    EXPECT_EQ(call("GET", path, operator_a_).status, 200) << path;
  }
  // Another operator's assessment still answers 404, as one that does not exist.
  EXPECT_EQ(call("GET", "/v1/assessments/" + assessment_id, operator_b_).status, 404);
  // Assessed again, the analyst reads it.
  const auto again = call("POST", "/v1/assessments", analyst_,
                          json{{"submission", id}, {"policies", {"us-colocation"}}, {"as_of", "2028-01-01"}}.dump());
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(call("GET", "/v1/assessments/" + json::parse(again.body)["id"].get<std::string>() + "/check", analyst_).status,
            200);
}

TEST_P(AssessmentTest, TheStatusSaysWhatTheLatestAssessmentFound) {
  const std::string id = submit_a();
  const auto made = call("POST", "/v1/assessments", admin_,
                         json{{"submission", id}, {"policies", {"gb"}}, {"as_of", "2028-01-01"}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const json check = json::parse(call("GET", "/v1/assessments/" + json::parse(made.body)["id"].get<std::string>() +
                                              "/check", admin_).body);
  const auto answer = call("GET", "/v1/operators/op-a/status", operator_a_);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json status = json::parse(answer.body);
  EXPECT_EQ(status["latest_submission"]["id"], id);
  EXPECT_TRUE(status["assessment"]["of_latest_submission"]);
  EXPECT_FALSE(status["assessment"]["compliant"]);  // Huawei 5G radio after the UK's 2027 deadline
  std::int64_t counted = 0;
  for (const auto& [severity, n] : status["assessment"]["findings"]["gb"].items()) counted += n.get<std::int64_t>();
  EXPECT_EQ(counted, static_cast<std::int64_t>(check["findings"].size()));
  EXPECT_GT(counted, 0);
  // The operators' list: A sees itself; staff see every operator that submitted.
  EXPECT_EQ(json::parse(call("GET", "/v1/operators", operator_a_).body)["items"].size(), 1U);
  call("POST", "/v1/submissions", operator_b_, small_inventory("op-b", "beta"));
  EXPECT_EQ(json::parse(call("GET", "/v1/operators", analyst_).body)["items"].size(), 2U);
  EXPECT_EQ(json::parse(call("GET", "/v1/operators", operator_a_).body)["items"].size(), 1U);
  // B's status answers A as an operator that does not exist.
  const auto theirs = call("GET", "/v1/operators/op-b/status", operator_a_);
  const auto nobody = call("GET", "/v1/operators/op-z/status", operator_a_);
  EXPECT_EQ(theirs.status, 404);
  std::string normalised = theirs.body;
  normalised.replace(normalised.find("op-b"), 4, "op-z");
  EXPECT_EQ(normalised, nobody.body);
}

TEST_P(AssessmentTest, BadAssessmentRequestsAreRefusedPrecisely) {
  const std::string id = submit_a();
  struct Case {
    std::string token, body;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {operator_a_, json{{"submission", id}, {"policies", {"gb"}}}.dump(), 403, "role operator may not POST"},
      {analyst_, "[1, 2]", 400, "not a JSON object"},
      {analyst_, json{{"policies", {"gb"}}}.dump(), 400, "'submission' must be"},
      {analyst_, json{{"submission", id}, {"policies", json::array()}}.dump(), 400, "'policies' must be a list"},
      {analyst_, json{{"submission", id}, {"policies", {"gb"}}, {"as_of", "2028-02-30"}}.dump(), 400,
       "'as_of' '2028-02-30' is not a date"},
      {analyst_, json{{"submission", "s-0000"}, {"policies", {"gb"}}}.dump(), 400, "'submission' s-0000 is not"},
      {analyst_, json{{"submission", id}, {"policies", {"atlantis"}}}.dump(), 400, "cannot be made"},
  };
  for (const auto& c : cases) {
    const auto answer = call("POST", "/v1/assessments", c.token, c.body);
    EXPECT_EQ(answer.status, c.status) << c.body << ": " << answer.body;
    EXPECT_NE(answer.body.find(c.says), std::string::npos) << c.body << ": " << answer.body;
  }
  const auto unknown_pack = json::parse(call("POST", "/v1/assessments", analyst_,
                                             json{{"submission", id}, {"policies", {"atlantis"}}}.dump()).body);
  EXPECT_NE(unknown_pack["error"]["problems"][0]["message"].get<std::string>().find("no built-in policy pack 'atlantis'"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Stores, AssessmentTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
