// improve(): ejection chains found as shortest paths, region by region (improve.h).

#include "plan/improve.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <iterator>
#include <limits>
#include <tuple>
#include <utility>

namespace netvet::plan {
namespace {

constexpr double kSlack = 1e-9;  // as evaluate() compares crew-days and money

// A change of lateness and cost in whole units (months, cents), compared in the spec's
// order. Exact sums: a shortest-path search on them ends, and a cycle of zero change is
// never taken for a gain. Exposure is left out: at equal cost, moves that only bring
// work forward are many, and a chain is not worth a search for them.
struct Score {
  std::int64_t late = 0, cost = 0;
  Score operator+(const Score& o) const { return {late + o.late, cost + o.cost}; }
  Score operator-(const Score& o) const { return {late - o.late, cost - o.cost}; }
  auto operator<=>(const Score&) const = default;
};
constexpr Score kUnreached{std::numeric_limits<std::int64_t>::max() / 4, 0};

// The best move of an item of one size from one month to another: its group, and what
// the move changes.
struct Arc {
  Score delta = kUnreached;
  std::int32_t group = -1;
};

// One item moved by a chain.
struct Step {
  std::uint32_t group = 0;
  std::size_t from = 0, to = 0;
  std::size_t arc = 0;  // its index in Region::arcs, to leave out if the chain is undone
};

struct Region {
  std::vector<double> sizes;                       // its items' distinct crew-days, ascending
  std::vector<std::vector<std::uint32_t>> present;  // [month]: groups with an item there
  std::vector<Arc> arcs;                           // [(from × months + to) × sizes + size]
  std::vector<std::uint8_t> left_out;              // same index: arcs of a chain undone
};

class Improver {
 public:
  Improver(const PlanProblem& p, const Milp& milp, Schedule& s, SolveClock::time_point deadline)
      : p_(p), milp_(milp), s_(s), deadline_(deadline), months_(p.months()),
        used_(p.regions.size(), std::vector<double>(months_, 0)),
        spent_(p.operators.size(), std::vector<double>(p.years(), 0)), regions_(p.regions.size()) {
    const std::size_t groups = milp.groups.size();
    size_of_.resize(groups);
    value_.resize(groups * months_);
    cost_.resize(groups * months_);
    count_.assign(groups * months_, 0);
    cap_months_.resize(groups);

    std::vector<std::vector<std::int64_t>> caps_of_item(p.items.size());
    for (const CapConstraint& cap : p.caps)
      for (const CapUnit& unit : cap.units)
        for (const std::uint32_t i : unit.items) caps_of_item[i].push_back(std::int64_t{cap.last_month - p.start});

    for (std::uint32_t g = 0; g < groups; ++g) {
      const WorkItem& item = p.items[milp.groups[g].front()];
      Region& region = regions_[item.region];
      if (std::ranges::find(region.sizes, item.crew_days) == region.sizes.end()) region.sizes.push_back(item.crew_days);
      for (std::size_t t = 0; t < months_; ++t) {
        const Month m = month(t);
        const double cost = p.cost(item, m);
        cost_[g * months_ + t] = cost;
        value_[g * months_ + t] = {.late = std::max(0, m - item.deadline), .cost = std::llround(cost * 100)};
      }
      for (const std::uint32_t i : milp.groups[g]) std::ranges::copy(caps_of_item[i], std::back_inserter(cap_months_[g]));
    }
    for (Region& region : regions_) {
      std::ranges::sort(region.sizes);
      region.present.resize(months_);
      region.arcs.assign(months_ * months_ * region.sizes.size(), Arc{});
      region.left_out.assign(region.arcs.size(), 0);
    }
    for (std::uint32_t g = 0; g < groups; ++g) {
      const WorkItem& item = p.items[milp.groups[g].front()];
      const auto& sizes = regions_[item.region].sizes;
      size_of_[g] = static_cast<std::size_t>(std::ranges::find(sizes, item.crew_days) - sizes.begin());
      for (const std::uint32_t i : milp.groups[g]) {
        const std::size_t t = index(s.month[i]);
        used_[item.region][t] += item.crew_days;
        spent_[item.op][year(t)] += cost_[g * months_ + t];
        if (count_[g * months_ + t]++ == 0) regions_[item.region].present[t].push_back(g);
      }
    }
    for (std::uint32_t r = 0; r < regions_.size(); ++r)
      for (std::size_t t = 0; t < months_; ++t) recompute_arcs(r, t);
  }

