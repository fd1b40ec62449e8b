// netvet token and netvet audit on both stores, run as an administrator would.
#include <gtest/gtest.h>

#include <regex>

#include "run_netvet.h"
#include "store/tokens.h"
#include "test_store.h"

namespace netvet::testing {
namespace {

class ServiceCli : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    made_ = fresh_store(GetParam());
    ASSERT_NE(made_.store, nullptr);
  }
  CliRun netvet(const std::string& args) { return run_netvet(args + " --store '" + made_.url + "'"); }
  TestStore made_;
};

TEST_P(ServiceCli, ATokenIsShownOnceStoredHashedListedAndRevoked) {
  const CliRun created = netvet("token create --name 'Alice Analyst' --role analyst --expires 2099-12-31");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string text = created.out.substr(0, created.out.find('\n'));
  const auto presented = store::parse_token(text);
  ASSERT_TRUE(presented) << created.out;
  auto stored = made_.store->find_token(presented->id);
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_EQ((*stored)->name, "Alice Analyst");
  EXPECT_EQ((*stored)->expires, "2099-12-31");
  EXPECT_EQ(store::check_token(*stored, *presented, today()), store::TokenState::valid);
  EXPECT_EQ((*stored)->secret_hash.find(presented->secret), std::string::npos);  // only the hash is kept

  const CliRun listed = netvet("token list");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(presented->id), std::string::npos);
  EXPECT_NE(listed.out.find("Alice Analyst"), std::string::npos);
  EXPECT_EQ(listed.out.find(presented->secret), std::string::npos);  // never shown again

  EXPECT_EQ(netvet("token revoke " + presented->id).exit_code, 0);
  stored = made_.store->find_token(presented->id);
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_EQ(store::check_token(*stored, *presented, today()), store::TokenState::revoked);
  const CliRun again = netvet("token revoke " + presented->id);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("no valid token " + presented->id), std::string::npos) << again.err;
}

TEST_P(ServiceCli, BadTokenRequestsAreRefusedAndChangeNothing) {
  const CliRun no_operator = netvet("token create --name ci --role operator");
  EXPECT_EQ(no_operator.exit_code, 2);
  EXPECT_NE(no_operator.err.find("--role operator needs --operator"), std::string::npos) << no_operator.err;
  const CliRun bad_role = netvet("token create --name x --role boss");
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.err.find("'boss' is not a role"), std::string::npos) << bad_role.err;
  const CliRun past = netvet("token create --name x --role analyst --expires 2001-01-01");
  EXPECT_EQ(past.exit_code, 2);
  const CliRun bad_date = netvet("token create --name x --role analyst --expires 2027-02-30");
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("2027-02-30"), std::string::npos) << bad_date.err;
  auto tokens = made_.store->tokens({.role = store::Role::admin, .operator_id = {}, .actor_id = "t", .actor_name = "t"});
  ASSERT_TRUE(tokens);
  EXPECT_TRUE(tokens->empty());
}

TEST_P(ServiceCli, ThePoliciesInForceAreShownAndSetAsANewAuditedVersion) {
  const CliRun none = netvet("in-force show");
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(none.err.find("No policies in force"), std::string::npos) << none.err;

  const CliRun unknown = netvet("in-force set gb atlantis");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no built-in pack 'atlantis'; the packs there are: "), std::string::npos) << unknown.err;
  const CliRun bad_date = netvet("in-force set gb --as-of 2028-02-30");
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("2028-02-30"), std::string::npos) << bad_date.err;

  const CliRun set = netvet("in-force set uk us-colocation --as-of today");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("version  1\npolicies gb,us-colocation\nas_of    today\n"), std::string::npos) << set.out;
  const CliRun shown = netvet("in-force show");
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("policies gb,us-colocation"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("by cli ("), std::string::npos) << shown.out;

  const store::Caller reader{.role = store::Role::operator_, .operator_id = "op-a", .actor_id = "t", .actor_name = "t"};
  auto policies = made_.store->policies_in_force(reader);
  ASSERT_TRUE(policies && policies->has_value());
  EXPECT_EQ((*policies)->version, 1);
  EXPECT_EQ((*policies)->packs, (std::vector<std::string>{"gb", "us-colocation"}));
  const CliRun verified = netvet("audit verify");
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_NE(verified.out.find("all 1 entries verify"), std::string::npos) << verified.out;  // refusals wrote nothing
}

TEST_P(ServiceCli, AuditVerifyPassesThenNamesTheChangedEntry) {
  for (const char* name : {"a", "b", "c"})
    ASSERT_EQ(netvet(std::string("token create --role admin --name ") + name).exit_code, 0);
  const CliRun clean = netvet("audit verify");
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_NE(clean.out.find("all 3 entries verify"), std::string::npos) << clean.out;

  if (made_.kind == "sqlite") {
    ASSERT_EQ(made_.run_as_owner("DROP TRIGGER audit_no_update"), "");
  }
  ASSERT_EQ(made_.run_as_owner("UPDATE audit SET object = 't-0000000000000000' WHERE idx = 2"), "");
  const CliRun broken = netvet("audit verify");
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.out.find("entry 2 does not verify: entry 2 was changed"), std::string::npos) << broken.out;
  EXPECT_NE(broken.out.find("The entry before it verifies."), std::string::npos) << broken.out;
}

TEST(ServiceCliStore, AStoreThatIsNotOneIsExitTwoWithThePasswordMasked) {
  const CliRun run = run_netvet("audit verify --store 'postgresql://me:hunter2@127.0.0.1:1/nothing'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("postgresql://me:***@127.0.0.1:1/nothing"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("hunter2"), std::string::npos);
  const CliRun unknown = run_netvet("token list --store mysql://x");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("expected sqlite:PATH or postgresql://"), std::string::npos) << unknown.err;
}

INSTANTIATE_TEST_SUITE_P(Stores, ServiceCli, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
