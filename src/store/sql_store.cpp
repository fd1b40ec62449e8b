// The store's logic, written once over connection.h for both databases: every query
// filtered by the caller's operator, every change written with its audit entry.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <limits>

#include "store/audit_chain.h"
#include "store/connection.h"
#include "store/digest.h"
#include "store/pool.h"
#include "store/read_cache.h"

namespace netvet::store {

std::int64_t Rows::integer(std::size_t row, std::size_t column) const {
  const std::string& cell = text(row, column);
  std::int64_t value = 0;
  std::from_chars(cell.data(), cell.data() + cell.size(), value);
  return value;
}

namespace {

constexpr std::string_view kSubmissionColumns =
    "id, operator, digest, received, media_type, size, submitted_by, audit_index, audit_hash";
constexpr std::string_view kTokenColumns = "id, name, role, operator, secret_hash, created, expires, revoked";
constexpr std::string_view kAssessmentColumns =
    "id, submission, operator, created, as_of, engine, packs, inventory_digest, summary, requested_by, audit_index, "
    "policies_version";
constexpr std::string_view kPoliciesColumns = "version, packs, as_of, set_at, set_by, set_by_name, audit_index";
constexpr std::string_view kAuditColumns =
    "idx, at, actor_id, actor_name, action, object, operator, outcome, previous_hash, hash";

// Rows the caller may see: $N = 1 when it sees every operator, else the operator is
// $N+1. Every query of operator data carries it, with the values of sees_all() and the
// caller's operator at N and N+1.
std::string visible(int n) { return fmt::format("(${} = 1 OR operator = ${})", n, n + 1); }

SubmissionMeta read_submission(Rows& rows, std::size_t r) {
  return {.id = rows.take(r, 0),
          .operator_id = rows.take(r, 1),
          .digest = rows.take(r, 2),
          .received = rows.take(r, 3),
          .media_type = rows.take(r, 4),
          .size = rows.integer(r, 5),
          .submitted_by = rows.take(r, 6),
          .audit_index = rows.integer(r, 7),
          .audit_hash = rows.take(r, 8)};
}

TokenRecord read_token(Rows& rows, std::size_t r) {
  return {.id = rows.take(r, 0),
          .name = rows.take(r, 1),
          .role = parse_role(rows.text(r, 2)).value_or(Role::operator_),
          .operator_id = rows.take(r, 3),
          .secret_hash = rows.take(r, 4),
          .created = rows.take(r, 5),
          .expires = rows.take(r, 6),
          .revoked = rows.take(r, 7)};
}

constexpr std::size_t kSubmissionColumnCount = 9;
constexpr std::size_t kAssessmentColumnCount = 12;
constexpr std::size_t kPoliciesColumnCount = 7;

// An assessment from its columns, starting at column `from` of the row.
AssessmentMeta read_assessment(Rows& rows, std::size_t r, std::size_t from = 0) {
  return {.id = rows.take(r, from),
          .submission = rows.take(r, from + 1),
          .operator_id = rows.take(r, from + 2),
          .created = rows.take(r, from + 3),
          .as_of = rows.take(r, from + 4),
          .engine = rows.take(r, from + 5),
          .packs = rows.take(r, from + 6),
          .inventory_digest = rows.take(r, from + 7),
          .summary = rows.take(r, from + 8),
          .requested_by = rows.take(r, from + 9),
          .audit_index = rows.integer(r, from + 10),
          .policies_version = rows.integer(r, from + 11)};
}

// The pack ids are kept as a JSON array of strings.
std::string packs_text(const std::vector<std::string>& packs) { return nlohmann::json(packs).dump(); }
std::vector<std::string> packs_of(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> packs;
  if (json.is_array())
    for (const auto& id : json)
      if (id.is_string()) packs.push_back(id.get<std::string>());
  return packs;
}

PoliciesInForce read_policies(Rows& rows, std::size_t r, std::size_t at = 0) {
  return {.version = rows.integer(r, at),
          .packs = packs_of(rows.text(r, at + 1)),
          .as_of = rows.take(r, at + 2),
          .set_at = rows.take(r, at + 3),
          .set_by = rows.take(r, at + 4),
          .set_by_name = rows.take(r, at + 5),
          .audit_index = rows.integer(r, at + 6)};
}

// "a.x, a.y" of "x, y": the columns of one table of a join.
std::string qualified(std::string_view columns, std::string_view table) {
  std::string out;
  std::size_t from = 0;
  while (from < columns.size()) {
    std::size_t comma = columns.find(',', from);
    if (comma == std::string_view::npos) comma = columns.size();
    std::string_view column = columns.substr(from, comma - from);
    while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += fmt::format("{}.{}", table, column);
    from = comma + 1;
  }
  return out;
}

AuditEntry read_audit(Rows& rows, std::size_t r) {
  return {.index = rows.integer(r, 0),
          .at = rows.take(r, 1),
          .actor_id = rows.take(r, 2),
          .actor_name = rows.take(r, 3),
          .action = rows.take(r, 4),
          .object = rows.take(r, 5),
          .operator_id = rows.take(r, 6),
          .outcome = rows.take(r, 7),
          .previous_hash = rows.take(r, 8),
          .hash = rows.take(r, 9)};
}

// The check column a caller reads: analysts may not see facilities' names and
// coordinates (shared/spec/service.md), so they read the check with facilities redacted;
// agencies, admins and an operator (its own data) read the full one.
std::string_view check_column(const Caller& by) { return by.role == Role::analyst ? "check_redacted" : "check_json"; }

Session session_of(const Caller& by) { return {std::string(to_string(by.role)), by.operator_id}; }

class SqlStore final : public Store {
 public:
  using Open = std::function<Result<std::unique_ptr<Connection>>()>;

