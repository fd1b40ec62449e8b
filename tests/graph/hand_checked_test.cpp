// Small networks whose answers are reasoned by hand in the comments, so that the
// engine and the brute-force reference are both held to the spec, not only to each other.

#include <gtest/gtest.h>

#include "graph/exposure.h"
#include "graph/outage.h"
#include "networks.h"

namespace netvet {
namespace {

using testing::Net;

std::vector<Index> ids(std::span<const Index> rows) { return {rows.begin(), rows.end()}; }

ExposureReport exposure(const Inventory& inv, std::vector<std::string> designated = {}) {
  ExposureOptions options{.cell_sites = true, .threads = 1};
  for (const auto& d : designated) options.designated_vendors.push_back(*inv.find_vendor(d));
  auto report = analyse_exposure(inv, options);
  EXPECT_TRUE(report);
  return std::move(*report);
}

// RU r - DU d - CSR c, c dual-homed to a ring R1, R2 that closes at R3, and R3 the only
// way to the one UPF u:
//
//   r - d - c - R1 - R3 - u
//            \- R2 -/
//
// Sources are r and d. Removing r leaves d; removing d cuts r off and cannot start a path
// itself, so d is unavoidable; so are c, R3 (cut vertices) and u (the only sink). R1 and
// R2 are each avoidable. Every element lies on some simple path: 7 possible.
TEST(HandChecked, ChainRingAndSingleSink) {
  Net n;
  const Index a = n.op("A");
  const Index cell = n.site("C", a), core = n.site("K", a, SiteKind::core);
  const Index r = n.el("r", cell, "ru", "ericsson"), d = n.el("d", cell, "du", "huawei"),
              c = n.el("c", cell, "csr", "nokia"), r1 = n.el("R1", core, "router", "cisco"),
              r2 = n.el("R2", core, "router", "juniper"), r3 = n.el("R3", core, "router", "zte"),
              u = n.el("u", core, "upf", "samsung");
  n.link(r, d), n.link(d, c), n.link(c, r1), n.link(c, r2), n.link(r1, r3), n.link(r2, r3), n.link(r3, u);
  n.facility("F", {cell});
  const Inventory inv = std::move(n).finish();
  const auto rep = exposure(inv, {"zte", "cisco"});
  const auto& f = rep.facilities;
  EXPECT_FALSE(f.isolated[0]);
  EXPECT_EQ(ids(f.unavoidable_elements[0]), (std::vector<Index>{d, c, r3, u}));
  EXPECT_EQ(f.possible_count[0], 7u);
  EXPECT_EQ(f.possible_vendors[0].size(), 7u);
  EXPECT_EQ(ids(f.exposed_to[0]), std::vector<Index>{*inv.find_vendor("zte")});  // cisco's R1 is avoidable
  ASSERT_EQ(rep.cell_sites.size(), 1u);  // the cell site answers the same as its facility
  EXPECT_EQ(ids(rep.cell_sites.unavoidable_elements[0]), ids(f.unavoidable_elements[0]));
}

// Two operators share one router X: A's radio ra and B's radio rb both reach their own
// cores only through X. A facility served by both is still exposed to X: every path, into
// either core, crosses it. With a second router Y beside X for B only, B's paths avoid X
// and nothing is unavoidable any more.
TEST(HandChecked, SharedTransportBetweenOperators) {
  for (const bool bypass : {false, true}) {
    Net n;
    const Index a = n.op("A"), b = n.op("B");
    const Index ca = n.site("CA", a), cb = n.site("CB", b), ka = n.site("KA", a, SiteKind::core),
                kb = n.site("KB", b, SiteKind::core);
    const Index ra = n.el("ra", ca, "gnb", "nokia"), rb = n.el("rb", cb, "gnb", "ericsson"),
                x = n.el("X", ka, "router", "huawei"), ua = n.el("ua", ka, "upf", "nokia"),
                ub = n.el("ub", kb, "upf", "ericsson");
    n.link(ra, x), n.link(rb, x), n.link(x, ua), n.link(x, ub);
    if (bypass) {
      const Index y = n.el("Y", kb, "router", "cisco");
      n.link(rb, y), n.link(y, ub);
    }
    n.facility("F", {ca, cb});
    const Inventory inv = std::move(n).finish();
    const auto rep = exposure(inv, {"huawei"});
    SCOPED_TRACE(bypass ? "with bypass" : "shared only");
    EXPECT_EQ(ids(rep.facilities.unavoidable_elements[0]), bypass ? std::vector<Index>{} : std::vector<Index>{x});
    // Possible: ra, rb, X, ua, ub (and Y with the bypass).
    EXPECT_EQ(rep.facilities.possible_count[0], bypass ? 6u : 5u);
    EXPECT_EQ(rep.facilities.exposed_to[0].size(), bypass ? 0u : 1u);
  }
}

// A radio with no transport at all: the facility is isolated, not "exposed to nobody".
// Its operator's AMF is still its control plane, and the EMS that manages the AMF (in a
// management loop with a second EMS) influences it, so it is exposed to huawei.
TEST(HandChecked, IsolatedFacilityKeepsControlPlaneAndInfluence) {
  Net n;
  const Index a = n.op("A");
  const Index cell = n.site("C", a), core = n.site("K", a, SiteKind::core);
  n.el("r", cell, "ru", "nokia");
  const Index amf = n.el("amf", core, "amf", "ericsson"), ems1 = n.el("ems1", core, "ems", "huawei"),
              ems2 = n.el("ems2", core, "ems", "zte");
  n.link(ems1, ems2, LinkKind::manages), n.link(ems2, ems1, LinkKind::manages), n.link(ems2, amf, LinkKind::manages);
  n.facility("F", {cell});
  n.facility("Nowhere", {}, 0.0, 0.0);  // no cell site within 2 km: served by nobody
  const Inventory inv = std::move(n).finish();
  const auto rep = exposure(inv, {"huawei"});
  const auto& f = rep.facilities;
  EXPECT_TRUE(f.isolated[0]);
  EXPECT_TRUE(f.unavoidable_elements[0].empty());
  EXPECT_EQ(f.possible_count[0], 0u);
  EXPECT_EQ(ids(f.control_plane_vendors[0]), std::vector<Index>{*inv.find_vendor("ericsson")});
  EXPECT_EQ(f.influence_vendors[0].size(), 2u);  // huawei and zte, through the loop
  EXPECT_EQ(ids(f.exposed_to[0]), std::vector<Index>{*inv.find_vendor("huawei")});
  EXPECT_TRUE(f.isolated[1]);
  EXPECT_TRUE(f.served_by[1].empty());
  EXPECT_TRUE(f.control_plane_vendors[1].empty());
}

// An NFVI from zte hosts the only UPF (from nokia). A zte failure removes only the NFVI,
// which carries no traffic: the site survives. A zte kill-switch also takes the UPF it
// hosts: the site is cut off. Subscribers follow their site; a missing count is 0.
TEST(HandChecked, KillSwitchThroughHosting) {
  Net n;
  const Index a = n.op("A");
  const Index c1 = n.site("C1", a, SiteKind::cell, kNoCoordinate, kNoCoordinate, 100),
              c2 = n.site("C2", a, SiteKind::cell), core = n.site("K", a, SiteKind::core);
  const Index r1 = n.el("r1", c1, "gnb", "ericsson"), r2 = n.el("r2", c2, "gnb", "ericsson"),
              u = n.el("u", core, "upf", "nokia"), nfvi = n.el("nfvi", core, "nfvi", "zte");
  n.link(r1, u), n.link(r2, u), n.link(nfvi, u, LinkKind::hosts);
  const Inventory inv = std::move(n).finish();
  const Index zte = *inv.find_vendor("zte");
  const std::vector<OutageScenario> scenarios = {{{zte}, OutageMode::failure}, {{zte}, OutageMode::kill_switch}};
  const auto out = analyse_outage(inv, scenarios);
  ASSERT_TRUE(out);
  const auto& failure = (*out)[0].operators[a];
  EXPECT_EQ(failure.sites_total, 2u);
  EXPECT_EQ(failure.sites_surviving, 2u);
  EXPECT_EQ(failure.subscribers_total, 100);
  EXPECT_EQ(failure.subscribers_surviving, 100);
  const auto& kill = (*out)[1].operators[a];
  EXPECT_EQ(kill.sites_surviving, 0u);
  EXPECT_EQ(kill.subscribers_surviving, 0);
}

// A radio of operator B installed on A's cell site (element operator B) is one of the
// site's sources, and the site belongs to A: its paths must end in A's core. B's UPF,
// though reachable, is not a sink for it. (The spec: "a sink of the operator of the
// source's site".)
TEST(HandChecked, SourcesBelongToTheSitesOperator) {
  Net n;
  const Index a = n.op("A"), b = n.op("B");
  const Index cell = n.site("C", a), kb = n.site("KB", b, SiteKind::core);
  const Index r = n.el("r", cell, "gnb", "nokia", b), ub = n.el("ub", kb, "upf", "nokia");
  n.link(r, ub);
  n.facility("F", {cell});
  const Inventory inv = std::move(n).finish();
  EXPECT_TRUE(exposure(inv).facilities.isolated[0]);
}

TEST(HandChecked, BadOptionsAreErrors) {
  Net n;
  n.op("A");
  const Inventory inv = std::move(n).finish();
  EXPECT_FALSE(analyse_exposure(inv, {.serving_radius_km = -1}));
  EXPECT_FALSE(analyse_exposure(inv, {.designated_vendors = {7}}));
  const std::vector<OutageScenario> bad = {{{3}, OutageMode::failure}};
  EXPECT_FALSE(analyse_outage(inv, bad));
}

}  // namespace
}  // namespace netvet
