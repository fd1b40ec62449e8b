// The SQLite store's schema, one numbered migration at a time. A migration, once
// released, is never edited: a change is a new one (the store records which ran).
#include "store/store.h"

namespace netvet::store {

const std::vector<Migration>& sqlite_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "tokens, submissions and the audit log", R"sql(
CREATE TABLE tokens (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'agency', 'operator')),
  operator    TEXT NOT NULL DEFAULT '',
  secret_hash TEXT NOT NULL,
  created     TEXT NOT NULL,
  expires     TEXT NOT NULL DEFAULT '',
  revoked     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit (
  idx           INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor_id      TEXT NOT NULL,
  actor_name    TEXT NOT NULL,
  action        TEXT NOT NULL,
  object        TEXT NOT NULL,
  operator      TEXT NOT NULL,
  outcome       TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL
);

-- seq orders the list and never leaves the store: ids are random, so nobody learns how
-- many submissions others made.
CREATE TABLE submissions (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  operator     TEXT NOT NULL,
  digest       TEXT NOT NULL,
  received     TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  size         INTEGER NOT NULL,
  submitted_by TEXT NOT NULL,
  audit_index  INTEGER NOT NULL REFERENCES audit (idx) DEFERRABLE INITIALLY DEFERRED,
  audit_hash   TEXT NOT NULL,
  body         BLOB NOT NULL
);
CREATE INDEX submissions_by_operator ON submissions (operator, seq);

-- Submissions and the audit log are append-only. These guard against a bug; someone
-- with the file can drop them, which is what the audit chain is for.
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are immutable'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are immutable'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql"},
      {2, "assessments", R"sql(
CREATE TABLE assessments (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  id               TEXT NOT NULL UNIQUE,
  submission       TEXT NOT NULL REFERENCES submissions (id),
  operator         TEXT NOT NULL,
  created          TEXT NOT NULL,
  as_of            TEXT NOT NULL,
  engine           TEXT NOT NULL,
  packs            TEXT NOT NULL,
  inventory_digest TEXT NOT NULL,
  summary          TEXT NOT NULL,
  requested_by     TEXT NOT NULL,
  audit_index      INTEGER NOT NULL REFERENCES audit (idx) DEFERRABLE INITIALLY DEFERRED,
  check_json       BLOB NOT NULL
);
CREATE INDEX assessments_by_operator ON assessments (operator, seq);
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
  BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
  BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;
)sql"},
      {3, "assessments' check with facilities redacted, for analysts", R"sql(
-- What an analyst reads: the check JSON with facilities redacted (`netvet check
-- --redact facilities`), made with check_json from one evaluation. NULL for assessments
-- made before this migration: the service answers an analyst 409 for those (re-assess).
ALTER TABLE assessments ADD COLUMN check_redacted BLOB;
)sql"},
      {4, "the policies in force, and which version an assessment was made under", R"sql(
-- Each change of the policies in force is a new row: the latest version is in force.
CREATE TABLE policies (
  version     INTEGER PRIMARY KEY,
  packs       TEXT NOT NULL,
  as_of       TEXT NOT NULL,
  set_at      TEXT NOT NULL,
  set_by      TEXT NOT NULL,
  set_by_name TEXT NOT NULL,
  audit_index INTEGER NOT NULL REFERENCES audit (idx) DEFERRABLE INITIALLY DEFERRED
);
CREATE TRIGGER policies_no_update BEFORE UPDATE ON policies
  BEGIN SELECT RAISE(ABORT, 'the policies record is append-only'); END;
CREATE TRIGGER policies_no_delete BEFORE DELETE ON policies
  BEGIN SELECT RAISE(ABORT, 'the policies record is append-only'); END;

-- 0: an assessment someone asked for; else the policies version the service assessed under.
ALTER TABLE assessments ADD COLUMN policies_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX assessments_by_submission ON assessments (submission, policies_version, seq);
)sql"},
  };
  return migrations;
}

}  // namespace netvet::store
