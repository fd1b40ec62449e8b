// A connection to the PostgreSQL store through libpq (Debian's libpq-dev). Each
// transaction runs as netvet_service, a role that owns no table and cannot bypass
// row-level security, with the caller's role and operator in transaction-local settings
// that the policies read (postgresql_migrations.cpp).
#include <libpq-fe.h>

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "store/connection.h"

namespace netvet::store {
namespace {

constexpr unsigned kByteaOid = 17;  // pg_type.oid of bytea, fixed since PostgreSQL 7

constexpr unsigned kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23;
constexpr int kBinary = 1;

// The caller's rights for row-level security, local to the transaction. set_config('role')
// is SET LOCAL ROLE as a function, so the three go in one prepared statement.
constexpr std::string_view kSettings =
    "SELECT set_config('role', 'netvet_service', true), set_config('netvet.role', $1, true), "
    "set_config('netvet.operator', $2, true)";

using Result_ = std::unique_ptr<PGresult, void (*)(PGresult*)>;

// Parameters as libpq takes them: numbers and text as zero-terminated text, a blob in
// binary format, which for bytea is the bytes themselves.
class Bound {
 public:
  explicit Bound(std::span<const Param> params)
      : texts_(params.size()), values_(params.size()), lengths_(params.size()), formats_(params.size()) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& param = params[i];
      switch (param.kind) {
        case Param::Kind::integer: texts_[i] = std::to_string(param.number); break;
        case Param::Kind::text: texts_[i] = std::string(param.text); break;
        case Param::Kind::blob:
          lengths_[i] = static_cast<int>(param.text.size());
          formats_[i] = kBinary;
          break;
      }
      values_[i] = param.kind == Param::Kind::blob ? param.text.data() : texts_[i].c_str();
    }
  }
  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  std::vector<std::string> texts_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// A big-endian integer of a binary result.
std::int64_t big_endian(const char* bytes, int size) {
  std::uint64_t value = 0;
  for (int i = 0; i < size; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  // Sign-extend from the field's width.
  const int shift = 64 - 8 * size;
  return shift == 0 ? static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value << shift) >> shift;
}

class PostgresqlConnection final : public Connection {
 public:
  PostgresqlConnection(PGconn* db, std::string shown) : db_(db), shown_(std::move(shown)) {}
  ~PostgresqlConnection() override { PQfinish(db_); }
  PostgresqlConnection(const PostgresqlConnection&) = delete;
  PostgresqlConnection& operator=(const PostgresqlConnection&) = delete;

  Result<void> begin(const Session& session, bool) override {
    // One round trip. The settings are local to the transaction: they end with it, so a
    // pooled connection never carries one caller's rights into the next call.
    const std::string sql =
        fmt::format("BEGIN; SET LOCAL ROLE netvet_service; SELECT set_config('netvet.role', {}, true), "
                    "set_config('netvet.operator', {}, true)",
                    literal(session.role), literal(session.operator_id));
    return done(simple(sql));
  }

  Result<void> commit() override { return done(simple("COMMIT")); }

  void rollback() override {
    if (PQtransactionStatus(db_) != PQTRANS_IDLE) (void)simple("ROLLBACK");
  }

  // Every statement is prepared once per connection (parsed and planned once, not on each
  // of the thousands of calls a second) and answers in binary: a stored document or check
  // comes as its bytes, not as hex twice its size for the server to write and us to undo.
  Result<Rows> query(std::string_view sql, std::span<const Param> params) override {
    Bound bound(params);
    auto name = prepared(sql, params.size());
    if (!name) return std::unexpected(name.error());
    Result_ result(PQexecPrepared(db_, name->c_str(), bound.count(), bound.values(), bound.lengths(), bound.formats(),
                                  kBinary),
                   PQclear);
    return rows_of(result.get());
  }

  // One round trip, in libpq's pipeline mode: the caller's settings and the query, both
  // prepared statements, run in the one implicit transaction that ends at the Sync, so the
  // transaction-local settings that row-level security reads hold for the query and end
  // with it. A statement not yet prepared is prepared in the same round trip.
  Result<Rows> query_alone(const Session& session, std::string_view sql, std::span<const Param> params) override {
    if (PQenterPipelineMode(db_) != 1) return rows_of(nullptr);
    const Param settings[] = {Param::of(session.role), Param::of(session.operator_id)};
    // The commands in the order they are sent: a statement's Prepare (the name it makes)
    // or an execution (empty).
    std::vector<std::string> commands;
    const auto send = [&](std::string_view text, std::span<const Param> values) {
      auto [name, known] = name_of(text);
      if (!known) {
        if (PQsendPrepare(db_, name.c_str(), std::string(text).c_str(), static_cast<int>(values.size()), nullptr) != 1)
          return false;
        commands.push_back(name);
      }
      Bound bound(values);
      commands.emplace_back();
      return PQsendQueryPrepared(db_, name.c_str(), bound.count(), bound.values(), bound.lengths(), bound.formats(),
                                 kBinary) == 1;
    };
    const bool sent = send(kSettings, settings) && send(sql, params) && PQpipelineSync(db_) == 1;
    // Each command's results end with a null; the Sync's result ends the pipeline. The
    // query's rows are the last command's; the first error wins.
    std::optional<Result<Rows>> answer;
    std::size_t command = 0;
    while (sent) {
      PGresult* raw = PQgetResult(db_);
      if (raw == nullptr) {
        ++command;
        continue;
      }
      Result_ result(raw, PQclear);
      const auto status = PQresultStatus(raw);
      if (status == PGRES_PIPELINE_SYNC) break;
      if (status == PGRES_PIPELINE_ABORTED || command >= commands.size()) continue;
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        if (!answer) answer = rows_of(raw);
      } else if (!commands[command].empty()) {
        prepared_.insert(commands[command]);
      } else if (command + 1 == commands.size()) {
        answer = rows_of(raw);
      }
    }
    if (!sent) answer = rows_of(nullptr);
    // A failed send leaves commands queued: the connection is no use to the next caller.
    if (PQexitPipelineMode(db_) != 1) {
      PQreset(db_);
      prepared_.clear();
    }
    return answer ? std::move(*answer) : rows_of(nullptr);
  }

