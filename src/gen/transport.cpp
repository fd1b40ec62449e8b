// Stage 4: the IP/MPLS transport between cell sites and the core, shaped the way mobile
// backhaul is built:
//   * aggregation sites with a router pair, about one per `cells_per_aggregation` cell
//     sites, chained into a ring per region whose two ends land on a metro router pair,
//     so losing any one aggregation router cuts no dual-homed cell site off;
//   * metro router pairs in the larger regions, in a ring, each dual-homed to two core
//     data centres;
//   * shared transport: a share of rings reach their metro across a wholesale operator's
//     optical network, and site-sharing partners interconnect their metro networks (their
//     guests' traffic crosses the host's transport into their own core).
// Cell sites are homed to their nearest aggregation site here; ran.cpp links them.

#include <algorithm>
#include <cmath>
#include <numbers>

#include "gen/network.h"

namespace netvet::gen {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

struct TransportBuilder {
  Context& ctx;
  std::size_t op_index;
  const OperatorProfile& opp;
  OperatorNet& net;

  RouterPair router_pair(std::string_view site_id, SiteKind kind, double lat, double lon, std::uint32_t city,
                         std::string_view role) {
    const Index site = *ctx.builder.add_site({.id = site_id, .op = net.row, .kind = kind, .lat = lat, .lon = lon,
                                              .region = ctx.cities[city].name});
    const auto vendor = static_cast<std::uint8_t>(net.routers.pick(2));
    const std::string& vendor_id = opp.transport[vendor].vendor;
    const Kit& kit = ctx.kit(vendor_id, "router", "transport");
    RouterPair pair{.lat = lat, .lon = lon, .city = city, .vendor = vendor};
    const std::string base(site_id);
    pair.a = ctx.element(ctx.id("{}-{}1", base, role), site, ctx.fn.router, kit, kNoIndex, 0, ctx.install_date(vendor_id, 0));
    pair.b = ctx.element(ctx.id("{}-{}2", base, role), site, ctx.fn.router, kit, kNoIndex, 0, ctx.install_date(vendor_id, 0));
    ctx.link(pair.a, pair.b);
    const Index nms = net.nms.at(vendor_id);
    ctx.link(nms, pair.a, LinkKind::manages);
    ctx.link(nms, pair.b, LinkKind::manages);
    return pair;
  }

  // The pair in `pairs` nearest to (lat, lon), skipping index `skip`.
  static std::size_t nearest(const std::vector<RouterPair>& pairs, double lat, double lon,
                             std::size_t skip = static_cast<std::size_t>(-1)) {
    const double cos_lat = std::cos(lat * kDegToRad);
    std::size_t best = 0;
    double best_d = 1e300;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (i == skip) continue;
      const double d = flat_distance2(lat, lon, pairs[i].lat, pairs[i].lon, cos_lat);
      if (d < best_d) best_d = d, best = i;
    }
    return best;
  }

  // Metro pairs in the regions with most sites, ringed, each dual-homed to two DCs.
  void metros(const std::vector<std::vector<std::uint32_t>>& cells_by_city) {
    std::vector<std::uint32_t> regions;
    for (std::uint32_t c = 0; c < cells_by_city.size(); ++c)
      if (!cells_by_city[c].empty()) regions.push_back(c);
    std::ranges::stable_sort(regions, [&](auto a, auto b) { return cells_by_city[a].size() > cells_by_city[b].size(); });
    // One metro per ~4 regions, 2-12 (assumption); an operator without cell sites
    // still gets one, for its guests on partners' sites.
    std::size_t count = std::clamp<std::size_t>((regions.size() + 3) / 4, 2, 12);
    if (regions.empty()) regions.push_back(0);
    count = std::min(count, regions.size());
    for (std::size_t k = 0; k < count; ++k) {
      const City& city = ctx.cities[regions[k]];
      net.metros.push_back(router_pair(ctx.id("{}-MET{}", opp.id, k + 1), SiteKind::metro,
                                       city.lat + ctx.rng.uniform(-0.02, 0.02), city.lon + ctx.rng.uniform(-0.02, 0.02),
                                       regions[k], "mr"));
    }
    for (std::size_t k = 0; k < (count <= 2 ? count - 1 : count); ++k)
      ctx.link(net.metros[k].b, net.metros[(k + 1) % count].a);
    for (const auto& m : net.metros) {
      const std::size_t first = nearest(net.dcs, m.lat, m.lon);
      ctx.link(m.a, net.dcs[first].a);
      ctx.link(m.b, net.dcs[nearest(net.dcs, m.lat, m.lon, first)].b);
    }
  }

