#pragma once
// `netvet alliance` output (shared/spec/alliance.md, "Output"): per country of a scenario,
// each sharing rule's verdict and the sentence of facts behind it, and the overall verdict
// per scope. Footprint, to_change and projection are not judged yet (alliance/alliance.h)
// and are left out rather than written empty.

#include <nlohmann/json.hpp>

#include <string>

#include "alliance/alliance.h"

namespace netvet::report {

// For people: the rules, numbered; a matrix of countries by rules with the overall
// verdicts; then per country why each rule gives what it gives.
std::string alliance_text(const alliance::AllianceReport& report, bool style);

nlohmann::ordered_json alliance_json(const alliance::AllianceReport& report);

}  // namespace netvet::report
