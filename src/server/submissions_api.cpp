// /v1/submissions: operators submit inventories; everyone reads what concerns them.
#include <fmt/format.h>

#include "server/policies_in_force.h"
#include "server/routes.h"
#include "server/stored_document.h"
#include "store/receipt.h"

namespace netvet::server {
namespace {

nlohmann::ordered_json submission_json(const store::SubmissionMeta& meta, const ApiOptions& options) {
  return {{"id", meta.id},
          {"operator", meta.operator_id},
          {"digest", meta.digest},
          {"received", meta.received},
          {"media_type", meta.media_type},
          {"size", meta.size},
          {"submitted_by", meta.submitted_by},
          {"receipt", store::make_receipt(meta, options.signer)}};
}

Response not_found(const std::string& id) { return error_response(404, fmt::format("no submission {}", id)); }

// The one operator whose rows `inventory` holds, or the response refusing it: an
// operator's token submits its own operator's rows only; any submission is one operator's.
std::variant<std::string, Response> submitted_operator(const Inventory& inventory, const store::Caller& by) {
  const auto& operators = inventory.operators;
  if (by.role == store::Role::operator_) {
    for (std::size_t row = 0; row < operators.size(); ++row) {
      const std::string_view id = inventory.str(operators.id[row]);
      if (id != by.operator_id)
        return error_response(403, fmt::format("the inventory holds rows of operator '{}' (operators row {}); this "
                                               "token submits for operator '{}' only",
                                               id, row + 1, by.operator_id));
    }
    if (operators.size() == 0)
      return error_response(400, fmt::format("the inventory has no operators row; expected one, '{}'", by.operator_id));
    return by.operator_id;
  }
  if (operators.size() != 1)
    return error_response(400, fmt::format("a submission is one operator's inventory; this one has {} operators rows",
                                           operators.size()));
  return std::string(inventory.str(operators.id[0]));
}

}  // namespace

Response post_submission(Context& context) {
  const Request& request = context.request;
  if (!is_document_media_type(request.content_type))
    return error_response(415, fmt::format("a submission is an inventory JSON document (Content-Type: "
                                           "application/json) or the CSV bundle's table files (Content-Type: "
                                           "multipart/form-data), not '{}'",
                                           request.content_type));
  auto inventory = read_stored_document(request.body, request.content_type, "submission");
  if (!inventory)
    return error_response(400, fmt::format("the inventory is not valid: {} problem{}", inventory.error().size(),
                                           inventory.error().size() == 1 ? "" : "s"),
                          fold_repeats(inventory.error()));
  auto owner = submitted_operator(*inventory, context.caller);
  if (auto* refused = std::get_if<Response>(&owner)) return std::move(*refused);
  auto stored = context.store.add_submission(context.caller, {.operator_id = std::get<std::string>(owner),
                                                              .media_type = stored_media_type(request.content_type),
                                                              .body = request.body});
  if (!stored) return error_response(503, "the submission could not be stored; nothing was kept. Try again later");
  auto body = submission_json(*stored, context.options);
  // Stored and committed: now assessed under the policies in force (policies_in_force.h).
  // Whatever happens there, the submission is kept and acknowledged.
  auto assessed = assess_under_policies(context.store, context.options, *stored, request.body);
  body["assessment"] = std::move(assessed.assessment);
  if (!assessed.reason.empty()) body["assessment_reason"] = std::move(assessed.reason);
  Response response = json_response(201, body);
  response.headers.emplace_back("Location", "/v1/submissions/" + stored->id);
  return response;
}

Response list_submissions(Context& context) {
  auto page = page_request(context.request);
  if (auto* refused = std::get_if<Response>(&page)) return std::move(*refused);
  const auto& request = std::get<store::PageRequest>(page);
  auto found = context.store.submissions(context.caller, request);
  if (!found) return store_unreadable();
  if (!found->has_value())
    return error_response(400, fmt::format("cursor '{}' is not a submission of this list", request.cursor));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& meta : (*found)->items) items.push_back(submission_json(meta, context.options));
  return page_response(std::move(items), (*found)->next);
}

Response get_submission(Context& context) {
  const std::string& id = context.path.at("id");
  auto found = context.store.submission(context.caller, id);
  if (!found) return store_unreadable();
  if (!found->has_value()) return not_found(id);
  return json_response(200, submission_json(**found, context.options));
}

Response get_submission_inventory(Context& context) {
  const std::string& id = context.path.at("id");
  auto found = context.store.submission(context.caller, id);
  if (!found) return store_unreadable();
  if (!found->has_value()) return not_found(id);
  // The document holds facilities' names and coordinates: the spec's sensitive fields.
  if (context.caller.role == store::Role::analyst)
    return error_response(403, fmt::format("submission {}'s document holds facility names and coordinates, which "
                                           "only its operator, agencies and admins read",
                                           id));
  auto body = context.store.submission_body(context.caller, id);
  if (!body) return store_unreadable();
  if (!body->has_value()) return not_found(id);
  return {.status = 200, .content_type = (*found)->media_type, .body = std::move(**body), .headers = {}};
}

}  // namespace netvet::server