  ImproveReport run() {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::uint32_t r = 0; r < regions_.size(); ++r) {
        std::ranges::fill(regions_[r].left_out, 0);
        for (;;) {
          if (SolveClock::now() > deadline_) {
            report_.stopped = true;
            return report_;
          }
          const auto [applied, rejected] = search(r);
          if (applied > 0) changed = true;
          if (applied == 0 && rejected == 0) break;
        }
      }
    }
    return report_;
  }

 private:
  std::size_t index(Month m) const { return static_cast<std::size_t>(m - p_.start); }
  Month month(std::size_t t) const { return p_.start + static_cast<Month>(t); }
  std::size_t year(std::size_t t) const { return static_cast<std::size_t>(year_of(month(t)) - p_.first_year); }
  double room(std::uint32_t r, std::size_t t) const { return p_.capacity[r][t] - used_[r][t]; }
  std::size_t arc_index(const Region& region, std::size_t from, std::size_t to, std::size_t size) const {
    return (from * months_ + to) * region.sizes.size() + size;
  }

  // Whether moving an item of group g between months a and b takes it across the month of
  // a cap that counts it (months before the start or after the horizon are never crossed).
  bool crosses_cap(std::uint32_t g, std::size_t a, std::size_t b) const {
    const auto lo = static_cast<std::int64_t>(std::min(a, b)), hi = static_cast<std::int64_t>(std::max(a, b));
    return std::ranges::any_of(cap_months_[g], [&](std::int64_t c) { return c >= lo && c < hi; });
  }

  // The arcs out of month `from` of region r, from the groups there now.
  void recompute_arcs(std::uint32_t r, std::size_t from) {
    Region& region = regions_[r];
    const std::size_t sizes = region.sizes.size();
    std::fill_n(region.arcs.begin() + static_cast<std::ptrdiff_t>(arc_index(region, from, 0, 0)), months_ * sizes, Arc{});
    std::fill_n(region.left_out.begin() + static_cast<std::ptrdiff_t>(arc_index(region, from, 0, 0)), months_ * sizes, 0);
    for (const std::uint32_t g : region.present[from]) {
      const Score here = value_[g * months_ + from];
      for (std::size_t to = 0; to < months_; ++to) {
        if (to == from || crosses_cap(g, from, to)) continue;
        const Score delta = value_[g * months_ + to] - here;
        Arc& arc = region.arcs[arc_index(region, from, to, size_of_[g])];
        if (delta < arc.delta) arc = {.delta = delta, .group = static_cast<std::int32_t>(g)};
      }
    }
  }

  // Moves one item of group g from month `from` to `to`; false when there is none there.
  bool move(std::uint32_t g, std::size_t from, std::size_t to, std::vector<std::pair<std::uint32_t, std::size_t>>& undo) {
    const auto& items = milp_.groups[g];
    const auto it = std::ranges::find(items, month(from), [&](std::uint32_t i) { return s_.month[i]; });
    if (it == items.end()) return false;
    shift(*it, g, from, to);
    undo.emplace_back(*it, from);
    return true;
  }
  void shift(std::uint32_t i, std::uint32_t g, std::size_t from, std::size_t to) {
    const WorkItem& item = p_.items[i];
    Region& region = regions_[item.region];
    used_[item.region][from] -= item.crew_days;
    used_[item.region][to] += item.crew_days;
    spent_[item.op][year(from)] -= cost_[g * months_ + from];
    spent_[item.op][year(to)] += cost_[g * months_ + to];
    if (--count_[g * months_ + from] == 0) {
      auto& here = region.present[from];
      *std::ranges::find(here, g) = here.back();
      here.pop_back();
    }
    if (count_[g * months_ + to]++ == 0) region.present[to].push_back(g);
    s_.month[i] = month(to);
  }

