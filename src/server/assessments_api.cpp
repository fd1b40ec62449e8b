// /v1/assessments: staff run `check` on a submission; everyone reads what concerns them.
#include <fmt/format.h>

#include "server/assessment.h"
#include "server/policies_in_force.h"
#include "server/routes.h"
#include "server/stored_document.h"

namespace netvet::server {
namespace {

Response not_found(const std::string& id) { return error_response(404, fmt::format("no assessment {}", id)); }

// An analyst asking for an assessment made before redacted checks were kept (migration 3):
// there is nothing it may read, and the full check names facilities.
Response made_before_redaction(const std::string& id) {
  return error_response(409, fmt::format("assessment {} was made before the service kept checks with facilities "
                                         "redacted, which is what analysts read; assess its submission again",
                                         id));
}

nlohmann::ordered_json assessment_json(const store::AssessmentMeta& meta) {
  const auto parse = [](const std::string& text) { return nlohmann::ordered_json::parse(text, nullptr, false); };
  return {{"id", meta.id},
          {"submission", meta.submission},
          {"operator", meta.operator_id},
          {"created", meta.created},
          {"as_of", meta.as_of},
          {"engine", meta.engine},
          {"packs", parse(meta.packs)},
          {"inventory_digest", meta.inventory_digest},
          {"requested_by", meta.requested_by},
          {"audit_index", meta.audit_index},
          // Made by the service under this version of the policies in force; null: on request.
          {"policies_version", meta.policies_version > 0 ? nlohmann::ordered_json(meta.policies_version) : nullptr},
          {"summary", parse(meta.summary)}};
}

// The request body {submission, policies, as_of}, or the 400 to answer.
struct AssessmentRequest {
  std::string submission;
  std::vector<std::string> policies;
  Date as_of = kNoDate;
};
std::variant<AssessmentRequest, Response> read_request(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return error_response(400, "the body is not a JSON object {submission, policies, as_of}");
  AssessmentRequest request;
  if (!json.contains("submission") || !json["submission"].is_string())
    return error_response(400, "'submission' must be a submission id (text)");
  request.submission = json["submission"];
  if (!json.contains("policies") || !json["policies"].is_array() || json["policies"].empty())
    return error_response(400, "'policies' must be a list of built-in pack ids, such as [\"gb\"]");
  for (const auto& id : json["policies"]) {
    if (!id.is_string()) return error_response(400, "'policies' must hold pack ids (text)");
    request.policies.push_back(id);
  }
  request.as_of = today();
  if (json.contains("as_of")) {
    const std::string text = json["as_of"].is_string() ? json["as_of"].get<std::string>() : json["as_of"].dump();
    const auto date = parse_date(text);
    if (!date) return error_response(400, fmt::format("'as_of' '{}' is not a date: {}", text, date_problem(text)));
    request.as_of = *date;
  }
  return request;
}

// What an analyst is told of a document that no longer reads: problems in its facilities
// rows keep their place (the JSON pointer) but not their value or wording, which may quote
// a facility's name or coordinates.
Diagnostics shown_to(const store::Caller& caller, Diagnostics problems) {
  if (caller.role != store::Role::analyst) return problems;
  for (Diagnostic& problem : problems) {
    if (!problem.pointer.starts_with("/facilities")) continue;
    problem.value.clear();
    problem.message = "this facility row does not read with this engine; agencies and admins see why";
  }
  return problems;
}

}  // namespace

Response post_assessment(Context& context) {
  auto read = read_request(context.request.body);
  if (auto* refused = std::get_if<Response>(&read)) return std::move(*refused);
  const auto& request = std::get<AssessmentRequest>(read);
  auto submission = context.store.submission(context.caller, request.submission);
  if (!submission) return store_unreadable();
  if (!submission->has_value())
    return error_response(400, fmt::format("'submission' {} is not a submission", request.submission));
  auto document = context.store.submission_body(context.caller, request.submission);
  if (!document || !document->has_value()) return store_unreadable();
  // The same path as the service's own assessments under the policies in force.
  auto made = assess_and_store(context.store, context.caller, context.options, **submission, **document,
                               request.policies, request.as_of);
  if (auto* failed = std::get_if<AssessmentFailure>(&made)) {
    if (failed->not_stored)
      return error_response(503, "the assessment could not be stored; nothing was kept. Try again later");
    return error_response(400, "the assessment cannot be made", shown_to(context.caller, failed->problems));
  }
  const auto& [stored, output] = std::get<StoredAssessment>(made);
  auto body = assessment_json(stored);
  // An analyst reads the redacted check, so its offline command writes that one.
  body["reproduce"] = context.caller.role == store::Role::analyst ? output.reproduce_redacted : output.reproduce;
  Response response = json_response(201, body);
  response.headers.emplace_back("Location", "/v1/assessments/" + stored.id);
  return response;
}

Response get_assessment(Context& context) {
  const std::string& id = context.path.at("id");
  auto found = context.store.assessment_with_check(context.caller, id);
  if (!found) return store_unreadable();
  if (!found->has_value()) return not_found(id);
  const auto& [meta, check] = **found;
  if (check.empty()) return made_before_redaction(id);
  // The stored check goes in as it is, not parsed and written again: it can be megabytes,
  // and this is the read dashboards make.
  std::string body = assessment_json(meta).dump(2);
  body.resize(body.rfind('}'));
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  body += ",\n  \"check\": ";
  body += check;
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  body += "\n}\n";
  return {.status = 200, .content_type = "application/json", .body = std::move(body), .headers = {}};
}

Response get_assessment_check(Context& context) {
  const std::string& id = context.path.at("id");
  auto check = context.store.assessment_check(context.caller, id);
  if (!check) return store_unreadable();
  if (!check->has_value()) return not_found(id);
  if ((*check)->empty()) return made_before_redaction(id);
  return {.status = 200, .content_type = "application/json", .body = std::move(**check), .headers = {}};
}

}  // namespace netvet::server
