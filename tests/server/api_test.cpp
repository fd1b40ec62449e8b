// The API on both stores, called as the listener calls it: every answer a client can get.
#include <nlohmann/json.hpp>

#include "service_fixture.h"
#include "store/receipt.h"
#include "store/tokens.h"

namespace netvet::testing {
namespace {

using nlohmann::json;
using store::Role;

json body_of(const server::Response& response) { return json::parse(response.body, nullptr, false); }
std::string message_of(const server::Response& response) {
  const json body = body_of(response);
  return body.is_object() && body.contains("error") ? body["error"].value("message", "") : "";
}

TEST_P(ServiceTest, ASubmissionIsValidatedStoredAndAnsweredWithASignedReceipt) {
  const std::string document = small_inventory("op-a", "alpha");
  const auto created = call("POST", "/v1/submissions", operator_a_, document);
  ASSERT_EQ(created.status, 201) << created.body;
  const json submission = body_of(created);
  const std::string id = submission["id"];
  EXPECT_EQ(submission["operator"], "op-a");
  EXPECT_EQ(submission["size"], document.size());
  EXPECT_TRUE(store::verify_receipt(submission["receipt"], signer_->public_key_pem()));
  EXPECT_EQ(submission["receipt"]["submission"], id);

  const auto stored = call("GET", "/v1/submissions/" + id + "/inventory", operator_a_);
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, document);  // byte for byte
  const auto meta = call("GET", "/v1/submissions/" + id, admin_);
  ASSERT_EQ(meta.status, 200);
  EXPECT_EQ(body_of(meta)["digest"], submission["digest"]);
  // The audit log holds the submission's entry where the receipt says.
  const auto log = call("GET", "/v1/audit?limit=1", admin_);
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(body_of(log)["items"][0]["index"], submission["receipt"]["audit_index"]);
  EXPECT_EQ(body_of(log)["items"][0]["hash"], submission["receipt"]["audit_hash"]);
  EXPECT_EQ(body_of(log)["items"][0]["object"], id);
}

TEST_P(ServiceTest, EachBadRequestGetsItsOwnAnswerAndNothingIsStored) {
  const std::string good = small_inventory("op-a", "alpha");
  struct Case {
    std::string what, method, target, token, body, content_type;
    int status;
    std::string says;
  };
  const std::string expired = token(Role::operator_, "op-a", "2020-01-01");
  const std::string revoked = token(Role::operator_, "op-a");
  const auto revoked_id = store::parse_token(revoked)->id;
  ASSERT_TRUE(made_.store->revoke_token({.role = Role::admin, .operator_id = {}, .actor_id = "cli", .actor_name = "t"},
                                        revoked_id));
  std::string unknown = operator_a_;
  unknown.back() = unknown.back() == '0' ? '1' : '0';
  std::string broken = good;
  broken.replace(broken.find("\"upf\""), 5, "\"warp-drive\"");
  const std::vector<Case> cases = {
      {"malformed JSON", "POST", "/v1/submissions", operator_a_, "{\"format\": ", "application/json", 400,
       "the inventory is not valid"},
      {"an inventory with errors", "POST", "/v1/submissions", operator_a_, broken, "application/json", 400,
       "the inventory is not valid"},
      {"another operator's rows", "POST", "/v1/submissions", operator_b_, good, "application/json", 403,
       "holds rows of operator 'op-a'"},
      {"not JSON", "POST", "/v1/submissions", operator_a_, good, "text/csv", 415, "not 'text/csv'"},
      {"no token", "POST", "/v1/submissions", "", good, "application/json", 401, "needs a token"},
      {"an unknown token", "POST", "/v1/submissions", unknown, good, "application/json", 401, "unknown token"},
      {"a revoked token", "POST", "/v1/submissions", revoked, good, "application/json", 401, "revoked"},
      {"an expired token", "POST", "/v1/submissions", expired, good, "application/json", 401,
       "expired after 2020-01-01"},
      {"not a token", "POST", "/v1/submissions", "let-me-in", good, "application/json", 401, "not a netvet token"},
      {"a role that may not submit", "POST", "/v1/submissions", analyst_, good, "application/json", 403,
       "role analyst may not POST"},
      {"a role that may not read the log", "GET", "/v1/audit", operator_a_, "", "", 403, "role operator may not GET"},
      {"a bad limit", "GET", "/v1/submissions?limit=0", admin_, "", "", 400, "limit '0'"},
      {"no such endpoint", "GET", "/v1/nothing", admin_, "", "", 404, "no endpoint /v1/nothing"},
      {"a wrong method", "DELETE", "/v1/submissions", admin_, "", "", 405, "takes POST, GET"},
      // A path that decodes to bytes that are not UTF-8 is echoed as U+FFFD (fuzz_api's
      // crash: the message's JSON could not be written, and the service ended).
      {"a path that is not UTF-8", "GET", "/v1/%87", "", "", "", 404, "no endpoint /v1/\xef\xbf\xbd"},
  };
  for (const Case& c : cases) {
    const auto answer = call(c.method, c.target, c.token, c.body, c.content_type);
    EXPECT_EQ(answer.status, c.status) << c.what << ": " << answer.body;
    EXPECT_NE(message_of(answer).find(c.says), std::string::npos) << c.what << ": " << answer.body;
  }
  // The inventory's problem is named where it is, as netvet validate names it.
  const json problems = body_of(call("POST", "/v1/submissions", operator_a_, broken))["error"]["problems"];
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0]["pointer"], "/elements/2/function");
  EXPECT_EQ(problems[0]["value"], "warp-drive");
  // Nothing was stored, and the only audit entries are the tokens made above.
  const json all = body_of(call("GET", "/v1/submissions", admin_));
  EXPECT_TRUE(all["items"].empty());
  const json log = body_of(call("GET", "/v1/audit?limit=500", admin_));
  ASSERT_FALSE(log["items"].empty());
  for (const auto& entry : log["items"])
    EXPECT_NE(entry["action"], "submission.create") << entry.dump();
}

