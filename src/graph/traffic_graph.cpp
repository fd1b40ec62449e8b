#include "graph/traffic_graph.h"

#include <utility>
#include <vector>

#include "util/parallel.h"

namespace netvet {
namespace {

// A list per row of the (row, item) pairs that `for_each_pair(add)` gives (twice, as
// graph::group_by_row asks).
template <typename ForEachPair>
ListColumn<Index> group(std::size_t rows, ForEachPair&& for_each_pair) {
  graph::Csr grouped = graph::group_by_row(rows, std::forward<ForEachPair>(for_each_pair));
  return {std::move(grouped.offsets), std::move(grouped.targets)};
}

}  // namespace

TrafficGraph build_traffic_graph(const Inventory& inv, const TrafficGraphOptions& options) {
  TrafficGraph g;
  const auto& el = inv.elements;
  g.elements = static_cast<Index>(el.size());
  g.operators = static_cast<Index>(inv.operators.size());
  g.vendors = static_cast<Index>(inv.vendors.size());
  g.vendor = el.vendor;
  g.site_operator = inv.sites.op;
  g.site_kind = inv.sites.kind;
  g.subscribers_ = inv.sites.subscribers;
  g.influence_reversed = options.influence_reversed;

  // The transport graph (with the sinks, which it needs for the super-sinks) on one
  // thread; the rest, which does not read it, on another.
  parallel_for(2, options.threads, [&](std::size_t task) {
    if (task == 0) {
      std::vector<std::pair<Index, Index>> sinks;  // (operator, element): a few hundred
      for (Index e = 0; e < g.elements; ++e)
        if (inv.function_of(e).sink) sinks.emplace_back(el.op[e], e);
      g.sinks_of_operator = group(g.operators, [&](auto&& add) {
        for (const auto& [op, e] : sinks) add(op, e);
      });
      const auto& links = inv.links;
      g.transport = graph::csr_from(
          std::size_t{g.elements} + g.operators,
          [&](auto&& add) {
            for (std::size_t i = 0; i < links.size(); ++i)
              if (links.kind[i] == LinkKind::transport && links.a[i] != links.b[i]) add(links.a[i], links.b[i]);
            for (const auto& [op, e] : sinks) add(e, g.super_sink(op));
          },
          true);
      return;
    }
    g.ran_elements_of_site = group(inv.sites.size(), [&](auto&& add) {
      for (Index e = 0; e < g.elements; ++e)
        if (inv.function_of(e).domain == Domain::ran) add(el.site[e], e);
    });
    if (!options.influence) return;
    g.influence = influence_graph(inv, options.influence_reversed);
    g.control_plane_of_operator = control_plane_by_operator(inv);
  });
  return g;
}

graph::Csr influence_graph(const Inventory& inv, bool reversed) {
  const auto& links = inv.links;
  return graph::csr_from(
      inv.elements.size(),
      [&](auto&& add) {
        for (std::size_t i = 0; i < links.size(); ++i)
          if (links.kind[i] != LinkKind::transport) reversed ? add(links.b[i], links.a[i]) : add(links.a[i], links.b[i]);
      },
      false);
}

ListColumn<Index> control_plane_by_operator(const Inventory& inv) {
  return group(inv.operators.size(), [&](auto&& add) {
    for (Index e = 0; e < inv.elements.size(); ++e)
      if (const FunctionInfo& f = inv.function_of(e); f.domain == Domain::core && f.plane == Plane::control)
        add(inv.elements.op[e], e);
  });
}

}  // namespace netvet
