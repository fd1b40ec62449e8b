// /v1/operators: who has submitted, and each operator's status — its latest submission
// and what its assessment under the policies in force found, as stored (status reads
// never recompute; an assessment made under an older policies version is marked stale).
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
  const auto& [latest, assessment, policies] = **found;
  const bool in_force = policies && !policies->packs.empty();
  nlohmann::ordered_json body = {
      {"operator", id},
      {"latest_submission",
       {{"id", latest.id}, {"received", latest.received}, {"digest", latest.digest}, {"size", latest.size}}},
      {"policies_in_force", nullptr},
      {"assessment", nullptr}};
  if (in_force)
    body["policies_in_force"] = {
        {"version", policies->version}, {"policies", policies->packs}, {"as_of", policies->as_of}};
  if (assessment) {
    const auto& a = *assessment;
    nlohmann::ordered_json summary = nlohmann::ordered_json::parse(a.summary, nullptr, false);
    body["assessment"] = {{"id", a.id},
                          {"submission", a.submission},
                          {"of_latest_submission", a.submission == latest.id},
                          // Made under this version of the policies in force (null: on request);
                          // stale when the policies changed since.
                          {"policies_version", a.policies_version > 0 ? nlohmann::ordered_json(a.policies_version)
                                                                      : nullptr},
                          {"stale", in_force && a.policies_version != policies->version},
                          {"as_of", a.as_of},
                          {"created", a.created},
                          {"packs", nlohmann::ordered_json::parse(a.packs, nullptr, false)},
                          {"compliant", summary.value("compliant", false)},
                          {"findings", summary.value("findings", nlohmann::ordered_json::object())},
                          {"caps", summary.value("caps", nlohmann::ordered_json::array())},
                          {"next_deadlines", summary.value("deadlines", nlohmann::ordered_json::array())}};
  } else if (in_force) {
    body["assessment_reason"] = fmt::format(
        "the latest submission has no assessment under policies version {} yet: the service makes it when the "
        "submission is stored, or when it next starts",
        policies->version);
  }
  return json_response(200, body);
}

}  // namespace netvet::server
