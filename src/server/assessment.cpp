#include "server/assessment.h"

#include <fmt/format.h>

#include <map>
#include <sstream>

#include "data/embedded.h"
#include "io/inventory_io.h"
#include "policy/evaluate.h"
#include "policy/pack.h"
#include "policy/timeline.h"
#include "report/check_formats.h"
#include "report/check_from_policy.h"
#include "server/stored_document.h"
#include "store/digest.h"

namespace netvet::server {
namespace {

constexpr std::size_t kDeadlinesShown = 10;

nlohmann::ordered_json summary_of(const report::CheckReport& report, const policy::Timeline& timeline,
                                  std::span<const policy::Pack> packs) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::object();
  for (const auto& pack : packs) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (std::uint8_t s = 0; s < report::kSeverityCount; ++s)
      counts[std::string(report::severity_name(static_cast<report::FindingSeverity>(s)))] = 0;
    findings[pack.id] = counts;
  }
  for (const auto& finding : report.findings) {
    const auto& rule = report::rule_of(report, finding);
    auto& count = findings[rule.policy][std::string(report::severity_name(rule.severity))];
    count = count.get<std::int64_t>() + 1;
  }
  nlohmann::ordered_json caps = nlohmann::ordered_json::array();
  for (const auto& measure : report.measures)
    caps.push_back({{"policy", measure.policy}, {"rule", measure.rule}, {"operator", measure.op},
                    {"scope", measure.scope}, {"value", measure.value}, {"limit", measure.limit},
                    {"at_least", measure.at_least}, {"ok", measure.ok}});
  nlohmann::ordered_json deadlines = nlohmann::ordered_json::array();
  std::vector<const policy::Obligation*> due;
  for (const auto& obligation : timeline.obligations) due.push_back(&obligation);
  std::stable_sort(due.begin(), due.end(), [](const auto* a, const auto* b) { return a->due < b->due; });
  for (const auto* obligation : due) {
    if (deadlines.size() == kDeadlinesShown) break;
    const auto& rule = timeline.rules[obligation->rule];
    deadlines.push_back({{"operator", obligation->op},
                         {"due", format_date(obligation->due)},
                         {"overdue", obligation->overdue},
                         {"rule", rule.rule},
                         {"policy", rule.policy},
                         {"action", obligation->action}});
  }
  return {{"compliant", report::summarize(report).compliant},
          {"findings", std::move(findings)},
          {"caps", std::move(caps)},
          {"deadlines", std::move(deadlines)}};
}

}  // namespace

Result<AssessmentOutput> assess(std::string_view document, std::string_view media_type, const std::string& name,
                                const std::vector<std::string>& pack_ids, Date as_of) {
  std::vector<policy::Pack> packs;
  Diagnostics problems;
  for (const auto& id : pack_ids) {
    auto pack = policy::builtin_pack(id);
    if (!pack) {
      problems.insert(problems.end(), pack.error().begin(), pack.error().end());
      continue;
    }
    packs.push_back(std::move(*pack));
  }
  if (!problems.empty()) return std::unexpected(std::move(problems));
  auto inventory = read_stored_document(document, media_type, name);
  if (!inventory) return std::unexpected(inventory.error());

  policy::EvaluationOptions options;
  options.as_of = as_of;
  auto evaluation = policy::evaluate(packs, *inventory, options);
  if (!evaluation) return std::unexpected(evaluation.error());
  // As `netvet check` names the inventory: its meta name, else the path it was given.
  report::FromPolicyOptions from;
  from.inventory_name = inventory->meta.name != kEmptyStr ? std::string(inventory->str(inventory->meta.name)) : name;
  auto mapped = report::check_report_of(packs, *evaluation, *inventory, from);
  std::ostringstream check;
  report::write_check_json(mapped.report, check);
  // What analysts read: mapped again from the same evaluation with facilities redacted
  // (mapping is cheap beside evaluating; messages are worded as they are written).
  from.redact_facilities = true;
  const auto redacted = report::check_report_of(packs, *evaluation, *inventory, from);
  std::ostringstream check_redacted;
  report::write_check_json(redacted.report, check_redacted);

  policy::TimelineOptions timeline_options;
  timeline_options.from = as_of;
  auto timeline = policy::build_timeline(packs, *inventory, timeline_options);
  if (!timeline) return std::unexpected(timeline.error());

  AssessmentOutput output;
  output.check = std::move(check).str();
  output.check_redacted = std::move(check_redacted).str();
  output.packs = nlohmann::ordered_json::array();
  std::string ids;
  for (const auto& pack : packs) {
    const auto text = data::embedded(fmt::format("policies/{}.yaml", pack.id));
    output.packs.push_back({{"id", pack.id},
                            {"version", pack.version},
                            {"digest", "sha256:" + store::sha256_hex(text.value_or(""))}});
    ids += (ids.empty() ? "" : ",") + pack.id;
  }
  output.summary = summary_of(mapped.report, *timeline, packs);
  output.reproduce = fmt::format("netvet check {} --policy {} --as-of {} --format json", name, ids, format_date(as_of));
  output.reproduce_redacted = output.reproduce + " --redact facilities";
  return output;
}

}  // namespace netvet::server
