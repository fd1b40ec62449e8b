// The engine against the brute-force reference, on hundreds of small networks: random
// ones of several densities and ones assembled from adversarial gadgets. Every result
// is compared, for every facility, every cell site, every vendor's blast radius and
// outage in both modes.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "graph/exposure.h"
#include "graph/outage.h"
#include "networks.h"
#include "reference.h"

namespace netvet {
namespace {

using testing::RefExposure;
using testing::Reference;

constexpr double kRadiusKm = 1.5;

std::vector<Index> as_vector(const std::set<Index>& s) { return {s.begin(), s.end()}; }
std::vector<Index> as_vector(std::span<const Index> s) { return {s.begin(), s.end()}; }

void expect_row(const ExposureTable& t, Index row, const RefExposure& r) {
  EXPECT_EQ(t.isolated[row] != 0, r.isolated);
  EXPECT_EQ(as_vector(t.unavoidable_elements[row]), as_vector(r.unavoidable));
  EXPECT_EQ(as_vector(t.unavoidable_chain[row]), r.chain);
  EXPECT_EQ(as_vector(t.unavoidable_vendors[row]), as_vector(r.unavoidable_vendors));
  EXPECT_EQ(as_vector(t.possible_vendors[row]), as_vector(r.possible_vendors));
  EXPECT_EQ(t.possible_count[row], r.possible_count);
  EXPECT_EQ(as_vector(t.control_plane_vendors[row]), as_vector(r.control_plane_vendors));
  EXPECT_EQ(as_vector(t.influence_vendors[row]), as_vector(r.influence_vendors));
  EXPECT_EQ(as_vector(t.exposed_to[row]), as_vector(r.exposed_to));
}

// Whether element m influences element x: a chain of one or more manages/hosts links,
// searched here from the inventory's links (nothing from src/graph).
bool influences(const Inventory& inv, Index m, Index x) {
  std::vector<Index> queue{m};
  std::vector<bool> seen(inv.elements.size(), false);
  for (std::size_t head = 0; head < queue.size(); ++head)
    for (Index l = 0; l < inv.links.size(); ++l) {
      if (inv.links.kind[l] == LinkKind::transport || inv.links.a[l] != queue[head]) continue;
      const Index b = inv.links.b[l];
      if (b == x) return true;
      if (!seen[b]) seen[b] = true, queue.push_back(b);
    }
  return false;
}

// The witnesses of control-plane and influence exposure: for every facility and every
// vendor, one exactly when the vendor is in the row's list, and each one right: an
// element of the vendor in its serving operators' control plane, or one that influences
// an unavoidable or control-plane element of the row. And without possible paths, the
// rest of every row is the same.
void compare_witnesses(const Inventory& inv, const ExposureReport& report, const ExposureOptions& options) {
  const ExposureTable& t = report.facilities;
  std::vector<WitnessQuery> queries;
  for (Index r = 0; r < t.size(); ++r)
    for (Index v = 0; v < inv.vendors.size(); ++v) queries.push_back({r, v});
  const auto witnesses = exposure_witnesses(inv, t, queries);
  ASSERT_EQ(witnesses.size(), queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto [r, v] = queries[q];
    SCOPED_TRACE("facility row " + std::to_string(r) + ", vendor " + std::string(inv.vendor_id(v)));
    const ExposureWitness& w = witnesses[q];
    std::set<Index> ops, control;
    for (const Index s : t.served_by[r]) ops.insert(inv.sites.op[s]);
    for (Index e = 0; e < inv.elements.size(); ++e)
      if (inv.function_of(e).plane == Plane::control && inv.domain_of(e) == Domain::core && ops.contains(inv.elements.op[e]))
        control.insert(e);
    const auto in = [](std::span<const Index> list, Index x) { return std::find(list.begin(), list.end(), x) != list.end(); };
    EXPECT_EQ(w.control_plane != kNoIndex, in(t.control_plane_vendors[r], v));
    if (w.control_plane != kNoIndex) {
      EXPECT_EQ(inv.elements.vendor[w.control_plane], v);
      EXPECT_TRUE(control.contains(w.control_plane));
    }
    EXPECT_EQ(w.influencer != kNoIndex, in(t.influence_vendors[r], v));
    if (w.influencer != kNoIndex) {
      EXPECT_EQ(inv.elements.vendor[w.influencer], v);
      EXPECT_TRUE(control.contains(w.influenced) || in(t.unavoidable_elements[r], w.influenced));
      EXPECT_TRUE(influences(inv, w.influencer, w.influenced));
    }
  }
  // Without possible paths, and without cell sites: few subjects, so influencers are
  // searched per subject rather than indexed.
  ExposureOptions without = options;
  without.possible = false;
  without.cell_sites = false;
  const auto lean = analyse_exposure(inv, without);
  ASSERT_TRUE(lean);
  EXPECT_FALSE(lean->possible);
  for (Index r = 0; r < t.size(); ++r) {
    const ExposureTable& l = lean->facilities;
    EXPECT_EQ(l.isolated[r], t.isolated[r]);
    EXPECT_EQ(as_vector(l.unavoidable_elements[r]), as_vector(t.unavoidable_elements[r]));
    EXPECT_EQ(as_vector(l.unavoidable_chain[r]), as_vector(t.unavoidable_chain[r]));
    EXPECT_EQ(as_vector(l.control_plane_vendors[r]), as_vector(t.control_plane_vendors[r]));
    EXPECT_EQ(as_vector(l.influence_vendors[r]), as_vector(t.influence_vendors[r]));
    EXPECT_EQ(as_vector(l.exposed_to[r]), as_vector(t.exposed_to[r]));
    EXPECT_TRUE(l.possible_vendors[r].empty());
    EXPECT_EQ(l.possible_count[r], 0U);
  }
}

// What the compared networks exercised, so that a generator change that stops producing
// the hard cases shows up in the test output.
struct Coverage {
  std::size_t networks = 0, subjects = 0, isolated = 0, several_operators = 0, unavoidable = 0, influenced = 0,
              exposed = 0, scenarios = 0;
  void print(const char* what) const {
    std::printf("[ compared  ] %zu %s networks: %zu subjects (%zu isolated, %zu reaching several cores, %zu with "
                "unavoidable elements, %zu influenced, %zu exposed), %zu outage scenarios\n",
                networks, what, subjects, isolated, several_operators, unavoidable, influenced, exposed, scenarios);
  }
};

void count(Coverage& c, const RefExposure& r, const std::vector<Index>& served, const Inventory& inv) {
  ++c.subjects;
  c.isolated += r.isolated;
  std::set<Index> ops;
  for (const Index s : served) ops.insert(inv.sites.op[s]);
  c.several_operators += !r.isolated && ops.size() > 1;
  c.unavoidable += !r.unavoidable.empty();
  c.influenced += !r.influence_vendors.empty();
  c.exposed += !r.exposed_to.empty();
}

// Compares everything on one network.
void compare(const Inventory& inv, Coverage& coverage) {
  ++coverage.networks;
  const Reference ref(inv);
  std::set<Index> designated;
  for (const char* id : {"huawei", "zte"})
    if (auto v = inv.find_vendor(id)) designated.insert(*v);
  ExposureOptions options{.serving_radius_km = kRadiusKm, .cell_sites = true,
                          .designated_vendors = as_vector(designated), .threads = 1};
  const auto report = analyse_exposure(inv, options);
  EXPECT_TRUE(report);
  if (!report) return;

  EXPECT_EQ(report->facilities.size(), inv.facilities.size());
  for (Index f = 0; f < report->facilities.size(); ++f) {
    SCOPED_TRACE("facility " + std::string(inv.str(inv.facilities.id[f])));
    const auto served = ref.serving_sites(f, kRadiusKm);
    EXPECT_EQ(as_vector(report->facilities.served_by[f]), served);
    const RefExposure r = ref.exposure(served, designated);
    expect_row(report->facilities, f, r);
    count(coverage, r, served, inv);
  }
  compare_witnesses(inv, *report, options);

  std::vector<VendorBlastRadius> expected_blast(inv.vendors.size());
  const auto& cells = report->cell_sites;
  Index row = 0;
  for (Index s = 0; s < inv.sites.size(); ++s) {
    if (inv.sites.kind[s] != SiteKind::cell) continue;
    SCOPED_TRACE("cell site " + std::string(inv.str(inv.sites.id[s])));
    EXPECT_LT(row, cells.size());
    if (row >= cells.size()) break;
    EXPECT_EQ(cells.subject[row], s);
    const RefExposure r = ref.exposure({s}, designated);
    expect_row(cells, row, r);
    count(coverage, r, {s}, inv);
    const std::int64_t subs = std::max<std::int64_t>(0, inv.sites.subscribers[s]);
    if (!r.isolated) {
      for (const Index v : r.unavoidable_vendors) ++expected_blast[v].sites_crossing, expected_blast[v].subscribers_crossing += subs;
      for (const Index v : r.influence_vendors) ++expected_blast[v].sites_influenced, expected_blast[v].subscribers_influenced += subs;
    }
    ++row;
  }
  EXPECT_EQ(row, cells.size());
  const auto blast = blast_radius(inv, cells);
  for (Index v = 0; v < inv.vendors.size(); ++v) {
    SCOPED_TRACE("blast radius of " + std::string(inv.vendor_id(v)));
    EXPECT_EQ(blast[v].vendor, v);
    EXPECT_EQ(blast[v].sites_crossing, expected_blast[v].sites_crossing);
    EXPECT_EQ(blast[v].subscribers_crossing, expected_blast[v].subscribers_crossing);
    EXPECT_EQ(blast[v].sites_influenced, expected_blast[v].sites_influenced);
    EXPECT_EQ(blast[v].subscribers_influenced, expected_blast[v].subscribers_influenced);
  }

  // Outage: every vendor in both modes, nothing at all, and the first two vendors together.
  auto scenarios = every_vendor_scenarios(inv);
  scenarios.push_back({{}, OutageMode::failure});
  if (inv.vendors.size() >= 2) {
    scenarios.push_back({{0, 1}, OutageMode::failure});
    scenarios.push_back({{0, 1}, OutageMode::kill_switch});
  }
  const auto outages = analyse_outage(inv, scenarios, {.threads = 2});
  EXPECT_TRUE(outages);
  if (!outages) return;
  coverage.scenarios += scenarios.size();
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const bool kill = scenarios[i].mode == OutageMode::kill_switch;
    SCOPED_TRACE("outage scenario " + std::to_string(i) + (kill ? " kill-switch" : " failure"));
    const auto expected = ref.outage(scenarios[i].vendors, kill);
    const auto& got = (*outages)[i].operators;
    EXPECT_EQ(got.size(), expected.size());
    for (Index op = 0; op < std::min(got.size(), expected.size()); ++op) {
      EXPECT_EQ(got[op].op, op);
      EXPECT_EQ(got[op].sites_total, expected[op].sites_total);
      EXPECT_EQ(got[op].sites_surviving, expected[op].sites_surviving);
      EXPECT_EQ(got[op].subscribers_total, expected[op].subscribers_total);
      EXPECT_EQ(got[op].subscribers_surviving, expected[op].subscribers_surviving);
    }
  }
}

TEST(GraphReference, RandomNetworks) {
  Coverage coverage;
  for (std::uint32_t seed = 1; seed <= 400 && !HasFailure(); ++seed) {
    SCOPED_TRACE("random network, seed " + std::to_string(seed));
    compare(testing::random_network(seed), coverage);
  }
  coverage.print("random");
  EXPECT_EQ(coverage.networks, 400u);
}

TEST(GraphReference, GadgetNetworks) {
  Coverage coverage;
  for (std::uint32_t seed = 1; seed <= 400 && !HasFailure(); ++seed) {
    SCOPED_TRACE("gadget network, seed " + std::to_string(seed));
    compare(testing::gadget_network(seed), coverage);
  }
  coverage.print("gadget");
  EXPECT_EQ(coverage.networks, 400u);
}

}  // namespace
}  // namespace netvet

