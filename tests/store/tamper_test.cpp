// Someone with the database in hand changes the audit log directly: every kind of change
// is found, and the first entry that does not verify is named.
#include <gtest/gtest.h>

#include "store/store.h"
#include "support/test_store.h"

namespace netvet::store {
namespace {

class TamperTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    made_ = testing::fresh_store(GetParam());
    ASSERT_NE(made_.store, nullptr);
    const Caller by{.role = Role::operator_, .operator_id = "op-a", .actor_id = "t-a", .actor_name = "a"};
    for (int i = 0; i < 5; ++i)
      ASSERT_TRUE(made_.store->add_submission(by, {.operator_id = "op-a", .media_type = "application/json", .body = "{}"}));
    // The SQLite store's triggers refuse changes to the log; someone with the file drops them.
    // PostgreSQL's foreign key from a submission to its entry holds the entry in place;
    // its owner drops that.
    ASSERT_EQ(made_.run_as_owner(made_.kind == "sqlite"
                                     ? "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete"
                                     : "ALTER TABLE submissions DROP CONSTRAINT submissions_audit_index_fkey"),
              "");
    auto clean = made_.store->verify_audit();
    ASSERT_TRUE(clean);
    ASSERT_EQ(clean->entries, 5);
    ASSERT_FALSE(clean->broken_at.has_value());
  }

  ChainReport tamper(const std::string& sql) {
    EXPECT_EQ(made_.run_as_owner(sql), "") << sql;
    auto report = made_.store->verify_audit();
    EXPECT_TRUE(report);
    return report.value_or(ChainReport{});
  }

  testing::TestStore made_;
};

TEST_P(TamperTest, AByteChangedInAFieldIsNamed) {
  const auto report = tamper("UPDATE audit SET actor_name = 'b' WHERE idx = 3");
  ASSERT_TRUE(report.broken_at.has_value());
  EXPECT_EQ(*report.broken_at, 3);
  EXPECT_EQ(report.entries, 2);
  EXPECT_NE(report.reason.find("was changed"), std::string::npos) << report.reason;
}

TEST_P(TamperTest, AChangedHashBreaksTheNextEntry) {
  // Recomputing nothing, the forger rewrites entry 2's hash: entry 2 no longer matches.
  const auto report = tamper("UPDATE audit SET hash = previous_hash WHERE idx = 2");
  ASSERT_TRUE(report.broken_at.has_value());
  EXPECT_EQ(*report.broken_at, 2);
}

TEST_P(TamperTest, ARemovedEntryIsNamed) {
  const auto report = tamper("DELETE FROM audit WHERE idx = 3");
  ASSERT_TRUE(report.broken_at.has_value());
  EXPECT_EQ(*report.broken_at, 3);
  EXPECT_NE(report.reason.find("entry 3 is missing"), std::string::npos) << report.reason;
}

TEST_P(TamperTest, AnInsertedEntryIsNamed) {
  // Entries 4 and 5 move up one; a forged entry 4 goes in between.
  ASSERT_EQ(made_.run_as_owner("UPDATE audit SET idx = idx + 100 WHERE idx >= 4"), "");
  ASSERT_EQ(made_.run_as_owner("UPDATE audit SET idx = idx - 99 WHERE idx >= 104"), "");
  const auto report = tamper(
      "INSERT INTO audit (idx, at, actor_id, actor_name, action, object, operator, outcome, previous_hash, hash) "
      "SELECT 4, at, actor_id, actor_name, action, 's-forged', operator, outcome, hash, hash FROM audit WHERE idx = 3");
  ASSERT_TRUE(report.broken_at.has_value());
  EXPECT_EQ(*report.broken_at, 4);
}

TEST_P(TamperTest, ReorderedEntriesAreNamed) {
  ASSERT_EQ(made_.run_as_owner("UPDATE audit SET idx = 100 WHERE idx = 2"), "");
  ASSERT_EQ(made_.run_as_owner("UPDATE audit SET idx = 2 WHERE idx = 3"), "");
  const auto report = tamper("UPDATE audit SET idx = 3 WHERE idx = 100");
  ASSERT_TRUE(report.broken_at.has_value());
  EXPECT_EQ(*report.broken_at, 2);
  EXPECT_NE(report.reason.find("does not follow entry 1"), std::string::npos) << report.reason;
}

TEST_P(TamperTest, AnUntouchedLogVerifiesAndTheHeadIsTheLastReceipt) {
  auto log = made_.store->audit_log({.role = Role::admin, .operator_id = {}, .actor_id = "cli", .actor_name = "x"},
                                    {.limit = 1, .cursor = {}});
  ASSERT_TRUE(log && log->has_value());
  auto report = made_.store->verify_audit();
  ASSERT_TRUE(report);
  EXPECT_EQ(report->head_hash, (*log)->items.front().hash);
}

INSTANTIATE_TEST_SUITE_P(Stores, TamperTest, ::testing::ValuesIn(testing::kStoreKinds));

}  // namespace
}  // namespace netvet::store
