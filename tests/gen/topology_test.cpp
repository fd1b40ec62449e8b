// The generated network is shaped like a real one: every cell site reaches its
// operator's core, aggregation is mostly dual-homed (losing one aggregation router
// strands only its single-homed spurs), management and hosting links are in place.

#include <gtest/gtest.h>

#include <set>

#include "gen_test_util.h"

namespace netvet::gen {
namespace {

using testing::network;

bool is(const Inventory& inv, Index e, std::string_view function) { return inv.function_of(e).id == function; }

// Cell sites none of whose own-operator RAN elements reach a sink of the site's operator.
// Only the cell sites of operator `only`, when given.
std::size_t stranded_cells(const Inventory& inv, const std::vector<std::vector<bool>>& reach, Index only = kNoIndex) {
  std::vector<bool> ok(inv.sites.size(), false);
  for (Index e = 0; e < inv.elements.size(); ++e) {
    const Index site = inv.elements.site[e];
    const Index op = inv.sites.op[site];
    if (inv.domain_of(e) == Domain::ran && inv.elements.op[e] == op && !reach[op].empty() && reach[op][e])
      ok[site] = true;
  }
  std::size_t stranded = 0;
  for (Index s = 0; s < inv.sites.size(); ++s)
    stranded += inv.sites.kind[s] == SiteKind::cell && !ok[s] && (only == kNoIndex || inv.sites.op[s] == only);
  return stranded;
}

class Topology : public ::testing::TestWithParam<std::string> {};

TEST_P(Topology, EveryCellSiteAndGuestReachesItsOperatorsCore) {
  const Inventory& inv = network(GetParam(), 3000);
  const auto adj = testing::transport_adjacency(inv);
  const auto reach = testing::reaches_sink(inv, adj);
  EXPECT_EQ(stranded_cells(inv, reach), 0u);
  // Guests' RAN on shared sites reaches the guest's own core, across shared transport.
  std::size_t guests = 0;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    if (inv.domain_of(e) != Domain::ran || inv.elements.op[e] == inv.sites.op[inv.elements.site[e]]) continue;
    ++guests;
    EXPECT_TRUE(reach[inv.elements.op[e]][e]) << inv.str(inv.elements.id[e]);
  }
  const auto profile = builtin_profile(GetParam());
  ASSERT_TRUE(profile);
  if (!profile->sharing.empty()) {
    EXPECT_GT(guests, 0u);
  }
}

TEST_P(Topology, ElementsPerCellSiteIsAboutFive) {
  const Inventory& inv = network(GetParam(), 3000);
  std::size_t cells = 0;
  for (auto k : inv.sites.kind) cells += k == SiteKind::cell;
  EXPECT_EQ(cells, 3000u);
  const double ratio = static_cast<double>(inv.elements.size()) / static_cast<double>(cells);
  EXPECT_GT(ratio, kElementsPerSite * 0.8);
  EXPECT_LT(ratio, kElementsPerSite * 1.2);
}

INSTANTIATE_TEST_SUITE_P(Countries, Topology, ::testing::Values("GB", "DE", "US", "AU", "NZ", "CA", "SE", "IT", "JP"));

TEST(TopologyGB, AggregationIsMostlyDualHomedWithSomeSpurs) {
  const Inventory& inv = network("GB", 3000);
  const auto adj = testing::transport_adjacency(inv);
  // How cell-site routers are homed: the aggregation routers next to them (directly or
  // through a microwave hop).
  std::size_t dual = 0, single = 0;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    if (!is(inv, e, "csr")) continue;
    std::set<Index> aggs;
    for (Index n : adj[e]) {
      if (is(inv, n, "microwave")) {
        for (Index m : adj[n])
          if (inv.sites.kind[inv.elements.site[m]] == SiteKind::aggregation) aggs.insert(m);
      }
      if (inv.sites.kind[inv.elements.site[n]] == SiteKind::aggregation) aggs.insert(n);
    }
    ASSERT_FALSE(aggs.empty()) << inv.str(inv.elements.id[e]);
    (aggs.size() >= 2 ? dual : single) += 1;
  }
  const double dual_share = static_cast<double>(dual) / static_cast<double>(dual + single);
  // Rural sites take a microwave hop more often, and covering GB's land takes ~1,740 of
  // them: over half of a 3,000-site network, so ~35% of its sites hang off microwave.
  EXPECT_GT(dual_share, 0.6);
  EXPECT_LT(dual_share, 0.95);  // some single-homed spurs
  EXPECT_GT(single, 0u);