namespace netvet {
namespace {

// "R" + std::to_string(i) trips GCC 12's -Wrestrict false positive (PR 105329).
std::string id(const char* prefix, int i) {
  std::string s = prefix;
  s += std::to_string(i);
  return s;
}

bool same_rows(const ListColumn<Index>& a, const ListColumn<Index>& b, std::size_t rows) {
  for (Index r = 0; r < rows; ++r)
    if (as_vector(a[r]) != as_vector(b[r])) return false;
  return true;
}

// Thousands of cell sites, so that exposure splits them over threads: the joined table
// must equal the one-thread table row for row.
TEST(GraphReference, ThreadsGiveTheSameTables) {
  testing::Net n;
  const Index a = n.op("A"), b = n.op("B");
  const Index core = n.site("K", a, SiteKind::core), kb = n.site("KB", b, SiteKind::core);
  const Index ua = n.el("ua", core, "upf", "nokia"), ub = n.el("ub", kb, "pgw", "zte");
  std::vector<Index> routers;
  for (int i = 0; i < 40; ++i) {
    routers.push_back(n.el(id("R", i), core, "router", i % 3 ? "cisco" : "huawei"));
    if (i > 0) n.link(routers[static_cast<std::size_t>(i - 1)], routers.back());
  }
  n.link(routers.front(), ua), n.link(routers.back(), ua), n.link(routers[20], ub);
  std::vector<Index> cells;
  for (int c = 0; c < 5000; ++c) {
    const Index s = n.site(id("C", c), c % 2 ? a : b, SiteKind::cell, 51.0 + c * 1e-4, 0.0, c);
    cells.push_back(s);
    const Index r = n.el(id("r", c), s, "gnb", c % 5 ? "ericsson" : "huawei");
    n.link(r, routers[static_cast<std::size_t>(c % 40)]);
    if (c % 7 == 0) n.link(r, routers[static_cast<std::size_t>((c + 13) % 40)]);
  }
  for (int f = 0; f < 3000; ++f) n.facility(id("F", f), {}, 51.0 + f * 1.7e-4, 0.0);
  const Inventory inv = std::move(n).finish();
  ExposureOptions options{.serving_radius_km = 0.05, .cell_sites = true, .threads = 1};
  const auto one = analyse_exposure(inv, options);
  options.threads = 2;
  const auto two = analyse_exposure(inv, options);
  ASSERT_TRUE(one && two);
  for (const auto* pair : {&one->facilities, &one->cell_sites}) {
    const ExposureTable& x = *pair;
    const ExposureTable& y = pair == &one->facilities ? two->facilities : two->cell_sites;
    ASSERT_EQ(x.size(), y.size());
    EXPECT_EQ(x.subject, y.subject);
    EXPECT_EQ(x.isolated, y.isolated);
    EXPECT_EQ(x.possible_count, y.possible_count);
    EXPECT_TRUE(same_rows(x.served_by, y.served_by, x.size()));
    EXPECT_TRUE(same_rows(x.unavoidable_elements, y.unavoidable_elements, x.size()));
    EXPECT_TRUE(same_rows(x.unavoidable_chain, y.unavoidable_chain, x.size()));
    EXPECT_TRUE(same_rows(x.possible_vendors, y.possible_vendors, x.size()));
    EXPECT_TRUE(same_rows(x.influence_vendors, y.influence_vendors, x.size()));
  }
  EXPECT_EQ(one->cell_sites.size(), 5000u);
  std::size_t several = 0;
  for (Index f = 0; f < one->facilities.size(); ++f) {
    std::set<Index> ops;
    for (const Index s : one->facilities.served_by[f]) ops.insert(inv.sites.op[s]);
    several += ops.size() > 1;
  }
  EXPECT_GT(several, 100u);  // subjects reaching several cores are exercised too
}

}  // namespace
}  // namespace netvet