TEST_P(ServiceTest, AnotherOperatorsSubmissionAnswersExactlyLikeOneThatDoesNotExist) {
  const json theirs = body_of(call("POST", "/v1/submissions", operator_b_, small_inventory("op-b", "CANARY-B")));
  const std::string real = theirs["id"];
  std::string fake = real;
  fake[5] = fake[5] == 'a' ? 'b' : 'a';
  for (const std::string suffix : {"", "/inventory"}) {
    const auto a = call("GET", "/v1/submissions/" + real + suffix, operator_a_);
    const auto b = call("GET", "/v1/submissions/" + fake + suffix, operator_a_);
    EXPECT_EQ(a.status, 404);
    EXPECT_EQ(a.status, b.status);
    std::string normalised = a.body;
    normalised.replace(normalised.find(real), real.size(), fake);
    EXPECT_EQ(normalised, b.body);
  }
  const auto cursor_real = call("GET", "/v1/submissions?cursor=" + real, operator_a_);
  const auto cursor_fake = call("GET", "/v1/submissions?cursor=" + fake, operator_a_);
  EXPECT_EQ(cursor_real.status, 400);
  EXPECT_EQ(cursor_real.status, cursor_fake.status);
  std::string normalised = cursor_real.body;
  normalised.replace(normalised.find(real), real.size(), fake);
  EXPECT_EQ(normalised, cursor_fake.body);
  // The list has none of B's, and a staff token sees it.
  EXPECT_TRUE(body_of(call("GET", "/v1/submissions", operator_a_))["items"].empty());
  EXPECT_EQ(body_of(call("GET", "/v1/submissions", analyst_))["items"].size(), 1U);
}

TEST_P(ServiceTest, AgencyReadsAreAuditedAndAnalystsDoNotReadTheDocuments) {
  const std::string id = body_of(call("POST", "/v1/submissions", operator_a_, small_inventory("op-a", "alpha")))["id"];
  const auto count_entries = [&] { return body_of(call("GET", "/v1/audit?limit=500", admin_))["items"].size(); };
  const std::size_t before = count_entries();
  ASSERT_EQ(call("GET", "/v1/submissions/" + id + "/inventory", agency_).status, 200);
  ASSERT_EQ(call("GET", "/v1/submissions", agency_).status, 200);
  EXPECT_EQ(count_entries(), before + 2);
  const json newest = body_of(call("GET", "/v1/audit?limit=2", admin_))["items"];
  EXPECT_EQ(newest[0]["action"], "read.listSubmissions");
  EXPECT_EQ(newest[1]["action"], "read.getSubmissionInventory");
  EXPECT_EQ(newest[1]["object"], "/v1/submissions/" + id + "/inventory");
  const auto refused = call("GET", "/v1/submissions/" + id + "/inventory", analyst_);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(message_of(refused).find("facility names and coordinates"), std::string::npos);
  EXPECT_EQ(count_entries(), before + 2);  // analysts' reads are not audited
}

TEST_P(ServiceTest, EveryOperationOfTheOpenApiDocumentIsOneTheServerAnswers) {
  const auto document = call("GET", "/v1/openapi.json", "");
  ASSERT_EQ(document.status, 200);
  const json openapi = body_of(document);
  EXPECT_EQ(openapi["openapi"], "3.0.3");
  std::size_t operations = 0;
  for (const auto& [path, methods] : openapi["paths"].items()) {
    std::string concrete = path;
    if (const auto open = concrete.find("{id}"); open != std::string::npos) concrete.replace(open, 4, "s-none");
    for (const auto& [method, operation] : methods.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const auto answer = call(upper, concrete, admin_, "{}");
      EXPECT_NE(answer.status, 405) << upper << " " << path;
      EXPECT_EQ(message_of(answer).find("no endpoint"), std::string::npos) << upper << " " << path;
      EXPECT_TRUE(operation.contains("responses"));
      ++operations;
    }
  }
  // Every endpoint of shared/spec/service.md is there.
  for (const auto& [path, method] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/submissions", "post"}, {"/v1/submissions", "get"}, {"/v1/submissions/{id}", "get"},
           {"/v1/submissions/{id}/inventory", "get"}, {"/v1/submissions/{id}/diff", "get"}, {"/v1/assessments", "post"}, {"/v1/assessments/{id}", "get"},
           {"/v1/operators", "get"}, {"/v1/operators/{id}/status", "get"}, {"/v1/audit", "get"},
           {"/v1/health", "get"}, {"/v1/openapi.json", "get"}})
    EXPECT_TRUE(openapi["paths"].contains(path) && openapi["paths"][path].contains(method)) << method << " " << path;
  EXPECT_GE(operations, 12U);
}

TEST_P(ServiceTest, PagesOfSubmissionsWalkNewestFirst) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(body_of(call("POST", "/v1/submissions", operator_a_, small_inventory("op-a", "n" + std::to_string(i))))["id"]);
  std::vector<std::string> walked;
  std::string target = "/v1/submissions?limit=2";
  for (int guard = 0; guard < 5; ++guard) {
    const json page = body_of(call("GET", target, operator_a_));
    for (const auto& item : page["items"]) walked.push_back(item["id"]);
    if (page["next"].is_null()) break;
    target = "/v1/submissions?limit=2&cursor=" + page["next"].get<std::string>();
  }
  EXPECT_EQ(walked, std::vector<std::string>(ids.rbegin(), ids.rend()));
}

INSTANTIATE_TEST_SUITE_P(Stores, ServiceTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
