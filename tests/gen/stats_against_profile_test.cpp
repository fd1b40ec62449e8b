// The must-show of the generator: `netvet stats` on a generated GB network shows
// per-operator vendor shares within a few points of the country profile. This runs the
// same computation `netvet stats` prints (model/stats.h) on a generated network.

#include <gtest/gtest.h>

#include <cmath>

#include "gen/generate.h"
#include "model/stats.h"

namespace netvet::gen {
namespace {

void expect_ran_shares_match_profile(std::string_view country, std::size_t sites, double tolerance_points) {
  const auto profile = builtin_profile(country);
  ASSERT_TRUE(profile) << country;
  const auto inv = generate({.country = std::string(country), .sites = sites, .seed = 2026});
  ASSERT_TRUE(inv) << country;
  const InventoryStats stats = compute_stats(*inv);
  for (const OperatorProfile& op : profile->operators) {
    if (op.ran.empty()) continue;
    const auto row = inv->find_operator(op.id);
    ASSERT_TRUE(row) << op.id;
    const OperatorStats& s = stats.per_operator[*row];
    const auto ran = std::ranges::find(s.domains, Domain::ran, &DomainShares::domain);
    ASSERT_NE(ran, s.domains.end()) << op.id << " has no RAN";
    for (const auto& [vendor, expected] : op.ran) {
      double measured = 0;
      for (const auto& v : ran->vendors)
        if (inv->vendor_id(v.vendor) == vendor)
          measured = static_cast<double>(v.count) / static_cast<double>(ran->elements);
      EXPECT_NEAR(100 * measured, 100 * expected, tolerance_points)
          << country << " " << op.id << " " << vendor << ": stats says " << 100 * measured << "%, profile "
          << 100 * expected << "%";
    }
  }
}

TEST(StatsAgainstProfile, GeneratedGbRanSharesAreWithinThreePointsOfTheProfile) {
  expect_ran_shares_match_profile("GB", 20000, 3.0);
}

TEST(StatsAgainstProfile, GeneratedDeRanSharesAreWithinThreePointsOfTheProfile) {
  expect_ran_shares_match_profile("DE", 20000, 3.0);
}

}  // namespace
}  // namespace netvet::gen
