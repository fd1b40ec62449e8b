#pragma once
// `netvet alliance` output (shared/spec/alliance.md, "Output"): per country of a scenario,
// each sharing rule's verdict and the sentence of facts behind it, and the overall verdict
// per scope. Footprint, to_change and projection are not judged yet (alliance/alliance.h)
// and are left out rather than written empty.

#include <nlohmann/json.hpp>

#include <string>

#include "alliance/alliance.h"

namespace netvet::report {

// For people, in a terminal: the rules, numbered; a matrix of countries by rules with the
// overall verdicts; then per country why each rule gives what it gives.
std::string alliance_text(const alliance::AllianceReport& report, bool style);

nlohmann::ordered_json alliance_json(const alliance::AllianceReport& report);

// For people, in a browser: one self-contained page (nothing fetched) with the matrix of
// countries by rules, coloured by verdict, and per country the footprint, what would
// change each verdict, the projection over its own deadlines and the partner's facilities.
// It is alliance_html_page of alliance_json(report).
std::string alliance_html(const alliance::AllianceReport& report);
// The page for a report's JSON as alliance_json writes it. Members it does not find are
// left out of the page, so a report of any version renders; tests render a sample with
// every section through it.
std::string alliance_html_page(const nlohmann::ordered_json& report);

}  // namespace netvet::report
