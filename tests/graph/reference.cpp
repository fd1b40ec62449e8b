#include "reference.h"

#include <bit>
#include <cmath>
#include <deque>
#include <functional>

#include "util/geo.h"

namespace netvet::testing {

Reference::Reference(const Inventory& inv) : inv_(inv) {
  const std::size_t n = inv.elements.size();
  adjacent_.resize(n);
  acts_on_.resize(n);
  for (std::size_t i = 0; i < inv.links.size(); ++i) {
    const Index a = inv.links.a[i], b = inv.links.b[i];
    if (inv.links.kind[i] == LinkKind::transport) {
      adjacent_[a].push_back(b);
      adjacent_[b].push_back(a);
    } else {
      acts_on_[a].push_back(b);
    }
  }
  on_paths_cache_.assign(inv.operators.size(), std::vector<std::set<Index>>(n));
  on_paths_done_.assign(inv.operators.size(), std::vector<bool>(n, false));
}

std::vector<Index> Reference::serving_sites(Index f, double radius_km) const {
  const auto listed = inv_.facilities.served_by[f];
  std::set<Index> out(listed.begin(), listed.end());
  if (listed.empty())
    for (Index s = 0; s < inv_.sites.size(); ++s)
      if (inv_.sites.kind[s] == SiteKind::cell && !std::isnan(inv_.sites.lat[s]) && !std::isnan(inv_.facilities.lat[f]) &&
          distance_km(inv_.facilities.lat[f], inv_.facilities.lon[f], inv_.sites.lat[s], inv_.sites.lon[s]) <= radius_km)
        out.insert(s);
  return {out.begin(), out.end()};
}

bool Reference::is_sink_of(Index e, Index op) const {
  return inv_.function_of(e).sink && inv_.elements.op[e] == op;
}

bool Reference::connected(const std::vector<std::pair<Index, Index>>& sources, const std::vector<bool>& removed) const {
  for (const auto& [x, op] : sources) {
    if (removed[x]) continue;
    std::vector<bool> seen(inv_.elements.size(), false);
    std::deque<Index> queue{x};
    seen[x] = true;
    while (!queue.empty()) {
      const Index u = queue.front();
      queue.pop_front();
      if (is_sink_of(u, op)) return true;
      for (const Index w : adjacent_[u])
        if (!seen[w] && !removed[w]) {
          seen[w] = true;
          queue.push_back(w);
        }
    }
  }
  return false;
}

const std::set<Index>& Reference::on_paths(Index x, Index op) const {
  auto& out = on_paths_cache_[op][x];
  if (on_paths_done_[op][x]) return out;
  on_paths_done_[op][x] = true;
  std::vector<Index> path;
  std::vector<bool> on(inv_.elements.size(), false);
  std::function<void(Index)> walk = [&](Index u) {
    path.push_back(u);
    on[u] = true;
    if (is_sink_of(u, op)) out.insert(path.begin(), path.end());
    for (const Index w : adjacent_[u])
      if (!on[w]) walk(w);
    on[u] = false;
    path.pop_back();
  };
  walk(x);
  return out;
}

std::set<Index> Reference::influenced_by(Index m) const {
  std::set<Index> seen;
  std::deque<Index> queue(acts_on_[m].begin(), acts_on_[m].end());
  while (!queue.empty()) {
    const Index u = queue.front();
    queue.pop_front();
    if (!seen.insert(u).second) continue;
    for (const Index w : acts_on_[u]) queue.push_back(w);
  }
  return seen;
}

std::vector<std::size_t> Reference::hops_to_sink(Index op) const {
  const std::size_t n = inv_.elements.size();
  std::vector<std::size_t> hops(n, n + 1);
  std::deque<Index> queue;
  for (Index e = 0; e < n; ++e)
    if (is_sink_of(e, op)) hops[e] = 0, queue.push_back(e);
  while (!queue.empty()) {
    const Index u = queue.front();
    queue.pop_front();
    for (const Index w : adjacent_[u])
      if (hops[w] == n + 1) hops[w] = hops[u] + 1, queue.push_back(w);
  }
  return hops;
}

RefExposure Reference::exposure(const std::vector<Index>& sites, const std::set<Index>& designated) const {
  RefExposure r;
  const std::size_t n = inv_.elements.size();
  std::vector<std::pair<Index, Index>> sources;  // (element, the operator of its site)
  std::set<Index> ops;
  for (const Index s : sites) {
    ops.insert(inv_.sites.op[s]);
    for (Index e = 0; e < n; ++e)
      if (inv_.elements.site[e] == s && inv_.domain_of(e) == Domain::ran) sources.emplace_back(e, inv_.sites.op[s]);
  }
  std::vector<bool> removed(n, false);
  r.isolated = !connected(sources, removed);

  std::set<Index> control_plane;
  for (Index e = 0; e < n; ++e)
    if (inv_.domain_of(e) == Domain::core && inv_.function_of(e).plane == Plane::control && ops.count(inv_.elements.op[e]))
      control_plane.insert(e);

  if (!r.isolated) {
    for (Index v = 0; v < n; ++v) {
      removed[v] = true;
      if (!connected(sources, removed)) r.unavoidable.insert(v);
      removed[v] = false;
    }
    std::set<Index> possible;
    for (const auto& [x, op] : sources) {
      const auto& p = on_paths(x, op);
      possible.insert(p.begin(), p.end());
    }
    r.possible_count = possible.size();
    for (const Index e : possible) r.possible_vendors.insert(inv_.elements.vendor[e]);

    Index last = 0;
    for (const auto& [x, op] : sources)
      if (op >= last && connected({{x, op}}, removed)) last = op;
    const auto hops = hops_to_sink(last);
    r.chain.assign(r.unavoidable.begin(), r.unavoidable.end());
    std::stable_sort(r.chain.begin(), r.chain.end(), [&](Index a, Index b) { return hops[a] > hops[b]; });
  }
  for (const Index e : r.unavoidable) r.unavoidable_vendors.insert(inv_.elements.vendor[e]);
  for (const Index e : control_plane) r.control_plane_vendors.insert(inv_.elements.vendor[e]);

  for (Index m = 0; m < n; ++m) {
    const auto reach = influenced_by(m);
    bool influencing = false;
    for (const Index x : reach) influencing |= r.unavoidable.count(x) > 0 || control_plane.count(x) > 0;
    if (influencing) r.influence_vendors.insert(inv_.elements.vendor[m]);
  }
  for (const Index v : designated)
    if (r.unavoidable_vendors.count(v) || r.control_plane_vendors.count(v) || r.influence_vendors.count(v))
      r.exposed_to.insert(v);
  return r;
}

std::vector<RefSurvival> Reference::outage(const std::vector<Index>& vendors, bool kill_switch) const {
  const std::size_t n = inv_.elements.size();
  std::vector<bool> removed(n, false);
  for (Index e = 0; e < n; ++e)
    for (const Index v : vendors)
      if (inv_.elements.vendor[e] == v) {
        removed[e] = true;
        if (kill_switch)
          for (const Index x : influenced_by(e)) removed[x] = true;
      }
  // Kill-switch removals found after a vendor element's own search still cascade: the
  // influence of an influenced element is already inside influenced_by (transitive).
  std::vector<RefSurvival> out(inv_.operators.size());
  for (Index s = 0; s < inv_.sites.size(); ++s) {
    if (inv_.sites.kind[s] != SiteKind::cell) continue;
    const Index op = inv_.sites.op[s];
    const std::int64_t subs = inv_.sites.subscribers[s] == kNoCount ? 0 : inv_.sites.subscribers[s];
    out[op].sites_total += 1;
    out[op].subscribers_total += subs;
    std::vector<std::pair<Index, Index>> sources;
    for (Index e = 0; e < n; ++e)
      if (inv_.elements.site[e] == s && inv_.domain_of(e) == Domain::ran) sources.emplace_back(e, op);
    if (connected(sources, removed)) {
      out[op].sites_surviving += 1;
      out[op].subscribers_surviving += subs;
    }
  }
  return out;
}

std::vector<bool> Reference::removal(const std::set<Index>& vendors, bool kill_switch) const {
  std::vector<bool> removed(inv_.elements.size(), false);
  for (Index e = 0; e < inv_.elements.size(); ++e)
    if (vendors.count(inv_.elements.vendor[e])) {
      removed[e] = true;
      if (kill_switch)
        for (const Index x : influenced_by(e)) removed[x] = true;
    }
  return removed;
}

bool Reference::runs_control_plane(Index vendor, Index op) const {
  const auto control = [&](Index x) {
    return inv_.domain_of(x) == Domain::core && inv_.function_of(x).plane == Plane::control && inv_.elements.op[x] == op;
  };
  for (Index e = 0; e < inv_.elements.size(); ++e) {
    if (inv_.elements.vendor[e] != vendor) continue;
    if (control(e)) return true;
    for (const Index x : influenced_by(e))
      if (control(x)) return true;
  }
  return false;
}

bool Reference::separates(const std::vector<std::pair<Index, Index>>& sources, const std::set<Index>& cut) const {
  std::vector<bool> removed(inv_.elements.size(), false);
  for (const Index e : cut) removed[e] = true;
  return !connected(sources, removed);
}

std::size_t Reference::smallest_cut(const std::vector<std::pair<Index, Index>>& sources,
                                    const std::set<Index>& cuttable) const {
  // Only elements on some path can matter; the search is exponential in how many those are.
  std::set<Index> on_some_path;
  for (const auto& [x, op] : sources) {
    if (cuttable.count(x)) on_some_path.insert(x);
    for (const Index e : on_paths(x, op))
      if (cuttable.count(e)) on_some_path.insert(e);
  }
  const std::vector<Index> items(on_some_path.begin(), on_some_path.end());
  if (items.size() > 20) return kNoCut;
  // Every subset of k items, for k = 1, 2, ... (Gosper's hack steps through the masks of
  // k bits in increasing order); the first k with a separating subset is the answer.
  std::size_t tried = 0;
  for (std::size_t k = 1; k <= items.size(); ++k) {
    const std::uint32_t limit = 1U << items.size();
    for (std::uint32_t mask = (1U << k) - 1; mask < limit;) {
      if (++tried > 300000) return kNoCut;
      std::set<Index> cut;
      for (std::size_t i = 0; i < items.size(); ++i)
        if (mask >> i & 1U) cut.insert(items[i]);
      if (separates(sources, cut)) return k;
      const std::uint32_t low = mask & -mask, ripple = mask + low;
      mask = (((ripple ^ mask) >> 2) / low) | ripple;
    }
  }
  return kNoCut;
}

RefVerdict Reference::verdict(const std::vector<Index>& sites, const std::set<Index>& designated) const {
  RefVerdict r;
  const std::size_t n = inv_.elements.size();
  std::set<Index> ops;
  for (const Index s : sites) ops.insert(inv_.sites.op[s]);
  const std::vector<bool> nothing(n, false);
  const std::vector<bool> set_failure = removal(designated, false), set_kill = removal(designated, true);
  const auto sources_of = [&](const std::set<Index>& of) {
    std::vector<std::pair<Index, Index>> sources;
    for (const Index s : sites)
      if (of.count(inv_.sites.op[s]))
        for (Index e = 0; e < n; ++e)
          if (inv_.elements.site[e] == s && inv_.domain_of(e) == Domain::ran) sources.emplace_back(e, inv_.sites.op[s]);
    return sources;
  };
  // The verdict for the traffic of the operators `of`.
  const auto judge = [&](const std::set<Index>& of, std::uint8_t& ways, std::set<Index>& transport_exposed_to,
                         std::set<Index>& exposed_to) {
    const auto sources = sources_of(of);
    const bool reaches = connected(sources, nothing);
    const auto cut_off = [&](const std::vector<bool>& removed) { return reaches && !connected(sources, removed); };
    for (Index v = 0; v < inv_.vendors.size(); ++v)
      if (cut_off(removal({v}, false))) transport_exposed_to.insert(v);
    if (designated.empty()) return;
    bool control_plane = false;
    for (const Index v : designated) {
      bool runs = false;
      for (const Index op : of) runs |= runs_control_plane(v, op);
      control_plane |= runs;
      if (runs || transport_exposed_to.count(v) || cut_off(removal({v}, true))) exposed_to.insert(v);
    }
    ways = (cut_off(set_failure) ? 1 : 0) | (cut_off(set_kill) ? 2 : 0) | (control_plane ? 4 : 0);
  };
  judge(ops, r.ways, r.transport_exposed_to, r.exposed_to);
  for (const Index op : ops) {
    RefOperatorVerdict o;
    o.op = op;
    o.sources = sources_of({op});
    o.isolated = !connected(o.sources, nothing);
    judge({op}, o.ways, o.transport_exposed_to, o.exposed_to);
    if (o.ways & 3) {
      const std::vector<bool>& removed = o.ways & 1 ? set_failure : set_kill;
      for (Index e = 0; e < n; ++e)
        if (removed[e]) o.cuttable.insert(e);
      o.cut_size = smallest_cut(o.sources, o.cuttable);
    }
    r.operators.push_back(std::move(o));
  }
  return r;
}

}  // namespace netvet::testing
