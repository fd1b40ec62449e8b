#include "graph/outage.h"

#include <algorithm>
#include <string>

#include "graph/influence.h"
#include "util/parallel.h"
#include "graph/traffic_graph.h"

namespace netvet {
namespace {

struct Scratch {
  std::vector<std::uint8_t> removed;
  std::vector<Index> component, queue, stamp;
  Index next_stamp = 0;
};

class OutageEngine {
 public:
  explicit OutageEngine(const Inventory& inv) : g_(build_traffic_graph(inv)) {
    std::vector<std::pair<Index, Index>> by_vendor;
    for (Index e = 0; e < g_.elements; ++e) by_vendor.emplace_back(g_.vendor[e], e);
    std::sort(by_vendor.begin(), by_vendor.end());
    std::size_t k = 0;
    for (Index v = 0; v < g_.vendors; ++v) {
      std::vector<Index> row;
      for (; k < by_vendor.size() && by_vendor[k].first == v; ++k) row.push_back(by_vendor[k].second);
      elements_of_vendor_.push_row(row);
    }
    cells_of_operator_.resize(g_.operators);
    totals_.resize(g_.operators);
    for (Index op = 0; op < g_.operators; ++op) totals_[op].op = op;
    for (Index s = 0; s < g_.site_operator.size(); ++s)
      if (g_.site_kind[s] == SiteKind::cell) {
        const Index op = g_.site_operator[s];
        cells_of_operator_[op].push_back(s);
        ++totals_[op].sites_total;
        totals_[op].subscribers_total += g_.site_subscribers(s);
      }
  }

  OutageResult run(const OutageScenario& scenario, Scratch& s) const {
    s.removed.assign(g_.elements, 0);
    std::vector<Index> from;
    for (const Index v : scenario.vendors)
      for (const Index e : elements_of_vendor_[v]) {
        s.removed[e] = 1;
        from.push_back(e);
      }
    if (scenario.mode == OutageMode::kill_switch) graph::mark_influenced(g_.influence, from, s.removed);
    label_components(s);

    OutageResult result{scenario, totals_};
    if (s.stamp.size() < g_.elements) s.stamp.assign(g_.elements, kNoIndex);
    const auto live_and_marked = [&](Index x, Index mark) {
      return s.component[x] != kRemoved && s.stamp[s.component[x]] == mark;
    };
    for (Index op = 0; op < g_.operators; ++op) {
      const Index mark = s.next_stamp++;  // components holding a remaining sink of op
      for (const Index sink : g_.sinks_of_operator[op])
        if (s.component[sink] != kRemoved) s.stamp[s.component[sink]] = mark;
      auto& survival = result.operators[op];
      for (const Index site : cells_of_operator_[op]) {
        const auto ran = g_.ran_elements_of_site[site];
        if (std::any_of(ran.begin(), ran.end(), [&](Index x) { return live_and_marked(x, mark); })) {
          ++survival.sites_surviving;
          survival.subscribers_surviving += g_.site_subscribers(site);
        }
      }
    }
    return result;
  }

 private:
  static constexpr Index kUnlabelled = kNoIndex, kRemoved = kNoIndex - 1;

  // Connected components of the transport graph without the removed elements (and
  // without the super-sinks, which are not elements); a component is named by its first
  // element, a removed element is kRemoved. One array for both keeps the search to one
  // random access per arc.
  void label_components(Scratch& s) const {
    s.component.resize(g_.elements);
    for (Index v = 0; v < g_.elements; ++v) s.component[v] = s.removed[v] ? kRemoved : kUnlabelled;
    for (Index start = 0; start < g_.elements; ++start) {
      if (s.component[start] != kUnlabelled) continue;
      s.component[start] = start;
      s.queue.assign(1, start);
      for (std::size_t head = 0; head < s.queue.size(); ++head)
        for (const Index w : g_.transport[s.queue[head]])
          if (w < g_.elements && s.component[w] == kUnlabelled) {
            s.component[w] = start;
            s.queue.push_back(w);
          }
    }
  }

  TrafficGraph g_;
  ListColumn<Index> elements_of_vendor_;
  std::vector<std::vector<Index>> cells_of_operator_;
  std::vector<OperatorSurvival> totals_;  // with nothing surviving yet
};

}  // namespace

std::string_view name_of(OutageMode mode) { return mode == OutageMode::failure ? "failure" : "kill-switch"; }

Result<std::vector<OutageResult>> analyse_outage(const Inventory& inv, std::span<const OutageScenario> scenarios,
                                                 const OutageOptions& options) {
  for (const auto& scenario : scenarios)
    for (const Index v : scenario.vendors)
      if (v >= inv.vendors.size())
        return fail({.column = "vendors", .value = std::to_string(v),
                     .message = "an outage scenario's vendor must be a row of the inventory's vendors"});
  const OutageEngine engine(inv);
  std::vector<OutageResult> results(scenarios.size());
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(threads, scenarios.size());
  parallel_for(workers, threads, [&](std::size_t w) {
    Scratch scratch;  // one per worker: the arrays are the size of the network
    for (std::size_t i = w; i < scenarios.size(); i += workers) results[i] = engine.run(scenarios[i], scratch);
  });
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