  SqlStore(std::string shown, Open open, const StoreOptions& options)
      : shown_(std::move(shown)), options_(options), pool_(std::move(open), options.connections) {}

  std::string describe() const override { return shown_; }

  Result<MigrationReport> migrate() override {
    auto db = pool_.lease();
    if (!db) return std::unexpected(db.error());
    return store::migrate(**db);
  }

  Result<int> schema_version() override {
    auto db = pool_.lease();
    if (!db) return std::unexpected(db.error());
    return store::schema_version(**db);
  }

  Result<void> add_token(const Caller& by, const TokenRecord& token) override {
    auto done = write(by, {.action = "token.create", .object = token.id, .operator_id = token.operator_id},
                      [&](Connection& db, const AuditEntry&) -> Result<bool> {
                        const std::string role(to_string(token.role));
                        const Param values[] = {Param::of(token.id),          Param::of(token.name),
                                                Param::of(role),              Param::of(token.operator_id),
                                                Param::of(token.secret_hash), Param::of(token.created),
                                                Param::of(token.expires),     Param::of(token.revoked)};
                        auto inserted = db.query(
                            fmt::format("INSERT INTO tokens ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", kTokenColumns),
                            values);
                        if (!inserted) return std::unexpected(inserted.error());
                        return true;
                      });
    if (!done) return std::unexpected(done.error());
    return {};
  }

  Result<std::optional<TokenRecord>> find_token(std::string_view id) override {
    const Param values[] = {Param::of(id)};
    auto rows = read({"authenticate", {}}, fmt::format("SELECT {} FROM tokens WHERE id = $1", kTokenColumns), values);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<TokenRecord>{};
    return std::optional{read_token(*rows, 0)};
  }

  Result<std::vector<TokenRecord>> tokens(const Caller& by) override {
    const Param values[] = {sees_all(by), Param::of(by.operator_id)};
    auto rows = read(session_of(by),
                     fmt::format("SELECT {} FROM tokens WHERE {} ORDER BY created, id", kTokenColumns, visible(1)), values);
    if (!rows) return std::unexpected(rows.error());
    std::vector<TokenRecord> found;
    for (std::size_t r = 0; r < rows->size(); ++r) found.push_back(read_token(*rows, r));
    return found;
  }

