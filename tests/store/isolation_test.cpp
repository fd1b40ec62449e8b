// Operators kept apart by the database itself: on PostgreSQL, with the store's own
// operator filter removed from every query, row-level security still shows an operator
// only its own rows — and on SQLite, which has no such thing, removing it does leak,
// which shows the option really removes the filter.
#include <gtest/gtest.h>

#include "store/read_cache.h"
#include "store/store.h"
#include "support/test_store.h"

namespace netvet::store {
namespace {

using testing::fresh_store;

Caller operator_caller(const std::string& id) {
  return {.role = Role::operator_, .operator_id = id, .actor_id = "t-" + id, .actor_name = id};
}

struct Seeded {
  testing::TestStore made;
  SubmissionMeta a;
  SubmissionMeta b;
};

Seeded seeded_without_filter(const char* kind) {
  Seeded seeded{fresh_store(kind, {.connections = 2, .without_operator_filter = true}), {}, {}};
  if (seeded.made.store == nullptr) return seeded;
  auto a = seeded.made.store->add_submission(operator_caller("op-a"), {"op-a", "application/json", "{\"a\":1}"});
  auto b = seeded.made.store->add_submission(operator_caller("op-b"), {"op-b", "application/json", "{\"CANARY\":1}"});
  EXPECT_TRUE(a && b);
  if (a) seeded.a = *a;
  if (b) seeded.b = *b;
  return seeded;
}

TEST(Isolation, WithoutTheStoresFilterPostgresqlRowLevelSecurityStillKeepsOperatorsApart) {
  Seeded seeded = seeded_without_filter("postgresql");
  ASSERT_NE(seeded.made.store, nullptr);
  Store& store = *seeded.made.store;
  const Caller a = operator_caller("op-a");
  auto list = store.submissions(a, {});
  ASSERT_TRUE(list && list->has_value());
  ASSERT_EQ((*list)->items.size(), 1U);
  EXPECT_EQ((*list)->items[0].id, seeded.a.id);
  auto meta = store.submission(a, seeded.b.id);
  ASSERT_TRUE(meta);
  EXPECT_FALSE(meta->has_value());
  auto body = store.submission_body(a, seeded.b.id);
  ASSERT_TRUE(body);
  EXPECT_FALSE(body->has_value());
  // Writing another operator's rows is refused by the database too.
  auto forged = store.add_submission(a, {"op-b", "application/json", "{}"});
  ASSERT_FALSE(forged);
  EXPECT_NE(forged.error().front().message.find("row-level security"), std::string::npos)
      << forged.error().front().message;
  // Staff still see both.
  auto all = store.submissions({.role = Role::agency, .operator_id = {}, .actor_id = "t", .actor_name = "x"}, {});
  ASSERT_TRUE(all && all->has_value());
  EXPECT_EQ((*all)->items.size(), 2U);
}

TEST(Isolation, WithoutTheStoresFilterSqliteLeaksWhichIsWhyTheFilterIsEverywhere) {
  Seeded seeded = seeded_without_filter("sqlite");
  ASSERT_NE(seeded.made.store, nullptr);
  auto meta = seeded.made.store->submission(operator_caller("op-a"), seeded.b.id);
  ASSERT_TRUE(meta);
  EXPECT_TRUE(meta->has_value());
}

TEST(Isolation, TheServiceRoleOwnsNothingCannotBypassAndEveryTableForcesRowSecurity) {
  auto made = fresh_store("postgresql");
  ASSERT_NE(made.store, nullptr);
  EXPECT_EQ(made.value_as_owner("SELECT rolsuper::text || rolbypassrls::text || rolcanlogin::text FROM pg_roles "
                                "WHERE rolname = 'netvet_service'"),
            "falsefalsefalse");
  EXPECT_EQ(made.value_as_owner("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                                "WHERE r.rolname = 'netvet_service'"),
            "0");
  EXPECT_EQ(made.value_as_owner("SELECT string_agg(relname || ':' || relrowsecurity || relforcerowsecurity, ',' "
                                "ORDER BY relname) FROM pg_class WHERE relname IN ('tokens', 'submissions', 'audit')"),
            "audit:truetrue,submissions:truetrue,tokens:truetrue");
}

TEST(Isolation, AQueryThatForgetsTheOperatorSeesOnlyTheCallersRowsOnPostgresql) {
  Seeded seeded = seeded_without_filter("postgresql");
  ASSERT_NE(seeded.made.store, nullptr);
  const auto as = [&](const std::string& role, const std::string& op) {
    return seeded.made.value_as_owner("BEGIN; SET LOCAL ROLE netvet_service; SELECT set_config('netvet.role', '" + role +
                                      "', true), set_config('netvet.operator', '" + op +
                                      "', true); SELECT string_agg(operator, ',' ORDER BY operator) FROM submissions");
  };
  EXPECT_EQ(as("operator", "op-a"), "op-a");
  EXPECT_EQ(as("operator", "op-b"), "op-b");
  EXPECT_EQ(as("analyst", ""), "op-a,op-b");
  EXPECT_EQ(as("operator", ""), "");  // no operator set: nothing
  EXPECT_EQ(as("", ""), "");          // no role set: nothing
  // The audit log and the tokens are not the service's to read unless an admin asks.
  EXPECT_EQ(seeded.made.value_as_owner("BEGIN; SET LOCAL ROLE netvet_service; SELECT set_config('netvet.role', "
                                       "'analyst', true); SELECT count(*) FROM audit"),
            "0");
  EXPECT_NE(seeded.made.value_as_owner("BEGIN; SET LOCAL ROLE netvet_service; DELETE FROM audit").find("ERROR"),
            std::string::npos);
  EXPECT_NE(seeded.made.value_as_owner("BEGIN; SET LOCAL ROLE netvet_service; UPDATE submissions SET operator = 'x'")
                .find("ERROR"),
            std::string::npos);
}


namespace cache_tests {

Caller staff(Role role) { return {.role = role, .operator_id = {}, .actor_id = "t-staff", .actor_name = "staff"}; }

// Staff read B's submission and assessment first, so that the answers are in the read
// cache; A then asks for the same ids and must find nothing, as for ids that do not
// exist — on both stores, and on PostgreSQL also with the store's filter removed.
TEST(Isolation, TheReadCacheNeverGivesAnAnswerToACallerWithOtherRights) {
  for (const auto& [kind, unfiltered] : {std::pair{"sqlite", false}, std::pair{"postgresql", false},
                                         std::pair{"postgresql", true}}) {
    SCOPED_TRACE(std::string(kind) + (unfiltered ? " without the store's filter" : ""));
    auto made = fresh_store(kind, {.connections = 2, .without_operator_filter = unfiltered});
    ASSERT_NE(made.store, nullptr);
    Store& store = *made.store;
    auto b = store.add_submission(operator_caller("op-b"), {"op-b", "application/json", "{\"CANARY\":1}"});
    ASSERT_TRUE(b) << b.error().front().message;
    NewAssessment assessment;
    assessment.submission = b->id;
    assessment.operator_id = "op-b";
    assessment.as_of = "2028-01-01";
    assessment.engine = "netvet test";
    assessment.packs = "[]";
    assessment.inventory_digest = b->digest;
    assessment.summary = "{}";
    assessment.check = "{\"CANARY\":2}";
    assessment.check_redacted = "{\"CANARY\":3}";
    auto assessed = store.add_assessment(staff(Role::analyst), assessment);
    ASSERT_TRUE(assessed) << assessed.error().front().message;

    // Warm the cache, twice each; an analyst reads the redacted check, an agency the full one
    // (two answers to the same id, each kept for its own rights).
    for (Role role : {Role::analyst, Role::agency}) {
      for (int twice = 0; twice < 2; ++twice) {
        auto meta = store.submission(staff(role), b->id);
        auto body = store.submission_body(staff(role), b->id);
        auto check = store.assessment_with_check(staff(role), assessed->id);
        ASSERT_TRUE(meta && body && check);
        ASSERT_TRUE(meta->has_value() && body->has_value() && check->has_value());
        EXPECT_EQ(**body, "{\"CANARY\":1}");
        EXPECT_EQ((*check)->second, role == Role::analyst ? "{\"CANARY\":3}" : "{\"CANARY\":2}");
      }
    }
    const Caller a = operator_caller("op-a");
    auto meta = store.submission(a, b->id);
    auto body = store.submission_body(a, b->id);
    auto check = store.assessment_check(a, assessed->id);
    auto with_check = store.assessment_with_check(a, assessed->id);
    ASSERT_TRUE(meta && body && check && with_check);
    if (std::string_view(kind) == "sqlite" && unfiltered) continue;  // (not run: SQLite has no row security)
    EXPECT_FALSE(meta->has_value());
    EXPECT_FALSE(body->has_value());
    EXPECT_FALSE(check->has_value());
    EXPECT_FALSE(with_check->has_value());
    // B itself still reads its own, from the database or the cache alike.
    auto own = store.assessment_check(operator_caller("op-b"), assessed->id);
    ASSERT_TRUE(own && own->has_value());
    EXPECT_EQ(**own, "{\"CANARY\":2}");
  }
}

Rows rows_of(std::string cell) { return Rows(1, {std::move(cell)}); }

TEST(ReadCache, KeysHoldTheCallersRightsAndEmptyAnswersAreNeverKept) {
  ReadCache cache(1 << 20);
  const Param id[] = {Param::of("a-1")};
  const std::string analyst = ReadCache::key({"analyst", ""}, "SELECT x", id);
  cache.keep(analyst, rows_of("CANARY"));
  ASSERT_TRUE(cache.find(analyst).has_value());
  EXPECT_EQ(cache.find(analyst)->text(0, 0), "CANARY");
  EXPECT_FALSE(cache.find(ReadCache::key({"operator", "op-a"}, "SELECT x", id)).has_value());
  EXPECT_FALSE(cache.find(ReadCache::key({"agency", ""}, "SELECT x", id)).has_value());
  const Param other[] = {Param::of("a-2")};
  EXPECT_FALSE(cache.find(ReadCache::key({"analyst", ""}, "SELECT x", other)).has_value());
  // Length-prefixed parts: moving a character from one part to the next makes another key.
  EXPECT_NE(ReadCache::key({"operator", "ab"}, "c", {}), ReadCache::key({"operator", "a"}, "bc", {}));
  const std::string empty = ReadCache::key({"analyst", ""}, "SELECT y", id);
  cache.keep(empty, Rows(1, {}));
  EXPECT_FALSE(cache.find(empty).has_value());
}

TEST(ReadCache, KeepsWithinItsBudgetByLeastRecentUse) {
  ReadCache cache(16000);
  const auto key = [](int n) { return ReadCache::key({"analyst", ""}, "SELECT x", {}) + std::to_string(n); };
  for (int n = 0; n < 40; ++n) {
    cache.keep(key(n), rows_of(std::string(500, 'x')));
    ASSERT_TRUE(cache.find(key(0)).has_value()) << n;  // used at every step: never the least recent
  }
  EXPECT_FALSE(cache.find(key(1)).has_value());  // the oldest unused went first
  EXPECT_TRUE(cache.find(key(39)).has_value());
  int kept = 0;
  for (int n = 0; n < 40; ++n) kept += cache.find(key(n)).has_value() ? 1 : 0;
  EXPECT_GT(kept, 10);
  EXPECT_LT(kept, 32);  // 40 entries of ~560 bytes do not fit in 16,000
  // An answer above a sixteenth of the budget is not kept at all.
  cache.keep("big", rows_of(std::string(1100, 'x')));
  EXPECT_FALSE(cache.find("big").has_value());
}

}  // namespace cache_tests
// The policies in force name no operator: every role reads them. Only an admin's
// transaction may add a version, and nobody changes or removes one.
TEST(Isolation, ThePoliciesInForceAreReadByEveryRoleAndWrittenByAdminsOnlyOnPostgresql) {
  auto made = fresh_store("postgresql");
  ASSERT_NE(made.store, nullptr);
  const Caller admin{.role = Role::admin, .operator_id = {}, .actor_id = "cli", .actor_name = "test"};
  ASSERT_TRUE(made.store->set_policies(admin, {.packs = {"gb"}, .as_of = "submission"}));
  EXPECT_EQ(made.value_as_owner("SELECT relrowsecurity::text || relforcerowsecurity::text FROM pg_class "
                                "WHERE relname = 'policies'"),
            "truetrue");
  const auto as = [&](const std::string& role, const std::string& op, const std::string& sql) {
    return made.value_as_owner("BEGIN; SET LOCAL ROLE netvet_service; SELECT set_config('netvet.role', '" + role +
                               "', true), set_config('netvet.operator', '" + op + "', true); " + sql);
  };
  EXPECT_EQ(as("operator", "op-a", "SELECT packs FROM policies"), "[\"gb\"]");
  EXPECT_EQ(as("analyst", "", "SELECT count(*) FROM policies"), "1");
  EXPECT_EQ(as("", "", "SELECT count(*) FROM policies"), "0");  // no role set: nothing
  const std::string insert = "INSERT INTO policies VALUES (2, '[]', 'today', 'x', 'x', 'x', 1) RETURNING version";
  EXPECT_NE(as("analyst", "", insert).find("row-level security"), std::string::npos);
  EXPECT_NE(as("operator", "op-a", insert).find("row-level security"), std::string::npos);
  EXPECT_EQ(as("admin", "", insert), "2");  // (rolled back)
  EXPECT_NE(as("admin", "", "UPDATE policies SET packs = '[]'").find("ERROR"), std::string::npos);
  EXPECT_NE(as("admin", "", "DELETE FROM policies").find("ERROR"), std::string::npos);
  // The store refuses every role but admin before the database does.
  EXPECT_FALSE(made.store->set_policies(operator_caller("op-a"), {.packs = {}, .as_of = "today"}));
}

}  // namespace
}  // namespace netvet::store
