#include "support/test_store.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <random>

namespace netvet::testing {
namespace {

std::string random_suffix() {
  static std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng());
}

// The test server's address, set by CTest (cmake/NetvetHelpers.cmake, POSTGRESQL).
std::string server_url() {
  const char* url = std::getenv("NETVET_TEST_POSTGRESQL");
  return url == nullptr ? std::string() : std::string(url);
}

std::string with_database(const std::string& url, const std::string& database) {
  const auto slash = url.find(":///");
  const auto query = url.find('?');
  return url.substr(0, slash + 4) + database + (query == std::string::npos ? "" : url.substr(query));
}

// Runs `sql`; the database's message when it fails, else empty (or, with `first_cell`,
// the first cell of its last result).
std::string run_postgresql(const std::string& url, std::string_view sql, bool first_cell = false) {
  PGconn* db = PQconnectdb(url.c_str());
  std::string out;
  if (PQstatus(db) != CONNECTION_OK) {
    out = std::string("ERROR: ") + PQerrorMessage(db);
  } else {
    PGresult* result = PQexec(db, std::string(sql).c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      out = std::string("ERROR: ") + PQresultErrorMessage(result);
    } else if (first_cell && PQntuples(result) > 0) {
      out = PQgetvalue(result, 0, 0);
    }
    PQclear(result);
  }
  PQfinish(db);
  return out;
}

std::string run_sqlite(const std::string& path, std::string_view sql) {
  sqlite3* db = nullptr;
  std::string problem;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    problem = sqlite3_errmsg(db);
  } else {
    char* message = nullptr;
    if (sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      problem = message != nullptr ? message : "failed";
      sqlite3_free(message);
    }
  }
  sqlite3_close(db);
  return problem;
}

}  // namespace

TestStore::~TestStore() {
  store.reset();
  if (!folder.empty()) std::filesystem::remove_all(folder);
  // Each test's database goes with it, so the server does not fill its disk over a run.
  if (kind == "postgresql" && !url.empty()) {
    const auto slash = url.find(":///") + 4;
    const std::string database = url.substr(slash, url.find('?') - slash);
    (void)run_postgresql(server_url(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }
}

std::unique_ptr<store::Store> TestStore::open_again(const store::StoreOptions& options) const {
  auto opened = store::open_store(url, options);
  if (!opened) {
    ADD_FAILURE() << "cannot open " << url << " again: " << opened.error().front().to_string();
    return nullptr;
  }
  return std::move(*opened);
}

std::string TestStore::run_as_owner(std::string_view sql) const {
  return kind == "sqlite" ? run_sqlite(url.substr(7), sql) : run_postgresql(url, sql);
}

std::string TestStore::value_as_owner(std::string_view sql) const { return run_postgresql(url, sql, true); }

TestStore fresh_store(std::string_view kind, const store::StoreOptions& options, bool migrated) {
  TestStore made;
  made.kind = kind;
  if (kind == "sqlite") {
    made.folder = (std::filesystem::temp_directory_path() / ("netvet-store-" + random_suffix())).string();
    std::filesystem::create_directories(made.folder);
    made.url = "sqlite:" + made.folder + "/netvet.db";
  } else {
    const std::string server = server_url();
    if (server.empty()) {
      ADD_FAILURE() << "NETVET_TEST_POSTGRESQL is not set: run the store tests through ctest, which starts the "
                       "test server (tests/support/postgresql.sh)";
      return made;
    }
    const std::string database = "netvet_" + random_suffix();
    if (auto problem = run_postgresql(server, "CREATE DATABASE " + database); !problem.empty()) {
      ADD_FAILURE() << "cannot create a test database on " << server << ": " << problem;
      return made;
    }
    made.url = with_database(server, database);
  }
  auto opened = store::open_store(made.url, options);
  if (!opened) {
    ADD_FAILURE() << "cannot open " << made.url << ": " << opened.error().front().to_string();
    return made;
  }
  if (auto report = migrated ? (*opened)->migrate() : store::MigrationReport{}; !report) {
    ADD_FAILURE() << "cannot migrate " << made.url << ": " << report.error().front().to_string();
    return made;
  }
  made.store = std::move(*opened);
  return made;
}

}  // namespace netvet::testing
