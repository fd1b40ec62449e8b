#include "graph/vendor_exposure.h"

#include <algorithm>
#include <cassert>
#include <thread>

#include "util/parallel.h"

namespace netvet::graph {
namespace {

// Per operator: the vendors of its control-plane elements and of every element that
// influences one (a backward search over the influence links from them).
VendorSets control_plane_vendors(const TrafficGraph& g, const Csr& managed_by) {
  VendorSets out(g.operators, g.vendors);
  std::vector<Index> stamp(g.elements, kNoIndex), queue;
  for (Index op = 0; op < g.operators; ++op) {
    queue.clear();
    for (const Index e : g.control_plane_of_operator[op])
      if (stamp[e] != op) stamp[e] = op, queue.push_back(e);
    for (std::size_t head = 0; head < queue.size(); ++head) {
      set_vendor(out[op], g.vendor[queue[head]]);
      for (const Index m : managed_by[queue[head]])
        if (stamp[m] != op) stamp[m] = op, queue.push_back(m);
    }
  }
  return out;
}

// One removal to compute: whose elements, how, and where the answer goes.
struct Removal {
  std::vector<Index> vendors;
  bool kill_switch = false;
  SiteBits* reaching = nullptr;
  std::vector<Index>* components = nullptr;  // where to keep its components, for cuts
};

}  // namespace

VendorExposure::VendorExposure(const TrafficGraph& g, const Options& options)
    : g_(g),
      designated_(options.designated),
      ways_(options.ways),
      failure_(g.vendors),
      kill_(g.vendors),
      kill_is_failure_(g.vendors, 0) {
  const bool influence = (ways_ & kViaInfluence) != 0;
  // Kill-switches follow the influence links forwards; when none is asked for, the graph
  // is not turned around (a million links on a national network).
  std::optional<Csr> turned;
  const bool kill_switches = influence || options.every_kill_switch;
  const Csr& acts_on = g.influence_reversed && kill_switches ? turned.emplace(reversed(g.influence))
                       : g.influence_reversed                 ? turned.emplace()
                                                              : g.influence;
  const SiteReach reach(g, acts_on);
  // Without a designated set there is no search to judge reach by.
  const bool base_pass = !options.reach_by_search || designated_.empty();
  removes_nothing_.resize(g.vendors);
  for (Index v = 0; v < g.vendors; ++v) removes_nothing_[v] = reach.elements_of_vendor(v).empty();

  // A removal is computed once: a vendor whose elements manage or host only its own has
  // a kill-switch that removes what its failure does, and a designated set of one vendor
  // is that vendor.
  const auto kill_adds = [&](Index v) {
    for (const Index e : reach.elements_of_vendor(v))
      for (const Index w : acts_on[e])
        if (g.vendor[w] != v) return true;
    return false;
  };
  const bool lone = designated_.size() == 1;
  std::vector<Removal> removals;
  if (base_pass) removals.push_back({.reaching = &base_});
  for (Index v = 0; v < g.vendors; ++v) {
    if (reach.elements_of_vendor(v).empty()) continue;  // removes nothing: reaching is base_
    const bool is_designated = std::binary_search(designated_.begin(), designated_.end(), v);
    if (!(options.every_vendor || options.every_kill_switch || is_designated)) continue;
    if (!(lone && is_designated)) removals.push_back({.vendors = {v}, .reaching = &failure_[v]});
    if (!(options.every_kill_switch || (is_designated && influence))) continue;
    kill_is_failure_[v] = !kill_adds(v);
    if (!kill_is_failure_[v] && !(lone && is_designated))
      removals.push_back({.vendors = {v}, .kill_switch = true, .reaching = &kill_[v]});
  }
  if (!designated_.empty()) {
    set_failure_cut_ = std::make_unique<LazyCut>(g, options.cut_subject_side_arcs);
    if (influence) set_kill_cut_ = std::make_unique<LazyCut>(g, options.cut_subject_side_arcs);
    removals.push_back({.vendors = designated_, .reaching = &set_failure_, .components = &set_failure_cut_->component});
    if (influence)
      removals.push_back({.vendors = designated_, .kill_switch = true, .reaching = &set_kill_, .components = &set_kill_cut_->component});
  }
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // Removals whose components a cut needs are searched one by one; the rest go through
  // one propagation per operator for up to 64 of them (graph/site_reach.h).
  std::vector<const Removal*> searched;
  std::vector<SiteReach::Removal> batched;
  std::vector<SiteBits*> batched_into;
  for (const Removal& r : removals) {
    if (r.components) {
      searched.push_back(&r);
    } else {
      batched.push_back({.vendors = r.vendors, .kill_switch = r.kill_switch});
      batched_into.push_back(r.reaching);
    }
  }
  const bool control_plane = (ways_ & kViaControlPlane) != 0;
  // The batch first: it is the longest, and spreads over its own threads. The control
  // plane's vendors need no reach: they run beside the removals.
  const std::size_t tasks = (batched.empty() ? 0 : 1) + searched.size() + (control_plane ? 1 : 0);
  const std::size_t first_search = batched.empty() ? 0 : 1;
  parallel_for(tasks, threads, [&](std::size_t t) {
    if (t < first_search) {
      std::vector<SiteBits> bits = reach.reaching_after(batched, threads);
      for (std::size_t i = 0; i < bits.size(); ++i) *batched_into[i] = std::move(bits[i]);
    } else if (t < first_search + searched.size()) {
      ReachScratch scratch;  // one per removal: the components go to its cut finder
      const Removal& r = *searched[t - first_search];
      reach.remove_vendors(r.vendors, r.kill_switch, scratch);
      *r.reaching = reach.reaching(scratch);
      *r.components = std::move(scratch.component);
      // A few subjects search their reach with the designated set's failure finder: build
      // it now, beside the other tasks, rather than with every subject waiting on it.
      if (options.reach_by_search && r.components == &set_failure_cut_->component) set_failure_cut_->finder();
    } else {
      std::optional<Csr> turned_back;
      const Csr& managed_by = g.influence_reversed ? g.influence : turned_back.emplace(reversed(g.influence));
      control_plane_ = control_plane_vendors(g, managed_by);
    }
  });
  if (lone && !reach.elements_of_vendor(designated_[0]).empty()) {
    failure_[designated_[0]] = set_failure_;
    if (influence && !kill_is_failure_[designated_[0]]) kill_[designated_[0]] = set_kill_;
  }
}

const VertexCutFinder& VendorExposure::LazyCut::finder() const {
  std::call_once(once_, [&] { finder_.emplace(g_, component, arcs_); });
  return *finder_;
}

const SiteBits& VendorExposure::reaching_after_failure(Index vendor) const {
  return failure_[vendor].empty() ? base_ : failure_[vendor];
}

const SiteBits& VendorExposure::reaching_after_kill_switch(Index vendor) const {
  if (kill_is_failure_[vendor]) return reaching_after_failure(vendor);
  // Not computed: a vendor with no elements (nothing removed), or one that is neither
  // designated nor asked for with every_kill_switch (a caller's bug).
  assert(!kill_[vendor].empty() || failure_[vendor].empty());
  return kill_[vendor].empty() ? base_ : kill_[vendor];
}

void VendorExposure::judge(std::span<const Index> sites, VerdictScratch& s, SubjectVerdict& out, bool cuts) const {
  out.ways = 0;
  out.transport_exposed_to.clear();
  out.exposed_to.clear();
  out.cut.clear();
  s.ops.clear();
  for (const Index site : sites) s.ops.push_back(g_.site_operator[site]);
  std::sort(s.ops.begin(), s.ops.end());
  s.ops.erase(std::unique(s.ops.begin(), s.ops.end()), s.ops.end());
  out.operators.resize(s.ops.size());
  const bool influence = (ways_ & kViaInfluence) != 0, transport = (ways_ & kViaTransport) != 0;

  // Cut off by a removal: reaching with nothing removed, and not after it.
  const auto judge_sites = [&](std::span<const Index> of, bool reaches, std::uint8_t control_plane_ways,
                               const std::vector<std::uint8_t>& control_plane_of_vendor, std::uint8_t& ways,
                               std::vector<Index>& transport_exposed_to, std::vector<Index>& exposed_to) {
    const auto cut_off = [&](const SiteBits& after) { return reaches && !after.any_of(of); };
    for (Index v = 0; v < g_.vendors; ++v)
      if (!failure_[v].empty() && cut_off(failure_[v])) transport_exposed_to.push_back(v);
    if (designated_.empty()) return;
    ways = control_plane_ways;
    if (transport && cut_off(set_failure_)) ways |= kViaTransport;
    if (influence && cut_off(set_kill_)) ways |= kViaInfluence;
    for (std::size_t i = 0; i < designated_.size(); ++i) {
      const Index v = designated_[i];
      // A vendor without elements cuts nothing off (and, searched by reach, has no pass
      // with nothing removed to read).
      if (removes_nothing_[v]) continue;
      if (control_plane_of_vendor[i] ||
          (transport && std::binary_search(transport_exposed_to.begin(), transport_exposed_to.end(), v)) ||
          (influence && cut_off(reaching_after_kill_switch(v))))
        exposed_to.push_back(v);
    }
  };
  const auto sources_of = [&](std::span<const Index> of) -> std::span<const Index> {
    s.sources.clear();
    for (const Index site : of)
      for (const Index x : g_.ran_elements_of_site[site]) s.sources.push_back(x);
    return s.sources;
  };

  std::vector<std::uint8_t>& any_control_plane = s.any_control_plane;
  std::vector<std::uint8_t>& op_control_plane = s.op_control_plane;
  any_control_plane.assign(designated_.size(), 0);
  op_control_plane.assign(designated_.size(), 0);
  std::uint8_t any_control_plane_ways = 0;
  bool any_reaches = false;
  for (std::size_t k = 0; k < s.ops.size(); ++k) {
    const Index op = s.ops[k];
    OperatorVerdict& verdict = out.operators[k];
    verdict = {.op = op};
    s.sites.clear();
    for (const Index site : sites)
      if (g_.site_operator[site] == op) s.sites.push_back(site);
    // Reach with nothing removed: from the pass, or (reach_by_search) implied by reach
    // without the designated set, or else told by the search for the cut.
    std::optional<CutAnswer> transport_cut;
    bool reaches = false;
    if (!base_.empty()) {
      reaches = base_.any_of(s.sites);
    } else if (set_failure_.any_of(s.sites)) {
      reaches = true;
    } else {
      transport_cut = set_failure_cut_->finder().cut(sources_of(s.sites), op, s.cut);
      reaches = transport_cut->reaches;
    }
    verdict.isolated = !reaches;
    any_reaches |= reaches;
    std::uint8_t control_plane_ways = 0;
    for (std::size_t i = 0; i < designated_.size(); ++i) {
      op_control_plane[i] = control_plane_.rows() > 0 && has_vendor(control_plane_[op], designated_[i]);
      any_control_plane[i] |= op_control_plane[i];
      if (op_control_plane[i]) control_plane_ways = kViaControlPlane;
    }
    any_control_plane_ways |= control_plane_ways;
    judge_sites(s.sites, reaches, control_plane_ways, op_control_plane, verdict.ways, verdict.transport_exposed_to,
                verdict.exposed_to);
    if (!cuts) continue;
    if (verdict.ways & kViaTransport) {
      if (!transport_cut) transport_cut = set_failure_cut_->finder().cut(sources_of(s.sites), op, s.cut);
      verdict.cut = std::move(transport_cut->elements);
    } else if (verdict.ways & kViaInfluence) {
      verdict.cut = set_kill_cut_->finder().cut(sources_of(s.sites), op, s.cut).elements;
    }
    out.cut.insert(out.cut.end(), verdict.cut.begin(), verdict.cut.end());
  }
  judge_sites(sites, any_reaches, any_control_plane_ways, any_control_plane, out.ways, out.transport_exposed_to,
              out.exposed_to);
  std::sort(out.cut.begin(), out.cut.end());
  out.cut.erase(std::unique(out.cut.begin(), out.cut.end()), out.cut.end());
}

}  // namespace netvet::graph
