#include "policy/fixture_runner.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "model/yaml_util.h"
#include "policy/evaluate.h"
#include "util/files.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

constexpr double kTolerance = 0.0005;
constexpr std::string_view kSubjectKinds[] = {"element", "site", "operator", "facility", "region"};

// Reads one expected.yaml, collecting every problem with its line and column.
class CaseReader {
 public:
  CaseReader(std::filesystem::path file, std::string name) : file_(std::move(file)) { case_.name = std::move(name); }

  Result<FixtureCase> read() {
    case_.expected_file = file_;
    const auto text = read_input_file(file_, file_.string(), "a fixture's expected.yaml", 16u << 20);
    if (!text) return std::unexpected(text.error());
    auto root = parse_yaml(*text, file_.string());
    if (!root) return std::unexpected(root.error());
    if (!root->IsMap()) {
      problems_.push_back(problem_at(*root, "", "expected.yaml is a mapping with rule, as_of and findings"));
      return std::unexpected(problems_);
    }
    try {
      read_keys(*root);
    } catch (const YAML::Exception& e) {
      problems_.push_back(yaml_exception_problem(e, file_.string()));
    }
    if (!problems_.empty()) return std::unexpected(problems_);
    return case_;
  }

 private:
  Diagnostic problem_at(const YAML::Node& node, std::string_view key, std::string message) const {
    Diagnostic d;
    d.file = file_.string();
    if (node && !node.Mark().is_null()) {
      d.line = node.Mark().line + 1;
      d.col = node.Mark().column + 1;
    }
    d.column = std::string(key);
    d.message = std::move(message);
    return d;
  }
  void problem(const YAML::Node& node, std::string_view key, std::string message) {
    problems_.push_back(problem_at(node, key, std::move(message)));
  }

  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what) {
    const std::vector<std::string> names(allowed.begin(), allowed.end());
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (std::ranges::find(allowed, key) != allowed.end()) continue;
      const auto near = did_you_mean(key, names);
      problem(it->first, key, fmt::format("unknown key '{}' in {}{}", key, what,
                                          near ? fmt::format(" (did you mean '{}'?)", *near)
                                               : fmt::format("; expected {}", join_or(names))));
    }
  }

  std::string scalar(const YAML::Node& node, std::string_view key) {
    if (!node.IsScalar()) {
      problem(node, key, fmt::format("'{}' must be a plain value", key));
      return {};
    }
    return node.Scalar();
  }

  void read_keys(const YAML::Node& root) {
    check_keys(root, {"rule", "description", "as_of", "params", "inventory", "findings", "measures"}, "expected.yaml");
    if (const auto rule = root["rule"]) case_.rule = scalar(rule, "rule");
    else problem(root, "rule", "missing required key 'rule' (the rule the case is about)");
    if (const auto description = root["description"]) case_.description = scalar(description, "description");
    if (const auto as_of = root["as_of"]) {
      const std::string text = scalar(as_of, "as_of");
      if (const auto date = parse_date(text)) case_.as_of = *date;
      else if (!text.empty()) problem(as_of, "as_of", fmt::format("'{}' is not a date: {}", text, date_problem(text)));
    } else {
      problem(root, "as_of", "missing required key 'as_of' (the date to evaluate on)");
    }
    read_params(root["params"]);
    read_inventory(root["inventory"]);
    if (const auto findings = root["findings"]) read_findings(findings);
    else problem(root, "findings", "missing required key 'findings' (write [] for a quiet case)");
    if (const auto measures = root["measures"]) read_measures(measures);
  }

  void read_params(const YAML::Node& params) {
    if (!params) return;
    if (!params.IsMap()) return problem(params, "params", "'params' maps parameter names to values");
    for (auto it = params.begin(); it != params.end(); ++it) {
      ParamOverride o;
      o.name = it->first.Scalar();
      // A copy of the value: yaml-cpp's `it->second` lives in a temporary the iterator's
      // operator-> returns, so a loop over it would read freed stack (ASan found it).
      const YAML::Node value = it->second;
      if (value.IsSequence()) {
        for (const auto& item : value) o.value += (o.value.empty() ? "" : ";") + scalar(item, o.name);
      } else {
        o.value = scalar(value, o.name);
      }
      case_.params.push_back(std::move(o));
    }
  }

  void read_inventory(const YAML::Node& node) {
    const auto folder = file_.parent_path();
    if (node) {
      const std::string written = scalar(node, "inventory");
      if (written.empty()) return;
      case_.inventory = (folder / written).lexically_normal();
      if (!std::filesystem::exists(case_.inventory)) {
        problem(node, "inventory", fmt::format("no inventory at '{}'", case_.inventory.string()));
      }
      return;
    }
    if (std::filesystem::exists(folder / "inventory.json")) case_.inventory = folder / "inventory.json";
    else if (std::filesystem::is_directory(folder / "inventory")) case_.inventory = folder / "inventory";
    else problem(YAML::Node(), "inventory", "no inventory.json or inventory/ beside expected.yaml, and no 'inventory' key");
  }

  void read_findings(const YAML::Node& list) {
    if (!list.IsSequence()) return problem(list, "findings", "'findings' is a list (write [] for a quiet case)");
    for (const auto& item : list) {
      ExpectedFinding f;
      // A fresh node, not an assignment: assigning a yaml-cpp node writes into what it refers to.
      const YAML::Node subject = item.IsMap() ? item["subject"] : item;
      if (item.IsMap()) {
        check_keys(item, {"subject", "scope", "vendor", "operator", "severity"}, "a finding");
        if (!subject) {
          problem(item, "subject", "a finding needs 'subject' (KIND:ID, as element:E1)");
          continue;
        }
        if (item["scope"]) f.scope = scalar(item["scope"], "scope");
        if (item["vendor"]) f.vendor = scalar(item["vendor"], "vendor");
        if (item["operator"]) f.op = scalar(item["operator"], "operator");
        if (item["severity"]) f.severity = scalar(item["severity"], "severity");
      }
      f.subject = scalar(subject, "findings");
      const auto colon = f.subject.find(':');
      const std::string kind = f.subject.substr(0, colon == std::string::npos ? 0 : colon);
      if (colon == std::string::npos || colon + 1 == f.subject.size() || std::ranges::find(kSubjectKinds, kind) == std::end(kSubjectKinds)) {
        problem(subject, "findings", fmt::format("'{}' is not a subject: write KIND:ID with KIND one of {}", f.subject,
                                                 join_or(std::vector<std::string>(std::begin(kSubjectKinds), std::end(kSubjectKinds)))));
        continue;
      }
      case_.findings.push_back(std::move(f));
    }
  }

  std::optional<double> number(const YAML::Node& node, std::string_view key) {
    if (!node) return std::nullopt;
    const std::string text = scalar(node, key);
    const bool percent = text.ends_with('%');
    const auto value = parse_number(percent ? std::string_view(text).substr(0, text.size() - 1) : std::string_view(text));
    if (!value) {
      problem(node, key, fmt::format("'{}' is not a number", text));
      return std::nullopt;
    }
    return percent ? *value / 100.0 : *value;
  }

  void read_measures(const YAML::Node& list) {
    if (!list.IsSequence()) return problem(list, "measures", "'measures' is a list of {operator, value, ok, ...}");
    for (const auto& item : list) {
      if (!item.IsMap()) {
        problem(item, "measures", "a measure is a mapping such as {operator: ee, value: 0.375, ok: false}");
        continue;
      }
      check_keys(item, {"operator", "region", "scope", "unit", "value", "limit", "ok"}, "a measure");
      ExpectedMeasure m;
      if (item["operator"]) m.op = scalar(item["operator"], "operator");
      if (item["region"]) m.region = scalar(item["region"], "region");
      if (item["scope"]) m.scope = scalar(item["scope"], "scope");
      if (item["unit"]) m.unit = scalar(item["unit"], "unit");
      m.value = number(item["value"], "value");
      m.limit = number(item["limit"], "limit");
      if (const auto ok = item["ok"]) {
        const std::string text = scalar(ok, "ok");
        if (text == "true" || text == "false") m.ok = text == "true";
        else problem(ok, "ok", "'ok' is true or false");
      }
      case_.measures.push_back(std::move(m));
    }
  }

  std::filesystem::path file_;
  FixtureCase case_;
  Diagnostics problems_;
};

