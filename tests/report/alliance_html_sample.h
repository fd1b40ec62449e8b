#pragma once
// The sample alliance report the HTML tests render: every section of the JSON that
// shared/spec/alliance.md gives `netvet alliance` (tests/fixtures/alliance/report/).

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace netvet::testing {

inline constexpr const char* kAllianceSample = NETVET_FIXTURES "/alliance/report/sample.json";

inline nlohmann::ordered_json alliance_sample() {
  std::ifstream in(kAllianceSample);
  if (!in) throw std::runtime_error(std::string("cannot read ") + kAllianceSample);
  return nlohmann::ordered_json::parse(in);
}

}  // namespace netvet::testing
