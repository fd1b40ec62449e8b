#pragma once
// Internal to src/alliance: what judge() keeps of a rule's findings over a country's
// networks, and the one sentence of facts each verdict carries.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "alliance/alliance.h"
#include "policy/evaluate.h"

namespace netvet::alliance {

struct Tally {
  std::size_t findings = 0;       // facilities that cannot be vetted apart
  std::size_t unvetted = 0;
  std::size_t networks_with = 0;  // networks with at least one finding
  std::map<std::string, std::size_t> vendors;  // findings per vendor, where a finding names one
  std::string example;            // the first finding, in words, with its network
  std::string subject;            // "facility" for exposure rules, else "" (findings)
  std::vector<FacilityVerdict> facilities;
};

// A finding in words, without its rule's citation: "huawei gnb GB-C000012-gnb of ee (in
// 'generated, 3000 sites, seed 1')", or an exposure finding's message.
std::string example_of(const policy::Evaluation& evaluation, const Inventory& inventory, const policy::Finding& finding,
                       const std::string& network);

// "14 findings in the network of United Kingdom (huawei 14), e.g. ...; verdict restricted,
// by law in force." and the like for n/a, rules not in force and rules without findings.
std::string because(const RuleVerdict& verdict, const Tally& tally, const CountrySpec& country, Date as_of,
                    std::size_t networks);

}  // namespace netvet::alliance
