// The store on both databases: migrations, submissions byte for byte, tokens, operators
// kept apart, pages, and every change in the audit log.
#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "store/digest.h"
#include "store/receipt.h"
#include "support/test_store.h"

namespace netvet::store {
namespace {

using testing::fresh_store;
using testing::TestStore;

Caller operator_caller(const std::string& id) {
  return {.role = Role::operator_, .operator_id = id, .actor_id = "t-" + id, .actor_name = id + "-pipeline"};
}
Caller analyst() { return {.role = Role::analyst, .operator_id = {}, .actor_id = "t-analyst", .actor_name = "ana"}; }
Caller admin() { return {.role = Role::admin, .operator_id = {}, .actor_id = "cli", .actor_name = "root"}; }

NewSubmission inventory_of(const std::string& operator_id, std::string body) {
  return {.operator_id = operator_id, .media_type = "application/json", .body = std::move(body)};
}

class StoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    made_ = fresh_store(GetParam());
    ASSERT_NE(made_.store, nullptr);
  }
  Store& store() { return *made_.store; }
  SubmissionMeta submit(const Caller& by, const std::string& operator_id, std::string body) {
    auto meta = store().add_submission(by, inventory_of(operator_id, std::move(body)));
    EXPECT_TRUE(meta.has_value()) << (meta ? "" : meta.error().front().to_string());
    return meta.value_or(SubmissionMeta{});
  }
  TestStore made_;
};

TEST_P(StoreTest, MigratesOnceAndRecordsTheVersion) {
  auto version = store().schema_version();
  ASSERT_TRUE(version);
  const int newest = std::string(GetParam()) == "sqlite" ? sqlite_migrations().back().version
                                                         : postgresql_migrations().back().version;
  EXPECT_EQ(*version, newest);
  auto again = store().migrate();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->version, newest);
}

TEST_P(StoreTest, ConcurrentStartsApplyEachMigrationOnce) {
  // An empty store, migrated by four "processes" at once.
  TestStore empty = testing::fresh_store(GetParam(), {}, /*migrated=*/false);
  ASSERT_NE(empty.store, nullptr);
  auto before = empty.store->schema_version();
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 0);
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < 4; ++i) stores.push_back(empty.open_again());
  std::vector<std::vector<int>> applied(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      auto report = stores[i]->migrate();
      ASSERT_TRUE(report) << report.error().front().to_string();
      applied[i] = report->applied;
    });
  for (auto& thread : threads) thread.join();
  std::vector<int> all;
  for (const auto& each : applied) all.insert(all.end(), each.begin(), each.end());
  const auto& migrations = std::string(GetParam()) == "sqlite" ? sqlite_migrations() : postgresql_migrations();
  std::vector<int> expected;
  for (const auto& migration : migrations) expected.push_back(migration.version);
  EXPECT_EQ(all, expected);  // each once, in order, by whichever got the lock
}

