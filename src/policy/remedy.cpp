// remedy_of(): what each rule kind needs replaced (remedy.h says what), then the check
// that re-evaluates the rule alone with those replacements made.

#include "policy/remedy.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "graph/clean_way.h"
#include "graph/traffic_graph.h"
#include "policy/rule_context.h"

namespace netvet::policy {
namespace {

struct RuleRef {
  const Pack* pack = nullptr;
  const Rule* rule = nullptr;
};

// evaluate() lists every rule of its packs, in pack and rule order.
RuleRef rule_at(std::span<const Pack> packs, std::uint32_t index) {
  for (const Pack& pack : packs) {
    if (index < pack.rules.size()) return {&pack, &pack.rules[index]};
    index -= static_cast<std::uint32_t>(pack.rules.size());
  }
  throw std::logic_error("remedy_of: rule index beyond the packs' rules");
}

void sort_unique(std::vector<Index>& rows) {
  std::ranges::sort(rows);
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
}

// --- cap -------------------------------------------------------------------------------

// One group's counted elements at one site.
struct SiteCount {
  Index site = 0;
  std::vector<Index> elements;
  double weight = 1;  // the site's subscribers, for a cap in subscribers
};

void remedy_cap(const Pack& pack, const Rule& rule, const CapRule& cap, const Inventory& inv, const Evaluation& ev,
                std::uint32_t rule_index, std::vector<Index>& out) {
  const ElementTable& el = inv.elements;
  SelectorEvaluator selectors(inv, ev.as_of);
  const RowMask scope = selectors.elements(cap.within.selector.expr, pack.scope());
  RowMask counted = selectors.elements(rule.select.selector.expr, pack.scope());
  counted &= scope;
  const CapUnit unit = parse_cap_unit(value_of(cap.unit, pack).text).value_or(CapUnit::sites);
  const double limit = value_of(cap.limit, pack).number + 1e-12;  // as run_cap compares

  // The groups over their limit: the aggregate findings name them (operator rows; regions
  // by their text).
  std::vector<Index> over_ops;
  std::vector<StrId> over_regions;
  ev.findings.for_each_of(rule_index, [&](const Finding& f) {
    if (f.kind == SubjectType::op) over_ops.push_back(f.row);
    if (f.kind == SubjectType::region) over_regions.push_back(f.subject);
  });
  const auto in_group = [&](Index e, std::size_t g) {
    return cap.per == CapScope::op ? el.op[e] == over_ops[g] : inv.sites.region[el.site[e]] == over_regions[g];
  };
  const std::size_t groups = cap.per == CapScope::op ? over_ops.size() : over_regions.size();
  for (std::size_t g = 0; g < groups; ++g) {
    // The group's scope and counted elements, per site.
    std::vector<SiteCount> sites;
    std::vector<Index> slot(inv.sites.size(), kNoIndex);
    double total = 0, numerator = 0;
    std::vector<std::uint8_t> site_in_scope(inv.sites.size(), 0);
    scope.for_each([&](std::size_t row) {
      const auto e = static_cast<Index>(row);
      if (!in_group(e, g)) return;
      const Index s = el.site[e];
      const double subscribers = static_cast<double>(std::max<std::int64_t>(0, inv.sites.subscribers[s]));
      if (unit == CapUnit::elements) total += 1;
      else if (!site_in_scope[s]) total += unit == CapUnit::sites ? 1 : subscribers;
      site_in_scope[s] = 1;
      if (!counted.test(row)) return;
      if (slot[s] == kNoIndex) {
        slot[s] = static_cast<Index>(sites.size());
        sites.push_back({.site = s, .elements = {}, .weight = unit == CapUnit::subscribers ? subscribers : 1});
        if (unit != CapUnit::elements) numerator += sites.back().weight;
      }
      sites[slot[s]].elements.push_back(e);
      if (unit == CapUnit::elements) numerator += 1;
    });
    // How much must go: the numerator may keep at most limit * total.
    double excess = numerator - limit * total;
    if (excess <= 0) continue;
    if (unit == CapUnit::subscribers) {
      // Most subscribers per element replaced first; ties by site row.
      std::ranges::stable_sort(sites, [](const SiteCount& a, const SiteCount& b) {
        return a.weight * static_cast<double>(b.elements.size()) > b.weight * static_cast<double>(a.elements.size());
      });
    } else {
      std::ranges::stable_sort(sites, {}, [](const SiteCount& s) { return s.elements.size(); });
    }
    for (const SiteCount& s : sites) {
      if (excess <= 0) break;
      if (unit == CapUnit::elements) {
        for (const Index e : s.elements) {
          if (excess <= 0) break;
          out.push_back(e);
          excess -= 1;
        }
      } else {
        out.insert(out.end(), s.elements.begin(), s.elements.end());
        excess -= s.weight;
      }
    }
  }
}

// --- exposure --------------------------------------------------------------------------

// The designated elements that influence an element (a chain of manages/hosts links).
class Influencers {
 public:
  Influencers(const Inventory& inv, const std::vector<std::uint8_t>& designated)
      : inv_(inv), designated_(designated), acted_on_by_(influence_graph(inv, /*reversed=*/true)),
        seen_(inv.elements.size(), 0) {}

