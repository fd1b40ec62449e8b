// Small networks whose answers are reasoned by hand in the comments, so that the
// engine and the brute-force reference are both held to the spec, not only to each other.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

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

// ---- Exposure judged by vendor (shared/spec/inventory.md): the cases issue 10 names. ----

std::vector<std::string> vendor_ids(const Inventory& inv, std::span<const Index> rows) {
  std::vector<std::string> out;
  for (const Index v : rows) out.emplace_back(inv.vendor_id(v));
  std::sort(out.begin(), out.end());
  return out;
}

// Per-operator verdicts of facility row 0, by operator id.
struct OperatorRow {
  bool isolated;
  std::uint8_t ways;
  std::vector<Index> exposed_to, cut;
};
std::map<std::string, OperatorRow> per_operator(const Inventory& inv, const ExposureTable& t, Index row) {
  std::map<std::string, OperatorRow> out;
  for (const Index k : t.operator_rows[row]) {
    const auto& p = t.per_operator;
    out[std::string(inv.str(inv.operators.id[p.op[k]]))] = {p.isolated[k] != 0, p.exposed[k], ids(p.exposed_to[k]),
                                                             ids(p.cut[k])};
  }
  return out;
}

// The embassy whose cell site is dual-homed to two Huawei aggregation routers:
//
//   ru - gnb - csr -+- H1 -+- R - upf
//                   +- H2 -+
//
// Neither router is unavoidable, but every path crosses one: exposed to huawei through
// transport, with a cut of both. Huawei's failure cuts the site off, and its blast radius
// says so.
TEST(HandChecked, DualHomedToTwoDesignatedRoutersIsExposed) {
  Net n;
  const Index a = n.op("A");
  const Index cell = n.site("C", a, SiteKind::cell, kNoCoordinate, kNoCoordinate, 50), agg = n.site("G", a, SiteKind::aggregation),
              core = n.site("K", a, SiteKind::core);
  const Index ru = n.el("ru", cell, "ru", "ericsson"), gnb = n.el("gnb", cell, "gnb", "ericsson"),
              csr = n.el("csr", cell, "csr", "nokia"), h1 = n.el("H1", agg, "router", "huawei"),
              h2 = n.el("H2", agg, "router", "huawei"), r = n.el("R", core, "router", "cisco"),
              upf = n.el("upf", core, "upf", "nokia");
  n.link(ru, gnb), n.link(gnb, csr), n.link(csr, h1), n.link(csr, h2), n.link(h1, r), n.link(h2, r), n.link(r, upf);
  n.facility("EMB", {cell});
  const Inventory inv = std::move(n).finish();
  const Index huawei = *inv.find_vendor("huawei");
  ExposureOptions options{.cell_sites = true, .designated_vendors = {huawei}, .blast_radius = true, .threads = 1};
  const auto rep = analyse_exposure(inv, options);
  ASSERT_TRUE(rep);
  const auto& f = rep->facilities;
  EXPECT_EQ(ids(f.unavoidable_elements[0]), (std::vector<Index>{gnb, csr, r, upf}));  // the routers are avoidable alone
  EXPECT_EQ(f.exposed[0], kViaTransport | kViaInfluence);  // a kill-switch removes at least what a failure does
  EXPECT_EQ(ids(f.exposed_to[0]), std::vector<Index>{huawei});
  // Every vendor whose failure alone cuts it off: the radio's, the routers', the core's.
  EXPECT_EQ(vendor_ids(inv, f.transport_exposed_to[0]), (std::vector<std::string>{"cisco", "ericsson", "huawei", "nokia"}));
  EXPECT_EQ(ids(f.cut[0]), (std::vector<Index>{h1, h2}));
  EXPECT_EQ(rep->blast_radius[huawei].sites_crossing, 1u);
  EXPECT_EQ(rep->blast_radius[huawei].subscribers_crossing, 50);
  EXPECT_EQ(ids(rep->cell_sites.cut[0]), (std::vector<Index>{h1, h2}));
}

// One facility, two operators: A's site reaches A's core only through a Huawei router, B's
// through a Cisco one. As a whole the facility has a clean way (B's); A's users' traffic
// has not.
TEST(HandChecked, OneOperatorExposedTheOtherClean) {
  Net n;
  const Index a = n.op("A"), b = n.op("B");
  const Index ca = n.site("CA", a), cb = n.site("CB", b), ka = n.site("KA", a, SiteKind::core),
              kb = n.site("KB", b, SiteKind::core);
  const Index ra = n.el("ra", ca, "gnb", "nokia"), ha = n.el("HA", ka, "router", "huawei"), ua = n.el("ua", ka, "upf", "nokia"),
              rb = n.el("rb", cb, "gnb", "nokia"), xb = n.el("XB", kb, "router", "cisco"), ub = n.el("ub", kb, "upf", "nokia");
  n.link(ra, ha), n.link(ha, ua), n.link(rb, xb), n.link(xb, ub);
  n.facility("F", {ca, cb});
  const Inventory inv = std::move(n).finish();
  const Index huawei = *inv.find_vendor("huawei");
  const auto rep = exposure(inv, {"huawei"});
  const auto& f = rep.facilities;
  EXPECT_EQ(f.exposed[0], 0);
  EXPECT_TRUE(f.exposed_to[0].empty());
  const auto ops = per_operator(inv, f, 0);
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops.at("A").ways, kViaTransport | kViaInfluence);
  EXPECT_EQ(ops.at("A").exposed_to, std::vector<Index>{huawei});
  EXPECT_EQ(ops.at("A").cut, std::vector<Index>{ha});
  EXPECT_EQ(ops.at("B").ways, 0);
  EXPECT_TRUE(ops.at("B").cut.empty());
  EXPECT_EQ(ids(f.cut[0]), std::vector<Index>{ha});  // the union of the operators' cuts
  // Cisco, on B's only way, exposes B's users and leaves A's (and the facility) clean.
  const auto cisco = per_operator(inv, exposure(inv, {"cisco"}).facilities, 0);
  EXPECT_EQ(cisco.at("A").ways, 0);
  EXPECT_EQ(cisco.at("B").cut, std::vector<Index>{xb});
}