std::string subject_of(const FindingRecord& r) { return fmt::format("{}:{}", name_of(r.kind), r.subject); }

bool matches(const ExpectedFinding& e, const FindingRecord& r) {
  return e.subject == subject_of(r) && (e.scope.empty() || e.scope == r.scope) && (e.vendor.empty() || e.vendor == r.vendor) &&
         (e.op.empty() || e.op == r.op) && (e.severity.empty() || e.severity == name_of(r.severity));
}

std::string describe(const ExpectedFinding& e) {
  std::string out = e.subject;
  if (!e.scope.empty()) out += fmt::format(" scope {}", e.scope);
  if (!e.vendor.empty()) out += fmt::format(" vendor {}", e.vendor);
  if (!e.op.empty()) out += fmt::format(" operator {}", e.op);
  if (!e.severity.empty()) out += fmt::format(" severity {}", e.severity);
  return out;
}

std::string describe(const ExpectedMeasure& m) {
  std::vector<std::string> parts;
  if (!m.op.empty()) parts.push_back("operator " + m.op);
  if (!m.region.empty()) parts.push_back("region " + m.region);
  if (!m.scope.empty()) parts.push_back("scope " + m.scope);
  if (!m.unit.empty()) parts.push_back("unit " + m.unit);
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out.empty() ? "any" : out;
}