  Result<bool> revoke_token(const Caller& by, std::string_view id) override {
    auto done = write(by, {.action = "token.revoke", .object = std::string(id), .operator_id = {}},
                      [&](Connection& db, const AuditEntry& entry) -> Result<bool> {
                        const Param values[] = {Param::of(id), sees_all(by), Param::of(by.operator_id),
                                                Param::of(entry.at)};
                        auto revoked = db.query(fmt::format("UPDATE tokens SET revoked = $4 WHERE id = $1 AND "
                                                            "revoked = '' AND {} RETURNING id",
                                                            visible(2)),
                                                values);
                        if (!revoked) return std::unexpected(revoked.error());
                        return !revoked->empty();
                      });
    if (!done) return std::unexpected(done.error());
    return done->has_value();
  }

  Result<SubmissionMeta> add_submission(const Caller& by, const NewSubmission& submission) override {
    if (!by.sees_every_operator() && !options_.without_operator_filter && submission.operator_id != by.operator_id)
      return fail(file_problem(shown_, fmt::format("operator '{}' may submit only its own inventory, not operator "
                                                   "'{}''s",
                                                   by.operator_id, submission.operator_id)));
    SubmissionMeta meta{.id = new_submission_id(),
                        .operator_id = submission.operator_id,
                        .digest = "sha256:" + sha256_hex(submission.body),
                        .received = {},
                        .media_type = submission.media_type,
                        .size = static_cast<std::int64_t>(submission.body.size()),
                        .submitted_by = by.actor_id,
                        .audit_index = 0,
                        .audit_hash = {}};
    auto done = write(by, {.action = "submission.create", .object = meta.id, .operator_id = meta.operator_id},
                      [&](Connection& db, const AuditEntry& entry) -> Result<bool> {
                        meta.received = entry.at;
                        meta.audit_index = entry.index;
                        meta.audit_hash = entry.hash;
                        const Param values[] = {Param::of(meta.id),           Param::of(meta.operator_id),
                                                Param::of(meta.digest),       Param::of(meta.received),
                                                Param::of(meta.media_type),   Param::of(meta.size),
                                                Param::of(meta.submitted_by), Param::of(meta.audit_index),
                                                Param::of(meta.audit_hash),   Param::bytes(submission.body)};
                        auto inserted = db.query(fmt::format("INSERT INTO submissions ({}, body) VALUES ($1, $2, $3, "
                                                             "$4, $5, $6, $7, $8, $9, $10)",
                                                             kSubmissionColumns),
                                                 values);
                        if (!inserted) return std::unexpected(inserted.error());
                        return true;
                      });
    if (!done) return std::unexpected(done.error());
    return meta;
  }

  Result<std::optional<SubmissionMeta>> submission(const Caller& by, std::string_view id) override {
    const Param values[] = {Param::of(id), sees_all(by), Param::of(by.operator_id)};
    auto rows = read_immutable(session_of(by),
                     fmt::format("SELECT {} FROM submissions WHERE id = $1 AND {}", kSubmissionColumns, visible(2)), values);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<SubmissionMeta>{};
    return std::optional{read_submission(*rows, 0)};
  }

  Result<std::optional<std::string>> submission_body(const Caller& by, std::string_view id) override {
    const Param values[] = {Param::of(id), sees_all(by), Param::of(by.operator_id)};
    auto rows = read_immutable(session_of(by), fmt::format("SELECT body FROM submissions WHERE id = $1 AND {}", visible(2)), values);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<std::string>{};
    return std::optional{rows->take(0, 0)};
  }

