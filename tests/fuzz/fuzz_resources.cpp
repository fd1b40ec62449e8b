// libFuzzer harness: the planner's resources reader (`netvet plan --resources`: YAML,
// months, crews per region, budgets per operator and year, the new-build programme).
// A bad input must give problems that name the file and say what is wrong; what reads
// must hold what the reader promises, else abort (a finding).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"
#include "plan/resources.h"

namespace {

bool non_negative(double v) {
  return v >= 0 && !std::isnan(v);
}  // kUnlimited (infinity) is allowed

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using netvet::fuzz::fail;
  namespace plan = netvet::plan;
  auto resources = plan::parse_resources(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  if (!resources) {
    netvet::fuzz::check_problems(resources.error(), "fuzz.yaml");
    return 0;
  }
  const plan::Resources& r = *resources;
  if (r.horizon == plan::kNoMonth) fail("resources", "read without a horizon");
  if (r.start && (*r.start > r.horizon || r.horizon - *r.start + 1 > plan::kMaxPlanMonths))
    fail("resources",
         "start " + plan::format_month(*r.start) + " to horizon " + plan::format_month(r.horizon));
  if (!non_negative(r.crews_default) || !non_negative(r.facility_weight) ||
      !non_negative(r.new_sites_per_month) || !non_negative(r.new_sites_total))
    fail("resources", "a negative or NaN crew count, weight or new-site figure");
  for (const auto& [region, crews] : r.crews)
    if (region.empty() || !non_negative(crews))
      fail("resources", "crews of region '" + region + "'");
  if (r.budget_default && !non_negative(*r.budget_default)) fail("resources", "the default budget");
  for (const auto& [op, budget] : r.budget) {
    if (op.empty() || (budget.every_year && !non_negative(*budget.every_year)))
      fail("resources", "budget of '" + op + "'");
    for (const auto& [year, amount] : budget.by_year)
      if (year > plan::year_of(r.horizon) || !non_negative(amount))
        fail("resources", "budget of '" + op + "' in a year");
  }
  return 0;
}
