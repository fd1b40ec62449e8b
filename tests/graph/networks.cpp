#include "networks.h"

#include <cassert>
#include <random>

namespace netvet::testing {

Index Net::op(const std::string& id) { return *b_.add_operator({.id = id}); }

Index Net::site(const std::string& id, Index op, SiteKind kind, double lat, double lon, std::int64_t subscribers) {
  return *b_.add_site({.id = id, .op = op, .kind = kind, .lat = lat, .lon = lon, .subscribers = subscribers});
}

Index Net::el(const std::string& id, Index site, const std::string& function, const std::string& vendor,
              Index element_op) {
  const auto f = FunctionVocabulary::builtin().find(function);
  assert(f);
  return *b_.add_element({.id = id, .site = site, .function = *f, .vendor = vendor, .op = element_op});
}

Index Net::facility(const std::string& id, std::vector<Index> served_by, double lat, double lon) {
  return *b_.add_facility({.id = id, .lat = lat, .lon = lon, .served_by = served_by});
}

namespace {

class Random {
 public:
  explicit Random(std::uint32_t seed) : rng_(seed) {}
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))];
  }

 private:
  std::mt19937 rng_;
};

// The parts every generated network shares: operators with core and transport sites,
// and a vendor pool. Transport-graph nodes made so far are kept in `pool`.
struct Scaffold {
  Net net;
  Random rnd;
  std::vector<Index> ops, core_sites, transport_sites, pool, sinks, all_elements, cell_sites;
  std::vector<std::string> vendors;
  int counter = 0;

  explicit Scaffold(std::uint32_t seed) : rnd(seed) {
    static const std::vector<std::string> names = {"huawei", "zte", "nokia", "ericsson", "cisco", "samsung"};
    vendors.assign(names.begin(), names.begin() + rnd.between(2, 6));
    const int n_ops = rnd.between(1, 3);
    for (int o = 0; o < n_ops; ++o) {
      ops.push_back(net.op("op" + std::to_string(o)));
      core_sites.push_back(net.site("core" + std::to_string(o), ops.back(), SiteKind::core));
      transport_sites.push_back(net.site("agg" + std::to_string(o), ops.back(), SiteKind::aggregation));
    }
  }
  std::string name(const char* prefix) { return prefix + std::to_string(counter++); }
  const std::string& vendor() { return rnd.pick(vendors); }
  Index element(Index site, const std::string& function, Index element_op = kNoIndex) {
    const Index e = net.el(name("e"), site, function, vendor(), element_op);
    all_elements.push_back(e);
    return e;
  }
  // A transport node: usually a router, sometimes a sink of a random operator (placed at
  // that operator's core, or at another operator's core with its own operator column).
  Index transport_node(double sink_chance) {
    if (rnd.chance(sink_chance)) {
      const auto o = static_cast<std::size_t>(rnd.between(0, static_cast<int>(ops.size()) - 1));
      const std::size_t at = rnd.chance(0.2) ? static_cast<std::size_t>(rnd.between(0, static_cast<int>(ops.size()) - 1)) : o;
      const Index e = element(core_sites[at], rnd.chance(0.5) ? "upf" : "pgw", ops[o]);
      sinks.push_back(e);
      pool.push_back(e);
      return e;
    }
    const Index e = element(rnd.pick(transport_sites), rnd.chance(0.7) ? "router" : "switch");
    pool.push_back(e);
    return e;
  }
  // Most operators get a core: a sink hanging from one or two transport nodes.
  void ensure_sinks() {
    for (std::size_t o = 0; o < ops.size(); ++o) {
      bool has = false;
      for (const Index e : sinks) has |= net.builder().inventory().elements.op[e] == ops[o];
      if (has || pool.empty() || !rnd.chance(0.85)) continue;
      const Index e = element(core_sites[o], "upf");
      sinks.push_back(e);
      transport(e, rnd.pick(pool));
      if (rnd.chance(0.5)) transport(e, rnd.pick(pool));
    }
  }
  void transport(Index a, Index b) {
    net.link(a, b);
    if (rnd.chance(0.08)) net.link(b, a);  // a parallel link, written the other way round
  }

