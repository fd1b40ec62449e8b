// A connection to the SQLite store through SQLite's C API (Debian's libsqlite3).
#include <sqlite3.h>

#include <fmt/format.h>

#include <map>

#include "store/connection.h"

namespace netvet::store {
namespace {

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string shown) : db_(db), shown_(std::move(shown)) {}
  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<void> configure() {
    // WAL: readers never wait for the writer. synchronous=FULL: a transaction that has
    // returned is on disk, so an acknowledged submission survives a power cut, not only a
    // killed process. busy_timeout: writers of other processes queue rather than fail.
    for (std::string_view pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                                    "PRAGMA busy_timeout=10000", "PRAGMA trusted_schema=OFF"})
      if (auto done = exec(pragma); !done) return done;
    return {};
  }

  Result<void> begin(const Session&, bool write) override { return exec(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  Result<void> commit() override { return exec("COMMIT"); }
  void rollback() override {
    if (sqlite3_get_autocommit(db_) == 0) (void)exec("ROLLBACK");
  }

  Result<Rows> query_alone(const Session&, std::string_view sql, std::span<const Param> params) override {
    return query(sql, params);
  }

  Result<Rows> query(std::string_view sql, std::span<const Param> params) override {
    // Statements are prepared once per connection and kept: the service asks the same
    // few queries thousands of times a second.
    sqlite3_stmt* raw = nullptr;
    if (auto cached = statements_.find(sql); cached != statements_.end()) {
      raw = cached->second;
    } else {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                             nullptr) != SQLITE_OK)
        return refused("cannot prepare a statement");
      statements_.emplace(std::string(sql), raw);
    }
    // Reset and unbound whatever happens, ready for its next use.
    std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt*)> statement(raw, [](sqlite3_stmt* used) {
      sqlite3_reset(used);
      sqlite3_clear_bindings(used);
    });
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string name = fmt::format("${}", i + 1);
      const int index = sqlite3_bind_parameter_index(raw, name.c_str());
      if (index == 0) continue;  // a parameter this statement does not use
      const Param& param = params[i];
      int rc = SQLITE_OK;
      switch (param.kind) {
        case Param::Kind::text:
          // SQLITE_STATIC: the parameters outlive the statement's run (this call), so SQLite
          // need not copy them — a submission's body can be hundreds of megabytes.
          rc = sqlite3_bind_text64(raw, index, param.text.data(), param.text.size(), SQLITE_STATIC, SQLITE_UTF8);
          break;
        case Param::Kind::integer: rc = sqlite3_bind_int64(raw, index, param.number); break;
        case Param::Kind::blob:
          rc = sqlite3_bind_blob64(raw, index, param.text.data(), param.text.size(), SQLITE_STATIC);
          break;
      }
      if (rc != SQLITE_OK) return refused("cannot bind a parameter");
    }
    const auto columns = static_cast<std::size_t>(sqlite3_column_count(raw));
    std::vector<std::string> cells;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      for (std::size_t c = 0; c < columns; ++c) {
        // Read as a blob: the bytes as stored, an integer as its decimal text.
        const int column = static_cast<int>(c);
        const void* data = sqlite3_column_blob(raw, column);
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(raw, column));
        cells.emplace_back(data == nullptr ? std::string() : std::string(static_cast<const char*>(data), size));
      }
    }
    if (rc != SQLITE_DONE) return refused("refused a statement");
    return Rows(columns, std::move(cells));
  }

  Result<std::pair<std::int64_t, std::string>> lock_audit_head() override {
    // BEGIN IMMEDIATE already holds the database's one write lock.
    auto head = query("SELECT idx, hash FROM audit ORDER BY idx DESC LIMIT 1", {});
    if (!head) return std::unexpected(head.error());
    if (head->empty()) return std::pair<std::int64_t, std::string>{0, ""};
    return std::pair{head->integer(0, 0), head->text(0, 1)};
  }

  Result<void> begin_schema_change() override { return exec("BEGIN IMMEDIATE"); }  // the one write lock
  Result<void> run_script(std::string_view sql) override { return exec(sql); }
  Result<bool> table_exists(std::string_view name) override {
    const Param values[] = {Param::of(name)};
    auto found = query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", values);
    if (!found) return std::unexpected(found.error());
    return !found->empty();
  }
  const std::vector<Migration>& migrations() const override { return sqlite_migrations(); }

  bool healthy() const override { return true; }

 private:
  Result<void> exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string detail = message != nullptr ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return fail(file_problem(shown_, fmt::format("the SQLite store refused a statement: {}", detail)));
    }
    return {};
  }

  std::unexpected<Diagnostics> refused(std::string_view what) const {
    return fail(file_problem(shown_, fmt::format("the SQLite store {}: {}", what, sqlite3_errmsg(db_))));
  }

  sqlite3* db_;
  std::string shown_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

}  // namespace

Result<std::unique_ptr<Connection>> open_sqlite_connection(const std::string& path, const std::string& shown) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto connection = std::make_unique<SqliteConnection>(db, shown);
  if (rc != SQLITE_OK)
    return fail(file_problem(shown, fmt::format("cannot open the SQLite store: {}", sqlite3_errstr(rc))));
  if (auto done = connection->configure(); !done) return std::unexpected(done.error());
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace netvet::store
