// The route table: every endpoint once, with who may call it, what it takes and answers.
#include "server/routes.h"

#include <charconv>

#include "report/diagnostics_report.h"

namespace netvet::server {

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"POST", "/v1/submissions", "createSubmission",
       "Submit an inventory: the JSON document, or the CSV bundle's table files as multipart/form-data (one part per "
       "file, its filename the table's: operators.csv ... meta.csv); validated as `netvet validate` does, stored "
       "immutably, byte for byte, with its receipt, then assessed under the policies in force",
       kSubmitters, post_submission, {"application/json", "multipart/form-data"}, {}, {201, 400, 413, 415}},
      {"GET", "/v1/submissions", "listSubmissions", "Submissions' metadata, newest first, a page at a time", kEveryRole,
       list_submissions, {},
       {{"limit", "Items per page, 1-500 (default 50)"}, {"cursor", "The `next` of the page before"}}, {200, 400}},
      {"GET", "/v1/submissions/{id}", "getSubmission", "One submission's metadata and receipt", kEveryRole,
       get_submission, {}, {}, {200, 404}},
      {"GET", "/v1/submissions/{id}/inventory", "getSubmissionInventory",
       "The stored document, byte-identical to what was submitted (it holds facility names and coordinates: "
       "operators read their own, agencies' reads are audited, analysts are refused)",
       kEveryRole, get_submission_inventory, {}, {}, {200, 404}},
      {"GET", "/v1/submissions/{id}/diff", "diffSubmission",
       "Elements added, removed and changed since the `against` submission, and vendor shares per operator and "
       "domain before and after",
       kEveryRole, get_submission_diff, {},
       {{"against", "Required: the id of the submission to compare with (before); {id} is after"}}, {200, 400, 404}},
      {"POST", "/v1/assessments", "createAssessment",
       "Run `netvet check` on a submission ({submission, policies: [pack ids], as_of}); stored with the engine, "
       "the packs' digests and the inventory's digest, with the check rendered in full and with facilities redacted",
       kStaff, post_assessment, {"application/json"}, {}, {201, 400}},
      {"GET", "/v1/assessments/{id}", "getAssessment",
       "An assessment: its check JSON (as `check`), engine, packs, inventory digest and summary. Analysts read "
       "the check with facilities redacted (409 for an assessment made before the service kept one)",
       kEveryRole, get_assessment, {}, {}, {200, 404, 409}},
      {"GET", "/v1/assessments/{id}/check", "getAssessmentCheck",
       "The check JSON alone, byte for byte what `netvet check --format json` writes offline (analysts: with "
       "`--redact facilities`; 409 for an assessment made before the service kept that)",
       kEveryRole, get_assessment_check, {}, {}, {200, 404, 409}},
      {"GET", "/v1/operators", "listOperators", "Operators with a submission the token may see", kEveryRole,
       list_operators, {}, {}, {200}},
      {"GET", "/v1/operators/{id}/status", "getOperatorStatus",
       "An operator's latest submission and what its assessment under the policies in force found (which version, "
       "and whether it is stale): findings by severity per pack, caps against limits, next deadlines",
       kEveryRole, get_operator_status, {}, {}, {200, 404}},
      {"GET", "/v1/policies", "getPolicies",
       "The policies in force: the packs every submission is assessed against, as of which date, the record's "
       "version and when it was set (by whom: admins only)",
       kEveryRole, get_policies, {}, {}, {200}},
      {"PUT", "/v1/policies", "setPolicies",
       "Set the policies in force ({policies: [pack ids], as_of: \"submission\" | \"today\" | \"YYYY-MM-DD\"}; "
       "admins): a new version, audited; each later submission is assessed under it",
       kAdmin, put_policies, {"application/json"}, {}, {200, 400}},
      {"GET", "/v1/audit", "listAudit", "The audit log, newest first, a page at a time (admins)", kAdmin, get_audit, {},
       {{"limit", "Entries per page, 1-500 (default 50)"}, {"cursor", "The `next` of the page before"}}, {200, 400}},
      {"GET", "/v1/health", "health", "Liveness and the store's state", kNoToken, get_health, {}, {}, {200, 503}},
      {"GET", "/v1/openapi.json", "openapi", "This document", kNoToken, get_openapi, {}, {}, {200}},
  };
  return table;
}

bool match_path(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  params.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view want = pattern.substr(0, pattern.find('/'));
    const std::string_view got = path.substr(0, path.find('/'));
    pattern.remove_prefix(want.size());
    path.remove_prefix(got.size());
    if (want.starts_with('{') && want.ends_with('}')) {
      if (got.empty()) return false;
      params.emplace(std::string(want.substr(1, want.size() - 2)), std::string(got));
    } else if (want != got) {
      return false;
    }
  }
  return true;
}

// Bytes that are not UTF-8 (a percent-decoded path or query echoed in a message: "GET
// /v1/%87" answered 404 "no endpoint /v1/\x87") become U+FFFD: dump() would throw
// type_error 316 out of Api::handle, and on the listener's worker pool that ended the
// whole service, for a request without a token (fuzz_api, tests/fuzz/crashes/api/).
Response json_response(int status, const nlohmann::ordered_json& body) {
  return {.status = status,
          .content_type = "application/json",
          .body = body.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n",
          .headers = {}};
}

Response store_unreadable() { return error_response(503, "the store cannot be read; try again later"); }

Response page_response(nlohmann::ordered_json items, const std::string& next) {
  nlohmann::ordered_json body = {{"items", std::move(items)}, {"next", nullptr}};
  if (!next.empty()) body["next"] = next;
  return json_response(200, body);
}

Response error_response(int status, std::string message, const Diagnostics& problems) {
  nlohmann::ordered_json error = {{"status", status}, {"message", std::move(message)}};
  if (!problems.empty()) error["problems"] = report::diagnostics_json(problems);
  return json_response(status, {{"error", error}});
}

std::variant<store::PageRequest, Response> page_request(const Request& request) {
  store::PageRequest page;
  if (const auto limit = request.query.find("limit"); limit != request.query.end()) {
    const std::string& text = limit->second;
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1 || value > 500)
      return error_response(400, "limit '" + text + "' is not a whole number from 1 to 500");
    page.limit = value;
  }
  if (const auto cursor = request.query.find("cursor"); cursor != request.query.end()) page.cursor = cursor->second;
  return page;
}

}  // namespace netvet::server
