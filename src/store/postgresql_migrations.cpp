// The PostgreSQL store's schema, one numbered migration at a time. A migration, once
// released, is never edited: a change is a new one (the store records which ran).
//
// Isolation is the database's as well as ours: the service works as netvet_service, which
// owns no table, cannot bypass row-level security, and may only read and append what its
// work needs. Row-level security is enabled and forced on every table, and its policies
// read the caller's role and operator from transaction-local settings (netvet.role,
// netvet.operator) that each transaction sets; with no setting, a policy matches nothing.
#include "store/store.h"

namespace netvet::store {

const std::vector<Migration>& postgresql_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "tokens, submissions and the audit log", R"sql(
-- Roles belong to the whole cluster, and the migration lock to one database: two
-- databases migrating at once may both try to create the role, so losing that race is fine.
DO $$
BEGIN
  BEGIN
    CREATE ROLE netvet_service NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
  END;
  -- The login role must be able to become netvet_service (SET LOCAL ROLE in each transaction).
  BEGIN
    EXECUTE 'GRANT netvet_service TO ' || quote_ident(current_user);
  EXCEPTION WHEN unique_violation OR internal_error THEN
    NULL;  -- granted by a concurrent migration ("tuple concurrently updated")
  END;
END $$;

CREATE TABLE tokens (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('admin', 'analyst', 'agency', 'operator')),
  operator    text NOT NULL DEFAULT '',
  secret_hash text NOT NULL,
  created     text NOT NULL,
  expires     text NOT NULL DEFAULT '',
  revoked     text NOT NULL DEFAULT ''
);

CREATE TABLE audit (
  idx           bigint PRIMARY KEY,
  at            text NOT NULL,
  actor_id      text NOT NULL,
  actor_name    text NOT NULL,
  action        text NOT NULL,
  object        text NOT NULL,
  operator      text NOT NULL,
  outcome       text NOT NULL,
  previous_hash text NOT NULL,
  hash          text NOT NULL
);

-- seq orders the list and never leaves the store: ids are random, so nobody learns how
-- many submissions others made.
CREATE TABLE submissions (
  seq          bigserial PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  operator     text NOT NULL,
  digest       text NOT NULL,
  received     text NOT NULL,
  media_type   text NOT NULL,
  size         bigint NOT NULL,
  submitted_by text NOT NULL,
  audit_index  bigint NOT NULL REFERENCES audit (idx) DEFERRABLE INITIALLY DEFERRED,
  audit_hash   text NOT NULL,
  body         bytea NOT NULL
);
CREATE INDEX submissions_by_operator ON submissions (operator, seq);

-- What netvet_service may do: read, append, and revoke a token. Nothing may be updated
-- or deleted otherwise, so submissions and the audit log are append-only for it.
GRANT SELECT, INSERT ON tokens, submissions, audit TO netvet_service;
GRANT UPDATE (revoked) ON tokens TO netvet_service;
GRANT USAGE ON SEQUENCE submissions_seq_seq TO netvet_service;

ALTER TABLE tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE submissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE submissions FORCE ROW LEVEL SECURITY;
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit FORCE ROW LEVEL SECURITY;

-- Tokens: admins manage them; authentication looks one up by id; nobody else reads them.
CREATE POLICY tokens_admin ON tokens
  USING (current_setting('netvet.role', true) = 'admin');
CREATE POLICY tokens_authenticate ON tokens FOR SELECT
  USING (current_setting('netvet.role', true) = 'authenticate');

-- Submissions: staff read every operator's; an operator reads and writes its own; an
-- admin may submit for any operator.
CREATE POLICY submissions_read ON submissions FOR SELECT
  USING (current_setting('netvet.role', true) IN ('admin', 'analyst', 'agency')
         OR (current_setting('netvet.role', true) = 'operator'
             AND operator = current_setting('netvet.operator', true)));
CREATE POLICY submissions_write ON submissions FOR INSERT
  WITH CHECK (current_setting('netvet.role', true) = 'admin'
              OR (current_setting('netvet.role', true) = 'operator'
                  AND operator = current_setting('netvet.operator', true)));

