#pragma once
// `netvet check` output in every format it offers: the door the application includes.
// Each renderer lives in its own check_<format>.cpp and takes the plain CheckReport
// (report/check_report.h); none of them reads the policy engine.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <ostream>
#include <string>

#include "model/inventory.h"
#include "report/check_report.h"

namespace netvet::report {

// For people: findings grouped by rule, each rule with "x of N" per operator, its
// source, its measures against their limits and a table of findings that explain
// themselves. `style` adds bold and colour (for terminals only). `max_per_rule` > 0
// lists at most that many findings per rule and counts the rest ("and 1,234 more"), so
// that a national network's million findings stay a readable summary.
std::string check_text(const CheckReport& report, bool style, std::size_t max_per_rule = 0);

// The `check` document of shared/spec/cli.md, indented by two spaces, with a final
// newline. Keys beyond the contract are added (fingerprint, waived, clause, source,
// remediation; count and total of measures; summary.waived, summary.baseline; the
// what-if assumptions), never renamed. Written to `out` finding by finding, so that a
// national network's million findings never exist as one document in memory.
void write_check_json(const CheckReport& report, std::ostream& out);
// The same document read back as a tree, for small reports and tests.
nlohmann::ordered_json check_json(const CheckReport& report);

// SARIF 2.1.0 for code-scanning dashboards: one rule per policy rule, one result per
// finding with a logical location (the subject) and a stable partial fingerprint;
// waived findings carry an external suppression; the run's properties hold the date,
// the what-if assumptions and the baseline. Streamed as write_check_json is.
void write_check_sarif(const CheckReport& report, std::ostream& out);
nlohmann::ordered_json check_sarif(const CheckReport& report);

// JUnit XML for CI dashboards: a testsuite per policy, a testcase per rule and operator,
// a <failure> listing the unwaived findings of each failing one. Streamed.
void write_check_junit(const CheckReport& report, std::ostream& out);
std::string check_junit(const CheckReport& report);

// CSV for spreadsheets (RFC 4180: CRLF, quotes doubled): a header, then one row per
// finding, streamed.
void write_check_csv(const CheckReport& report, std::ostream& out);
std::string check_csv(const CheckReport& report);

struct HtmlOptions {
  // Caps that keep the file openable for national networks; the report says when
  // it shows fewer than there are.
  std::size_t max_map_sites = 6000;
  std::size_t max_table_findings = 20000;
  std::size_t max_facilities = 2000;  // facilities whose chain the exposure section draws
};

// One self-contained HTML page (inline CSS, JS, data and country outlines; no network):
// summary, per-operator shares against caps, the findings table with filters, a map of
// sites coloured by their worst finding and, when the inventory lists facilities, their
// exposure: each facility's chain of unavoidable elements from its cells to the core,
// coloured by vendor, and what survives each vendor's outage (the exposure page's
// sections, report/exposure_html.cpp).
std::string check_html(const CheckReport& report, const Inventory& inventory, const HtmlOptions& options = {});

// RFC 7946 FeatureCollection of the inventory's sites with coordinates (longitude
// first), each with its id, operator, kind, number of unwaived findings and the worst
// severity among them ("none" without findings).
nlohmann::ordered_json sites_geojson(const CheckReport& report, const Inventory& inventory);

}  // namespace netvet::report