  void of(Index e, std::vector<Index>& out) {
    stack_.assign(1, e);
    touched_.clear();
    while (!stack_.empty()) {
      const Index x = stack_.back();
      stack_.pop_back();
      for (const Index y : acted_on_by_[x]) {
        if (seen_[y]) continue;
        seen_[y] = 1;
        touched_.push_back(y);
        if (designated_[inv_.elements.vendor[y]]) out.push_back(y);
        stack_.push_back(y);
      }
    }
    for (const Index y : touched_) seen_[y] = 0;
  }

 private:
  const Inventory& inv_;
  const std::vector<std::uint8_t>& designated_;
  graph::Csr acted_on_by_;
  std::vector<std::uint8_t> seen_;
  std::vector<Index> stack_, touched_;
};

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
  // Dirty for a failure: the designated elements; for a kill-switch, also every element
  // they influence (a chain of manages/hosts links forwards).
  std::vector<std::uint8_t> failed(inv.elements.size(), 0), killed;
  for (Index e = 0; e < inv.elements.size(); ++e) failed[e] = designated[inv.elements.vendor[e]];
  if (counted & kViaInfluence) {
    killed = failed;
    const graph::Csr acts_on = influence_graph(inv);
    std::vector<Index> stack;
    for (Index e = 0; e < inv.elements.size(); ++e)
      if (failed[e]) stack.push_back(e);
    while (!stack.empty()) {
      const Index x = stack.back();
      stack.pop_back();
      for (const Index y : acts_on[x])
        if (!killed[y]) killed[y] = 1, stack.push_back(y);
    }
  }
  std::vector<Index> sources;