  Result<std::pair<std::int64_t, std::string>> lock_audit_head() override {
    auto head = query("SELECT coalesce(idx, 0), coalesce(hash, '') FROM netvet_audit_head()", {});
    if (!head) return std::unexpected(head.error());
    return std::pair{head->integer(0, 0), head->text(0, 1)};
  }

  // A transaction-scoped advisory lock: several services starting at once apply each
  // migration exactly once, in order, and the others find it recorded.
  Result<void> begin_schema_change() override { return done(simple("BEGIN; SELECT pg_advisory_xact_lock(7310385)")); }
  Result<void> run_script(std::string_view sql) override { return done(simple(sql)); }
  Result<bool> table_exists(std::string_view name) override {
    const Param values[] = {Param::of(name)};
    auto exists = query("SELECT to_regclass($1) IS NOT NULL", values);
    if (!exists) return std::unexpected(exists.error());
    return exists->text(0, 0) == "t";
  }
  const std::vector<Migration>& migrations() const override { return postgresql_migrations(); }

  bool healthy() const override { return PQstatus(db_) == CONNECTION_OK; }

 private:
  static Result<void> done(const Result<Rows>& rows) {
    if (!rows) return std::unexpected(rows.error());
    return {};
  }

  // A statement (or several) without parameters, through the simple query protocol.
  Result<Rows> simple(std::string_view sql) {
    const std::string text(sql);
    Result_ result(PQexec(db_, text.c_str()), PQclear);
    return rows_of(result.get());
  }

  Result<Rows> rows_of(PGresult* result) const {
    const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      std::string detail = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(db_);
      while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
      return fail(file_problem(shown_, fmt::format("the PostgreSQL store refused a statement: {}", detail)));
    }
    const int rows = PQntuples(result);
    const int columns = PQnfields(result);
    std::vector<std::string> cells;
    cells.reserve(static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns));
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns; ++c) {
        const char* value = PQgetvalue(result, r, c);
        const int length = PQgetlength(result, r, c);
        if (PQfformat(result, c) == kBinary) {
          // Cells are text to the store: numbers in decimal, a boolean as t or f,
          // everything else (text, bytea) as its bytes.
          const Oid type = PQftype(result, c);
          if (PQgetisnull(result, r, c))
            cells.emplace_back();
          else if (type == kBoolOid)
            cells.emplace_back(length == 1 && value[0] != 0 ? "t" : "f");
          else if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid)
            cells.push_back(std::to_string(big_endian(value, length)));
          else
            cells.emplace_back(value, static_cast<std::size_t>(length));
        } else if (PQftype(result, c) == kByteaOid && !PQgetisnull(result, r, c)) {
          std::size_t size = 0;
          unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(value), &size);
          cells.emplace_back(reinterpret_cast<const char*>(bytes), size);
          PQfreemem(bytes);
        } else {
          cells.emplace_back(value, static_cast<std::size_t>(length));
        }
      }
    }
    return Rows(static_cast<std::size_t>(columns), std::move(cells));
  }

  // A statement's name on this connection, and whether the server already has it.
  std::pair<std::string, bool> name_of(std::string_view sql) {
    auto [at, added] = names_.try_emplace(std::string(sql), fmt::format("netvet_{}", names_.size() + 1));
    return {at->second, !added && prepared_.contains(at->second)};
  }

  Result<std::string> prepared(std::string_view sql, std::size_t parameters) {
    auto [name, known] = name_of(sql);
    if (known) return name;
    Result_ result(PQprepare(db_, name.c_str(), std::string(sql).c_str(), static_cast<int>(parameters), nullptr),
                   PQclear);
    if (auto checked = rows_of(result.get()); !checked) return std::unexpected(checked.error());
    prepared_.insert(name);
    return name;
  }

  std::string literal(std::string_view text) const {
    char* quoted = PQescapeLiteral(db_, text.data(), text.size());
    if (quoted == nullptr) return "''";
    std::string out(quoted);
    PQfreemem(quoted);
    return out;
  }

  PGconn* db_;
  std::string shown_;
  std::unordered_map<std::string, std::string> names_;  // statement → its name on this connection
  std::unordered_set<std::string> prepared_;            // the names the server has prepared
};

}  // namespace

Result<std::unique_ptr<Connection>> open_postgresql_connection(const std::string& uri, const std::string& shown) {
  // Our defaults first: a URI that sets them wins, since later keywords override.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"10", "netvet", uri.c_str(), nullptr};
  PGconn* db = PQconnectdbParams(keywords, values, 1);
  auto connection = std::make_unique<PostgresqlConnection>(db, shown);
  // The server's notices ("role ... is already a member") are not the user's business;
  // libpq would print them on stderr.
  if (db != nullptr) PQsetNoticeProcessor(db, [](void*, const char*) {}, nullptr);
  if (db == nullptr || PQstatus(db) != CONNECTION_OK) {
    std::string detail = db != nullptr ? PQerrorMessage(db) : "out of memory";
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    return fail(file_problem(shown, fmt::format("cannot connect to the PostgreSQL store: {}", detail)));
  }
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace netvet::store