  // Cell sites with 1-3 ran elements hanging from the pool, single- or dual-homed.
  void cells(int count) {
    for (int c = 0; c < count; ++c) {
      const Index op = rnd.pick(ops);
      const std::int64_t subs = rnd.chance(0.2) ? kNoCount : rnd.between(0, 900);
      const Index s = net.site(name("cell"), op, SiteKind::cell, 51.5 + rnd.real(0, 0.04), -0.1 + rnd.real(0, 0.04), subs);
      cell_sites.push_back(s);
      static const std::vector<std::string> ran = {"ru", "du", "gnb", "enb", "small_cell"};
      const int k = rnd.between(1, 3);
      Index previous = kNoIndex;
      for (int i = 0; i < k; ++i) {
        // Sometimes a neighbour's kit on this site: the element operator differs.
        const Index element_op = rnd.chance(0.1) ? rnd.pick(ops) : kNoIndex;
        const Index x = element(s, rnd.pick(ran), element_op);
        if (previous != kNoIndex && rnd.chance(0.6)) transport(previous, x);
        if (!pool.empty() && rnd.chance(i == 0 ? 0.85 : 0.4)) transport(x, rnd.pick(pool));
        if (!pool.empty() && rnd.chance(0.25)) transport(x, rnd.pick(pool));
        previous = x;
      }
      if (rnd.chance(0.05) && !pool.empty()) element(s, "antenna");  // a ran element with no links
    }
    // Now and then a radio link between neighbouring cell sites' kit.
    if (rnd.chance(0.15) && all_elements.size() > 1) transport(rnd.pick(all_elements), rnd.pick(all_elements));
  }

  // Control plane, management and hosting: chains, cycles, an NFVI hosting core.
  void control_and_management() {
    for (std::size_t o = 0; o < ops.size(); ++o)
      for (int i = rnd.between(0, 2); i > 0; --i) {
        static const std::vector<std::string> cp = {"amf", "smf", "mme", "hss"};
        const Index e = element(core_sites[o], rnd.pick(cp), rnd.chance(0.1) ? rnd.pick(ops) : kNoIndex);
        if (!pool.empty() && rnd.chance(0.3)) transport(e, rnd.pick(pool));
      }
    std::vector<Index> managers;
    for (int i = rnd.between(0, 4); i > 0; --i) {
      static const std::vector<std::string> mg = {"ems", "nms", "oss", "nfvi", "mano"};
      managers.push_back(element(rnd.pick(core_sites), rnd.pick(mg)));
    }
    if (managers.empty()) return;
    for (const Index m : managers)
      for (int i = rnd.between(0, 3); i > 0; --i)
        net.link(m, rnd.pick(all_elements), rnd.chance(0.5) ? LinkKind::manages : LinkKind::hosts);
    if (rnd.chance(0.5)) net.link(rnd.pick(managers), rnd.pick(managers), LinkKind::manages);  // chains, loops
    if (rnd.chance(0.3)) net.link(rnd.pick(all_elements), rnd.pick(managers), LinkKind::manages);  // cycles
  }

