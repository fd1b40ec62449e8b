#pragma once
// The brute-force reference the graph engine is checked against, written from the spec
// (shared/spec/inventory.md) with nothing from src/graph: its own adjacency lists,
// "remove each element and search again" for unavoidable elements, every simple path
// enumerated for possible ones, a search per element for influence, a search per cell
// site for outage. Exponential in places: for the small networks of the tests only.

#include <cstdint>
#include <set>
#include <vector>

#include "model/inventory.h"

namespace netvet::testing {

struct RefExposure {
  bool isolated = false;
  std::set<Index> unavoidable, unavoidable_vendors, possible_vendors, control_plane_vendors, influence_vendors,
      exposed_to;
  std::uint64_t possible_count = 0;
  // The unavoidable elements farthest first by hops to the nearest sink of the highest-
  // numbered operator whose sink some source reaches.
  std::vector<Index> chain;
};

// Vendor-level exposure (the spec's test of exposure), per serving operator and as a whole.
// ways: bits 1 transport, 2 influence, 4 control plane, for the designated set together.
struct RefOperatorVerdict {
  Index op = kNoIndex;
  bool isolated = false;
  std::uint8_t ways = 0;
  std::set<Index> transport_exposed_to, exposed_to;
  std::vector<std::pair<Index, Index>> sources;  // (element, operator)
  std::set<Index> cuttable;                      // what a cut may hold: the removal that exposes it
  std::size_t cut_size = 0;                      // by exhaustive search; kNoCut when too many to search
};
inline constexpr std::size_t kNoCut = static_cast<std::size_t>(-1);
struct RefVerdict {
  std::uint8_t ways = 0;
  std::set<Index> transport_exposed_to, exposed_to;
  std::vector<RefOperatorVerdict> operators;  // by operator row
};

struct RefSurvival {
  std::uint64_t sites_total = 0, sites_surviving = 0;
  std::int64_t subscribers_total = 0, subscribers_surviving = 0;
};

class Reference {
 public:
  explicit Reference(const Inventory& inventory);

  std::vector<Index> serving_sites(Index facility, double radius_km) const;
  RefExposure exposure(const std::vector<Index>& sites, const std::set<Index>& designated) const;
  // Per operator row.
  std::vector<RefSurvival> outage(const std::vector<Index>& vendors, bool kill_switch) const;
  RefVerdict verdict(const std::vector<Index>& sites, const std::set<Index>& designated) const;
  // Whether no source reaches a sink of its operator once `cut` is removed.
  bool separates(const std::vector<std::pair<Index, Index>>& sources, const std::set<Index>& cut) const;

 private:
  bool is_sink_of(Index e, Index op) const;
  // Whether some source (element, operator) not removed reaches a non-removed sink of its operator.
  bool connected(const std::vector<std::pair<Index, Index>>& sources, const std::vector<bool>& removed) const;
  // Elements on a simple path from x to a sink of op (DFS over all simple paths).
  const std::set<Index>& on_paths(Index x, Index op) const;
  std::set<Index> influenced_by(Index m) const;  // chains of length >= 1
  // The elements the vendors' failure (or kill-switch) removes.
  std::vector<bool> removal(const std::set<Index>& vendors, bool kill_switch) const;
  // Whether an element of `vendor` is, or influences, a control-plane element of op.
  bool runs_control_plane(Index vendor, Index op) const;
  // The smallest subset of `cuttable` that separates, by trying every subset in size order.
  std::size_t smallest_cut(const std::vector<std::pair<Index, Index>>& sources, const std::set<Index>& cuttable) const;
  // Hops over transport links from every element to the nearest sink of op (n + 1: none).
  std::vector<std::size_t> hops_to_sink(Index op) const;

  const Inventory& inv_;
  std::vector<std::vector<Index>> adjacent_, acts_on_;
  mutable std::vector<std::vector<std::set<Index>>> on_paths_cache_;  // [op][element]
  mutable std::vector<std::vector<bool>> on_paths_done_;
};

}  // namespace netvet::testing