  // Removing any one aggregation router strands only a small share of cell sites.
  std::size_t cells = 0;
  for (auto k : inv.sites.kind) cells += k == SiteKind::cell;
  std::size_t worst = 0, routers = 0;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    if (inv.sites.kind[inv.elements.site[e]] != SiteKind::aggregation) continue;
    ++routers;
    // Only the router's own operator's cell sites can be stranded by it.
    const Index op = inv.elements.op[e];
    worst = std::max(worst, stranded_cells(inv, testing::reaches_sink(inv, adj, e, op), op));
  }
  EXPECT_GT(routers, 20u);
  EXPECT_GT(worst, 0u);  // spurs exist, so some removal strands something
  EXPECT_LT(static_cast<double>(worst) / static_cast<double>(cells), 0.02);
}

TEST(TopologyGB, ManagementAndHostingFollowVendors) {
  const Inventory& inv = network("GB", 3000);
  std::vector<Index> manager(inv.elements.size(), kNoIndex), host(inv.elements.size(), kNoIndex);
  for (Index l = 0; l < inv.links.size(); ++l) {
    if (inv.links.kind[l] == LinkKind::manages && is(inv, inv.links.a[l], "ems")) manager[inv.links.b[l]] = inv.links.a[l];
    if (inv.links.kind[l] == LinkKind::hosts) host[inv.links.b[l]] = inv.links.a[l];
  }
  for (Index e = 0; e < inv.elements.size(); ++e) {
    if (inv.domain_of(e) == Domain::ran) {
      // Each RAN element is managed by its own operator's EMS for its vendor.
      ASSERT_NE(manager[e], kNoIndex) << inv.str(inv.elements.id[e]);
      EXPECT_EQ(inv.elements.vendor[manager[e]], inv.elements.vendor[e]);
      EXPECT_EQ(inv.elements.op[manager[e]], inv.elements.op[e]);
    }
    if (is(inv, e, "amf") || is(inv, e, "upf")) {
      ASSERT_NE(host[e], kNoIndex);
      EXPECT_TRUE(is(inv, host[e], "nfvi"));
    }
  }
  // 2-4 core data centres per operator with cell sites.
  std::vector<int> dcs(inv.operators.size(), 0);
  for (Index s = 0; s < inv.sites.size(); ++s)
    dcs[inv.sites.op[s]] += inv.sites.kind[s] == SiteKind::core || inv.sites.kind[s] == SiteKind::datacenter;
  const auto profile = builtin_profile("GB");
  ASSERT_TRUE(profile);
  for (const auto& op : profile->operators) {
    const int n = dcs[*inv.find_operator(op.id)];
    EXPECT_GE(n, 2) << op.id;
    EXPECT_LE(n, 4) << op.id;
  }
}

TEST(TopologyGB, FacilitiesIncludeForeignBasesAndHaveNoFixedServers) {
  const Inventory& inv = network("GB", 3000);
  const auto lakenheath = inv.find_facility("mil-lakenheath");
  ASSERT_TRUE(lakenheath);
  EXPECT_EQ(name_of(inv.facilities.owner[*lakenheath]), "US");
  EXPECT_EQ(inv.facilities.kind[*lakenheath], FacilityKind::military);
  std::set<FacilityKind> kinds(inv.facilities.kind.begin(), inv.facilities.kind.end());
  for (auto k : {FacilityKind::embassy, FacilityKind::military, FacilityKind::nuclear, FacilityKind::government})
    EXPECT_TRUE(kinds.contains(k)) << name_of(k);
  EXPECT_FALSE(inv.facilities.served_by.any());
}

TEST(TopologyGB, SubscribersAddUpPerOperator) {
  const Inventory& inv = network("GB", 3000);
  std::vector<std::int64_t> sum(inv.operators.size(), 0);
  for (Index s = 0; s < inv.sites.size(); ++s)
    if (inv.sites.kind[s] == SiteKind::cell) sum[inv.sites.op[s]] += inv.sites.subscribers[s];
  for (Index op = 0; op < inv.operators.size(); ++op) {
    if (inv.operators.subscribers[op] <= 0) continue;  // the wholesale operator
    EXPECT_NEAR(static_cast<double>(sum[op]), static_cast<double>(inv.operators.subscribers[op]),
                0.001 * static_cast<double>(inv.operators.subscribers[op]));
  }
}

}  // namespace
}  // namespace netvet::gen
