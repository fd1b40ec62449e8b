#pragma once
// What the service keeps (shared/spec/service.md), as plain values: callers and their
// roles, tokens, submissions and audit entries. The store (store.h) reads and writes
// them; nothing here knows SQL or HTTP.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netvet::store {

enum class Role : std::uint8_t { admin, analyst, agency, operator_ };

std::string_view to_string(Role role);          // "admin", "analyst", "agency", "operator"
std::optional<Role> parse_role(std::string_view text);

// Who is asking. Every read and write of the store is made on a caller's behalf, and an
// `operator_` caller sees only rows of its own operator: the store filters every query
// by it, and PostgreSQL enforces it again with row-level security.
struct Caller {
  Role role = Role::operator_;
  std::string operator_id;  // the operator an `operator_` caller acts for; empty otherwise
  std::string actor_id;     // the token's public id, or "cli" for the command line
  std::string actor_name;   // the token's name, or the local user for the command line

  bool sees_every_operator() const { return role != Role::operator_; }
};

// A token as the store keeps it: never the secret, only its SHA-256.
struct TokenRecord {
  std::string id;           // public id, e.g. "t-3f9c1a2b4d5e6f70"; part of the token text
  std::string name;         // who holds it: a person or a service, never a team
  Role role = Role::operator_;
  std::string operator_id;  // for role operator
  std::string secret_hash;  // SHA-256 hex of the secret part
  std::string created;      // UTC timestamp (utc_now())
  std::string expires;      // YYYY-MM-DD, the last day it is valid; empty: never
  std::string revoked;      // UTC timestamp, empty while valid
};

// A submission's metadata; the stored document itself is read separately (it can be large).
struct SubmissionMeta {
  std::string id;           // "s-" + 32 random hex digits: guessing one is hopeless, and
                            // ids say nothing about how many others exist
  std::string operator_id;
  std::string digest;       // "sha256:" + hex of the body, byte for byte
  std::string received;     // UTC timestamp
  std::string media_type;   // e.g. "application/json"
  std::int64_t size = 0;    // bytes of the body
  std::string submitted_by; // the token's public id
  std::int64_t audit_index = 0;  // the receipt: the audit entry written with it
  std::string audit_hash;
};

struct NewSubmission {
  std::string operator_id;
  std::string media_type;
  std::string body;  // exactly as received
};

// An assessment: `netvet check` of a submission against packs as of a date, kept with what
// it takes to reproduce it offline byte for byte (shared/spec/service.md).
struct NewAssessment {
  std::string submission;
  std::string operator_id;
  std::string as_of;             // YYYY-MM-DD
  std::string engine;            // "netvet 0.1.0"
  std::string packs;             // JSON: [{id, version, digest}]
  std::string inventory_digest;  // the submission's digest
  std::string summary;           // JSON: findings by severity per pack, caps, next deadlines
  std::string check;             // the check JSON, exactly as `netvet check --format json` writes it
  std::string check_redacted;    // the same with `--redact facilities`: what analysts read
  // The version of the policies in force it was made under (PoliciesInForce::version), by
  // the service for a submission; 0 for an assessment someone asked for (POST /v1/assessments).
  std::int64_t policies_version = 0;
};

struct AssessmentMeta {
  std::string id;  // "a-" + 32 random hex digits
  std::string submission, operator_id, created, as_of, engine, packs, inventory_digest, summary;
  std::string requested_by;
  std::int64_t audit_index = 0;
  std::int64_t policies_version = 0;  // as in NewAssessment
};

// The policies in force: the packs every submission is assessed against, and the date
// they are assessed as of. Each change is a new version (1, 2, ...), never an update, so
// what an assessment was made under can always be read back.
struct NewPolicies {
  std::vector<std::string> packs;  // built-in pack ids; empty: none in force
  std::string as_of;               // "submission" (the day it was received), "today", or YYYY-MM-DD
};

struct PoliciesInForce {
  std::int64_t version = 0;  // 1, 2, ... with no gap
  std::vector<std::string> packs;
  std::string as_of;
  std::string set_at;        // UTC timestamp, the audit entry's
  std::string set_by;        // the token's public id, or "cli"
  std::string set_by_name;
  std::int64_t audit_index = 0;
};

// What a change or an audited read was; the store adds index, time and chain hashes.
struct AuditEvent {
  std::string action;       // e.g. "submission.create", "token.revoke", "read.facilities"
  std::string object;       // the id acted on
  std::string operator_id;  // the operator concerned, empty when none
  std::string outcome = "ok";
};

struct AuditEntry {
  std::int64_t index = 0;   // 1, 2, 3, ... with no gap
  std::string at;           // UTC timestamp
  std::string actor_id;
  std::string actor_name;
  std::string action;
  std::string object;
  std::string operator_id;
  std::string outcome;
  std::string previous_hash;  // the hash of entry index-1 (64 zeros for the first)
  std::string hash;           // audit_chain.h's entry_hash of all the above
};

// Newest first, `limit` at a time; `cursor` is the id (or audit index) of the last item
// of the page before, as the store returned it in Page::next.
struct PageRequest {
  std::size_t limit = 50;
  std::string cursor;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next;  // empty on the last page
};

// Fresh random ids: "s-" + 32 hex digits for a submission, "t-" + 16 for a token.
std::string new_submission_id();
std::string new_token_id();
std::string new_assessment_id();

// The current time in UTC with milliseconds, "2026-12-07T11:40:00.123Z": the one format
// of every timestamp the store writes, so both stores hash the same text.
std::string utc_now();

}  // namespace netvet::store