  // Facilities served by a list (one or several operators), by radius, or by nobody.
  void facilities(int count) {
    for (int f = 0; f < count; ++f) {
      const int mode = rnd.between(0, 4);
      std::vector<Index> served;
      if (mode == 1 && !cell_sites.empty()) {  // one site of each operator that has one
        const auto& sites = net.builder().inventory().sites;
        for (const Index op : ops)
          for (const Index c : cell_sites)
            if (sites.op[c] == op && rnd.chance(0.7)) {
              served.push_back(c);
              break;
            }
        if (served.empty()) served.push_back(rnd.pick(cell_sites));
        net.facility(name("F"), served);
      } else if (mode == 0 && !cell_sites.empty()) {
        for (int i = rnd.between(1, 3); i > 0; --i) served.push_back(rnd.pick(cell_sites));
        if (rnd.chance(0.1)) served.push_back(rnd.pick(transport_sites));  // a hub: no ran elements
        net.facility(name("F"), served);
      } else if (mode == 2 || mode == 3) {
        net.facility(name("F"), {}, 51.5 + rnd.real(0, 0.04), -0.1 + rnd.real(0, 0.04));
      } else {
        net.facility(name("F"), {}, rnd.chance(0.5) ? 10.0 : kNoCoordinate, 10.0);  // nobody near
      }
    }
  }
};

}  // namespace

Inventory random_network(std::uint32_t seed) {
  Scaffold s(seed);
  static const std::vector<double> densities = {0.15, 0.25, 0.4, 0.6};
  const double p = s.rnd.pick(densities);
  const int nodes = p > 0.3 ? s.rnd.between(2, 7) : s.rnd.between(3, 10);
  for (int i = 0; i < nodes; ++i) s.transport_node(0.3);
  for (std::size_t i = 0; i < s.pool.size(); ++i)
    for (std::size_t j = i + 1; j < s.pool.size(); ++j)
      if (s.rnd.chance(p)) s.transport(s.pool[i], s.pool[j]);
  if (s.rnd.chance(0.05) && !s.pool.empty()) s.net.link(s.pool[0], s.pool[0]);  // a self-loop
  s.ensure_sinks();
  s.cells(s.rnd.between(1, 5));
  s.control_and_management();
  s.facilities(s.rnd.between(2, 5));
  return std::move(s.net).finish();
}

Inventory gadget_network(std::uint32_t seed) {
  Scaffold s(seed);
  s.transport_node(0.5);
  const auto anchor = [&] { return s.rnd.pick(s.pool); };
  const auto path = [&](Index from, int length) {  // `length` new nodes hanging from `from`
    Index last = from;
    for (int i = 0; i < length; ++i) {
      const Index x = s.transport_node(0.15);
      if (last != kNoIndex) s.transport(last, x);
      last = x;
    }
    return last;
  };
  for (int g = s.rnd.between(2, 5); g > 0; --g) {
    switch (s.rnd.between(0, 5)) {
      case 0: {  // a ring through an existing node
        const Index a = anchor();
        s.transport(path(a, s.rnd.between(2, 5)), a);
        break;
      }
      case 1:  // a chain of cut vertices
        path(anchor(), s.rnd.between(1, 4));
        break;
      case 2: {  // parallel paths between two existing nodes
        const Index a = anchor(), b = anchor();
        for (int k = s.rnd.between(2, 3); k > 0; --k) s.transport(path(a, s.rnd.between(0, 2)), b);
        break;
      }
      case 3: {  // a small clique on a bridge
        std::vector<Index> clique;
        for (int k = s.rnd.between(3, 4); k > 0; --k) clique.push_back(s.transport_node(0.2));
        for (std::size_t i = 0; i < clique.size(); ++i)
          for (std::size_t j = i + 1; j < clique.size(); ++j) s.transport(clique[i], clique[j]);
        if (s.rnd.chance(0.8)) s.transport(clique[0], anchor());
        break;
      }
      case 4:  // a bridge joining two existing nodes through a new one
        s.transport(path(anchor(), 1), anchor());
        break;
      default: {  // an island: a ring of its own, unattached
        const Index first = s.transport_node(0.4);
        s.transport(path(first, s.rnd.between(1, 3)), first);
        break;
      }
    }
  }
  s.ensure_sinks();
  s.cells(s.rnd.between(2, 6));
  s.control_and_management();
  s.facilities(s.rnd.between(2, 5));
  return std::move(s.net).finish();
}

}  // namespace netvet::testing
