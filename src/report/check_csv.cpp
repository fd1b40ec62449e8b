// Findings as CSV for spreadsheets, RFC 4180: CRLF between records, and a field quoted
// (quotes doubled) when it holds a comma, a quote, CR or LF. Written record by record
// into a buffer that goes to the output in runs: a national network has a million rows.
#include <fmt/format.h>

#include <iterator>
#include <sstream>

#include "report/check_formats.h"
#include "report/chunked_output.h"

namespace netvet::report {

namespace {

class CsvRecords {
 public:
  explicit CsvRecords(ChunkedOutput& out) : out_(out.buffer()) {}

  CsvRecords& field(std::string_view s) {
    if (fields_++ > 0) out_.push_back(',');
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      out_.append(s);
      return *this;
    }
    out_.push_back('"');
    for (const char c : s) {
      if (c == '"') out_.push_back('"');
      out_.push_back(c);
    }
    out_.push_back('"');
    return *this;
  }
  // Full precision: a spreadsheet user compares these with the limit themselves.
  CsvRecords& number(double v) {
    if (fields_++ > 0) out_.push_back(',');
    fmt::format_to(std::back_inserter(out_), "{}", v);
    return *this;
  }
  void end() {
    out_.append("\r\n");
    fields_ = 0;
  }

 private:
  std::string& out_;
  std::size_t fields_ = 0;
};

}  // namespace

void write_check_csv(const CheckReport& report, std::ostream& out) {
  ChunkedOutput chunks(out);
  CsvRecords csv(chunks);
  for (const std::string_view name :
       {"policy", "rule", "severity", "subject_kind", "subject_id", "operator", "vendor", "effective", "message",
        "clause", "value", "limit", "unit", "waived", "waiver", "source_title", "source_url", "remediation",
        "fingerprint"})
    csv.field(name);
  csv.end();
  for (const Finding& f : report.findings) {
    const RuleInfo& rule = rule_of(report, f);
    const Source& source = source_of(report, f);
    csv.field(rule.policy).field(rule.rule).field(severity_name(f.severity)).field(subject_name(f.subject_kind));
    csv.field(f.subject_id).field(f.op).field(f.vendor);
    csv.field(f.effective == kNoDate ? "" : format_date(f.effective)).field(message_of(report, f)).field(f.clause);
    if (f.measured) csv.number(f.measured->value).number(f.measured->limit).field(unit_name(f.measured->unit));
    else csv.field("").field("").field("");
    csv.field(f.waived ? "yes" : "no").field(f.waiver).field(source.title).field(source.url).field(rule.remediation);
    csv.field(finding_fingerprint(report, f));
    csv.end();
    chunks.spill();
  }
  chunks.flush();
}

std::string check_csv(const CheckReport& report) {
  std::ostringstream text;
  write_check_csv(report, text);
  return std::move(text).str();
}

}  // namespace netvet::report
