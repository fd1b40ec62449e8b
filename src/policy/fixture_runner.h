#pragma once
// Tests as data: a pack's fixture cases, each a small inventory and the findings one rule
// must raise on it (data/policies/README.md, "Tests as data"). The same runner checks the
// built-in packs in CI and users' own packs through `netvet test-policy`.
//
// A case is any folder under the fixtures folder that holds `expected.yaml`; its name is
// its path relative to that folder ("core-exclusion/fires"). The inventory is the one
// `expected.yaml` names (`inventory: ../base.json`), else `inventory.json` or the CSV
// bundle `inventory/` beside it. A case with findings is a firing case, one with
// `findings: []` a quiet one; every rule of the pack needs at least one of each.
//
// Failures come in two kinds, as with check: a case that ran and differs (a finding
// missing or extra, a measure off) is a failed case; a case that cannot run (a bad
// expected.yaml, an unknown rule, an inventory that does not load, a --param that does
// not fit) is a bad fixture, reported as Diagnostics with file:line:column.

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "policy/pack.h"
#include "util/diagnostic.h"

namespace netvet::policy {

// Reads an inventory (a CSV bundle folder or a JSON document): io::read_inventory in the
// application and the tests. The policy module knows no reader.
using InventoryLoader = std::function<Result<Inventory>(const std::filesystem::path&)>;

// A finding a case expects: its subject and, when given, more of its fields.
struct ExpectedFinding {
  std::string subject;                      // "element:E1", "operator:ee", "region:North"
  std::string scope, vendor, op, severity;  // empty: not checked
  std::size_t constraints() const;          // how many fields it checks (for matching order)
};

// A measure a case expects: which one (operator, region, scope, unit) and what it holds.
struct ExpectedMeasure {
  std::string op, region, scope, unit;
  std::optional<double> value, limit;  // compared to within 0.0005 (write 1/3 as 0.333)
  std::optional<bool> ok;
};

struct FixtureCase {
  std::string name;  // relative to the fixtures folder, with '/'
  std::filesystem::path expected_file;
  std::filesystem::path inventory;
  std::string rule;
  std::string description;
  Date as_of = kNoDate;
  std::vector<ParamOverride> params;
  std::vector<ExpectedFinding> findings;  // empty: the rule stays quiet
  std::vector<ExpectedMeasure> measures;
  bool fires() const { return !findings.empty(); }
};

// Every case under `folder`, sorted by name; the problems of every bad expected.yaml.
Result<std::vector<FixtureCase>> read_fixture_cases(const std::filesystem::path& folder);
// One case from its expected.yaml; `name` is how reports call it.
Result<FixtureCase> read_fixture_case(const std::filesystem::path& expected_file, std::string name);

struct CaseOutcome {
  std::string name, rule;
  bool fires = false;
  bool passed = false;
  std::vector<std::string> problems;  // "missing element:E1", "unexpected operator:ee: <message>"
};

struct FixtureReport {
  std::string pack;
  std::vector<CaseOutcome> cases;
  std::vector<std::string> uncovered;  // "access-cap-5g: no quiet case"; each counts as a failure
  std::size_t passed() const;
  std::size_t failed() const;
};

// Runs `cases` against `pack`. Cases naming a rule the pack lacks, inventories that do not
// load and parameters that do not fit are bad fixtures: the Diagnostics of all of them.
Result<FixtureReport> run_fixture_cases(const Pack& pack, std::span<const FixtureCase> cases, const InventoryLoader& load);
// read_fixture_cases then run_fixture_cases.
Result<FixtureReport> run_fixtures(const Pack& pack, const std::filesystem::path& folder, const InventoryLoader& load);

}  // namespace netvet::policy
