// Evaluation speed on a million-element network: five packs (gb and four stand-ins shaped
// like the other regimes) as of one date, loading excluded. Disabled by default, because a
// timing on a shared machine is not a pass/fail fact; run it with
//   policy_test --gtest_also_run_disabled_tests --gtest_filter='*Performance*'

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "test_net.h"

namespace netvet::policy {
namespace {

Inventory million_elements() {
  std::mt19937 rng(7);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  InventoryBuilder b;
  b.reserve(100'000, 1'000'000, 0);
  const char* ops[] = {"ee", "vodafone", "o2", "three"};
  const char* ran_vendors[] = {"huawei", "ericsson", "nokia", "samsung", "zte"};
  const char* ran[] = {"ru", "ru", "ru", "du", "gnb", "enb", "antenna", "antenna", "csr"};
  const char* core[] = {"amf", "smf", "upf", "ausf", "udm", "router", "optical", "ems", "oss", "sepp"};
  const auto& vocabulary = FunctionVocabulary::builtin();
  for (int o = 0; o < 4; ++o) b.add_operator({.id = ops[o], .country = *parse_country("GB"), .subscribers = 20'000'000});
  std::size_t element = 0;
  for (int s = 0; s < 100'000 && element < 1'000'000; ++s) {
    const bool is_core = s % 500 == 0;
    const std::string site_id = fmt::format("S{}", s);
    const std::string region = fmt::format("R{}", s % 12);
    const auto site = *b.add_site({.id = site_id, .op = static_cast<Index>(s % 4), .kind = is_core ? SiteKind::core : SiteKind::cell,
                                   .lat = 50.0 + static_cast<double>(pick(80000)) / 10000.0,
                                   .lon = -5.0 + static_cast<double>(pick(70000)) / 10000.0,
                                   .region = region, .subscribers = static_cast<std::int64_t>(pick(3000))});
    const char* site_vendor = ran_vendors[pick(100) < 30 ? 0 : 1 + pick(4)];
    for (int k = 0; k < 10 && element < 1'000'000; ++k, ++element) {
      const char* function = is_core ? core[pick(10)] : ran[pick(9)];
      b.add_element({.id = fmt::format("E{}", element), .site = site, .function = *vocabulary.find(function),
                     .vendor = pick(10) == 0 ? ran_vendors[pick(5)] : site_vendor, .model = "M1",
                     .generation = static_cast<Generations>(pick(2) ? kGen4G | kGen5G : kGen4G),
                     .installed = date_from_ymd(2015 + static_cast<int>(pick(10)), 1 + static_cast<unsigned>(pick(12)), 1)});
    }
  }
  for (int f = 0; f < 300; ++f) {
    b.add_facility({.id = fmt::format("F{}", f), .kind = f % 2 ? FacilityKind::military : FacilityKind::nuclear,
                    .lat = 50.0 + static_cast<double>(pick(80000)) / 10000.0, .lon = -5.0 + static_cast<double>(pick(70000)) / 10000.0,
                    .owner = *parse_country("GB")});
  }
  b.add_evidence({.subject_kind = SubjectKind::vendor, .subject_text = "vendor:ericsson", .vendor = b.vendor("ericsson"),
                  .type = EvidenceType::certification, .scheme = "BSI TR-03163"});
  return std::move(b).finish();
}

// Stand-ins for the eu-toolbox, de, us and ca packs, shaped like regimes.md describes.
std::string stand_in(std::string_view id) {
  return fmt::format(R"(id: {0}
title: Stand-in {0}
jurisdiction: XX
version: "0"
reflects: 2025-01-01
sources: [{{id: s, title: S}}]
designations:
  hrv: [huawei, zte]
rules:
  - {{id: core, title: t, kind: forbid, severity: critical, effective: 2020-01-01, sources: [s], remediation: r,
      select: "vendor in hrv and domain in [core, management, interconnect]"}}
  - {{id: new, title: t, kind: forbid, severity: high, effective: 2020-01-01, sources: [s], remediation: r,
      select: "vendor in hrv and installed >= 2022-09-01 and generation in ['4G', '5G']"}}
  - {{id: g5, title: t, kind: forbid, severity: high, effective: 2024-06-28, sources: [s], remediation: r,
      select: "vendor in hrv and generation has '5G'"}}
  - {{id: cert, title: t, kind: require, severity: high, effective: 2026-01-01, sources: [s], remediation: r,
      select: domain == core and plane == control, evidence: {{type: certification, scheme: BSI TR-03163}}}}
  - {{id: multi, title: t, kind: diversity, severity: medium, effective: 2020-01-01, sources: [s], remediation: r,
      select: domain == ran, min_vendors: 2, max_share: 60%}}
  - {{id: cap, title: t, kind: cap, severity: high, effective: 2020-01-01, sources: [s], remediation: r,
      select: vendor in hrv, within: domain == ran, per: region, unit: subscribers, limit: 30%}}
)",
                     id);
}

TEST(DISABLED_Performance, FivePacksOnAMillionElements) {
  const auto t0 = std::chrono::steady_clock::now();
  const Inventory inv = million_elements();
  const auto t1 = std::chrono::steady_clock::now();
  std::vector<Pack> packs;
  packs.push_back(*builtin_pack("gb"));
  for (const auto* id : {"eu-toolbox", "de", "us", "ca"}) packs.push_back(testing::pack_of(stand_in(id)));
  for (const auto* as_of : {"2026-11-22", "2028-01-01"}) {
    EvaluationOptions options;
    options.as_of = testing::day(as_of);
    const auto t2 = std::chrono::steady_clock::now();
    const auto e = evaluate(packs, inv, options);
    const auto t3 = std::chrono::steady_clock::now();
    ASSERT_TRUE(e);
    std::size_t rules = 0;
    for (const auto& r : e->rules) rules += r.in_force ? 1 : 0;
    fmt::print("build {} elements: {:.2f} s; evaluate as of {} ({} rules in force): {:.3f} s, {} findings, {} measures\n",
               inv.elements.size(), std::chrono::duration<double>(t1 - t0).count(), as_of, rules,
               std::chrono::duration<double>(t3 - t2).count(), e->findings.size(), e->measures.size());
    for (const auto& r : e->rules) {
      if (r.seconds > 0.005) fmt::print("  {:<12} {:<20} {:<10} {:.3f} s {} findings\n", r.policy, r.rule, name_of(r.kind), r.seconds, r.findings);
    }
    EXPECT_GT(e->findings.size(), 0U);
  }
}

}  // namespace
}  // namespace netvet::policy