TEST_P(StoreTest, ASubmissionComesBackByteForByteWithItsDigest) {
  std::string body;
  for (int i = 0; i < 3; ++i)
    for (int byte = 0; byte < 256; ++byte) body += static_cast<char>(byte);  // NUL and non-UTF-8 bytes too
  const auto meta = submit(operator_caller("op-a"), "op-a", body);
  EXPECT_EQ(meta.size, 768);
  EXPECT_EQ(meta.digest, "sha256:" + sha256_hex(body));
  auto stored = store().submission_body(operator_caller("op-a"), meta.id);
  ASSERT_TRUE(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ(**stored, body);
  auto read = store().submission(analyst(), meta.id);
  ASSERT_TRUE(read && read->has_value());
  EXPECT_EQ((*read)->digest, meta.digest);
  EXPECT_EQ((*read)->received, meta.received);
  EXPECT_EQ((*read)->audit_index, meta.audit_index);
}

TEST(Digest, IsSha256) {
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Found by fuzz_receipt's review (tests/fuzz/crashes/receipt/): a "format" that is not a
// text, and a signature of four '=', threw out of verify_receipt (nlohmann's type_error;
// a size that wrapped below zero) and ended `netvet receipt verify`. Both are refusals.
TEST(Receipt, AMalformedReceiptIsRefusedWithAMessageNeverAnException) {
  const auto key = std::filesystem::temp_directory_path() / ("netvet-receipt-test-" + new_token_id() + ".pem");
  auto signer = Signer::load_or_create(key);
  std::filesystem::remove(key);
  ASSERT_TRUE(signer);
  SubmissionMeta meta{.id = "s-1", .operator_id = "op-a", .digest = "sha256:00", .received = "2026-12-07T13:00:00Z",
                      .media_type = "application/json", .size = 1, .submitted_by = "t-1", .audit_index = 7,
                      .audit_hash = "ab"};
  const nlohmann::json good = make_receipt(meta, signer->get());
  const std::string key_pem = (*signer)->public_key_pem();
  EXPECT_TRUE(verify_receipt(good, key_pem));
  const auto refused = [&](const nlohmann::json& receipt) {
    Result<void> verified;
    EXPECT_NO_THROW(verified = verify_receipt(receipt, key_pem)) << receipt.dump();
    EXPECT_FALSE(verified) << receipt.dump();
    return verified ? std::string() : verified.error().front().message;
  };
  EXPECT_NE(refused({{"format", 1}}).find("is not a netvet receipt"), std::string::npos);
  EXPECT_NE(refused(nlohmann::json::array()).find("is not a netvet receipt"), std::string::npos);
  for (const char* signature : {"====", "========", "A===", "AA=A", ""}) {
    nlohmann::json changed = good;
    changed["signature"] = signature;
    EXPECT_FALSE(refused(changed).empty()) << signature;
  }
}

TEST_P(StoreTest, AnOperatorSeesItsOwnSubmissionsAndAnothersAnswerLikeNone) {
  const auto a1 = submit(operator_caller("op-a"), "op-a", "{\"a\":1}");
  const auto b1 = submit(operator_caller("op-b"), "op-b", "{\"b\":\"CANARY-B\"}");
  const auto a2 = submit(operator_caller("op-a"), "op-a", "{\"a\":2}");
  const Caller a = operator_caller("op-a");

  auto list = store().submissions(a, {});
  ASSERT_TRUE(list && list->has_value());
  std::vector<std::string> ids;
  for (const auto& item : (*list)->items) ids.push_back(item.id);
  EXPECT_EQ(ids, (std::vector<std::string>{a2.id, a1.id}));  // newest first, no op-b

  const std::string unknown = new_submission_id();
  for (const std::string& id : {b1.id, unknown}) {
    auto meta = store().submission(a, id);
    ASSERT_TRUE(meta);
    EXPECT_FALSE(meta->has_value()) << id;
    auto body = store().submission_body(a, id);
    ASSERT_TRUE(body);
    EXPECT_FALSE(body->has_value()) << id;
    auto page = store().submissions(a, {.limit = 10, .cursor = id});
    ASSERT_TRUE(page);
    EXPECT_FALSE(page->has_value()) << id;  // a cursor of B's is refused like an unknown one
  }
  auto all = store().submissions(analyst(), {});
  ASSERT_TRUE(all && all->has_value());
  EXPECT_EQ((*all)->items.size(), 3U);
}

TEST_P(StoreTest, AnOperatorCannotSubmitAnotherOperatorsInventory) {
  auto refused = store().add_submission(operator_caller("op-a"), inventory_of("op-b", "{}"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().front().message.find("only its own"), std::string::npos);
  auto all = store().submissions(analyst(), {});
  ASSERT_TRUE(all && all->has_value());
  EXPECT_TRUE((*all)->items.empty());
  auto chain = store().verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->entries, 0);  // refused: nothing stored, nothing audited
}

TEST_P(StoreTest, PagesWalkEverySubmissionNewestFirstOnce) {
  std::vector<std::string> made;
  for (int i = 0; i < 7; ++i) made.push_back(submit(admin(), "op-a", "{\"n\":" + std::to_string(i) + "}").id);
  std::vector<std::string> walked;
  std::vector<std::size_t> sizes;
  PageRequest request{.limit = 3, .cursor = {}};
  for (int guard = 0; guard < 10; ++guard) {
    auto page = store().submissions(analyst(), request);
    ASSERT_TRUE(page && page->has_value());
    sizes.push_back((*page)->items.size());
    for (const auto& item : (*page)->items) walked.push_back(item.id);
    if ((*page)->next.empty()) break;
    request.cursor = (*page)->next;
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 1}));
  EXPECT_EQ(walked, std::vector<std::string>(made.rbegin(), made.rend()));
}