  Result<std::optional<Page<SubmissionMeta>>> submissions(const Caller& by, const PageRequest& page) override {
    // The cursor is an id the caller may see, whose hidden seq bounds the page; one that
    // does not exist and one of another operator's are refused alike (nothing).
    std::string bound = "TRUE";
    if (!page.cursor.empty()) {
      const Param values[] = {Param::of(page.cursor), sees_all(by), Param::of(by.operator_id)};
      auto known = read(session_of(by), fmt::format("SELECT 1 FROM submissions WHERE id = $1 AND {}", visible(2)), values);
      if (!known) return std::unexpected(known.error());
      if (known->empty()) return std::optional<Page<SubmissionMeta>>{};
      bound = fmt::format("seq < (SELECT seq FROM submissions WHERE id = $4 AND {})", visible(1));
    }
    const Param values[] = {sees_all(by), Param::of(by.operator_id), Param::of(static_cast<std::int64_t>(page.limit) + 1),
                            Param::of(page.cursor)};
    const std::size_t used = page.cursor.empty() ? 3 : 4;
    auto rows = read(session_of(by),
                     fmt::format("SELECT {} FROM submissions WHERE {} AND {} ORDER BY seq DESC LIMIT $3",
                                 kSubmissionColumns, bound, visible(1)),
                     std::span(values, used));
    if (!rows) return std::unexpected(rows.error());
    Page<SubmissionMeta> result;
    for (std::size_t r = 0; r < rows->size(); ++r) result.items.push_back(read_submission(*rows, r));
    if (result.items.size() > page.limit) {
      result.items.pop_back();
      result.next = result.items.back().id;
    }
    return std::optional{std::move(result)};
  }

  Result<AssessmentMeta> add_assessment(const Caller& by, const NewAssessment& assessment) override {
    if (!by.sees_every_operator() && !options_.without_operator_filter)
      return fail(file_problem(shown_, "an operator's token does not make assessments; analysts, agencies and admins do"));
    AssessmentMeta meta{.id = new_assessment_id(),
                        .submission = assessment.submission,
                        .operator_id = assessment.operator_id,
                        .created = {},
                        .as_of = assessment.as_of,
                        .engine = assessment.engine,
                        .packs = assessment.packs,
                        .inventory_digest = assessment.inventory_digest,
                        .summary = assessment.summary,
                        .requested_by = by.actor_id,
                        .audit_index = 0,
                        .policies_version = assessment.policies_version};
    auto done = write(by, {.action = "assessment.create", .object = meta.id, .operator_id = meta.operator_id},
                      [&](Connection& db, const AuditEntry& entry) -> Result<bool> {
                        meta.created = entry.at;
                        meta.audit_index = entry.index;
                        const Param values[] = {Param::of(meta.id),          Param::of(meta.submission),
                                                Param::of(meta.operator_id), Param::of(meta.created),
                                                Param::of(meta.as_of),       Param::of(meta.engine),
                                                Param::of(meta.packs),       Param::of(meta.inventory_digest),
                                                Param::of(meta.summary),     Param::of(meta.requested_by),
                                                Param::of(meta.audit_index), Param::of(meta.policies_version),
                                                Param::bytes(assessment.check), Param::bytes(assessment.check_redacted)};
                        auto inserted = db.query(fmt::format("INSERT INTO assessments ({}, check_json, check_redacted) "
                                                             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                                                             kAssessmentColumns),
                                                 values);
                        if (!inserted) return std::unexpected(inserted.error());
                        return true;
                      });
    if (!done) return std::unexpected(done.error());
    return meta;
  }

  Result<std::optional<std::pair<AssessmentMeta, std::string>>> assessment_with_check(const Caller& by,
                                                                                     std::string_view id) override {
    const Param values[] = {Param::of(id), sees_all(by), Param::of(by.operator_id)};
    auto rows = read_immutable(session_of(by),
                               fmt::format("SELECT {}, {} FROM assessments WHERE id = $1 AND {}", kAssessmentColumns,
                                           check_column(by), visible(2)),
                     values);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<std::pair<AssessmentMeta, std::string>>{};
    AssessmentMeta meta = read_assessment(*rows, 0);
    return std::optional{std::pair{std::move(meta), rows->take(0, kAssessmentColumnCount)}};
  }

