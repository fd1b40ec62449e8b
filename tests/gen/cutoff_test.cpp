// Install cut-offs (gen/cutoffs.cpp): one before a generation's roll-out means the vendor
// never installed it. Australia and New Zealand kept Huawei out of 5G in 2018, before 5G
// was built, so their generated networks keep their Huawei 4G and hold no Huawei 5G radio
// or 5G core; one after the roll-out (GB) only ends the vendor's installs; and a profile
// that leaves an operator no vendor for a generation it builds is refused, not crashed on.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "data/embedded.h"
#include "gen_test_util.h"

namespace netvet::gen {
namespace {

// What S.3153's reading counts as 5G whatever an element's generation column says
// (data/policies/us-sharing.yaml): RAN basebands and the 5G core with its SEPP.
const std::set<std::string_view> k5gFunctions = {"gnb",  "du",  "cu",  "amf", "smf", "upf",
                                                 "ausf", "udm", "udr", "pcf", "nrf", "nssf",
                                                 "nef",  "scp", "chf", "sepp"};

std::string_view function_id(const Inventory& inv, Index e) {
  return inv.function_of(e).id;
}
std::string_view vendor_of(const Inventory& inv, Index e) {
  return inv.vendor_id(inv.elements.vendor[e]);
}
std::string_view id_of(const Inventory& inv, Index e) {
  return inv.str(inv.elements.id[e]);
}

// The vendors the profile keeps out of 5G altogether: a 5G cut-off on or before its roll-out.
std::set<std::string> never_5g(const CountryProfile& profile) {
  std::set<std::string> out;
  for (const auto& cut : profile.install_cutoffs)
    if ((cut.generation & kGen5G) && cut.after <= rollout_start(kGen5G)) out.insert(cut.vendor);
  return out;
}

class NeverInstalled5G : public ::testing::TestWithParam<std::string> {};

TEST_P(NeverInstalled5G, NoCutOffVendorCarries5GButItsLegacy4GStays) {
  const auto profile = builtin_profile(GetParam());
  ASSERT_TRUE(profile);
  const auto barred = never_5g(*profile);
  ASSERT_TRUE(barred.contains("huawei"));
  const Inventory& inv = testing::network(GetParam(), 5000, 5);
  std::map<std::string, int> huawei_enbs;  // by operator
  std::size_t fives = 0;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    const bool five =
        (inv.elements.generation[e] & kGen5G) || k5gFunctions.contains(function_id(inv, e));
    fives += five;
    if (!barred.contains(std::string(vendor_of(inv, e)))) continue;
    EXPECT_FALSE(five) << id_of(inv, e) << ": " << vendor_of(inv, e) << " " << function_id(inv, e);
    if (function_id(inv, e) == "enb" && vendor_of(inv, e) == "huawei") {
      EXPECT_EQ(inv.elements.generation[e], kGen4G) << id_of(inv, e);
      ++huawei_enbs[std::string(inv.str(inv.operators.id[inv.elements.op[e]]))];
    }
  }
  EXPECT_GT(fives, 1000U);  // the 5G is there, from other vendors
  // Every operator with Huawei RAN shares keeps its Huawei 4G (AU: TPG's legacy Vodafone radio).
  for (const auto& op : profile->operators) {
    if (std::ranges::any_of(op.ran, [](const VendorShare& s) { return s.vendor == "huawei"; })) {
      EXPECT_GT(huawei_enbs[op.id], 100) << op.id;
    }
  }
}

TEST_P(NeverInstalled5G, FiveGAtACutOffVendorsSitesComesWithItsOwnEmsAndRadios) {
  const auto profile = builtin_profile(GetParam());
  ASSERT_TRUE(profile);
  const auto barred = never_5g(*profile);
  const Inventory& inv = testing::network(GetParam(), 5000, 5);
  // Each operator's 4G vendor at each site, the EMSs managing each element, the baseband under each
  // RU.
  std::map<std::pair<Index, Index>, std::string_view> lte_vendor;  // (site, operator)
  for (Index e = 0; e < inv.elements.size(); ++e)
    if (function_id(inv, e) == "enb")
      lte_vendor[{inv.elements.site[e], inv.elements.op[e]}] = vendor_of(inv, e);
  std::vector<std::vector<Index>> managers(inv.elements.size());
  std::vector<Index> baseband(inv.elements.size(), kNoIndex);
  for (Index l = 0; l < inv.links.size(); ++l) {
    const Index a = inv.links.a[l], b = inv.links.b[l];
    if (inv.links.kind[l] == LinkKind::manages && function_id(inv, a) == "ems")
      managers[b].push_back(a);
    if (inv.links.kind[l] == LinkKind::transport && function_id(inv, a) == "ru") baseband[a] = b;
  }
  std::size_t checked = 0;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    const auto fn = function_id(inv, e);
    if (fn == "ru") {
      ASSERT_NE(baseband[e], kNoIndex) << id_of(inv, e);
      EXPECT_EQ(vendor_of(inv, e), vendor_of(inv, baseband[e]))
          << id_of(inv, e) << " on " << id_of(inv, baseband[e]);
    }
    if (fn != "gnb" && fn != "du" && fn != "cu") continue;
    const auto lte = lte_vendor.find({inv.elements.site[e], inv.elements.op[e]});
    if (lte == lte_vendor.end() || !barred.contains(std::string(lte->second))) continue;
    ++checked;
    EXPECT_NE(vendor_of(inv, e), lte->second) << id_of(inv, e);
    EXPECT_TRUE(std::ranges::any_of(managers[e],
                                    [&](Index m) {
                                      return vendor_of(inv, m) == vendor_of(inv, e) &&
                                             inv.elements.op[m] == inv.elements.op[e];
                                    }))
        << id_of(inv, e) << " (" << vendor_of(inv, e) << ") has no EMS of its vendor and operator";
  }
  EXPECT_GT(checked, 100U);  // sites whose 4G is Huawei's do get 5G
}

