#pragma once
// Internal to src/store: what the store needs of a database connection, so that every
// query is written once (sql_store.cpp) and runs on SQLite and PostgreSQL alike. Queries
// use $1, $2, ... placeholders, which both understand.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace netvet::store {

struct Param {
  enum class Kind : std::uint8_t { text, integer, blob };
  Kind kind = Kind::text;
  std::string_view text;   // text and blob
  std::int64_t number = 0;

  static Param of(std::string_view value) { return {Kind::text, value, 0}; }
  static Param of(std::int64_t value) { return {Kind::integer, {}, value}; }
  static Param bytes(std::string_view value) { return {Kind::blob, value, 0}; }
};

// A query's result, every cell as text (integers in decimal, blobs as their bytes).
class Rows {
 public:
  Rows() = default;
  Rows(std::size_t columns, std::vector<std::string> cells) : columns_(columns), cells_(std::move(cells)) {}
  std::size_t size() const { return columns_ == 0 ? 0 : cells_.size() / columns_; }
  bool empty() const { return size() == 0; }
  const std::string& text(std::size_t row, std::size_t column) const { return cells_[row * columns_ + column]; }
  std::string take(std::size_t row, std::size_t column) { return std::move(cells_[row * columns_ + column]); }
  std::int64_t integer(std::size_t row, std::size_t column) const;
  std::size_t bytes() const {
    std::size_t total = 0;
    for (const std::string& cell : cells_) total += cell.size() + sizeof(std::string);
    return total;
  }

 private:
  std::size_t columns_ = 0;
  std::vector<std::string> cells_;
};

// The caller's rights for one transaction, as the database sees them: PostgreSQL's
// row-level security reads them (postgresql_migrations.cpp); SQLite has no use for them.
struct Session {
  std::string role;         // "admin", "analyst", "agency", "operator" or "authenticate"
  std::string operator_id;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Starts a transaction for `session`. `write` takes the write lock up front (SQLite) so a
  // transaction never fails half-way to upgrade.
  virtual Result<void> begin(const Session& session, bool write) = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;
  virtual Result<Rows> query(std::string_view sql, std::span<const Param> params = {}) = 0;
  // One read on its own, for `session`: in a transaction of its own where the database
  // needs one to know the caller (PostgreSQL); SQLite's statement is its own snapshot.
  virtual Result<Rows> query_alone(const Session& session, std::string_view sql, std::span<const Param> params) {
    if (auto began = begin(session, false); !began) return std::unexpected(began.error());
    auto rows = query(sql, params);
    rollback();
    return rows;
  }
  // In a write transaction: the audit log's last entry (index 0 when empty), locked until
  // the transaction ends, so two writers never extend the chain from the same head.
  virtual Result<std::pair<std::int64_t, std::string>> lock_audit_head() = 0;
  // Migrations (migrate.cpp does the rest, the same on both): a transaction that holds the
  // schema lock, so several processes starting at once apply each migration once; a script
  // of several statements; whether a table exists; the dialect's numbered migrations.
  virtual Result<void> begin_schema_change() = 0;
  virtual Result<void> run_script(std::string_view sql) = 0;
  virtual Result<bool> table_exists(std::string_view name) = 0;
  virtual const std::vector<Migration>& migrations() const = 0;
  // False once the connection is unusable (the server went away); the pool drops it.
  virtual bool healthy() const = 0;
};

// `shown` names the store in messages (no password).
Result<std::unique_ptr<Connection>> open_sqlite_connection(const std::string& path, const std::string& shown);
Result<std::unique_ptr<Connection>> open_postgresql_connection(const std::string& uri, const std::string& shown);

// The schema brought to the newest migration, and its version (migrate.cpp).
Result<MigrationReport> migrate(Connection& db);
Result<int> schema_version(Connection& db);

// The store over connections made by `open` (sql_store.cpp).
Result<std::unique_ptr<Store>> open_sql_store(
    std::string shown, std::function<Result<std::unique_ptr<Connection>>()> open, const StoreOptions& options);

}  // namespace netvet::store