  Result<std::optional<std::string>> assessment_check(const Caller& by, std::string_view id) override {
    const Param values[] = {Param::of(id), sees_all(by), Param::of(by.operator_id)};
    auto rows = read_immutable(session_of(by),
                               fmt::format("SELECT {} FROM assessments WHERE id = $1 AND {}", check_column(by), visible(2)),
                               values);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<std::string>{};
    return std::optional{rows->take(0, 0)};
  }

  Result<std::vector<std::string>> operators(const Caller& by) override {
    const Param values[] = {sees_all(by), Param::of(by.operator_id)};
    auto rows = read(session_of(by),
                     fmt::format("SELECT DISTINCT operator FROM submissions WHERE {} ORDER BY operator", visible(1)),
                     values);
    if (!rows) return std::unexpected(rows.error());
    std::vector<std::string> found;
    for (std::size_t r = 0; r < rows->size(); ++r) found.push_back(rows->take(r, 0));
    return found;
  }

  Result<PoliciesInForce> set_policies(const Caller& by, const NewPolicies& policies) override {
    if (by.role != Role::admin) return fail(file_problem(shown_, "only an admin sets the policies in force"));
    PoliciesInForce record{.version = 0, .packs = policies.packs, .as_of = policies.as_of, .set_at = {},
                           .set_by = by.actor_id, .set_by_name = by.actor_name, .audit_index = 0};
    std::string ids;
    for (const auto& id : policies.packs) ids += (ids.empty() ? "" : ",") + id;
    // The entry names what was set; the row names its entry. The version is counted under
    // the chain's lock, which every writer holds, so two admins never make the same one.
    const AuditEvent event{.action = "policies.set",
                           .object = fmt::format("policies={} as_of={}", ids.empty() ? "none" : ids, policies.as_of),
                           .operator_id = {}};
    auto done = write(by, event, [&](Connection& db, const AuditEntry& entry) -> Result<bool> {
      auto newest = db.query("SELECT coalesce(max(version), 0) FROM policies");
      if (!newest) return std::unexpected(newest.error());
      record.version = newest->integer(0, 0) + 1;
      record.set_at = entry.at;
      record.audit_index = entry.index;
      const std::string packs = packs_text(record.packs);
      const Param values[] = {Param::of(record.version), Param::of(packs),          Param::of(record.as_of),
                              Param::of(record.set_at),  Param::of(record.set_by),  Param::of(record.set_by_name),
                              Param::of(record.audit_index)};
      auto inserted = db.query(
          fmt::format("INSERT INTO policies ({}) VALUES ($1, $2, $3, $4, $5, $6, $7)", kPoliciesColumns), values);
      if (!inserted) return std::unexpected(inserted.error());
      return true;
    });
    if (!done) return std::unexpected(done.error());
    return record;
  }

  Result<std::optional<PoliciesInForce>> policies_in_force(const Caller& by) override {
    auto rows =
        read(session_of(by), fmt::format("SELECT {} FROM policies ORDER BY version DESC LIMIT 1", kPoliciesColumns), {});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<PoliciesInForce>{};
    return std::optional{read_policies(*rows, 0)};
  }

