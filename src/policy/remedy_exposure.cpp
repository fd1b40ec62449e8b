// remedy_exposure(): per flagged facility and exposed serving operator, the designated
// elements on its cleanest way to the core and those behind its control plane (remedy.h).

#include <algorithm>
#include <optional>

#include "graph/clean_way.h"
#include "graph/traffic_graph.h"
#include "policy/remedy_parts.h"
#include "policy/rule_context.h"

namespace netvet::policy {
namespace {

// The designated elements whose manages/hosts links reach an element — after the
// replacements: replace_elements() ends the `manages` links into a replaced element from
// its old vendor's elements, so those are not followed from a designated element (which is
// replaced); `hosts` links and other vendors' managers stay.
class Influencers {
 public:
  Influencers(const Inventory& inv, const std::vector<std::uint8_t>& designated)
      : inv_(inv), designated_(designated), seen_(inv.elements.size(), 0) {
    const LinkTable& links = inv.links;
    offsets_.assign(inv.elements.size() + 1, 0);
    for (std::size_t l = 0; l < links.size(); ++l)
      if (links.kind[l] != LinkKind::transport) ++offsets_[links.b[l] + 1];
    for (std::size_t e = 0; e < inv.elements.size(); ++e) offsets_[e + 1] += offsets_[e];
    actor_.resize(offsets_.back());
    manages_.resize(offsets_.back());
    std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
    for (std::size_t l = 0; l < links.size(); ++l) {
      if (links.kind[l] == LinkKind::transport) continue;
      const std::uint32_t at = next[links.b[l]]++;
      actor_[at] = links.a[l];
      manages_[at] = links.kind[l] == LinkKind::manages;
    }
  }

  bool designated(Index e) const { return designated_[inv_.elements.vendor[e]] != 0; }

  // Adds to `out` the designated elements that act on `e` by a chain of links that outlive
  // the replacement of every designated element on it.
  void of(Index e, std::vector<Index>& out) {
    stack_.assign(1, e);
    touched_.clear();
    while (!stack_.empty()) {
      const Index x = stack_.back();
      stack_.pop_back();
      const bool replaced = designated(x);
      for (std::uint32_t k = offsets_[x]; k < offsets_[x + 1]; ++k) {
        const Index y = actor_[k];
        if (replaced && manages_[k] && inv_.elements.vendor[y] == inv_.elements.vendor[x]) continue;
        if (seen_[y]) continue;
        seen_[y] = 1;
        touched_.push_back(y);
        if (designated(y)) out.push_back(y);
        stack_.push_back(y);
      }
    }
    for (const Index y : touched_) seen_[y] = 0;
  }

