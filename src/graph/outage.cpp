#include "graph/outage.h"

#include <algorithm>
#include <string>

#include "graph/site_reach.h"
#include "graph/traffic_graph.h"
#include "util/saturating.h"

namespace netvet {

std::string_view name_of(OutageMode mode) { return mode == OutageMode::failure ? "failure" : "kill-switch"; }

namespace {

// Per operator: its cell sites and subscribers, and those of them in `reaching`.
std::vector<OperatorSurvival> count_survival(const Inventory& inv, const graph::SiteBits& reaching) {
  std::vector<OperatorSurvival> out(inv.operators.size());
  for (Index op = 0; op < out.size(); ++op) out[op].op = op;
  for (Index s = 0; s < inv.sites.size(); ++s) {
    if (inv.sites.kind[s] != SiteKind::cell) continue;
    auto& survival = out[inv.sites.op[s]];
    const std::int64_t subscribers = std::max<std::int64_t>(0, inv.sites.subscribers[s]);
    ++survival.sites_total;
    survival.subscribers_total = saturating_add(survival.subscribers_total, subscribers);
    if (reaching.test(s)) {
      ++survival.sites_surviving;
      survival.subscribers_surviving = saturating_add(survival.subscribers_surviving, subscribers);
    }
  }
  return out;
}

}  // namespace

Result<std::vector<OutageResult>> analyse_outage(const Inventory& inv, std::span<const OutageScenario> scenarios,
                                                 const OutageOptions& options) {
  for (const auto& scenario : scenarios)
    for (const Index v : scenario.vendors)
      if (v >= inv.vendors.size())
        return fail({.column = "vendors", .value = std::to_string(v),
                     .message = "an outage scenario's vendor must be a row of the inventory's vendors"});
  const TrafficGraph g = build_traffic_graph(inv, {.threads = options.threads});
  const graph::SiteReach reach(g, g.influence);
  // Every scenario in one batch: a propagation per operator and 64 scenarios.
  std::vector<graph::SiteReach::Removal> removals;
  for (const auto& scenario : scenarios)
    removals.push_back({.vendors = scenario.vendors, .kill_switch = scenario.mode == OutageMode::kill_switch});
  const std::vector<graph::SiteBits> reaching = reach.reaching_after(removals, options.threads);
  std::vector<OutageResult> results(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) results[i] = {scenarios[i], count_survival(inv, reaching[i])};
  return results;
}

std::vector<OutageScenario> every_vendor_scenarios(const Inventory& inv) {
  std::vector<OutageScenario> out;
  for (Index v = 0; v < inv.vendors.size(); ++v) {
    out.push_back({{v}, OutageMode::failure});
    out.push_back({{v}, OutageMode::kill_switch});
  }
  return out;
}

}  // namespace netvet
