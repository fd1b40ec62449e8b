// Stage 2: which vendor builds which region. Operators contract RAN (and usually the
// cell-site routers with it) region by region — "Huawei in the east, Ericsson in the
// west" — so a region's sites share a vendor. Regions are the cities sites were placed
// around; they are handed out largest first to the vendor furthest below its share
// (ShareBalancer), which lands each operator's shares within a point or two of the
// profile once there are a few dozen regions.

#include <algorithm>
#include <array>
#include <numeric>

#include "gen/network.h"

namespace netvet::gen {

namespace {

// Cities in order of decreasing weight (ties by city index: deterministic).
std::vector<std::uint32_t> by_weight(const std::vector<double>& weight) {
  std::vector<std::uint32_t> order(weight.size());
  std::iota(order.begin(), order.end(), 0u);
  std::ranges::stable_sort(order, [&](std::uint32_t a, std::uint32_t b) { return weight[a] > weight[b]; });
  return order;
}

// What a region asks of its vendor: its elements by the generation they radiate.
struct Load {
  double lte = 0, nr = 0;  // RAN basebands: 4G, 5G
  double plain = 0;        // elements of no generation: routers
  double total() const { return lte + nr + plain; }
  std::array<std::pair<Generations, double>, 3> parts() const {
    return {{{kGen4G, lte}, {kGen5G, nr}, {0, plain}}};
  }
};

// Each region to a vendor, by `shares`. A vendor cut off from a generation before its
// roll-out does not build the region's part of it (Context::vendor_for), and that part
// counts towards whoever does: so the regions of a Huawei-4G, other-5G operator still meet
// its shares, and a region is never given to a vendor that would build none of it.
std::vector<std::uint8_t> assign(const Context& ctx, const std::vector<Load>& load, const Shares& shares,
                                 ShareBalancer& balancer) {
  std::vector<std::uint8_t> vendor(load.size(), 0);
  if (shares.empty()) return vendor;
  std::vector<double> weight(load.size());
  for (std::size_t city = 0; city < load.size(); ++city) weight[city] = load[city].total();
  for (auto city : by_weight(weight)) {
    if (weight[city] <= 0) continue;
    const auto parts = load[city].parts();
    const std::size_t v = balancer.choose(weight[city], [&](std::size_t i) {
      return std::ranges::any_of(
          parts, [&](const auto& p) { return p.second > 0 && ctx.vendor_for(shares, i, p.first) == i; });
    });
    vendor[city] = static_cast<std::uint8_t>(v);
    for (const auto& [gens, n] : parts)
      if (n > 0) balancer.add(ctx.vendor_for(shares, v, gens), n);
  }
  // Regions without sites of this operator still get a vendor, for guests placed later.
  for (std::size_t city = 0; city < weight.size(); ++city)
    if (weight[city] <= 0) vendor[city] = static_cast<std::uint8_t>(balancer.pick(0));
  return vendor;
}

}  // namespace

void assign_regional_vendors(Context& ctx) {
  const auto& profile = ctx.profile;
  const std::size_t n_ops = profile.operators.size(), n_cities = ctx.cities.size();
  // RAN shares count basebands, including those an operator has on partners' sites.
  std::vector<std::vector<Load>> basebands(n_ops, std::vector<Load>(n_cities));
  std::vector<std::vector<Load>> csrs(n_ops, std::vector<Load>(n_cities));
  auto count = [](Load& load, const RadioPlan& radio) {
    load.lte += (radio.gens & kGen4G) ? 1 : 0;
    load.nr += (radio.gens & kGen5G) ? 1 : 0;
  };
  for (const auto& c : ctx.cells) {
    count(basebands[c.op][c.city], c.host);
    csrs[c.op][c.city].plain += 1;
    if (c.guest != kNobody) count(basebands[c.guest][c.city], c.guest_radio);
  }
  ctx.ops.resize(n_ops);
  for (std::size_t op = 0; op < n_ops; ++op) {
    const auto& opp = profile.operators[op];
    auto& net = ctx.ops[op];
    ShareBalancer ran(opp.ran);
    net.ran_vendor = assign(ctx, basebands[op], opp.ran, ran);
    net.routers = ShareBalancer(opp.transport);
    net.csr_vendor = assign(ctx, csrs[op], opp.transport, net.routers);
    for (const auto& v : opp.ran)
      net.ran_kits.push_back({&ctx.kit(v.vendor, "ru", "ran"), &ctx.kit(v.vendor, "enb", "ran"),
                              &ctx.kit(v.vendor, "gnb", "ran"), &ctx.kit(v.vendor, "du", "ran"),
                              &ctx.kit(v.vendor, "cu", "ran")});
    for (const auto& v : opp.transport) net.csr_kits.push_back(&ctx.kit(v.vendor, "csr", "transport"));
  }
}

}  // namespace netvet::gen
