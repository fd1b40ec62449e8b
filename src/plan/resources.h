#pragma once
// The resources of a rip-and-replace plan (shared/spec/plan.md, `--resources FILE`): the
// months it spans, the crews each region has per month, each operator's budget per
// calendar year, the exposure weight of facilities and the new-build programme that shares
// the crews. The format is in docs/plan.md ("Resources and catalogs").
//
//   start: 2021-01            # first month of work (absent: the month of --as-of)
//   horizon: 2029-12          # last month (required)
//   crews: {default: 400, London: 900}            # crew-days per month, per region
//   budget: {default: 150000000, ee: {2022: 200000000}, three: unlimited}
//   facility_weight: 10
//   new_sites_per_month: 0
//   new_sites_total: 0

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "plan/model.h"
#include "util/diagnostic.h"

namespace netvet::plan {

// An operator's budget: the same every year, and/or its own for named years.
struct OperatorBudget {
  std::optional<double> every_year;  // kUnlimited when written `unlimited`
  std::map<int, double> by_year;
};

struct Resources {
  std::optional<Month> start;  // absent: the month of --as-of
  Month horizon = kNoMonth;    // required
  double crews_default = 0;
  std::map<std::string, double, std::less<>> crews;  // region -> crew-days per month
  std::optional<double> budget_default;              // absent: unlimited
  std::map<std::string, OperatorBudget, std::less<>> budget;  // operator id -> its budget
  double facility_weight = 0, new_sites_per_month = 0, new_sites_total = 0;

  // The region's crew-days per month, else the default's.
  double crews_in(std::string_view region) const;
  // The operator's budget for `year`: its own for the year, else its every-year budget,
  // else the default, else kUnlimited.
  double budget_of(std::string_view op, int year) const;
};

// At most this many months from start to horizon (50 years): a plan's tables are per
// region and month.
inline constexpr Month kMaxPlanMonths = 600;
// A resources file is read only when it is a regular file of at most this size.
inline constexpr std::size_t kMaxResourcesBytes = 1u << 20;

// Parses resources YAML; every problem is reported with `file`, line and column.
Result<Resources> parse_resources(std::string_view text, std::string_view file);
Result<Resources> load_resources_file(const std::filesystem::path& path);

}  // namespace netvet::plan
