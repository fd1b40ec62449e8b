// Findings as CSV for spreadsheets, RFC 4180: CRLF between records, and a field quoted
// (quotes doubled) when it holds a comma, a quote, CR or LF.
#include <fmt/format.h>

#include "report/check_formats.h"

namespace netvet::report {

namespace {

std::string field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += field(fields[i]);
  }
  out += "\r\n";
}

// Full precision: a spreadsheet user compares these with the limit themselves.
std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

std::string check_csv(const CheckReport& report) {
  std::string out;
  record(out, {"policy", "rule", "severity", "subject_kind", "subject_id", "operator", "vendor", "effective",
               "message", "clause", "value", "limit", "unit", "waived", "waiver", "source_title", "source_url",
               "remediation", "fingerprint"});
  for (const Finding& f : report.findings) {
    const Source& source = source_of(report, f);
    record(out, {f.policy, f.rule, std::string(severity_name(f.severity)), std::string(subject_name(f.subject_kind)),
                 f.subject_id, f.op, f.vendor, f.effective == kNoDate ? "" : format_date(f.effective), f.message,
                 f.clause, f.measured ? number(f.measured->value) : "", f.measured ? number(f.measured->limit) : "",
                 f.measured ? std::string(unit_name(f.measured->unit)) : "", f.waived ? "yes" : "no", f.waiver,
                 source.title, source.url, f.remediation, finding_fingerprint(f)});
  }
  return out;
}

}  // namespace netvet::report
