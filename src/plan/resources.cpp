// Reading a plan's resources: months, crews per region, budgets per operator and year,
// the facility weight and the new-build programme, every problem with its place.

#include "plan/resources.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model/yaml_util.h"
#include "plan/yaml_reader.h"
#include "util/files.h"
#include "util/text.h"

namespace netvet::plan {
namespace {

constexpr NumberRange kCrews{.least = 0, .expected = "a number of at least 0 (crew-days per month)"};
constexpr NumberRange kMoney{.least = 0,
                             .expected = "a number of at least 0 (money per calendar year, in the catalog's currency) "
                                         "or unlimited"};
constexpr NumberRange kWeight{.least = 0, .expected = "a number of at least 0"};
constexpr NumberRange kSites{.least = 0, .expected = "a number of at least 0 (new sites)"};
constexpr std::string_view kDefault = "default";

class ResourcesReader : YamlReader {
 public:
  ResourcesReader(std::string_view text, std::string_view file) : YamlReader(file), text_(text) {}

  Result<Resources> read() {
    auto root = parse_yaml(text_, file());
    if (!root) return std::unexpected(root.error());
    if (!root->IsMap()) {
      problem(*root, "", "resources are a mapping with start, horizon, crews, budget, facility_weight, "
                         "new_sites_per_month and new_sites_total (docs/plan.md)");
      return std::unexpected(std::move(problems()));
    }
    try {
      check_keys(*root, {"start", "horizon", "crews", "budget", "facility_weight", "new_sites_per_month", "new_sites_total"},
                 "resources");
      read_months(*root);
      read_crews(*root);
      read_budget(*root);
      read_new_build(*root);
      out_.facility_weight = number(*root, "facility_weight", false, kWeight).value_or(0);
    } catch (const YAML::Exception& e) {
      problems().push_back(yaml_exception_problem(e, file()));
    }
    if (has_errors(problems())) return std::unexpected(std::move(problems()));
    return std::move(out_);
  }

 private:
  void read_months(const YAML::Node& root) {
    out_.start = month(root, "start", false);
    const auto horizon = month(root, "horizon", true);
    if (horizon) out_.horizon = *horizon;
    if (!out_.start || !horizon) return;
    if (*out_.start > *horizon) {
      problem(root["start"], "start",
              fmt::format("start {} is after the horizon {}: expected a first month of work no later than the last",
                          format_month(*out_.start), format_month(*horizon)));
    } else if (*horizon - *out_.start + 1 > kMaxPlanMonths) {
      problem(root["horizon"], "horizon",
              fmt::format("the plan would span {} months from {} to {}: expected at most {} ({} years)",
                          *horizon - *out_.start + 1, format_month(*out_.start), format_month(*horizon), kMaxPlanMonths,
                          kMaxPlanMonths / 12));
    }
  }

  // A key of a mapping that names something (a region, an operator): non-empty text.
  std::optional<std::string> name_of(const YAML::Node& key, std::string_view section, std::string_view what) {
    if (key.IsScalar() && !trim(key.Scalar()).empty()) return key.Scalar();
    problem(key, section, fmt::format("expected {} in '{}' as a non-empty name", what, section));
    return std::nullopt;
  }

  // `crews: N` (every region) or `crews: {default: N, REGION: N, ...}`.
  void read_crews(const YAML::Node& root) {
    const YAML::Node crews = root["crews"];
    if (!crews) return;
    if (crews.IsScalar()) {
      out_.crews_default = number_at(crews, "crews", kCrews).value_or(0);
      return;
    }
    if (!is_map(crews, "crews", "'crews' (crew-days per month: {default: N, REGION: N, ...})")) return;
    std::set<std::string, std::less<>> seen;
    for (auto it = crews.begin(); it != crews.end(); ++it) {
      const auto region = name_of(it->first, "crews", "a region");
      if (!region) continue;
      if (!seen.insert(*region).second) {
        problem(it->first, *region, fmt::format("region '{}' is listed twice in 'crews'", *region));
        continue;
      }
      const auto value = number_at(it->second, *region, kCrews);
      if (!value) continue;
      if (*region == kDefault) out_.crews_default = *value;
      else out_.crews.emplace(*region, *value);
    }
  }

  // A year's budget: a number, or `unlimited`.
  std::optional<double> money(const YAML::Node& node, std::string_view key) {
    if (node.IsScalar() && trim(node.Scalar()) == "unlimited") return kUnlimited;
    return number_at(node, key, kMoney);
  }

