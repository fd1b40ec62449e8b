#include "graph/traffic_graph.h"

#include <cassert>

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

TrafficGraph build_traffic_graph(const Inventory& inv) {
  TrafficGraph g;
  const auto& el = inv.elements;
  g.elements = static_cast<Index>(el.size());
  g.operators = static_cast<Index>(inv.operators.size());
  g.vendors = static_cast<Index>(inv.vendors.size());
  g.vendor = el.vendor;

  std::vector<graph::Arc> transport;
  transport.reserve(inv.links.size());
  for (std::size_t i = 0; i < inv.links.size(); ++i) {
    const Index a = inv.links.a[i], b = inv.links.b[i];
    assert(a < g.elements && b < g.elements);
    if (inv.links.kind[i] == LinkKind::transport && a != b) transport.emplace_back(a, b);
  }

  std::vector<std::pair<Index, Index>> ran, sinks;
  g.sink_operator.assign(g.elements, kNoIndex);
  for (Index e = 0; e < g.elements; ++e) {
    const FunctionInfo& f = inv.function_of(e);
    if (f.domain == Domain::ran) ran.emplace_back(el.site[e], e);
    if (f.sink) {
      g.sink_operator[e] = el.op[e];
      sinks.emplace_back(el.op[e], e);
      transport.emplace_back(e, g.super_sink(el.op[e]));
    }
  }
  g.transport = graph::csr_from_arcs(std::size_t{g.elements} + g.operators, transport, true);
  g.influence = influence_graph(inv);
  g.ran_elements_of_site = group(inv.sites.size(), ran);
  g.sinks_of_operator = group(g.operators, sinks);
  g.control_plane_of_operator = control_plane_by_operator(inv);

  g.site_operator = inv.sites.op;
  g.site_is_cell.resize(inv.sites.size());
  g.site_subscribers.resize(inv.sites.size());
  for (std::size_t s = 0; s < inv.sites.size(); ++s) {
    g.site_is_cell[s] = inv.sites.kind[s] == SiteKind::cell;
    g.site_subscribers[s] = inv.sites.subscribers[s] == kNoCount ? 0 : inv.sites.subscribers[s];
  }
  return g;
}

graph::Csr influence_graph(const Inventory& inv, bool reversed) {
  std::vector<graph::Arc> arcs;
  for (std::size_t i = 0; i < inv.links.size(); ++i)
    if (inv.links.kind[i] != LinkKind::transport)
      arcs.emplace_back(reversed ? inv.links.b[i] : inv.links.a[i], reversed ? inv.links.a[i] : inv.links.b[i]);
  return graph::csr_from_arcs(inv.elements.size(), arcs, false);
}

ListColumn<Index> control_plane_by_operator(const Inventory& inv) {
  std::vector<std::pair<Index, Index>> control;
  for (Index e = 0; e < inv.elements.size(); ++e)
    if (const FunctionInfo& f = inv.function_of(e); f.domain == Domain::core && f.plane == Plane::control)
      control.emplace_back(inv.elements.op[e], e);
  return group(inv.operators.size(), control);
}

}  // namespace netvet
