#pragma once
// The store: the one door to what the service keeps (shared/spec/service.md). Two real
// implementations behind it: SQLite (embedded, the default: `sqlite:PATH`) and
// PostgreSQL 15 (`postgresql://...`). Each call is one transaction.
//
// Isolation: every call takes the Caller it acts for. An operator's caller reads and
// writes only its own operator's rows. Both stores filter every query by it; PostgreSQL
// also enforces it with row-level security (ENABLE and FORCE) under a role that owns no
// table and cannot bypass it, the caller's role and operator set per transaction — so a
// query that forgets the filter still cannot see another operator's rows there.
//
// Integrity: every change writes its audit entry in the same transaction (audit_chain.h);
// the chain is extended under a lock, so several processes over one PostgreSQL keep one
// chain. Submissions are never updated or deleted.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/records.h"
#include "util/diagnostic.h"

namespace netvet::store {

struct StoreOptions {
  std::size_t connections = 4;  // connections kept open (one per concurrent call)
  // Answers of reads of immutable rows kept in memory (read_cache.h); 0 turns it off.
  std::size_t read_cache_bytes = std::size_t{64} << 20;
  // Tests only: drop the store's own operator filter from every query, to show that
  // PostgreSQL's row-level security alone still keeps operators apart. Never set by
  // netvet itself.
  bool without_operator_filter = false;
};

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;
};

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this call, in order
  int version = 0;           // the schema's version after it
};

struct ChainReport {
  std::int64_t entries = 0;             // entries that verified, from the first
  std::string head_hash;                // the last verified entry's hash
  std::optional<std::int64_t> broken_at;  // the first entry that does not verify
  std::string reason;
};

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite:/path/netvet.db" or "postgresql://user@host/db" with any password masked.
  virtual std::string describe() const = 0;

  // Creates or upgrades the schema to the newest migration, under a lock, recording each
  // applied version in the store. Safe to call from several processes at once.
  virtual Result<MigrationReport> migrate() = 0;
  virtual Result<int> schema_version() = 0;

  // Tokens. find_token serves authentication and needs no caller.
  virtual Result<void> add_token(const Caller& by, const TokenRecord& token) = 0;
  virtual Result<std::optional<TokenRecord>> find_token(std::string_view id) = 0;
  virtual Result<std::vector<TokenRecord>> tokens(const Caller& by) = 0;
  // False when no such token exists (or it was revoked already).
  virtual Result<bool> revoke_token(const Caller& by, std::string_view id) = 0;

  // Submissions: stored with their audit entry; the result carries the receipt.
  virtual Result<SubmissionMeta> add_submission(const Caller& by, const NewSubmission& submission) = 0;
  // Nothing when the id does not exist or is another operator's: the two are the same.
  virtual Result<std::optional<SubmissionMeta>> submission(const Caller& by, std::string_view id) = 0;
  virtual Result<std::optional<std::string>> submission_body(const Caller& by, std::string_view id) = 0;
  // Nothing when the cursor names no submission the caller may see.
  virtual Result<std::optional<Page<SubmissionMeta>>> submissions(const Caller& by, const PageRequest& page) = 0;

  // Assessments. The check JSON is read separately (it can be large). The check a caller
  // reads is the one its role may see: an analyst the redacted one, everyone else the full
  // one (check_for). An empty check: the assessment has none this caller may read (made
  // before migration 3 kept redacted checks).
  virtual Result<AssessmentMeta> add_assessment(const Caller& by, const NewAssessment& assessment) = 0;
  virtual Result<std::optional<std::string>> assessment_check(const Caller& by, std::string_view id) = 0;
  // Both in one read (the answer dashboards ask for most).
  virtual Result<std::optional<std::pair<AssessmentMeta, std::string>>> assessment_with_check(const Caller& by,
                                                                                             std::string_view id) = 0;

  // The policies in force (records.h): every caller reads them; only an admin sets them,
  // each change a new version written with its audit entry. Nothing when never set.
  virtual Result<PoliciesInForce> set_policies(const Caller& by, const NewPolicies& policies) = 0;
  virtual Result<std::optional<PoliciesInForce>> policies_in_force(const Caller& by) = 0;

  // Operators: those with a submission the caller may see, sorted; an operator's latest
  // submission with its assessment, in one read (nothing when it has no submission, or it
  // is not the caller's to see). With policies in force (a version naming at least one
  // pack), the assessment is the latest submission's made under the newest policies
  // version it has one for — the current one, or else an older one, which is stale; with
  // none in force, the operator's latest assessment of any kind.
  struct OperatorLatest {
    SubmissionMeta submission;
    std::optional<AssessmentMeta> assessment;
    std::optional<PoliciesInForce> policies;  // the latest version, as read in the same transaction
  };
  virtual Result<std::vector<std::string>> operators(const Caller& by) = 0;
  virtual Result<std::optional<OperatorLatest>> operator_latest(const Caller& by, std::string_view operator_id) = 0;

  // An audit entry for what changes nothing else (an agency's read, a refused request).
  virtual Result<AuditEntry> audit(const Caller& by, const AuditEvent& event) = 0;
  // The log, newest first; only admins read it.
  virtual Result<std::optional<Page<AuditEntry>>> audit_log(const Caller& by, const PageRequest& page) = 0;
  // Reads the whole log in index order and checks its chain (audit_chain.h).
  virtual Result<ChainReport> verify_audit() = 0;
};

// Opens the store `url` names: "sqlite:PATH" (the file is created when missing) or
// "postgresql://..." / "postgres://..." (a libpq connection URI). Does not migrate.
Result<std::unique_ptr<Store>> open_store(std::string_view url, const StoreOptions& options = {});

// The numbered migrations of each store, oldest first.
const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgresql_migrations();

}  // namespace netvet::store