  // A key of an operator's budget: a calendar year, no later than the horizon's.
  std::optional<int> year_of_key(const YAML::Node& key) {
    const std::string written = key.IsScalar() ? key.Scalar() : std::string();
    const bool digits = written.size() == 4 && std::ranges::all_of(written, [](char c) { return c >= '0' && c <= '9'; });
    const auto year = digits ? parse_integer(written) : std::nullopt;
    if (!year || *year < 1000) {
      problem(key, written, fmt::format("'{}' is not a year: expected a calendar year (as 2025) or default", written));
      return std::nullopt;
    }
    if (out_.horizon != kNoMonth && *year > plan::year_of(out_.horizon)) {
      problem(key, written,
              fmt::format("year {} is after the horizon ({}): expected a year the plan spans", *year,
                          format_month(out_.horizon)));
      return std::nullopt;
    }
    return static_cast<int>(*year);
  }

  // `budget: N` (every operator) or `budget: {default: N, OP: N, OP: {YEAR: N, default: N}}`.
  void read_budget(const YAML::Node& root) {
    const YAML::Node budget = root["budget"];
    if (!budget) return;
    if (budget.IsScalar()) {
      out_.budget_default = money(budget, "budget");
      return;
    }
    if (!is_map(budget, "budget", "'budget' (per operator and calendar year: {default: N, OPERATOR: N or {YEAR: N}})"))
      return;
    std::set<std::string, std::less<>> seen;
    for (auto it = budget.begin(); it != budget.end(); ++it) {
      const auto op = name_of(it->first, "budget", "an operator");
      if (!op) continue;
      if (!seen.insert(*op).second) {
        problem(it->first, *op, fmt::format("operator '{}' is listed twice in 'budget'", *op));
        continue;
      }
      if (*op == kDefault) {
        out_.budget_default = money(it->second, *op);
        continue;
      }
      if (auto own = operator_budget(it->second, *op)) out_.budget.emplace(*op, std::move(*own));
    }
  }

  std::optional<OperatorBudget> operator_budget(const YAML::Node& node, const std::string& op) {
    OperatorBudget out;
    if (node.IsScalar()) {
      out.every_year = money(node, op);
      if (!out.every_year) return std::nullopt;
      return out;
    }
    if (!is_map(node, op, fmt::format("operator '{}''s budget (a number, unlimited, or {{YEAR: N, default: N}})", op)))
      return std::nullopt;
    bool ok = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == kDefault) {
        out.every_year = money(it->second, kDefault);
        ok = ok && out.every_year.has_value();
        continue;
      }
      const auto year = year_of_key(it->first);
      const auto amount = year ? money(it->second, it->first.Scalar()) : std::nullopt;
      if (!amount) {
        ok = false;
        continue;
      }
      if (!out.by_year.emplace(*year, *amount).second) {
        problem(it->first, it->first.Scalar(), fmt::format("year {} is listed twice in operator '{}''s budget", *year, op));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

  void read_new_build(const YAML::Node& root) {
    const auto per_month = number(root, "new_sites_per_month", false, kSites);
    const auto total = number(root, "new_sites_total", false, kSites);
    out_.new_sites_per_month = per_month.value_or(0);
    out_.new_sites_total = total.value_or(0);
    const bool per_month_reported = root["new_sites_per_month"] && !per_month;
    if (out_.new_sites_total > 0 && out_.new_sites_per_month == 0 && !per_month_reported) {
      problem(root["new_sites_total"], "new_sites_total",
              fmt::format("new_sites_total is {:g} but no new site is built in any month: expected new_sites_per_month "
                          "above 0 as well",
                          out_.new_sites_total));
    }
  }

  std::string_view text_;
  Resources out_;
};

}  // namespace

double Resources::crews_in(std::string_view region) const {
  const auto it = crews.find(region);
  return it == crews.end() ? crews_default : it->second;
}

double Resources::budget_of(std::string_view op, int year) const {
  if (const auto it = budget.find(op); it != budget.end()) {
    if (const auto y = it->second.by_year.find(year); y != it->second.by_year.end()) return y->second;
    if (it->second.every_year) return *it->second.every_year;
  }
  return budget_default.value_or(kUnlimited);
}

Result<Resources> parse_resources(std::string_view text, std::string_view file) {
  return ResourcesReader(text, file).read();
}

Result<Resources> load_resources_file(const std::filesystem::path& path) {
  const auto text = read_input_file(path, path.string(), "plan resources (a YAML file)", kMaxResourcesBytes);
  if (!text) return std::unexpected(text.error());
  return parse_resources(*text, path.string());
}

}  // namespace netvet::plan
