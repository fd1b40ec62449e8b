// Boost.Graph's side of the peer comparison (bench/peers/README.md): the same exposure and
// outage answers as netvet_peer, computed the way a Boost.Graph user would.
//
// Loading: netvet's CSV reader (netvet_io) fills the inventory; from then on only its
// tables are read (element site, operator, vendor, function's domain and sink flag; links;
// site operator, kind, subscribers), never netvet's graph library. Timed from "inventory
// in memory" to "answers computed", graph building included, single-threaded.
// * exposure, per operator o: an adjacency_list of the transport links (self-loops
//   dropped, parallel links merged: see exposure()) plus a super-sink joined to o's
//   sinks (upf/pgw whose element operator is o); boost::biconnected_components labels
//   every edge with its block; the block-cut tree is built from those labels and walked
//   breadth-first from the super-sink. A cell site of o (site operator) is isolated when
//   none of its `ran` elements is in the super-sink's tree; otherwise its unavoidable
//   elements are the vertices on every source's root path (counted per vertex over its
//   sources; the super-sink itself excluded).
// * outage, per vendor and mode: the removed elements (failure: the vendor's; kill-switch:
//   also everything reachable from them over manages/hosts links, a breadth-first search
//   of the influence digraph); boost::connected_components on a filtered_graph hiding the
//   removed elements; per operator, the components holding one of its remaining sinks,
//   and its cell sites with a remaining `ran` element in one of them.
//
// Usage: boost_peer BUNDLE OUTDIR [--repeat N]

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/inventory_io.h"
#include "peer_common.h"

namespace {

using netvet::Index;
using netvet::Inventory;
using std::size_t;

constexpr size_t kNone = static_cast<size_t>(-1);

using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                         boost::property<boost::edge_index_t, size_t>>;
using Directed = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// The inventory's columns the peer reads, as plain vectors (built before timing starts:
// this is "the inventory in memory").
struct Network {
  size_t elements = 0, sites = 0, operators = 0, vendors = 0;
  std::vector<std::pair<size_t, size_t>> transport, influence;
  std::vector<size_t> element_site, element_operator, element_vendor;
  std::vector<std::uint8_t> is_ran, is_sink;
  std::vector<size_t> site_operator;
  std::vector<std::uint8_t> site_is_cell;
  std::vector<std::int64_t> site_subscribers;
};

Network columns_of(const Inventory& inv) {
  Network n;
  n.elements = inv.elements.size(), n.sites = inv.sites.size(), n.operators = inv.operators.size();
  n.vendors = inv.vendors.size();
  for (size_t i = 0; i < inv.links.size(); ++i)
    (inv.links.kind[i] == netvet::LinkKind::transport ? n.transport : n.influence)
        .emplace_back(inv.links.a[i], inv.links.b[i]);
  for (Index e = 0; e < n.elements; ++e) {
    n.element_site.push_back(inv.elements.site[e]);
    n.element_operator.push_back(inv.elements.op[e]);
    n.element_vendor.push_back(inv.elements.vendor[e]);
    n.is_ran.push_back(inv.function_of(e).domain == netvet::Domain::ran);
    n.is_sink.push_back(inv.function_of(e).sink);
  }
  for (size_t s = 0; s < n.sites; ++s) {
    n.site_operator.push_back(inv.sites.op[s]);
    n.site_is_cell.push_back(inv.sites.kind[s] == netvet::SiteKind::cell);
    n.site_subscribers.push_back(inv.sites.subscribers[s] == netvet::kNoCount ? 0 : inv.sites.subscribers[s]);
  }
  return n;
}

struct SiteExposure {
  bool isolated = true;
  std::vector<size_t> unavoidable;  // elements
};

// Lists of items per row from (row, item) pairs.
std::vector<std::vector<size_t>> group(size_t rows, const std::vector<std::pair<size_t, size_t>>& pairs) {
  std::vector<std::vector<size_t>> out(rows);
  for (const auto& [row, item] : pairs) out[row].push_back(item);
  return out;
}

std::vector<std::vector<size_t>> cells_by_operator(const Network& n) {
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t s = 0; s < n.sites; ++s)
    if (n.site_is_cell[s]) pairs.emplace_back(n.site_operator[s], s);
  return group(n.operators, pairs);
}

