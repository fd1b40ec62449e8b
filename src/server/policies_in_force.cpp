#include "server/policies_in_force.h"

#include <fmt/format.h>

#include <algorithm>

#include "policy/pack.h"
#include "server/stored_document.h"

namespace netvet::server {

store::Caller service_caller(std::string_view on_behalf_of) {
  return {.role = store::Role::analyst,
          .operator_id = {},
          .actor_id = std::string(kServiceActor),
          .actor_name = fmt::format("netvet serve for {}", on_behalf_of)};
}

Result<store::NewPolicies> policies_named(const std::vector<std::string>& names, const std::string& as_of) {
  store::NewPolicies wanted{.packs = {}, .as_of = as_of};
  std::vector<std::string> unknown;
  for (const auto& name : names) {
    const auto id = policy::builtin_pack_id(name);
    if (!id) unknown.push_back(name);
    else if (std::find(wanted.packs.begin(), wanted.packs.end(), *id) == wanted.packs.end()) wanted.packs.push_back(*id);
  }
  if (!unknown.empty()) {
    std::string known, named;
    for (const auto& id : policy::builtin_pack_ids()) known += (known.empty() ? "" : ", ") + id;
    for (const auto& id : unknown) named += (named.empty() ? "'" : ", '") + id + "'";
    return fail(file_problem("policies", fmt::format("no built-in pack {}; the packs there are: {}", named, known)));
  }
  if (as_of != "submission" && as_of != "today" && !parse_date(as_of))
    return fail(file_problem("as_of", fmt::format("'{}' is neither \"submission\", \"today\" nor a date: {}", as_of,
                                                  date_problem(as_of))));
  return wanted;
}

Date policies_as_of(const store::PoliciesInForce& policies, std::string_view received) {
  if (policies.as_of == "today") return today();
  if (policies.as_of == "submission") return parse_date(received.substr(0, 10)).value_or(today());
  return parse_date(policies.as_of).value_or(today());
}

std::variant<StoredAssessment, AssessmentFailure> assess_and_store(store::Store& store, const store::Caller& by,
                                                                   const ApiOptions& options,
                                                                   const store::SubmissionMeta& submission,
                                                                   std::string_view document,
                                                                   const std::vector<std::string>& packs, Date as_of,
                                                                   std::int64_t policies_version) {
  auto output = assess(document, submission.media_type, offline_name(submission.id, submission.media_type), packs, as_of);
  if (!output) return AssessmentFailure{.not_stored = false, .problems = std::move(output.error())};
  auto stored = store.add_assessment(by, {.submission = submission.id,
                                          .operator_id = submission.operator_id,
                                          .as_of = format_date(as_of),
                                          .engine = options.engine,
                                          .packs = output->packs.dump(),
                                          .inventory_digest = submission.digest,
                                          .summary = output->summary.dump(),
                                          .check = output->check,
                                          .check_redacted = output->check_redacted,
                                          .policies_version = policies_version});
  if (!stored) return AssessmentFailure{.not_stored = true, .problems = std::move(stored.error())};
  return StoredAssessment{.meta = std::move(*stored), .output = std::move(*output)};
}

namespace {

AutomaticAssessment assess_for(store::Store& store, const ApiOptions& options, const store::PoliciesInForce& policies,
                               const store::SubmissionMeta& submission, std::string_view document) {
  const Date as_of = policies_as_of(policies, submission.received);
  auto made = assess_and_store(store, service_caller(submission.submitted_by), options, submission, document,
                               policies.packs, as_of, policies.version);
  if (auto* failed = std::get_if<AssessmentFailure>(&made)) {
    const std::string why = failed->problems.empty() ? "no detail" : failed->problems.front().to_string();
    return {nullptr, failed->not_stored
                         ? fmt::format("the assessment could not be stored ({}); the submission is kept, and is "
                                       "assessed when the service next starts",
                                       why)
                         : fmt::format("the assessment under policies version {} could not be made: {}",
                                       policies.version, why)};
  }
  const auto& meta = std::get<StoredAssessment>(made).meta;
  const auto& summary = std::get<StoredAssessment>(made).output.summary;
  return {{{"id", meta.id},
           {"policies_version", meta.policies_version},
           {"as_of", meta.as_of},
           {"compliant", summary.value("compliant", false)},
           {"location", "/v1/assessments/" + meta.id}},
          {}};
}

}  // namespace

AutomaticAssessment assess_under_policies(store::Store& store, const ApiOptions& options,
                                          const store::SubmissionMeta& submission, std::string_view document) {
  auto policies = store.policies_in_force(service_caller(submission.submitted_by));
  if (!policies)
    return {nullptr, "the policies in force could not be read; the submission is kept, and is assessed when the "
                     "service next starts"};
  if (!policies->has_value() || (*policies)->packs.empty())
    return {nullptr, "no policies are in force (an admin sets them: PUT /v1/policies)"};
  return assess_for(store, options, **policies, submission, document);
}

Result<PendingReport> assess_pending(store::Store& store, const ApiOptions& options) {
  const store::Caller reader = service_caller("start-up");
  PendingReport report;
  auto policies = store.policies_in_force(reader);
  if (!policies) return std::unexpected(policies.error());
  if (!policies->has_value() || (*policies)->packs.empty()) return report;
  auto operators = store.operators(reader);
  if (!operators) return std::unexpected(operators.error());
  for (const auto& id : *operators) {
    auto latest = store.operator_latest(reader, id);
    if (!latest) return std::unexpected(latest.error());
    if (!latest->has_value()) continue;
    const auto& [submission, assessment, seen] = **latest;
    // The version read with it: a change since is the next start's to catch up with.
    if (!seen || seen->packs.empty()) continue;
    if (assessment && assessment->policies_version == seen->version) continue;
    auto document = store.submission_body(reader, submission.id);
    if (!document) return std::unexpected(document.error());
    if (!document->has_value()) continue;
    auto made = assess_for(store, options, *seen, submission, **document);
    if (made.assessment.is_null()) report.failed.push_back(submission.id + ": " + made.reason);
    else ++report.assessed;
  }
  return report;
}

}  // namespace netvet::server