INSTANTIATE_TEST_SUITE_P(Countries, NeverInstalled5G, ::testing::Values("AU", "NZ"));

// GB stopped new Huawei 5G on 2020-12-31, after the roll-out: Huawei's 5G stays, dated before.
TEST(InstallCutoffs, ACutOffAfterTheRollOutOnlyEndsInstalls) {
  const auto profile = builtin_profile("GB");
  ASSERT_TRUE(profile);
  EXPECT_TRUE(never_5g(*profile).empty());
  const Inventory& inv = testing::network("GB", 5000, 5);
  std::size_t huawei_5g = 0;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    if (vendor_of(inv, e) != "huawei" || !(inv.elements.generation[e] & kGen5G)) continue;
    ++huawei_5g;
    EXPECT_GE(inv.elements.installed[e], rollout_start(kGen5G)) << id_of(inv, e);
    EXPECT_LE(inv.elements.installed[e], *parse_date("2020-12-31")) << id_of(inv, e);
  }
  EXPECT_GT(huawei_5g, 100U);
}

// A profile whose operator builds 5G but whose every RAN vendor is cut off from it.
constexpr const char* kNo5GVendor =
    "country: AU\n"
    "name: Test\n"
    "as_of: 2020-12-31\n"
    "capital: Canberra\n"
    "sources: [{title: t}]\n"
    "bbox: {lat_min: -43.8, lat_max: -10.5, lon_min: 112.9, lon_max: 153.7}\n"
    "operators:\n"
    "  - id: tpg\n"
    "    subscribers: 10\n"
    "    site_share: 1.0\n"
    "    generations: {4G: 0.7, 4G+5G: 0.3}\n"
    "    ran: {huawei: 1.0}\n"
    "    core: {huawei: 0.5, zte: 0.5}\n"
    "    transport: {cisco: 1.0}\n"
    "install_cutoffs:\n"
    "  - {vendor: huawei, generation: 5G, after: 2018-08-23}\n"
    "  - {vendor: zte, generation: 5G, after: 2018-08-23}\n";

TEST(InstallCutoffs, AProfileLeavingAnOperatorNoVendorForAGenerationIsRefusedAtItsLine) {
  auto p = load_profile(kNo5GVendor, "profiles/T.yaml");
  ASSERT_FALSE(p);
  std::set<std::int64_t> lines;
  for (const auto& d : p.error()) {
    lines.insert(d.line);
    EXPECT_NE(d.message.find("install_cutoffs"), std::string::npos) << d.to_string();
    EXPECT_NE(d.message.find("5G"), std::string::npos) << d.to_string();
  }
  EXPECT_EQ(lines, (std::set<std::int64_t>{12, 13})) << p.error().front().to_string();  // ran, core
  // Built in code, past the reader, the same profile is an error from generate(), not a crash.
  auto ok = builtin_profile("AU");
  ASSERT_TRUE(ok);
  CountryProfile in_code = *ok;
  for (auto& op : in_code.operators) op.ran = {{"huawei", 1.0}};
  auto inv = generate(in_code, *data::embedded("cities.csv"), {.sites = 200});
  ASSERT_FALSE(inv);
  EXPECT_NE(inv.error().front().message.find("install_cutoffs"), std::string::npos)
      << inv.error().front().to_string();
}

TEST(InstallCutoffs, AFourGOnlyOperatorMayKeepAVendorCutOffFrom5G) {
  std::string yaml = kNo5GVendor;
  yaml.replace(yaml.find("{4G: 0.7, 4G+5G: 0.3}"), 21, "{4G: 1.0}");
  yaml.replace(yaml.find("{huawei: 0.5, zte: 0.5}"), 23, "{huawei: 0.5, nokia: 0.5}");
  auto p = load_profile(yaml, "profiles/T.yaml");
  ASSERT_TRUE(p) << p.error().front().to_string();
}

}  // namespace
}  // namespace netvet::gen
