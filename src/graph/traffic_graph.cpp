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

  std::vector<graph::Arc> transport, influence;
  transport.reserve(inv.links.size());
  for (std::size_t i = 0; i < inv.links.size(); ++i) {
    const Index a = inv.links.a[i], b = inv.links.b[i];
    assert(a < g.elements && b < g.elements);
    if (inv.links.kind[i] == LinkKind::transport) {
      if (a != b) transport.emplace_back(a, b);
    } else {
      influence.emplace_back(a, b);
    }
  }

  std::vector<std::pair<Index, Index>> ran, sinks, control;
  g.sink_operator.assign(g.elements, kNoIndex);
  for (Index e = 0; e < g.elements; ++e) {
    const FunctionInfo& f = inv.function_of(e);
    if (f.domain == Domain::ran) ran.emplace_back(el.site[e], e);
    if (f.sink) {
      g.sink_operator[e] = el.op[e];
      sinks.emplace_back(el.op[e], e);
      transport.emplace_back(e, g.super_sink(el.op[e]));
    }
    if (f.domain == Domain::core && f.plane == Plane::control) control.emplace_back(el.op[e], e);
  }
  g.transport = graph::csr_from_arcs(std::size_t{g.elements} + g.operators, transport, true);
  g.influence = graph::csr_from_arcs(g.elements, influence, false);
  g.ran_elements_of_site = group(inv.sites.size(), ran);
  g.sinks_of_operator = group(g.operators, sinks);
  g.control_plane_of_operator = group(g.operators, control);

  g.site_operator = inv.sites.op;
  g.site_is_cell.resize(inv.sites.size());
  g.site_subscribers.resize(inv.sites.size());
  for (std::size_t s = 0; s < inv.sites.size(); ++s) {
    g.site_is_cell[s] = inv.sites.kind[s] == SiteKind::cell;
    g.site_subscribers[s] = inv.sites.subscribers[s] == kNoCount ? 0 : inv.sites.subscribers[s];
  }
  return g;
}

}  // namespace netvet