  // Aggregation rings per region, each cell site homed to its nearest aggregation site.
  void rings(const std::vector<std::vector<std::uint32_t>>& cells_by_city) {
    const int per_agg = ctx.profile.topology.cells_per_aggregation;
    for (std::uint32_t city = 0; city < cells_by_city.size(); ++city) {
      const auto& members = cells_by_city[city];
      if (members.empty()) continue;
      const std::size_t n = std::max<std::size_t>(1, (members.size() + static_cast<std::size_t>(per_agg) / 2) / static_cast<std::size_t>(per_agg));
      const City& centre = ctx.cities[city];
      // Aggregation sites sit where cell sites are (at n of them, drawn at random),
      // ordered round the city so that the ring runs round it.
      std::vector<std::pair<double, std::uint32_t>> spots;
      for (std::size_t k = 0; k < n; ++k) {
        const CellPlan& c = ctx.cells[members[ctx.rng.below(members.size())]];
        spots.emplace_back(std::atan2(c.lat - centre.lat, c.lon - centre.lon), static_cast<std::uint32_t>(&c - ctx.cells.data()));
      }
      std::ranges::sort(spots);
      const std::size_t first = net.aggs.size();
      for (std::size_t k = 0; k < n; ++k) {
        const CellPlan& c = ctx.cells[spots[k].second];
        net.aggs.push_back(router_pair(ctx.id("{}-AGG{}", opp.id, net.aggs.size() + 1), SiteKind::aggregation,
                                       c.lat + ctx.rng.uniform(-0.005, 0.005), c.lon + ctx.rng.uniform(-0.005, 0.005),
                                       city, "ar"));
      }
      for (std::size_t k = first; k + 1 < net.aggs.size(); ++k) ctx.link(net.aggs[k].b, net.aggs[k + 1].a);
      // Both ends of the ring land on the nearest metro pair, one on each router.
      const RouterPair& metro = net.metros[nearest(net.metros, centre.lat, centre.lon)];
      ctx.link(net.aggs[first].a, metro.a);
      const Index last = net.aggs.back().b;
      if (const Index optical = wholesale_hop(city); optical != kNoIndex) {
        ctx.link(last, optical);
        ctx.link(optical, metro.b);
      } else {
        ctx.link(last, metro.b);
      }
      // Home each cell site to the nearest aggregation site of its region.
      std::vector<RouterPair> region(net.aggs.begin() + static_cast<std::ptrdiff_t>(first), net.aggs.end());
      for (auto m : members) {
        CellPlan& c = ctx.cells[m];
        c.agg = static_cast<std::uint32_t>(first + nearest(region, c.lat, c.lon));
      }
    }
  }

  // The wholesale optical element a ring in `city` crosses, or kNoIndex for a direct ring.
  Index wholesale_hop(std::uint32_t city) {
    for (std::size_t w = 0; w < ctx.profile.wholesale.size(); ++w) {
      if (!ctx.rng.chance(ctx.profile.wholesale[w].share)) continue;
      return ctx.wholesale_optical(w, city);
    }
    return kNoIndex;
  }
};

// Links each metro pair of operator `from` into the nearest metro pair of operator `to`.
void interconnect(Context& ctx, std::size_t from, std::size_t to) {
  for (const auto& m : ctx.ops[from].metros) {
    const auto& theirs = ctx.ops[to].metros;
    const double cos_lat = std::cos(m.lat * kDegToRad);
    const auto it = std::ranges::min_element(theirs, {}, [&](const RouterPair& p) {
      return flat_distance2(m.lat, m.lon, p.lat, p.lon, cos_lat);
    });
    ctx.link(m.a, it->a);
  }
}

}  // namespace

Index Context::wholesale_optical(std::size_t w, std::uint32_t city) {
  auto& net = wholesale[w];
  if (net.optical_by_city.empty()) net.optical_by_city.assign(cities.size(), kNoIndex);
  if (net.optical_by_city[city] != kNoIndex) return net.optical_by_city[city];
  const auto& wp = profile.wholesale[w];
  const City& c = cities[city];
  const std::string site_id = fmt::format("{}-EX{}", wp.id, city + 1);
  const Index site = *builder.add_site({.id = site_id, .op = net.row, .kind = SiteKind::exchange,
                                        .lat = c.lat + rng.uniform(-0.02, 0.02), .lon = c.lon + rng.uniform(-0.02, 0.02),
                                        .name = fmt::format("{} {} exchange", wp.name, c.name), .region = c.name});
  const std::string& vendor = wp.vendors[net.balancer.pick(1)].vendor;
  const Index optical = element(id("{}-otn", site_id), site, fn.optical, kit(vendor, "optical", "transport"),
                                kNoIndex, 0, install_date(vendor, 0));
  // The wholesaler's own NMS per vendor, on the first exchange that needs it.
  auto it = net.nms.find(vendor);
  if (it == net.nms.end()) {
    const Index nms = element(id("{}-nms-{}", site_id, vendor), site, fn.nms, kit(vendor, "nms", "management"),
                              kNoIndex, 0, install_date(vendor, 0));
    link(nms, optical);
    it = net.nms.emplace(vendor, nms).first;
  }
  link(it->second, optical, LinkKind::manages);
  net.optical_by_city[city] = optical;
  return optical;
}

void build_transport(Context& ctx) {
  const std::size_t n_ops = ctx.ops.size();
  std::vector<std::vector<std::vector<std::uint32_t>>> cells_by_city(
      n_ops, std::vector<std::vector<std::uint32_t>>(ctx.cities.size()));
  for (std::uint32_t i = 0; i < ctx.cells.size(); ++i) cells_by_city[ctx.cells[i].op][ctx.cells[i].city].push_back(i);
  for (std::size_t op = 0; op < n_ops; ++op) {
    TransportBuilder b{ctx, op, ctx.profile.operators[op], ctx.ops[op]};
    b.metros(cells_by_city[op]);
    b.rings(cells_by_city[op]);
  }
  // Sharing partners carry each other's guests' traffic: every member's metro network
  // is linked into every other member's.
  for (const auto& group : ctx.profile.sharing)
    for (const auto& a : group.operators)
      for (const auto& b : group.operators)
        if (a != b) interconnect(ctx, ctx.operator_index(a), ctx.operator_index(b));
}

}  // namespace netvet::gen
