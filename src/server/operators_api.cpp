// /v1/operators: who has submitted, and each operator's status — its latest submission
// and what its latest assessment found, as stored (status reads never recompute).
#include <fmt/format.h>

#include "server/routes.h"

namespace netvet::server {

Response list_operators(Context& context) {
  auto operators = context.store.operators(context.caller);
  if (!operators) return store_unreadable();
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& id : *operators) items.push_back({{"id", id}, {"status", "/v1/operators/" + id + "/status"}});
  return json_response(200, {{"items", std::move(items)}});
}

Response get_operator_status(Context& context) {
  const std::string& id = context.path.at("id");
  auto found = context.store.operator_latest(context.caller, id);
  if (!found) return store_unreadable();
  // An operator is known through its submissions: none the caller may see, no operator.
  if (!found->has_value()) return error_response(404, fmt::format("no operator {}", id));
  const auto& latest = (*found)->submission;
  const auto& assessment = (*found)->assessment;
  nlohmann::ordered_json body = {
      {"operator", id},
      {"latest_submission",
       {{"id", latest.id}, {"received", latest.received}, {"digest", latest.digest}, {"size", latest.size}}},
      {"assessment", nullptr}};
  if (assessment) {
    const auto& a = *assessment;
    nlohmann::ordered_json summary = nlohmann::ordered_json::parse(a.summary, nullptr, false);
    body["assessment"] = {{"id", a.id},
                          {"submission", a.submission},
                          {"of_latest_submission", a.submission == latest.id},
                          {"as_of", a.as_of},
                          {"created", a.created},
                          {"packs", nlohmann::ordered_json::parse(a.packs, nullptr, false)},
                          {"compliant", summary.value("compliant", false)},
                          {"findings", summary.value("findings", nlohmann::ordered_json::object())},
                          {"caps", summary.value("caps", nlohmann::ordered_json::array())},
                          {"next_deadlines", summary.value("deadlines", nlohmann::ordered_json::array())}};
  }
  return json_response(200, body);
}

}  // namespace netvet::server
