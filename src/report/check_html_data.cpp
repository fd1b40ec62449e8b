// The data of the HTML report's findings table and map. Findings are arrays with
// repeated strings (policies, operators, vendors) as indices into lists, which keeps
// a page of twenty thousand findings to a few megabytes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "report/html/page_data.h"

namespace netvet::report::html {

namespace {

using json = nlohmann::json;

// Strings to their first index, in order of first use.
class Interner {
 public:
  std::size_t operator()(std::string_view s) {
    if (const auto it = index_.find(s); it != index_.end()) return it->second;
    index_.emplace(s, list_.size());
    list_.emplace_back(s);
    return list_.size() - 1;
  }
  const std::vector<std::string>& list() const { return list_; }

 private:
  std::map<std::string, std::size_t, std::less<>> index_;
  std::vector<std::string> list_;
};

// Rounded to about a metre: the page stays small and the map loses nothing.
double coordinate(double v) { return std::round(v * 1e5) / 1e5; }

std::string why(const Finding& f) {
  std::string text;
  if (!f.clause.empty()) text = fmt::format("matched {}", f.clause);
  if (f.measured) text += fmt::format("{}measured {}", text.empty() ? "" : "; ", measured_text(*f.measured));
  return text;
}

}  // namespace

json page_data(const CheckReport& report, const Inventory& inv, const MapSelection& map, const HtmlOptions& options) {
  Interner policies, operators, vendors;
  for (const PolicyRef& p : report.policies) policies(p.id);
  for (const OperatorInfo& o : report.operators) operators(o.id);

  // In all_rules' order, in which a finding's `rule` is its index.
  json rules = json::array();
  for (const RuleInfo& r : all_rules(report)) {
    rules.push_back({{"key", rule_key(r.policy, r.rule)}, {"title", r.title}, {"policy", policies(r.policy)},
                     {"source_title", r.source.title}, {"source_url", r.source.url}});
  }

  // The most severe first, unwaived before waived, when the page cannot hold them all.
  std::vector<std::size_t> order(report.findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) {
    const Finding &x = report.findings[a], &y = report.findings[b];
    return std::pair(x.waived, x.severity) < std::pair(y.waived, y.severity);
  });
  if (order.size() > options.max_table_findings) order.resize(options.max_table_findings);
  std::ranges::sort(order);  // back to the engine's order, which the table starts from

  json findings = json::array();
  for (const std::size_t i : order) {
    const Finding& f = report.findings[i];
    const Index site = site_of(inv, f);
    // The finding's own source only when it has one.
    const Source* own = f.source != nullptr && has_source(*f.source) ? f.source : nullptr;
    findings.push_back(json::array({f.rule, static_cast<int>(f.severity), subject_name(f.subject_kind), f.subject_id,
                                    operators(f.op), vendors(f.vendor),
                                    f.effective == kNoDate ? "" : format_date(f.effective), message_of(report, f), why(f),
                                    f.waived ? 1 : 0, f.waiver,
                                    site == kNoIndex ? std::string_view() : inv.str(inv.sites.id[site]),
                                    rule_of(report, f).remediation, own ? own->title : "", own ? own->url : ""}));
  }

  json sites = json::array();
  for (const MapSite& m : map.sites) {
    const Index op = inv.sites.op[m.site];
    sites.push_back(json::array({coordinate(inv.sites.lon[m.site]), coordinate(inv.sites.lat[m.site]), m.worst,
                                 m.findings, inv.str(inv.sites.id[m.site]),
                                 operators(op == kNoIndex ? std::string() : std::string(inv.str(inv.operators.id[op])))}));
  }

  json severities = json::array();
  for (std::size_t i = 0; i < kSeverityCount; ++i) severities.push_back(severity_name(static_cast<FindingSeverity>(i)));
  return {{"severities", severities},
          {"rules", std::move(rules)},
          {"policies", policies.list()},
          {"operators", operators.list()},
          {"vendors", vendors.list()},
          {"findings", std::move(findings)},
          {"findings_total", report.findings.size()},
          {"map", {{"sites", std::move(sites)}, {"located", map.located}, {"flagged", map.located_flagged}}}};
}

}  // namespace netvet::report::html
