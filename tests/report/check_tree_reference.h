#pragma once
// The check JSON, SARIF, CSV and JUnit renderers as they were before they streamed: whole
// nlohmann trees dumped at the end, CSV records assembled field list by field list, and
// JUnit cases found by a pass over every finding per rule and operator,
// with the what-if and baseline additions placed as `netvet check` placed them. Kept
// as the reference the streamed output must equal byte for byte.

#include <nlohmann/json.hpp>

#include <string>

#include "report/check_report.h"

namespace netvet::report::testing {

nlohmann::ordered_json reference_check_json(const CheckReport& report);
nlohmann::ordered_json reference_check_sarif(const CheckReport& report);
std::string reference_check_csv(const CheckReport& report);
std::string reference_check_junit(const CheckReport& report);

}  // namespace netvet::report::testing
