#include "graph/traffic_graph.h"

#include <cassert>

#include "graph/parallel.h"

namespace netvet {
namespace {

// Rows 0 .. rows-1 of (row, item) pairs as a list column, items in input order.
ListColumn<Index> group(std::size_t rows, const std::vector<std::pair<Index, Index>>& pairs) {
  std::vector<std::uint32_t> start(rows + 1, 0);
  for (const auto& [row, item] : pairs) ++start[row + 1];
  for (std::size_t r = 0; r < rows; ++r) start[r + 1] += start[r];
  std::vector<Index> items(pairs.size());
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (const auto& [row, item] : pairs) items[next[row]++] = item;
  ListColumn<Index> column;
  column.reserve(rows, items.size());
  for (std::size_t r = 0; r < rows; ++r)
    column.push_row(std::span<const Index>(items.data() + start[r], start[r + 1] - start[r]));
  return column;
}

}  // namespace

TrafficGraph build_traffic_graph(const Inventory& inv, unsigned threads) {
  TrafficGraph g;
  const auto& el = inv.elements;
  g.elements = static_cast<Index>(el.size());
  g.operators = static_cast<Index>(inv.operators.size());
  g.vendors = static_cast<Index>(inv.vendors.size());

  // The transport graph (with the sinks, which it needs for the super-sinks) on one
  // thread; the rest, which does not read it, on another.
  graph::parallel_for(2, threads, [&](std::size_t task) {
    if (task == 0) {
      std::vector<std::pair<Index, Index>> sinks;
      g.sink_operator.assign(g.elements, kNoIndex);
      for (Index e = 0; e < g.elements; ++e)
        if (inv.function_of(e).sink) {
          g.sink_operator[e] = el.op[e];
          sinks.emplace_back(el.op[e], e);
        }
      g.sinks_of_operator = group(g.operators, sinks);
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
    g.vendor = el.vendor;
    std::vector<std::pair<Index, Index>> ran;
    for (Index e = 0; e < g.elements; ++e)
      if (inv.function_of(e).domain == Domain::ran) ran.emplace_back(el.site[e], e);
    g.ran_elements_of_site = group(inv.sites.size(), ran);
    g.influence = influence_graph(inv);
    g.control_plane_of_operator = control_plane_by_operator(inv);
    g.site_operator = inv.sites.op;
    g.site_is_cell.resize(inv.sites.size());
    g.site_subscribers.resize(inv.sites.size());
    for (std::size_t s = 0; s < inv.sites.size(); ++s) {
      g.site_is_cell[s] = inv.sites.kind[s] == SiteKind::cell;
      g.site_subscribers[s] = inv.sites.subscribers[s] == kNoCount ? 0 : inv.sites.subscribers[s];
    }
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
  std::vector<std::pair<Index, Index>> control;
  for (Index e = 0; e < inv.elements.size(); ++e)
    if (const FunctionInfo& f = inv.function_of(e); f.domain == Domain::core && f.plane == Plane::control)
      control.emplace_back(inv.elements.op[e], e);
  return group(inv.operators.size(), control);
}

}  // namespace netvet