  Result<std::optional<OperatorLatest>> operator_latest(const Caller& by, std::string_view operator_id) override {
    // One statement, so one snapshot and, on PostgreSQL, one round trip: the operator's
    // latest submission, the latest policies, and the assessment status reports — with
    // policies in force, the latest submission's newest one made under them (versions only
    // grow); otherwise the operator's latest assessment.
    const Param values[] = {Param::of(operator_id), sees_all(by), Param::of(by.operator_id)};
    auto rows = read(
        session_of(by),
        fmt::format("SELECT s.*, {}, {} FROM (SELECT {} FROM submissions WHERE operator = $1 AND {} ORDER BY seq DESC "
                    "LIMIT 1) s "
                    "LEFT JOIN policies p ON p.version = (SELECT max(version) FROM policies) "
                    "LEFT JOIN assessments a ON ($2 = 1 OR a.operator = $3) AND a.id = CASE "
                    "WHEN p.packs IS NOT NULL AND p.packs <> '[]' THEN (SELECT x.id FROM assessments x WHERE "
                    "x.submission = s.id AND x.policies_version > 0 AND ($2 = 1 OR x.operator = $3) "
                    "ORDER BY x.policies_version DESC, x.seq DESC LIMIT 1) "
                    "ELSE (SELECT x.id FROM assessments x WHERE x.operator = $1 AND ($2 = 1 OR x.operator = $3) "
                    "ORDER BY x.seq DESC LIMIT 1) END",
                    qualified(kPoliciesColumns, "p"), qualified(kAssessmentColumns, "a"), kSubmissionColumns,
                    visible(2)),
        values);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<OperatorLatest>{};
    OperatorLatest latest{read_submission(*rows, 0), std::nullopt, std::nullopt};
    constexpr std::size_t policies_at = kSubmissionColumnCount;
    constexpr std::size_t assessment_at = kSubmissionColumnCount + kPoliciesColumnCount;
    if (!rows->text(0, policies_at).empty()) latest.policies = read_policies(*rows, 0, policies_at);
    if (!rows->text(0, assessment_at).empty()) latest.assessment = read_assessment(*rows, 0, assessment_at);
    return std::optional{std::move(latest)};
  }

  Result<AuditEntry> audit(const Caller& by, const AuditEvent& event) override {
    auto done = write(by, event, [](Connection&, const AuditEntry&) -> Result<bool> { return true; });
    if (!done) return std::unexpected(done.error());
    return std::move(**done);
  }

  Result<std::optional<Page<AuditEntry>>> audit_log(const Caller& by, const PageRequest& page) override {
    if (by.role != Role::admin) return std::optional<Page<AuditEntry>>{};
    std::int64_t before = std::numeric_limits<std::int64_t>::max();
    if (!page.cursor.empty()) {
      const auto* end = page.cursor.data() + page.cursor.size();
      if (auto [at, ec] = std::from_chars(page.cursor.data(), end, before); ec != std::errc{} || at != end)
        return std::optional<Page<AuditEntry>>{};
    }
    const Param values[] = {Param::of(before), Param::of(static_cast<std::int64_t>(page.limit) + 1)};
    auto rows = read(session_of(by),
                     fmt::format("SELECT {} FROM audit WHERE idx < $1 ORDER BY idx DESC LIMIT $2", kAuditColumns), values);
    if (!rows) return std::unexpected(rows.error());
    Page<AuditEntry> result;
    for (std::size_t r = 0; r < rows->size(); ++r) result.items.push_back(read_audit(*rows, r));
    if (result.items.size() > page.limit) {
      result.items.pop_back();
      result.next = std::to_string(result.items.back().index);
    }
    return std::optional{std::move(result)};
  }

  Result<ChainReport> verify_audit() override {
    auto db = pool_.lease();
    if (!db) return std::unexpected(db.error());
    // One transaction: the whole log as of one instant, read in batches to bound memory.
    if (auto began = (*db)->begin({"admin", {}}, false); !began) return std::unexpected(began.error());
    ChainVerifier verifier;
    std::int64_t after = std::numeric_limits<std::int64_t>::min();
    for (;;) {
      const Param values[] = {Param::of(after)};
      auto rows = (*db)->query(
          fmt::format("SELECT {} FROM audit WHERE idx > $1 ORDER BY idx LIMIT {}", kAuditColumns, kVerifyBatch), values);
      if (!rows) {
        (*db)->rollback();
        return std::unexpected(rows.error());
      }
      bool broken = false;
      for (std::size_t r = 0; r < rows->size() && !broken; ++r) {
        AuditEntry entry = read_audit(*rows, r);
        after = entry.index;
        broken = !verifier.add(entry);
      }
      if (broken || rows->size() < kVerifyBatch) break;
    }
    (*db)->rollback();
    ChainReport report{.entries = verifier.entries(), .head_hash = verifier.head_hash(), .broken_at = {}, .reason = {}};
    if (const auto& broken = verifier.first_break()) {
      report.broken_at = broken->index;
      report.reason = broken->reason;
    }
    return report;
  }

