#pragma once
// Fresh stores for tests: every store test runs on SQLite and on PostgreSQL (the
// throw-away server CTest starts, tests/support/postgresql.sh).

#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"

namespace netvet::testing {

// A new, empty store of `kind` (migrated unless asked not to) ("sqlite" or "postgresql"): a file in a new
// temporary folder, or a new database on the test server. Fails the test (ADD_FAILURE)
// and returns null when it cannot be made.
struct TestStore {
  std::string kind;
  std::string url;
  std::unique_ptr<store::Store> store;
  std::string folder;  // sqlite: removed with the TestStore

  TestStore() = default;
  TestStore(TestStore&&) = default;
  TestStore& operator=(TestStore&&) = default;
  ~TestStore();

  // Another store over the same data (another process would do the same).
  std::unique_ptr<store::Store> open_again(const store::StoreOptions& options = {}) const;
  // Runs `sql` directly, as the database's owner (PostgreSQL: its superuser, past every
  // policy) — what someone with the database in hand could do. Empty on success, else
  // the database's message.
  std::string run_as_owner(std::string_view sql) const;
  // The first cell of `sql`'s result, run the same way (PostgreSQL only); "ERROR: ..." when
  // it fails.
  std::string value_as_owner(std::string_view sql) const;
};

TestStore fresh_store(std::string_view kind, const store::StoreOptions& options = {}, bool migrated = true);

// The stores every store test runs on.
inline constexpr const char* kStoreKinds[] = {"sqlite", "postgresql"};

}  // namespace netvet::testing
