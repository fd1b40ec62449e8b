#include "report/diagnostics_report.h"

#include <fmt/format.h>

namespace netvet::report {

std::string diagnostics_text(const Diagnostics& diagnostics, bool style) {
  std::string out;
  for (const auto& d : diagnostics) {
    const bool error = d.severity == Severity::error;
    const char* label = error ? "error" : "warning";
    if (style) out += fmt::format("\033[{}m{}\033[0m: {}\n", error ? "1;31" : "1;33", label, d.to_string());
    else out += fmt::format("{}: {}\n", label, d.to_string());
  }
  return out;
}

nlohmann::ordered_json diagnostics_json(const Diagnostics& diagnostics) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& problem : diagnostics) {
    const Diagnostic d = problem.for_display();
    nlohmann::ordered_json j = {{"severity", d.severity == Severity::error ? "error" : "warning"},
                                {"file", d.file}};
    if (d.row > 0) j["row"] = d.row;
    if (d.line > 0) j["line"] = d.line;
    if (d.col > 0) j["col"] = d.col;
    if (!d.pointer.empty()) j["pointer"] = d.pointer;
    if (!d.column.empty()) j["column"] = d.column;
    if (!d.value.empty()) j["value"] = d.value;
    j["message"] = d.message;
    if (d.count > 1) j["count"] = d.count;
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace netvet::report