std::vector<SiteExposure> exposure(const Network& n) {
  std::vector<SiteExposure> result(n.sites);
  std::vector<std::pair<size_t, size_t>> ran_pairs;
  for (size_t e = 0; e < n.elements; ++e)
    if (n.is_ran[e]) ran_pairs.emplace_back(n.element_site[e], e);
  const auto ran_of_site = group(n.sites, ran_pairs);
  const auto cells_of_operator = cells_by_operator(n);
  std::vector<size_t> count(n.elements, 0), stamp(n.elements, kNone);
  // Parallel links (two operators recording one shared link, say) merged: Boost 1.74's
  // biconnected_components labels all but one edge of a parallel bundle with block 0
  // (boostorg/graph issue #434, still open in 1.88), which corrupts block 0. A block's
  // vertices do not depend on edge multiplicity, so merging them changes no answer.
  std::vector<std::pair<size_t, size_t>> links;
  for (const auto& [a, b] : n.transport)
    if (a != b) links.emplace_back(std::min(a, b), std::max(a, b));
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());

  for (size_t op = 0; op < n.operators; ++op) {
    const size_t sink = n.elements;  // the super-sink
    Undirected g(n.elements + 1);
    size_t edges = 0;
    for (const auto& [a, b] : links) boost::add_edge(a, b, edges++, g);
    for (size_t e = 0; e < n.elements; ++e)
      if (n.is_sink[e] && n.element_operator[e] == op) boost::add_edge(e, sink, edges++, g);

    std::vector<size_t> block_of(edges);
    const auto block_of_edge = boost::make_iterator_property_map(block_of.begin(), boost::get(boost::edge_index, g));
    const size_t blocks = boost::biconnected_components(g, block_of_edge);

    // Each block's vertices, and each vertex's blocks.
    std::vector<std::vector<size_t>> block_vertices(blocks), vertex_blocks(n.elements + 1);
    std::vector<size_t> last_block(n.elements + 1, kNone);
    {
      std::vector<std::vector<std::pair<size_t, size_t>>> edges_of(blocks);
      for (const auto edge : boost::make_iterator_range(boost::edges(g)))
        edges_of[block_of_edge[edge]].emplace_back(boost::source(edge, g), boost::target(edge, g));
      for (size_t b = 0; b < blocks; ++b)
        for (const auto& [u, v] : edges_of[b])
          for (const size_t x : {u, v})
            if (last_block[x] != b) {
              last_block[x] = b;
              block_vertices[b].push_back(x);
              vertex_blocks[x].push_back(b);
            }
    }

    // The block-cut tree rooted at the super-sink: parent of a vertex is a block (node
    // elements + 1 + b), parent of a block is a vertex.
    const size_t nodes = n.elements + 1 + blocks;
    std::vector<size_t> parent(nodes, kNone);
    std::vector<std::uint8_t> reached(nodes, 0);
    std::vector<size_t> queue{sink};
    reached[sink] = 1;
    for (size_t head = 0; head < queue.size(); ++head) {
      const size_t v = queue[head];
      for (const size_t b : vertex_blocks[v]) {
        const size_t bn = n.elements + 1 + b;
        if (reached[bn]) continue;
        reached[bn] = 1;
        parent[bn] = v;
        for (const size_t w : block_vertices[b])
          if (!reached[w]) {
            reached[w] = 1;
            parent[w] = bn;
            queue.push_back(w);
          }
      }
    }

    for (const size_t s : cells_of_operator[op]) {
      size_t sources = 0;
      std::vector<size_t> touched;
      for (const size_t x : ran_of_site[s]) {
        if (!reached[x]) continue;
        ++sources;
        for (size_t v = x; v != sink; v = parent[parent[v]]) {
          if (stamp[v] != s) {
            stamp[v] = s;
            count[v] = 0;
            touched.push_back(v);
          }
          ++count[v];
        }
      }
      if (sources == 0) continue;
      result[s].isolated = false;
      for (const size_t v : touched)
        if (count[v] == sources) result[s].unavoidable.push_back(v);
    }
  }
  return result;
}

struct Survival {
  size_t vendor = 0;
  bool kill_switch = false;
  std::vector<std::uint64_t> sites;
  std::vector<std::int64_t> subscribers;
};

struct Kept {
  const std::vector<std::uint8_t>* removed = nullptr;
  bool operator()(size_t v) const { return !(*removed)[v]; }
};

