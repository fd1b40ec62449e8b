// Stage 2: which vendor builds which region. Operators contract RAN (and usually the
// cell-site routers with it) region by region — "Huawei in the east, Ericsson in the
// west" — so a region's sites share a vendor. Regions are the cities sites were placed
// around; they are handed out largest first to the vendor furthest below its share
// (ShareBalancer), which lands each operator's shares within a point or two of the
// profile once there are a few dozen regions.

#include <algorithm>
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

std::vector<std::uint8_t> assign(const std::vector<double>& weight, const Shares& shares, ShareBalancer& balancer) {
  std::vector<std::uint8_t> vendor(weight.size(), 0);
  if (shares.empty()) return vendor;
  for (auto city : by_weight(weight))
    if (weight[city] > 0) vendor[city] = static_cast<std::uint8_t>(balancer.pick(weight[city]));
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
  std::vector<std::vector<double>> basebands(n_ops, std::vector<double>(n_cities, 0.0));
  std::vector<std::vector<double>> csrs(n_ops, std::vector<double>(n_cities, 0.0));
  for (const auto& c : ctx.cells) {
    basebands[c.op][c.city] += basebands_of(c.host);
    csrs[c.op][c.city] += 1;
    if (c.guest != kNobody) basebands[c.guest][c.city] += basebands_of(c.guest_radio);
  }
  ctx.ops.resize(n_ops);
  for (std::size_t op = 0; op < n_ops; ++op) {
    const auto& opp = profile.operators[op];
    auto& net = ctx.ops[op];
    ShareBalancer ran(opp.ran);
    net.ran_vendor = assign(basebands[op], opp.ran, ran);
    net.routers = ShareBalancer(opp.transport);
    net.csr_vendor = assign(csrs[op], opp.transport, net.routers);
    for (const auto& v : opp.ran)
      net.ran_kits.push_back({&ctx.kit(v.vendor, "ru", "ran"), &ctx.kit(v.vendor, "enb", "ran"),
                              &ctx.kit(v.vendor, "gnb", "ran"), &ctx.kit(v.vendor, "du", "ran"),
                              &ctx.kit(v.vendor, "cu", "ran")});
    for (const auto& v : opp.transport) net.csr_kits.push_back(&ctx.kit(v.vendor, "csr", "transport"));
  }
}

}  // namespace netvet::gen