  // Applies a chain of region r; undoes it (and leaves its arcs out) when it breaks crews
  // or a budget that held, needs an item a month no longer has, or gains nothing once
  // the money is added up in full rather than in cents.
  bool apply(std::uint32_t r, const std::vector<Step>& steps) {
    Region& region = regions_[r];
    // Crews and budgets before, to hold each to its limit, or to where it was if above.
    std::vector<std::pair<std::size_t, double>> crews;                  // month, crew-days
    std::vector<std::tuple<std::uint32_t, std::size_t, double>> money;  // operator, year, spent
    const auto note = [&](std::uint32_t g, std::size_t t) {
      if (std::ranges::find(crews, t, &std::pair<std::size_t, double>::first) == crews.end())
        crews.emplace_back(t, used_[r][t]);
      const std::uint32_t op = p_.items[milp_.groups[g].front()].op;
      const std::size_t y = year(t);
      if (std::ranges::none_of(money, [&](const auto& e) { return std::get<0>(e) == op && std::get<1>(e) == y; }))
        money.emplace_back(op, y, spent_[op][y]);
    };
    for (const Step& step : steps) {
      note(step.group, step.from);
      note(step.group, step.to);
    }
    std::vector<std::pair<std::uint32_t, std::size_t>> undo;
    bool ok = true;
    std::int64_t late = 0;
    double cost = 0;
    for (const Step& step : steps) {
      if (!move(step.group, step.from, step.to, undo)) {
        ok = false;
        break;
      }
      late += value_[step.group * months_ + step.to].late - value_[step.group * months_ + step.from].late;
      cost += cost_[step.group * months_ + step.to] - cost_[step.group * months_ + step.from];
    }
    ok = ok && (late < 0 || (late == 0 && cost < -1e-7));
    for (const auto& [t, before] : crews)
      ok = ok && (used_[r][t] <= p_.capacity[r][t] + kSlack || used_[r][t] <= before + kSlack);
    for (const auto& [op, y, before] : money) {
      const double limit = p_.budget[op][y] * (1 + kSlack) + kSlack;
      ok = ok && (spent_[op][y] <= limit || spent_[op][y] <= before * (1 + kSlack) + kSlack);
    }
    if (!ok) {
      for (auto it = undo.rbegin(); it != undo.rend(); ++it) {
        const std::uint32_t i = it->first;
        shift(i, static_cast<std::uint32_t>(group_of(i)), index(s_.month[i]), it->second);
      }
      for (const Step& step : steps) region.left_out[step.arc] = 1;
      ++report_.rejected;
      return false;
    }
    for (const auto& [t, before] : crews) recompute_arcs(r, t);
    ++report_.chains;
    return true;
  }

  std::size_t group_of(std::uint32_t i) {
    if (group_of_.empty()) {
      group_of_.resize(p_.items.size());
      for (std::size_t g = 0; g < milp_.groups.size(); ++g)
        for (const std::uint32_t item : milp_.groups[g]) group_of_[item] = g;
    }
    return group_of_[i];
  }

  // Whether the parents from node v come back to a node they passed.
  bool parents_close_cycle(std::size_t v) {
    if (seen_.size() != parent_.size()) seen_.assign(parent_.size(), 0);
    if (++stamp_ == 0) {  // wrapped: clear the marks once
      std::ranges::fill(seen_, 0);
      stamp_ = 1;
    }
    for (; v != SIZE_MAX; v = parent_[v]) {
      if (seen_[v] == stamp_) return true;
      seen_[v] = stamp_;
    }
    return false;
  }