  // What clears one serving operator's exposure (row k of per_operator) of facility row r,
  // in the ways counted: the designated elements on its cleanest way (an influenced
  // element on it stands for the designated elements that influence it), and those of
  // its control plane.
  const auto operator_part = [&](Index r, Index k, std::uint8_t ways) {
    std::vector<Index> part;
    const Index op = per.op[k];
    if (ways & (kViaTransport | kViaInfluence)) {
      sources.clear();
      for (const Index site : t.served_by[r])
        if (g.site_operator[site] == op)
          for (const Index x : g.ran_elements_of_site[site]) sources.push_back(x);
      const auto way = graph::cleanest_way(g, sources, op, (ways & kViaInfluence) ? killed : failed);
      if (way)
        for (const Index e : *way) {
          if (failed[e]) part.push_back(e);
          else influencers.of(e, part);
        }
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
    if (clause_of(ev, f) == "isolated") {
      ++out.unvetted;
      return;
    }
    const Index r = table_row[f.row];
    if (r == kNoIndex) return;
    if (spec.per_operator) {
      for (const Index k : t.operator_rows[r]) {
        const std::uint8_t ways = per.exposed[k] & counted;
        if (!ways) continue;
        out.facilities.push_back({.facility = f.row, .op = per.op[k], .elements = operator_part(r, k, ways)});
      }
      return;
    }
    // As a whole: one operator with a clean way is enough, in the ways every operator
    // shares; the control plane of each operator that has one designated must be cleared.
    FacilityRemedy best{.facility = f.row};
    bool found = false;
    for (const Index k : t.operator_rows[r]) {
      if (per.isolated[k]) continue;
      auto part = operator_part(r, k, static_cast<std::uint8_t>(per.exposed[k] & counted & ~kViaControlPlane));
      if (!found || part.size() < best.elements.size()) best = {.facility = f.row, .op = per.op[k], .elements = std::move(part)};
      found = true;
    }
    if (t.exposed[r] & counted & kViaControlPlane)
      for (const Index k : t.operator_rows[r]) {
        auto part = operator_part(r, k, kViaControlPlane);
        best.elements.insert(best.elements.end(), part.begin(), part.end());
      }
    sort_unique(best.elements);
    out.facilities.push_back(std::move(best));
  });
  for (const auto& part : out.facilities) out.elements.insert(out.elements.end(), part.elements.begin(), part.elements.end());
}

// --- one round -------------------------------------------------------------------------

// The first-round remedy of one rule, before any check.
Remedy remedy_once(const RuleRef& ref, std::uint32_t rule_index, const Inventory& inv, const Evaluation& ev) {
  Remedy out;
  const Rule& rule = *ref.rule;
  switch (rule.kind()) {
    case RuleKind::forbid:
    case RuleKind::proximity:
    case RuleKind::require:
      ev.findings.flagged(rule_index).for_each([&](std::size_t row) { out.elements.push_back(static_cast<Index>(row)); });
      break;
    case RuleKind::cap:
      remedy_cap(*ref.pack, rule, std::get<CapRule>(rule.spec), inv, ev, rule_index, out.elements);
      break;
    case RuleKind::exposure:
      remedy_exposure(*ref.pack, std::get<ExposureRule>(rule.spec), inv, ev, rule_index, out);
      break;
    case RuleKind::diversity:
      out.defined = false;
      out.clears = false;
      break;
  }
  sort_unique(out.elements);
  return out;
}

// The rule's findings that a replacement could clear: all but isolated facilities.
std::size_t clearable(const Evaluation& ev, std::uint32_t rule_index) {
  std::size_t n = 0;
  ev.findings.for_each_of(rule_index, [&](const Finding& f) {
    if (!(f.kind == SubjectType::facility && clause_of(ev, f) == "isolated")) ++n;
  });
  return n;
}

}  // namespace

Remedy remedy_of(std::span<const Pack> packs, std::uint32_t rule_index, const Inventory& inventory,
                 const Evaluation& evaluation, const RemedyOptions& options) {
  const RuleRef ref = rule_at(packs, rule_index);
  Remedy remedy = remedy_once(ref, rule_index, inventory, evaluation);
  if (!remedy.defined) {
    remedy.left = clearable(evaluation, rule_index);
    return remedy;
  }
  if (clearable(evaluation, rule_index) == 0) return remedy;

  // The check: the rule alone, on a copy with the replacements made; what it still finds
  // is remedied in turn.
  Pack alone = *ref.pack;
  alone.rules.assign(1, *ref.rule);
  const std::span<const Pack> one(&alone, 1);
  EvaluationOptions again;
  again.as_of = evaluation.as_of;
  again.serving_radius_km = evaluation.serving_radius_km;
  again.threads = 1;
  Inventory copy = clone_inventory(inventory);
  std::vector<Index> applied;
  for (std::size_t round = 0; round < options.rounds; ++round) {
    if (!replace_elements(copy, remedy.elements, options.replacement))
      throw std::invalid_argument("remedy_of: the registry does not know the replacement vendor " + options.replacement);
    applied = remedy.elements;
    auto checked = evaluate(one, copy, again);
    if (!checked) throw std::logic_error("remedy_of: re-evaluating a rule that evaluated failed");
    remedy.left = clearable(*checked, 0);
    remedy.clears = remedy.left == 0;
    if (remedy.clears) break;
    Remedy more = remedy_once({&alone, &alone.rules[0]}, 0, copy, *checked);
    const std::size_t before = remedy.elements.size();
    remedy.elements.insert(remedy.elements.end(), more.elements.begin(), more.elements.end());
    for (auto& part : more.facilities) {
      const auto same = std::ranges::find_if(remedy.facilities, [&](const FacilityRemedy& p) {
        return p.facility == part.facility && p.op == part.op;
      });
      if (same == remedy.facilities.end()) {
        remedy.facilities.push_back(std::move(part));
        continue;
      }
      same->elements.insert(same->elements.end(), part.elements.begin(), part.elements.end());
      sort_unique(same->elements);
    }
    sort_unique(remedy.elements);
    if (remedy.elements.size() == before) break;  // nothing new to replace: it cannot clear
  }
  return remedy;
}

}  // namespace netvet::policy
