// libFuzzer harness: the plan JSON that `netvet plan --verify PLAN.json` reads (nlohmann),
// then the check of what reads against the plan problem of examples/london (the gb pack,
// the gbp catalog, examples/plan/gb-resources.yaml, as of 2021-01-01), as --verify does.
// A bad input must give problems that name the file; a plan that reads must verify
// without a crash, and every violation must come with its words.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "io/inventory_io.h"
#include "plan/catalog.h"
#include "plan/problem.h"
#include "plan/resources.h"
#include "plan/verify.h"
#include "policy/pack.h"
#include "util/date.h"

namespace {

const netvet::plan::PlanProblem& london() {
  namespace plan = netvet::plan;
  static const plan::PlanProblem problem = [] {
    const std::filesystem::path source(NETVET_SOURCE_DIR);
    auto inventory = netvet::io::read_inventory(source / "examples/london");
    auto gb = netvet::policy::builtin_pack("gb");
    auto catalog = plan::builtin_catalog("gbp");
    auto resources = plan::load_resources_file(source / "examples/plan/gb-resources.yaml");
    const auto as_of = netvet::parse_date("2021-01-01");
    if (!inventory || !gb || !catalog || !resources || !as_of) std::abort();
    std::vector<netvet::policy::Pack> packs;
    packs.push_back(std::move(*gb));
    plan::ProblemOptions options;
    options.as_of = *as_of;
    options.catalog_file = catalog->file;
    auto built = plan::build_problem(*inventory, packs, *catalog, *resources, options);
    if (!built) std::abort();
    return std::move(*built);
  }();
  return problem;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using netvet::fuzz::fail;
  const auto& problem = london();
  auto plan = netvet::plan::parse_plan_json(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  if (!plan) {
    netvet::fuzz::check_problems(plan.error(), "fuzz.json");
    return 0;
  }
  for (const auto& item : plan->items)
    if (!std::isfinite(item.cost) || !std::isfinite(item.crew_days))
      fail("plan", "item " + item.id + ": a figure not finite");
  const auto report = netvet::plan::verify_plan(problem, *plan);
  if (report.details.size() != report.violations.size())
    fail("verify_plan", "a violation without its words");
  return 0;
}
