#pragma once
// The policies in force and the assessments the service makes under them (docs/service.md,
// "Policies in force"). An admin sets which packs every submission is assessed against
// and as of which date; the service then assesses each submission once it is stored, as
// `POST /v1/assessments` would (the same `assess` and the same store call), on behalf of
// whoever submitted it. A submission is committed before it is assessed, so a failed or
// interrupted assessment never costs a submission; `assess_pending` makes, when the
// service starts, what a server killed in between left unmade.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "server/api.h"
#include "server/assessment.h"
#include "store/store.h"

namespace netvet::server {

inline constexpr std::string_view kServiceActor = "service";

// Who the service is when it assesses for a submitter: an analyst (the least role that
// makes assessments) with actor id "service", named "netvet serve for <submitter's token id>"
// in the audit log and the assessment's requested_by "service".
store::Caller service_caller(std::string_view on_behalf_of);

// The date an assessment under `policies` is made as of, for a submission received at
// `received` (a UTC timestamp): that day ("submission"), today ("today"), or the fixed date.
Date policies_as_of(const store::PoliciesInForce& policies, std::string_view received);

// An assessment made and stored, or why not: the assessment could not be made (its
// problems: a requester's 400), or the store did not keep it (503).
struct StoredAssessment {
  store::AssessmentMeta meta;
  AssessmentOutput output;
};
struct AssessmentFailure {
  bool not_stored = false;  // the store failed; else the assessment itself could not be made
  Diagnostics problems;
};
std::variant<StoredAssessment, AssessmentFailure> assess_and_store(store::Store& store, const store::Caller& by,
                                                                   const ApiOptions& options,
                                                                   const store::SubmissionMeta& submission,
                                                                   std::string_view document,
                                                                   const std::vector<std::string>& packs, Date as_of,
                                                                   std::int64_t policies_version = 0);

// The policies an admin names (built-in pack ids or their aliases, kept as the packs' own
// ids, each once; as_of "submission", "today" or YYYY-MM-DD), or what is wrong with them:
// an unknown id's problem lists the ids there are. Shared by PUT /v1/policies and
// `netvet in-force set`.
Result<store::NewPolicies> policies_named(const std::vector<std::string>& names, const std::string& as_of);

// A stored submission assessed under the policies in force, for the answer to its
// submitter: {id, policies_version, as_of, compliant, location}, or null and the reason.
struct AutomaticAssessment {
  nlohmann::ordered_json assessment;  // null when none was made
  std::string reason;                 // why none was made
};
AutomaticAssessment assess_under_policies(store::Store& store, const ApiOptions& options,
                                          const store::SubmissionMeta& submission, std::string_view document);

// Every operator's latest submission that has no assessment under the policies in force
// (a server killed between storing a submission and assessing it, or policies changed
// since) is assessed now. `netvet serve` calls it before it listens.
struct PendingReport {
  std::size_t assessed = 0;
  std::vector<std::string> failed;  // "<submission id>: why"
};
Result<PendingReport> assess_pending(store::Store& store, const ApiOptions& options);

}  // namespace netvet::server