 private:
  const Inventory& inv_;
  const std::vector<std::uint8_t>& designated_;
  std::vector<std::uint32_t> offsets_;  // per element: the links into it, as actor_/manages_
  std::vector<Index> actor_;
  std::vector<std::uint8_t> manages_;
  std::vector<std::uint8_t> seen_;
  std::vector<Index> stack_, touched_;
};

// Per element: 1 for the designated elements, and for a kill-switch also every element
// they act on (a chain of manages/hosts links forwards).
std::vector<std::uint8_t> removed_by(const Inventory& inv, const std::vector<std::uint8_t>& designated, bool kill_switch) {
  std::vector<std::uint8_t> removed(inv.elements.size(), 0);
  for (Index e = 0; e < inv.elements.size(); ++e) removed[e] = designated[inv.elements.vendor[e]];
  if (!kill_switch) return removed;
  const graph::Csr acts_on = influence_graph(inv);
  std::vector<Index> stack;
  for (Index e = 0; e < inv.elements.size(); ++e)
    if (removed[e]) stack.push_back(e);
  while (!stack.empty()) {
    const Index x = stack.back();
    stack.pop_back();
    for (const Index y : acts_on[x])
      if (!removed[y]) removed[y] = 1, stack.push_back(y);
  }
  return removed;
}

}  // namespace

void remedy_exposure(const Pack& pack, const ExposureRule& spec, const Inventory& inv, const Evaluation& ev,
                     std::uint32_t rule_index, Remedy& out) {
  const std::vector<Index> designated_list = designated_rows(pack, spec.vendors, inv);
  const ExposureReport* report = ev.exposure ? ev.exposure->of(designated_list) : nullptr;
  if (!report) return;
  const ExposureTable& t = report->facilities;
  const auto& per = t.per_operator;
  std::vector<std::uint8_t> designated(inv.vendors.size(), 0);
  for (const Index v : designated_list) designated[v] = 1;
  std::vector<Index> table_row(inv.facilities.size(), kNoIndex);
  for (Index r = 0; r < t.size(); ++r) table_row[t.subject[r]] = r;
  const std::uint8_t counted = way_bits(spec.via);
  Influencers influencers(inv, designated);
  std::optional<ListColumn<Index>> control_plane;
  TrafficGraphOptions graph_options;
  graph_options.influence = false;
  const TrafficGraph g = build_traffic_graph(inv, graph_options);
  const std::vector<std::uint8_t> failed = removed_by(inv, designated, false);
  const std::vector<std::uint8_t> killed = (counted & kViaInfluence) ? removed_by(inv, designated, true) : failed;
  std::vector<Index> sources, path;

  // What clears one serving operator's exposure (row k of per_operator) of facility row r,
  // in `ways`: the designated elements on its cleanest way (an influenced element on it
  // stands for the designated elements that act on it; where the kill-switch counts, a
  // designated one's own surviving actors go too), and those of its control plane.
  const auto operator_part = [&](Index r, Index k, std::uint8_t ways) {
    std::vector<Index> part;
    const Index op = per.op[k];
    if (ways & (kViaTransport | kViaInfluence)) {
      sources.clear();
      for (const Index site : t.served_by[r])
        if (g.site_operator[site] == op)
          for (const Index x : g.ran_elements_of_site[site]) sources.push_back(x);
      const bool kill_switch = (ways & kViaInfluence) != 0;
      // Replacing a way's designated elements and what acts on the rest of it: on the way
      // that crosses the fewest elements the kill-switch removes, and — where it counts —
      // on the one that crosses the fewest designated elements (one element manager may
      // stand behind a whole clean-vendor route); the smaller of the two.
      const auto clear_way = [&](std::span<const std::uint8_t> dirty) {
        std::vector<Index> way_part;
        if (!graph::cleanest_way(g, sources, op, dirty, &path)) return way_part;
        for (const Index e : path) {
          if (failed[e]) way_part.push_back(e);
          if (kill_switch && (killed[e] || failed[e])) influencers.of(e, way_part);
        }
        sort_unique(way_part);
        return way_part;
      };
      std::vector<Index> way_part = clear_way(kill_switch ? killed : failed);
      if (kill_switch) {
        std::vector<Index> other = clear_way(failed);
        if (!other.empty() && other.size() < way_part.size()) way_part = std::move(other);
      }
      part.insert(part.end(), way_part.begin(), way_part.end());
    }
    if (ways & kViaControlPlane) {
      if (!control_plane) control_plane = control_plane_by_operator(inv);
      for (const Index e : (*control_plane)[op]) {
        if (failed[e]) part.push_back(e);
        influencers.of(e, part);
      }
    }
    sort_unique(part);
    return part;
  };

  ev.findings.for_each_of(rule_index, [&](const Finding& f) {
    if (f.kind != SubjectType::facility) return;
    if (unvetted(ev, f)) {
      ++out.unvetted;
      return;
    }
    const Index r = table_row[f.row];
    if (r == kNoIndex) return;
    if (spec.per_operator) {
      for (const Index k : t.operator_rows[r]) {
        const auto ways = static_cast<std::uint8_t>(per.exposed[k] & counted);
        if (ways) out.facilities.push_back({.facility = f.row, .op = per.op[k], .elements = operator_part(r, k, ways)});
      }
      return;
    }
    // As a whole: one operator with a clean way is enough for transport and the
    // kill-switch (the one whose way is cheapest); every operator's control plane that the
    // designated vendors run or manage must be cleared.
    std::vector<FacilityRemedy> parts;
    const auto way_bits_of = [&](Index k) {
      return static_cast<std::uint8_t>(per.exposed[k] & counted & (kViaTransport | kViaInfluence));
    };
    if (t.exposed[r] & counted & (kViaTransport | kViaInfluence)) {
      std::optional<FacilityRemedy> best;
      for (const Index k : t.operator_rows[r]) {
        if (per.isolated[k] || !way_bits_of(k)) continue;
        auto part = operator_part(r, k, way_bits_of(k));
        if (!best || part.size() < best->elements.size())
          best = FacilityRemedy{.facility = f.row, .op = per.op[k], .elements = std::move(part)};
      }
      if (best) parts.push_back(std::move(*best));
    }
    if (t.exposed[r] & counted & kViaControlPlane)
      for (const Index k : t.operator_rows[r]) {
        auto part = operator_part(r, k, kViaControlPlane);
        if (part.empty()) continue;
        const auto same = std::ranges::find(parts, per.op[k], &FacilityRemedy::op);
        if (same == parts.end()) {
          parts.push_back({.facility = f.row, .op = per.op[k], .elements = std::move(part)});
        } else {
          same->elements.insert(same->elements.end(), part.begin(), part.end());
          sort_unique(same->elements);
        }
      }
    for (auto& part : parts) out.facilities.push_back(std::move(part));
  });
  for (const auto& part : out.facilities) out.elements.insert(out.elements.end(), part.elements.begin(), part.elements.end());
}

}  // namespace netvet::policy
