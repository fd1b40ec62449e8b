// A connection to the PostgreSQL store through libpq (Debian's libpq-dev). Each
// transaction runs as netvet_service, a role that owns no table and cannot bypass
// row-level security, with the caller's role and operator in transaction-local settings
// that the policies read (postgresql_migrations.cpp).
#include <libpq-fe.h>

#include <fmt/format.h>

#include <cctype>
#include <memory>
#include <optional>

#include "store/connection.h"

namespace netvet::store {
namespace {

constexpr unsigned kByteaOid = 17;  // pg_type.oid of bytea, fixed since PostgreSQL 7

using Result_ = std::unique_ptr<PGresult, void (*)(PGresult*)>;

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

  Result<Rows> query(std::string_view sql, std::span<const Param> params) override {
    std::vector<std::string> numbers(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size());
    std::vector<int> formats(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& param = params[i];
      switch (param.kind) {
        // libpq reads a parameter in text format up to its terminating zero: copied.
        case Param::Kind::integer: numbers[i] = std::to_string(param.number); break;
        case Param::Kind::text: numbers[i] = std::string(param.text); break;
        // A blob goes in binary format, which for bytea is the bytes themselves.
        case Param::Kind::blob:
          lengths[i] = static_cast<int>(param.text.size());
          formats[i] = 1;
          break;
      }
      values[i] = param.kind == Param::Kind::blob ? param.text.data() : numbers[i].c_str();
    }
    const std::string text(sql);
    Result_ result(PQexecParams(db_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                lengths.data(), formats.data(), 0),
                   PQclear);
    return rows_of(result.get());
  }

  // One round trip instead of three: the transaction, the caller's settings, the query
  // and the rollback go as one simple-protocol string, the parameters written in as
  // literals (PQescapeLiteral; numbers as digits). Reads carry no binary parameters.
  Result<Rows> query_alone(const Session& session, std::string_view sql, std::span<const Param> params) override {
    // One pass over the statement, so that a value holding "$2" is never read as a placeholder.
    std::string statement;
    for (std::size_t i = 0; i < sql.size(); ++i) {
      std::size_t digits = 0;
      while (sql[i] == '$' && i + 1 + digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1 + digits])))
        ++digits;
      if (digits == 0) {
        statement += sql[i];
        continue;
      }
      const std::size_t n = std::stoul(std::string(sql.substr(i + 1, digits)));
      if (n == 0 || n > params.size()) return fail(file_problem(shown_, fmt::format("statement uses ${} of {} parameters", n, params.size())));
      const Param& param = params[n - 1];
      statement += param.kind == Param::Kind::integer ? std::to_string(param.number) : literal(param.text);
      i += digits;
    }
    const std::string text =
        fmt::format("BEGIN; SET LOCAL ROLE netvet_service; SELECT set_config('netvet.role', {}, true), "
                    "set_config('netvet.operator', {}, true); {}; ROLLBACK",
                    literal(session.role), literal(session.operator_id), statement);
    if (PQsendQuery(db_, text.c_str()) != 1) return rows_of(nullptr);
    // The results in order: BEGIN, SET, the settings, the query, ROLLBACK.
    std::optional<Result<Rows>> answer;
    int index = 0;
    while (PGresult* raw = PQgetResult(db_)) {
      Result_ result(raw, PQclear);
      const auto status = PQresultStatus(raw);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        if (!answer || *answer) answer = rows_of(raw);
      } else if (index == 3 && !answer) {
        answer = rows_of(raw);
      }
      ++index;
    }
    // An error ends the string early, inside the transaction: leave the connection clean.
    if (PQtransactionStatus(db_) != PQTRANS_IDLE) (void)simple("ROLLBACK");
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
        if (PQftype(result, c) == kByteaOid && !PQgetisnull(result, r, c)) {
          std::size_t size = 0;
          unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(value), &size);
          cells.emplace_back(reinterpret_cast<const char*>(bytes), size);
          PQfreemem(bytes);
        } else {
          cells.emplace_back(value, static_cast<std::size_t>(PQgetlength(result, r, c)));
        }
      }
    }
    return Rows(static_cast<std::size_t>(columns), std::move(cells));
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