 private:
  static constexpr std::size_t kVerifyBatch = 10000;

  Param sees_all(const Caller& by) const {
    return Param::of(std::int64_t{by.sees_every_operator() || options_.without_operator_filter ? 1 : 0});
  }

  // A read of rows that never change once written (read_cache.h says why that is safe).
  Result<Rows> read_immutable(const Session& session, std::string_view sql, std::span<const Param> params) {
    if (options_.read_cache_bytes == 0) return read(session, sql, params);
    const std::string key = ReadCache::key(session, sql, params);
    if (auto cached = cache_.find(key)) return std::move(*cached);
    auto rows = read(session, sql, params);
    if (rows) cache_.keep(key, *rows);
    return rows;
  }

  // One read-only transaction for one query.
  Result<Rows> read(const Session& session, std::string_view sql, std::span<const Param> params) {
    auto db = pool_.lease();
    if (!db) return std::unexpected(db.error());
    return (*db)->query_alone(session, sql, params);
  }

  // One write transaction: the change and its audit entry, chained to the head, both or
  // neither. The change is handed its entry (a submission keeps it as its receipt) and
  // says whether it changed anything; when it did not, nothing is written and the result
  // is empty.
  template <typename Change>
  Result<std::optional<AuditEntry>> write(const Caller& by, const AuditEvent& event, Change change) {
    auto db = pool_.lease();
    if (!db) return std::unexpected(db.error());
    if (auto began = (*db)->begin(session_of(by), true); !began) return std::unexpected(began.error());
    auto written = write_in_transaction(**db, by, event, change);
    if (!written || !*written) {
      (*db)->rollback();
      return written;
    }
    if (auto done = (*db)->commit(); !done) {
      (*db)->rollback();
      return std::unexpected(done.error());
    }
    return written;
  }

  template <typename Change>
  Result<std::optional<AuditEntry>> write_in_transaction(Connection& db, const Caller& by, const AuditEvent& event,
                                                         Change& change) {
    auto head = db.lock_audit_head();
    if (!head) return std::unexpected(head.error());
    AuditEntry entry =
        chained_entry(by, event, head->first + 1, head->first == 0 ? std::string(kGenesisHash) : head->second);
    auto changed = change(db, entry);
    if (!changed) return std::unexpected(changed.error());
    if (!*changed) return std::optional<AuditEntry>{};
    const Param values[] = {Param::of(entry.index),       Param::of(entry.at),     Param::of(entry.actor_id),
                            Param::of(entry.actor_name),  Param::of(entry.action), Param::of(entry.object),
                            Param::of(entry.operator_id), Param::of(entry.outcome), Param::of(entry.previous_hash),
                            Param::of(entry.hash)};
    auto inserted = db.query(
        fmt::format("INSERT INTO audit ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", kAuditColumns), values);
    if (!inserted) return std::unexpected(inserted.error());
    return std::optional{std::move(entry)};
  }

  std::string shown_;
  StoreOptions options_;
  Pool<Connection> pool_;
  ReadCache cache_{options_.read_cache_bytes};
};

}  // namespace

Result<std::unique_ptr<Store>> open_sql_store(std::string shown,
                                              std::function<Result<std::unique_ptr<Connection>>()> open,
                                              const StoreOptions& options) {
  auto store = std::make_unique<SqlStore>(std::move(shown), std::move(open), options);
  // One connection now, so a store that cannot be reached fails here, not at the first request.
  if (auto version = store->schema_version(); !version) return std::unexpected(version.error());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace netvet::store