// Findings: every expected one matches a distinct actual one, and none is left over.
// The most specific expectations are matched first, so a bare subject cannot take the
// finding a more specific expectation needs.
void compare_findings(const FixtureCase& c, std::vector<FindingRecord> actual, CaseOutcome& out) {
  std::vector<const ExpectedFinding*> expected;
  for (const auto& e : c.findings) expected.push_back(&e);
  std::ranges::stable_sort(expected, std::greater<>{}, &ExpectedFinding::constraints);
  std::vector<bool> used(actual.size(), false);
  for (const auto* e : expected) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i) {
      if (used[i] || !matches(*e, actual[i])) continue;
      used[i] = found = true;
    }
    if (!found) out.problems.push_back(fmt::format("missing finding {}", describe(*e)));
  }
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (used[i]) continue;
    const auto& r = actual[i];
    out.problems.push_back(fmt::format("unexpected finding {}{}: {}", subject_of(r), r.scope.empty() ? "" : " scope " + r.scope,
                                       r.message));
  }
}

void compare_measures(const FixtureCase& c, const Evaluation& ev, std::string_view policy, CaseOutcome& out) {
  for (const auto& e : c.measures) {
    const Measure* found = nullptr;
    for (const auto& m : ev.measures) {
      if (m.policy != policy || m.rule != c.rule) continue;
      if ((!e.op.empty() && e.op != m.op) || (!e.region.empty() && e.region != m.region) ||
          (!e.scope.empty() && e.scope != m.scope) || (!e.unit.empty() && e.unit != m.unit)) {
        continue;
      }
      found = &m;
      break;
    }
    if (!found) {
      out.problems.push_back(fmt::format("missing measure ({})", describe(e)));
      continue;
    }
    if (e.value && std::abs(*e.value - found->value) > kTolerance) {
      out.problems.push_back(fmt::format("measure ({}): value {} expected, {} measured", describe(e), *e.value, found->value));
    }
    if (e.limit && std::abs(*e.limit - found->limit) > kTolerance) {
      out.problems.push_back(fmt::format("measure ({}): limit {} expected, {} found", describe(e), *e.limit, found->limit));
    }
    if (e.ok && *e.ok != found->ok) {
      out.problems.push_back(fmt::format("measure ({}): ok {} expected, {} found", describe(e), *e.ok, found->ok));
    }
  }
}

Diagnostic bad_case(const FixtureCase& c, std::string message) {
  Diagnostic d;
  d.file = c.expected_file.string();
  d.message = std::move(message);
  return d;
}

}  // namespace

std::size_t ExpectedFinding::constraints() const {
  return std::size_t{!scope.empty()} + std::size_t{!vendor.empty()} + std::size_t{!op.empty()} + std::size_t{!severity.empty()};
}