TEST_P(StoreTest, TokensAreAddedFoundListedAndRevokedOnce) {
  TokenRecord token{.id = new_token_id(), .name = "alice", .role = Role::analyst, .operator_id = {},
                    .secret_hash = sha256_hex("secret"), .created = utc_now(), .expires = "2027-12-31", .revoked = {}};
  ASSERT_TRUE(store().add_token(admin(), token));
  auto found = store().find_token(token.id);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->name, "alice");
  EXPECT_EQ((*found)->role, Role::analyst);
  EXPECT_EQ((*found)->secret_hash, token.secret_hash);
  EXPECT_EQ((*found)->expires, "2027-12-31");
  auto listed = store().tokens(admin());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1U);

  auto revoked = store().revoke_token(admin(), token.id);
  ASSERT_TRUE(revoked);
  EXPECT_TRUE(*revoked);
  auto again = store().revoke_token(admin(), token.id);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  auto unknown = store().revoke_token(admin(), "t-0000000000000000");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(*unknown);
  found = store().find_token(token.id);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_FALSE((*found)->revoked.empty());
  // Two changes, two entries: the refused revocations changed nothing.
  auto log = store().audit_log(admin(), {});
  ASSERT_TRUE(log && log->has_value());
  ASSERT_EQ((*log)->items.size(), 2U);
  EXPECT_EQ((*log)->items[0].action, "token.revoke");
  EXPECT_EQ((*log)->items[1].action, "token.create");
}

TEST_P(StoreTest, EveryChangeIsOneChainedEntryAndTheReceiptIsIts) {
  const auto s1 = submit(operator_caller("op-a"), "op-a", "{}");
  ASSERT_TRUE(store().audit(analyst(), {.action = "read.facilities", .object = s1.id, .operator_id = "op-a"}));
  const auto s2 = submit(operator_caller("op-b"), "op-b", "{}");
  auto log = store().audit_log(admin(), {});
  ASSERT_TRUE(log && log->has_value());
  const auto& items = (*log)->items;
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[2].index, s1.audit_index);
  EXPECT_EQ(items[2].hash, s1.audit_hash);
  EXPECT_EQ(items[2].action, "submission.create");
  EXPECT_EQ(items[2].object, s1.id);
  EXPECT_EQ(items[2].actor_id, "t-op-a");
  EXPECT_EQ(items[1].action, "read.facilities");
  EXPECT_EQ(items[0].index, s2.audit_index);
  EXPECT_EQ(items[0].previous_hash, items[1].hash);
  auto chain = store().verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->entries, 3);
  EXPECT_FALSE(chain->broken_at.has_value());
  EXPECT_EQ(chain->head_hash, s2.audit_hash);
  // Only admins read the log.
  auto refused = store().audit_log(analyst(), {});
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->has_value());
}

TEST_P(StoreTest, ConcurrentWritersFromSeveralStoresKeepOneChain) {
  constexpr int kWriters = 6;
  constexpr int kEach = 15;
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kWriters; ++i) stores.push_back(made_.open_again());
  std::vector<std::thread> threads;
  std::vector<std::vector<std::int64_t>> receipts(kWriters);
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      const std::string op = "op-" + std::to_string(w);
      for (int i = 0; i < kEach; ++i) {
        auto meta = stores[static_cast<std::size_t>(w)]->add_submission(operator_caller(op), inventory_of(op, "{}"));
        ASSERT_TRUE(meta) << meta.error().front().to_string();
        receipts[static_cast<std::size_t>(w)].push_back(meta->audit_index);
      }
    });
  for (auto& thread : threads) thread.join();
  std::set<std::int64_t> indexes;
  for (const auto& each : receipts) indexes.insert(each.begin(), each.end());
  ASSERT_EQ(indexes.size(), static_cast<std::size_t>(kWriters * kEach));  // no index given twice
  EXPECT_EQ(*indexes.begin(), 1);
  EXPECT_EQ(*indexes.rbegin(), kWriters * kEach);
  auto chain = store().verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->entries, kWriters * kEach);
  EXPECT_FALSE(chain->broken_at.has_value()) << chain->reason;
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreTest, ::testing::ValuesIn(testing::kStoreKinds));

}  // namespace
}  // namespace netvet::store
