#include "graph/site_reach.h"

#include <algorithm>
#include <utility>

#include "graph/influence.h"

namespace netvet::graph {

SiteReach::SiteReach(const TrafficGraph& g, const Csr& influence) : g_(g), influence_(influence) {
  Csr by_vendor = group_by_row(g.vendors, [&](auto&& add) {
    for (Index e = 0; e < g.elements; ++e) add(g.vendor[e], e);
  });
  elements_of_vendor_ = {std::move(by_vendor.offsets), std::move(by_vendor.targets)};
  Csr by_operator = group_by_row(g.operators, [&](auto&& add) {
    for (Index s = 0; s < g.site_operator.size(); ++s)
      if (!g.ran_elements_of_site[s].empty()) add(g.site_operator[s], s);
  });
  sites_of_operator_ = {std::move(by_operator.offsets), std::move(by_operator.targets)};
}

void SiteReach::remove_vendors(std::span<const Index> vendors, bool kill_switch, ReachScratch& s) const {
  s.removed.assign(g_.elements, 0);
  std::vector<Index> from;
  for (const Index v : vendors)
    for (const Index e : elements_of_vendor_[v]) {
      s.removed[e] = 1;
      if (kill_switch) from.push_back(e);
    }
  if (kill_switch) mark_influenced(influence_, from, s.removed);
}

SiteBits SiteReach::reaching(ReachScratch& s) const {
  label_components(s);
  SiteBits out(g_.site_operator.size());
  if (s.stamp.size() < g_.elements) s.stamp.assign(g_.elements, kNoIndex);
  for (Index op = 0; op < g_.operators; ++op) {
    const Index mark = s.next_stamp++;  // components holding a remaining sink of op
    for (const Index sink : g_.sinks_of_operator[op])
      if (s.component[sink] != kRemovedElement) s.stamp[s.component[sink]] = mark;
    for (const Index site : sites_of_operator_[op]) {
      const auto ran = g_.ran_elements_of_site[site];
      if (std::any_of(ran.begin(), ran.end(), [&](Index x) {
            return s.component[x] != kRemovedElement && s.stamp[s.component[x]] == mark;
          }))
        out.set(site);
    }
  }
  return out;
}

// Connected components of the transport graph without the removed elements (and without
// the super-sinks, which are not elements). One array for labels and removal keeps the
// search to one random access per arc.
void SiteReach::label_components(ReachScratch& s) const {
  constexpr Index kUnlabelled = kNoIndex;
  s.component.resize(g_.elements);
  for (Index v = 0; v < g_.elements; ++v) s.component[v] = s.removed[v] ? kRemovedElement : kUnlabelled;
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

}  // namespace netvet::graph
