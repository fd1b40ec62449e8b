// Generated vendor shares match the profile, per operator: RAN counted on baseband
// elements (enb, gnb, du) — what the profiles state — and, as a cross-check, on all RAN
// elements; transport on IP routers (csr, router); core on core-domain elements.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "gen_test_util.h"

namespace netvet::gen {
namespace {

using Counts = std::map<std::string, double>;  // vendor -> share

// Shares of each vendor among the elements of operator `op` that `pick` selects.
template <typename Pick>
Counts shares_of(const Inventory& inv, Index op, Pick pick) {
  Counts counts;
  double total = 0;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    if (inv.elements.op[e] != op || !pick(e)) continue;
    counts[std::string(inv.vendor_id(inv.elements.vendor[e]))] += 1;
    total += 1;
  }
  for (auto& [vendor, n] : counts) n /= total;
  return counts;
}

// The largest gap between the profile's and the network's share of any vendor.
double worst_gap(const Shares& profile, const Counts& actual) {
  double worst = 0;
  for (const auto& s : profile) {
    const auto it = actual.find(s.vendor);
    worst = std::max(worst, std::abs(s.share - (it == actual.end() ? 0.0 : it->second)));
  }
  for (const auto& [vendor, share] : actual)
    if (std::ranges::none_of(profile, [&](const auto& s) { return s.vendor == vendor; })) worst = std::max(worst, share);
  return worst;
}

class Shares20k : public ::testing::TestWithParam<std::string> {};

TEST_P(Shares20k, PerOperatorVendorSharesMatchTheProfile) {
  const Inventory& inv = testing::network(GetParam(), 20000, 11);
  const auto profile = builtin_profile(GetParam());
  ASSERT_TRUE(profile);
  for (const auto& op : profile->operators) {
    const Index row = *inv.find_operator(op.id);
    auto is = [&](Index e, std::initializer_list<std::string_view> fns) {
      return std::ranges::find(fns, std::string_view(inv.function_of(e).id)) != fns.end();
    };
    const double ran = worst_gap(op.ran, shares_of(inv, row, [&](Index e) { return is(e, {"enb", "gnb", "du"}); }));
    const double ran_all = worst_gap(op.ran, shares_of(inv, row, [&](Index e) { return inv.domain_of(e) == Domain::ran; }));
    const double transport = worst_gap(op.transport, shares_of(inv, row, [&](Index e) { return is(e, {"csr", "router"}); }));
    const double core = worst_gap(op.core, shares_of(inv, row, [&](Index e) { return inv.domain_of(e) == Domain::core; }));
    EXPECT_LE(ran, 0.03) << op.id << " RAN basebands";
    EXPECT_LE(ran_all, 0.03) << op.id << " all RAN elements";
    EXPECT_LE(transport, 0.03) << op.id << " routers";
    // Core functions come in lumps (one vendor per function): a looser bound.
    EXPECT_LE(core, 0.12) << op.id << " core";
    RecordProperty(op.id + "_ran_gap", std::to_string(ran));
    std::printf("%s %-10s worst gap: RAN basebands %.4f, RAN all %.4f, routers %.4f, core %.4f\n",
                GetParam().c_str(), op.id.c_str(), ran, ran_all, transport, core);
  }
}

INSTANTIATE_TEST_SUITE_P(Countries, Shares20k, ::testing::Values("GB", "DE"));

TEST(SharesSmall, EveryProfileLandsWithinFivePointsAtFiveThousandSites) {
  for (const auto& cc : available_countries()) {
    const Inventory& inv = testing::network(cc, 5000, 5);
    const auto profile = builtin_profile(cc);
    ASSERT_TRUE(profile);
    for (const auto& op : profile->operators) {
      const Index row = *inv.find_operator(op.id);
      const double ran = worst_gap(op.ran, shares_of(inv, row, [&](Index e) {
        const auto& id = inv.function_of(e).id;
        return id == "enb" || id == "gnb" || id == "du";
      }));
      EXPECT_LE(ran, 0.05) << cc << " " << op.id;
    }
  }
}

}  // namespace
}  // namespace netvet::gen
