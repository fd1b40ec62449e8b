#pragma once
// The check JSON, SARIF and CSV renderers as they were before they streamed: whole
// nlohmann trees dumped at the end, and CSV records assembled field list by field list,
// with the what-if and baseline additions placed as `netvet check` placed them. Kept
// as the reference the streamed output must equal byte for byte.

#include <nlohmann/json.hpp>

#include <string>

#include "report/check_report.h"

namespace netvet::report::testing {

nlohmann::ordered_json reference_check_json(const CheckReport& report);
nlohmann::ordered_json reference_check_sarif(const CheckReport& report);
std::string reference_check_csv(const CheckReport& report);

}  // namespace netvet::report::testing