// Two ways out of a cell site, one through Huawei, one through ZTE: exposed to the two
// taken together (cut: both routers), to neither alone.
TEST(HandChecked, PathsAlternatingBetweenTwoDesignatedVendors) {
  Net n;
  const Index a = n.op("A");
  const Index cell = n.site("C", a), core = n.site("K", a, SiteKind::core);
  const Index g = n.el("g", cell, "gnb", "ericsson"), h = n.el("H", core, "router", "huawei"),
              z = n.el("Z", core, "router", "zte"), u = n.el("u", core, "upf", "nokia");
  n.link(g, h), n.link(g, z), n.link(h, u), n.link(z, u);
  n.facility("F", {cell});
  const Inventory inv = std::move(n).finish();
  const auto both = exposure(inv, {"huawei", "zte"});
  EXPECT_EQ(both.facilities.exposed[0], kViaTransport | kViaInfluence);
  EXPECT_TRUE(both.facilities.exposed_to[0].empty());
  // Alone, only the radio's and the UPF's vendors cut it off.
  EXPECT_EQ(vendor_ids(inv, both.facilities.transport_exposed_to[0]), (std::vector<std::string>{"ericsson", "nokia"}));
  EXPECT_EQ(ids(both.facilities.cut[0]), (std::vector<Index>{h, z}));
  EXPECT_EQ(exposure(inv, {"huawei"}).facilities.exposed[0], 0);
}

// Exposure only through management: the site is dual-homed to two Cisco routers, both
// managed by a Huawei EMS. No Huawei element carries the traffic; Huawei's kill-switch
// stops both routers and cuts the site off. The cut is then the two routers.
TEST(HandChecked, ExposedOnlyThroughManagement) {
  Net n;
  const Index a = n.op("A");
  const Index cell = n.site("C", a), core = n.site("K", a, SiteKind::core), noc = n.site("N", a, SiteKind::datacenter);
  const Index g = n.el("g", cell, "gnb", "ericsson"), r1 = n.el("R1", core, "router", "cisco"),
              r2 = n.el("R2", core, "router", "cisco"), u = n.el("u", core, "upf", "nokia"),
              ems = n.el("ems", noc, "ems", "huawei");
  n.link(g, r1), n.link(g, r2), n.link(r1, u), n.link(r2, u);
  n.link(ems, r1, LinkKind::manages), n.link(ems, r2, LinkKind::manages);
  n.facility("F", {cell});
  const Inventory inv = std::move(n).finish();
  const auto rep = exposure(inv, {"huawei"});
  EXPECT_EQ(rep.facilities.exposed[0], kViaInfluence);
  EXPECT_EQ(ids(rep.facilities.exposed_to[0]), std::vector<Index>{*inv.find_vendor("huawei")});
  EXPECT_EQ(ids(rep.facilities.cut[0]), (std::vector<Index>{r1, r2}));
  EXPECT_EQ(ids(rep.facilities.unavoidable_elements[0]), (std::vector<Index>{g, u}));
}

// An isolated facility is not exposed through paths it does not have, but its operator's
// control plane still counts: a Huawei AMF exposes it.
TEST(HandChecked, IsolatedIsExposedOnlyThroughTheControlPlane) {
  Net n;
  const Index a = n.op("A");
  const Index cell = n.site("C", a), core = n.site("K", a, SiteKind::core);
  n.el("g", cell, "gnb", "ericsson");
  n.el("u", core, "upf", "huawei");
  n.el("amf", core, "amf", "zte");
  n.facility("F", {cell});
  const Inventory inv = std::move(n).finish();
  const auto huawei = exposure(inv, {"huawei"});
  EXPECT_TRUE(huawei.facilities.isolated[0]);
  EXPECT_EQ(huawei.facilities.exposed[0], 0);  // the Huawei UPF is on no path: there is none
  const auto zte = exposure(inv, {"zte"});
  EXPECT_EQ(zte.facilities.exposed[0], kViaControlPlane);
  EXPECT_TRUE(zte.facilities.cut[0].empty());
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