-- The audit log: every request appends; only admins read it. The chain's head is read by
-- netvet_audit_head() alone, which also takes the lock that keeps the chain one line
-- across every process.
CREATE POLICY audit_append ON audit FOR INSERT WITH CHECK (true);
CREATE POLICY audit_read ON audit FOR SELECT
  USING (current_setting('netvet.role', true) = 'admin'
         OR current_setting('netvet.chain_head', true) = 'on');

CREATE FUNCTION netvet_audit_head(OUT idx bigint, OUT hash text)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  SET netvet.chain_head = 'on'
AS $$
BEGIN
  -- Held until the transaction ends: the next writer waits for this one's entry.
  PERFORM pg_advisory_xact_lock(7310386);
  SELECT a.idx, a.hash INTO idx, hash FROM audit a ORDER BY a.idx DESC LIMIT 1;
END $$;
REVOKE ALL ON FUNCTION netvet_audit_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION netvet_audit_head() TO netvet_service;
)sql"},
      {2, "assessments", R"sql(
CREATE TABLE assessments (
  seq              bigserial PRIMARY KEY,
  id               text NOT NULL UNIQUE,
  submission       text NOT NULL REFERENCES submissions (id),
  operator         text NOT NULL,
  created          text NOT NULL,
  as_of            text NOT NULL,
  engine           text NOT NULL,
  packs            text NOT NULL,
  inventory_digest text NOT NULL,
  summary          text NOT NULL,
  requested_by     text NOT NULL,
  audit_index      bigint NOT NULL REFERENCES audit (idx) DEFERRABLE INITIALLY DEFERRED,
  check_json       bytea NOT NULL
);
CREATE INDEX assessments_by_operator ON assessments (operator, seq);
GRANT SELECT, INSERT ON assessments TO netvet_service;
GRANT USAGE ON SEQUENCE assessments_seq_seq TO netvet_service;
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessments FORCE ROW LEVEL SECURITY;
-- Staff read and make assessments; an operator reads those of its own submissions.
CREATE POLICY assessments_read ON assessments FOR SELECT
  USING (current_setting('netvet.role', true) IN ('admin', 'analyst', 'agency')
         OR (current_setting('netvet.role', true) = 'operator'
             AND operator = current_setting('netvet.operator', true)));
CREATE POLICY assessments_write ON assessments FOR INSERT
  WITH CHECK (current_setting('netvet.role', true) IN ('admin', 'analyst', 'agency'));
)sql"},
      {3, "assessments' check with facilities redacted, for analysts", R"sql(
-- What an analyst reads: the check JSON with facilities redacted (`netvet check
-- --redact facilities`), made with check_json from one evaluation. NULL for assessments
-- made before this migration: the service answers an analyst 409 for those (re-assess).
-- netvet_service's table-wide SELECT and INSERT on assessments, and its row-level
-- policies, cover the new column as they cover the others; it still may not UPDATE, so
-- an old assessment is never given a redacted check after the fact.
ALTER TABLE assessments ADD COLUMN check_redacted bytea;
)sql"},
      {4, "the policies in force, and which version an assessment was made under", R"sql(
-- Each change of the policies in force is a new row: the latest version is in force.
CREATE TABLE policies (
  version     bigint PRIMARY KEY,
  packs       text NOT NULL,
  as_of       text NOT NULL,
  set_at      text NOT NULL,
  set_by      text NOT NULL,
  set_by_name text NOT NULL,
  audit_index bigint NOT NULL REFERENCES audit (idx) DEFERRABLE INITIALLY DEFERRED
);
GRANT SELECT, INSERT ON policies TO netvet_service;
ALTER TABLE policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE policies FORCE ROW LEVEL SECURITY;
-- Every role reads them (an operator must know what it is assessed under; they hold
-- nothing of any operator); only an admin sets them.
CREATE POLICY policies_read ON policies FOR SELECT
  USING (current_setting('netvet.role', true) IN ('admin', 'analyst', 'agency', 'operator'));
CREATE POLICY policies_write ON policies FOR INSERT
  WITH CHECK (current_setting('netvet.role', true) = 'admin');

-- 0: an assessment someone asked for; else the policies version the service assessed under.
ALTER TABLE assessments ADD COLUMN policies_version bigint NOT NULL DEFAULT 0;
CREATE INDEX assessments_by_submission ON assessments (submission, policies_version, seq);
)sql"},
  };
  return migrations;
}

}  // namespace netvet::store