std::vector<Survival> outage(const Network& n) {
  Undirected g(n.elements);
  size_t edges = 0;
  for (const auto& [a, b] : n.transport)
    if (a != b) boost::add_edge(a, b, edges++, g);
  Directed influence(n.elements);
  for (const auto& [a, b] : n.influence) boost::add_edge(a, b, influence);
  std::vector<std::pair<size_t, size_t>> by_vendor, ran_pairs, sink_pairs;
  for (size_t e = 0; e < n.elements; ++e) {
    by_vendor.emplace_back(n.element_vendor[e], e);
    if (n.is_ran[e]) ran_pairs.emplace_back(n.element_site[e], e);
    if (n.is_sink[e]) sink_pairs.emplace_back(n.element_operator[e], e);
  }
  const auto elements_of_vendor = group(n.vendors, by_vendor);
  const auto ran_of_site = group(n.sites, ran_pairs);
  const auto sinks_of_operator = group(n.operators, sink_pairs);
  const auto cells_of_operator = cells_by_operator(n);

  std::vector<Survival> out;
  std::vector<std::uint8_t> removed(n.elements);
  std::vector<size_t> component(n.elements), marked(n.elements, kNone);
  size_t mark = 0;
  for (size_t vendor = 0; vendor < n.vendors; ++vendor)
    for (const bool kill_switch : {false, true}) {
      std::fill(removed.begin(), removed.end(), 0);
      std::vector<size_t> queue = elements_of_vendor[vendor];
      for (const size_t e : queue) removed[e] = 1;
      if (kill_switch)
        for (size_t head = 0; head < queue.size(); ++head)
          for (const auto w : boost::make_iterator_range(boost::adjacent_vertices(queue[head], influence)))
            if (!removed[w]) {
              removed[w] = 1;
              queue.push_back(w);
            }

      const boost::filtered_graph<Undirected, boost::keep_all, Kept> remaining(g, {}, Kept{&removed});
      boost::connected_components(remaining, component.data());

      Survival s{vendor, kill_switch, std::vector<std::uint64_t>(n.operators), std::vector<std::int64_t>(n.operators)};
      for (size_t op = 0; op < n.operators; ++op) {
        ++mark;  // the components holding a remaining sink of op
        for (const size_t sink : sinks_of_operator[op])
          if (!removed[sink]) marked[component[sink]] = mark;
        for (const size_t site : cells_of_operator[op])
          for (const size_t x : ran_of_site[site])
            if (!removed[x] && marked[component[x]] == mark) {
              ++s.sites[op];
              s.subscribers[op] += n.site_subscribers[site];
              break;
            }
      }
      out.push_back(std::move(s));
    }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: boost_peer BUNDLE OUTDIR [--repeat N]\n");
    return 2;
  }
  const std::string bundle = argv[1], outdir = argv[2];
  int repeat = 1;
  for (int i = 3; i + 1 < argc; i += 2)
    if (std::string(argv[i]) == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));

  peers::Timings timings;
  peers::Clock clock;
  auto inv = netvet::io::read_csv_bundle(bundle);
  if (!inv) {
    for (const auto& d : inv.error()) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    return 2;
  }
  const Network n = columns_of(*inv);
  timings.load = clock.lap();

  std::vector<SiteExposure> exposed;
  std::vector<Survival> survival;
  for (int k = 0; k < repeat; ++k) {
    clock.lap();
    exposed = exposure(n);
    timings.exposure.push_back(clock.lap());
    clock.lap();
    survival = outage(n);
    timings.outage.push_back(clock.lap());
  }

  std::vector<std::string> lines;
  size_t cells = 0;
  for (size_t s = 0; s < n.sites; ++s) {
    if (!n.site_is_cell[s]) continue;
    ++cells;
    std::string line(inv->str(inv->sites.id[s]));
    line += '\t';
    if (exposed[s].isolated) {
      line += "isolated";
    } else {
      std::vector<std::string> ids;
      for (const size_t e : exposed[s].unavoidable) ids.emplace_back(inv->str(inv->elements.id[e]));
      std::sort(ids.begin(), ids.end());
      for (size_t i = 0; i < ids.size(); ++i) line += (i ? "," : "") + ids[i];
    }
    lines.push_back(std::move(line));
  }
  peers::write_sorted(std::move(lines), outdir + "/exposure.txt");

  std::vector<std::uint64_t> sites_total(n.operators);
  std::vector<std::int64_t> subscribers_total(n.operators);
  for (size_t s = 0; s < n.sites; ++s)
    if (n.site_is_cell[s]) ++sites_total[n.site_operator[s]], subscribers_total[n.site_operator[s]] += n.site_subscribers[s];
  lines.clear();
  for (const auto& s : survival)
    for (size_t op = 0; op < n.operators; ++op)
      lines.push_back(std::string(inv->vendor_id(static_cast<Index>(s.vendor))) + '\t' +
                      (s.kill_switch ? "kill-switch" : "failure") + '\t' +
                      std::string(inv->str(inv->operators.id[op])) + '\t' + std::to_string(sites_total[op]) + '\t' +
                      std::to_string(s.sites[op]) + '\t' + std::to_string(subscribers_total[op]) + '\t' +
                      std::to_string(s.subscribers[op]));
  peers::write_sorted(std::move(lines), outdir + "/outage.txt");

  std::printf("elements=%zu links=%zu cell_sites=%zu scenarios=%zu threads=1 repeat=%d\n", n.elements,
              inv->links.size(), cells, survival.size(), repeat);
  timings.print();
  return 0;
}