std::size_t FixtureReport::passed() const {
  return static_cast<std::size_t>(std::ranges::count_if(cases, &CaseOutcome::passed));
}
std::size_t FixtureReport::failed() const { return cases.size() - passed() + uncovered.size(); }

Result<FixtureCase> read_fixture_case(const std::filesystem::path& expected_file, std::string name) {
  return CaseReader(expected_file, std::move(name)).read();
}

Result<std::vector<FixtureCase>> read_fixture_cases(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) {
    Diagnostic d;
    d.file = folder.string();
    d.message = "no such fixtures folder";
    return fail(std::move(d));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().filename() == "expected.yaml") files.push_back(entry.path());
  }
  std::ranges::sort(files);
  std::vector<FixtureCase> cases;
  Diagnostics problems;
  for (const auto& file : files) {
    auto c = read_fixture_case(file, file.parent_path().lexically_relative(folder).generic_string());
    if (!c) problems.insert(problems.end(), c.error().begin(), c.error().end());
    else cases.push_back(std::move(*c));
  }
  if (!problems.empty()) return std::unexpected(std::move(problems));
  return cases;
}

Result<FixtureReport> run_fixture_cases(const Pack& pack, std::span<const FixtureCase> cases, const InventoryLoader& load) {
  FixtureReport report;
  report.pack = pack.id;
  Diagnostics problems;
  std::map<std::string, std::pair<bool, bool>, std::less<>> coverage;  // rule -> (fires, quiet)
  std::vector<std::string> rule_ids;
  for (const auto& rule : pack.rules) {
    coverage[rule.id] = {false, false};
    rule_ids.push_back(rule.id);
  }
  for (const auto& c : cases) {
    const auto covered = coverage.find(c.rule);
    if (covered == coverage.end()) {
      const auto near = did_you_mean(c.rule, rule_ids);
      problems.push_back(bad_case(c, fmt::format("rule '{}' is not in pack '{}'{}", c.rule, pack.id,
                                                 near ? fmt::format(" (did you mean '{}'?)", *near) : "")));
      continue;
    }
    auto inventory = load(c.inventory);
    if (!inventory) {
      problems.insert(problems.end(), inventory.error().begin(), inventory.error().end());
      continue;
    }
    EvaluationOptions options;
    options.as_of = c.as_of;
    for (auto o : c.params) {
      o.pack = pack.id;
      options.params.push_back(std::move(o));
    }
    auto ev = evaluate(std::span<const Pack>(&pack, 1), *inventory, options);
    if (!ev) {
      for (auto d : ev.error()) {
        d.message = fmt::format("{} (params of {})", d.message, c.expected_file.string());
        problems.push_back(std::move(d));
      }
      continue;
    }
    std::vector<FindingRecord> actual;
    for (const auto& f : ev->findings) {
      const RuleOutcome& rule = ev->rules[f.rule];
      if (rule.policy == pack.id && rule.rule == c.rule) actual.push_back(record_of(*ev, *inventory, f));
    }
    CaseOutcome out;
    out.name = c.name;
    out.rule = c.rule;
    out.fires = c.fires();
    compare_findings(c, std::move(actual), out);
    compare_measures(c, *ev, pack.id, out);
    out.passed = out.problems.empty();
    (c.fires() ? covered->second.first : covered->second.second) = true;
    report.cases.push_back(std::move(out));
  }
  if (!problems.empty()) return std::unexpected(std::move(problems));
  for (const auto& id : rule_ids) {
    const auto [fires, quiet] = coverage[id];
    if (!fires && !quiet) report.uncovered.push_back(fmt::format("{}: no firing case and no quiet case", id));
    else if (!fires) report.uncovered.push_back(fmt::format("{}: no firing case", id));
    else if (!quiet) report.uncovered.push_back(fmt::format("{}: no quiet case", id));
  }
  return report;
}

Result<FixtureReport> run_fixtures(const Pack& pack, const std::filesystem::path& folder, const InventoryLoader& load) {
  auto cases = read_fixture_cases(folder);
  if (!cases) return std::unexpected(cases.error());
  return run_fixture_cases(pack, *cases, load);
}

}  // namespace netvet::policy
