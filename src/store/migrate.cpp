// Migrations, the same on both databases: under the schema lock, read the version the
// store records, apply each newer migration in order and record it, all in one
// transaction — a failed migration leaves the schema as it was.
#include "store/connection.h"

namespace netvet::store {
namespace {

Result<int> recorded_version(Connection& db) {
  auto version = db.query("SELECT coalesce(max(version), 0) FROM schema_migrations", {});
  if (!version) return std::unexpected(version.error());
  return static_cast<int>(version->integer(0, 0));
}

Result<MigrationReport> apply_pending(Connection& db) {
  if (auto made = db.run_script("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                                "name text NOT NULL, applied text NOT NULL)");
      !made)
    return std::unexpected(made.error());
  auto version = recorded_version(db);
  if (!version) return std::unexpected(version.error());
  MigrationReport report{.applied = {}, .version = *version};
  for (const Migration& migration : db.migrations()) {
    if (migration.version <= report.version) continue;
    if (auto done = db.run_script(migration.sql); !done) return std::unexpected(done.error());
    const std::string now = utc_now();
    const Param record[] = {Param::of(std::int64_t{migration.version}), Param::of(migration.name), Param::of(now)};
    if (auto done = db.query("INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)", record);
        !done)
      return std::unexpected(done.error());
    report.applied.push_back(migration.version);
    report.version = migration.version;
  }
  return report;
}

}  // namespace

Result<MigrationReport> migrate(Connection& db) {
  if (auto began = db.begin_schema_change(); !began) return std::unexpected(began.error());
  auto report = apply_pending(db);
  if (!report) {
    db.rollback();
    return report;
  }
  if (auto done = db.commit(); !done) {
    db.rollback();
    return std::unexpected(done.error());
  }
  return report;
}

Result<int> schema_version(Connection& db) {
  auto exists = db.table_exists("schema_migrations");
  if (!exists) return std::unexpected(exists.error());
  if (!*exists) return 0;
  return recorded_version(db);
}

}  // namespace netvet::store