  // One shortest-path search in region r, then the chains it found that gain and meet no
  // common month applied (or the negative cycle it met). Returns the chains applied and
  // those undone.
  std::pair<std::size_t, std::size_t> search(std::uint32_t r) {
    ++report_.searches;
    const Region& region = regions_[r];
    const std::size_t sizes = region.sizes.size(), layers = sizes + 1, nodes = months_ * layers;
    if (sizes == 0) return {0, 0};
    // Node (t, layer): month t has taken nothing (layer 0: the chain starts there) or an
    // item of size layer − 1.
    dist_.assign(nodes, kUnreached);
    parent_.assign(nodes, SIZE_MAX);
    steps_.assign(nodes, 0);
    queued_.assign(nodes, 0);
    queue_.clear();
    for (std::size_t t = 0; t < months_; ++t) {
      dist_[t * layers] = Score{};
      queue_.push_back(t * layers);
      queued_[t * layers] = 1;
    }
    std::size_t cycle = SIZE_MAX;
    std::size_t pops = 0;
    while (!queue_.empty() && cycle == SIZE_MAX) {
      const std::size_t u = queue_.front();
      queue_.pop_front();
      queued_[u] = 0;
      if (++pops % 4096 == 0 && SolveClock::now() > deadline_) return {0, 0};
      const std::size_t from = u / layers, layer = u % layers;
      const double taken = layer == 0 ? 0 : region.sizes[layer - 1];
      // The item given must be at least as large as the one taken, less the month's room.
      const double least = taken - room(r, from) - kSlack;
      std::size_t first = 0;
      while (first < sizes && region.sizes[first] < least) ++first;
      for (std::size_t to = 0; to < months_ && cycle == SIZE_MAX; ++to) {
        if (to == from) continue;
        for (std::size_t k = first; k < sizes; ++k) {
          const std::size_t a = arc_index(region, from, to, k);
          const Arc& arc = region.arcs[a];
          if (arc.group < 0 || region.left_out[a]) continue;
          const std::size_t v = to * layers + k + 1;
          const Score d = dist_[u] + arc.delta;
          if (!(d < dist_[v])) continue;
          dist_[v] = d;
          parent_[v] = u;
          steps_[v] = steps_[u] + 1;
          // A path of `nodes` arcs repeats a node: the parents close a cycle, and it gains.
          // Chains are short: a path as long as the months is checked for one sooner.
          if (steps_[v] >= nodes || (steps_[v] % months_ == 0 && parents_close_cycle(v))) {
            cycle = v;
            break;
          }
          if (!queued_[v]) {
            queued_[v] = 1;
            queue_.push_back(v);
          }
        }
      }
    }
    const auto step_into = [&](std::size_t v) {
      const std::size_t u = parent_[v], from = u / layers, to = v / layers, k = v % layers - 1;
      const std::size_t a = arc_index(region, from, to, k);
      return Step{.group = static_cast<std::uint32_t>(region.arcs[a].group), .from = from, .to = to, .arc = a};
    };
    if (cycle != SIZE_MAX) {
      // Up the parents to the first node seen twice: it is on a cycle, and in a
      // Bellman-Ford search every cycle of the parents gains.
      std::vector<std::uint8_t> seen(nodes, 0);
      std::size_t v = cycle;
      while (v != SIZE_MAX && !seen[v]) {
        seen[v] = 1;
        v = parent_[v];
      }
      if (v == SIZE_MAX) return {0, 0};  // not closed yet: leave the region as it is
      std::vector<Step> chain;
      std::size_t w = v;
      do {
        chain.push_back(step_into(w));
        w = parent_[w];
      } while (w != v && chain.size() <= nodes);
      return apply(r, chain) ? std::pair{1UL, 0UL} : std::pair{0UL, 1UL};
    }

    // Ends: a month with room for the item it took, best gain first.
    std::vector<std::size_t> ends;
    for (std::size_t t = 0; t < months_; ++t)
      for (std::size_t layer = 1; layer < layers; ++layer) {
        const std::size_t v = t * layers + layer;
        const Score& d = dist_[v];
        const bool gains = d.late < 0 || (d.late == 0 && d.cost < 0);
        if (gains && region.sizes[layer - 1] <= room(r, t) + kSlack)
          ends.push_back(v);
      }
    std::ranges::sort(ends, [&](std::size_t a, std::size_t b) { return dist_[a] < dist_[b]; });
    std::vector<std::uint8_t> touched(months_, 0);
    std::size_t applied = 0, rejected = 0;
    std::vector<Step> chain;
    for (const std::size_t end : ends) {
      chain.clear();
      bool apart = true;
      for (std::size_t v = end; v % layers != 0 && chain.size() <= nodes; v = parent_[v]) {
        chain.push_back(step_into(v));
        apart = apart && !touched[v / layers] && !touched[parent_[v] / layers];
      }
      if (!apart) continue;
      if (!apply(r, chain)) {
        ++rejected;
        break;  // its arcs are left out: search again
      }
      ++applied;
      for (const Step& step : chain) touched[step.from] = touched[step.to] = 1;
    }
    return {applied, rejected};
  }

  const PlanProblem& p_;
  const Milp& milp_;
  Schedule& s_;
  SolveClock::time_point deadline_;
  std::size_t months_;
  std::vector<std::vector<double>> used_, spent_;
  std::vector<Region> regions_;
  std::vector<std::size_t> size_of_;                   // [group]: into its region's sizes
  std::vector<Score> value_;                           // [group × months + month]
  std::vector<double> cost_;                           // the same, in money
  std::vector<int> count_;                             // the same: its items there
  std::vector<std::vector<std::int64_t>> cap_months_;  // [group]: months (− start) of caps counting its items
  std::vector<std::size_t> group_of_;                  // [item], made when first needed
  ImproveReport report_;
  // The search's scratch, kept between searches.
  std::vector<Score> dist_;
  std::vector<std::size_t> parent_, steps_;
  std::vector<std::uint8_t> queued_;
  std::deque<std::size_t> queue_;
  std::vector<std::uint32_t> seen_;  // parents_close_cycle()'s marks: the nodes passed carry stamp_
  std::uint32_t stamp_ = 0;
};

// Whether every item has a month within the horizon.
bool placed(const PlanProblem& p, const Schedule& s) {
  return s.month.size() == p.items.size() &&
         std::ranges::all_of(s.month, [&](Month m) { return m >= p.start && m <= p.horizon; });
}

}  // namespace

ImproveReport improve(const PlanProblem& problem, const Milp& milp, Schedule& schedule, SolveClock::time_point deadline) {
  if (!placed(problem, schedule)) return {};
  return Improver(problem, milp, schedule, deadline).run();
}

}  // namespace netvet::plan
