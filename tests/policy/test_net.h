#pragma once
// Small inventories for policy tests, built row by row with InventoryBuilder.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/builder.h"
#include "policy/evaluate.h"
#include "policy/pack.h"

namespace netvet::policy::testing {

class Net {
 public:
  Index op(std::string_view id) { return *b.add_operator({.id = id}); }
  Index site(std::string_view id, Index op, SiteKind kind = SiteKind::cell, std::string_view region = {},
             std::int64_t subscribers = kNoCount, double lat = kNoCoordinate, double lon = kNoCoordinate) {
    return *b.add_site({.id = id, .op = op, .kind = kind, .lat = lat, .lon = lon, .region = region, .subscribers = subscribers});
  }
  Index element(std::string_view id, Index site, std::string_view function, std::string_view vendor,
                Generations generation = 0, Date installed = kNoDate, std::string_view model = {}) {
    const auto f = FunctionVocabulary::builtin().find(function);
    return *b.add_element({.id = id, .site = site, .function = *f, .vendor = vendor, .model = model,
                           .generation = generation, .installed = installed});
  }
  Inventory finish() && { return std::move(b).finish(); }

  InventoryBuilder b;
};

inline Date day(std::string_view iso) { return *parse_date(iso); }

inline Pack pack_of(std::string_view yaml) {
  auto pack = parse_pack(yaml, "test.yaml");
  if (!pack) {
    std::string all;
    for (const auto& d : pack.error()) all += d.to_string() + "\n";
    ADD_FAILURE() << all;
    return {};
  }
  return std::move(*pack);
}

// An evaluation with its findings as text (made while the inventory is at hand).
struct Run {
  std::vector<FindingRecord> findings;
  std::vector<Measure> measures;
  std::vector<RuleOutcome> rules;
};

inline Run run(const Pack& pack, const Inventory& inv, std::string_view as_of, std::vector<ParamOverride> params = {}) {
  EvaluationOptions options;
  options.as_of = day(as_of);
  options.params = std::move(params);
  auto out = evaluate(std::span<const Pack>(&pack, 1), inv, options);
  if (!out) {
    ADD_FAILURE() << out.error().front().to_string();
    return {};
  }
  return Run{records_of(*out, inv), std::move(out->measures), std::move(out->rules)};
}

// "element:E1" for each finding, in order.
inline std::vector<std::string> subjects(const Run& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(std::string(name_of(f.kind)) + ":" + f.subject);
  return out;
}

// The common head of a test pack; rules follow.
inline constexpr std::string_view kPackHead = R"(id: t
title: Test pack
jurisdiction: GB
version: "1"
reflects: 2025-01-01
sources:
  - id: src
    title: A source
    url: https://example.org
parameters:
  cap_unit: {value: sites, allowed: [sites, elements, subscribers]}
  cap_limit: 35%
designations:
  hrv: [huawei, zte]
rules:
)";

inline std::string with_rules(std::string_view rules) { return std::string(kPackHead) + std::string(rules); }

}  // namespace netvet::policy::testing
