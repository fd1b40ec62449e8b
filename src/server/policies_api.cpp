// /v1/policies: the policies in force — which packs every submission is assessed against,
// and as of which date. Everyone reads them (an operator must know what it is assessed
// under; they name nothing of any operator); an admin sets them, each change a new version.
#include <fmt/format.h>

#include "server/policies_in_force.h"
#include "server/routes.h"

namespace netvet::server {
namespace {

nlohmann::ordered_json policies_json(const std::optional<store::PoliciesInForce>& policies, const store::Caller& by) {
  if (!policies)
    return {{"version", 0}, {"policies", nlohmann::ordered_json::array()}, {"as_of", nullptr}, {"set_at", nullptr}};
  nlohmann::ordered_json body = {
      {"version", policies->version}, {"policies", policies->packs}, {"as_of", policies->as_of},
      {"set_at", policies->set_at}};
  // Who set them, as the audit log names them: for admins, who read that log anyway.
  if (by.role == store::Role::admin) {
    body["set_by"] = {{"id", policies->set_by}, {"name", policies->set_by_name}};
    body["audit_index"] = policies->audit_index;
  }
  return body;
}

}  // namespace

Response get_policies(Context& context) {
  auto policies = context.store.policies_in_force(context.caller);
  if (!policies) return store_unreadable();
  return json_response(200, policies_json(*policies, context.caller));
}

Response put_policies(Context& context) {
  const auto json = nlohmann::json::parse(context.request.body, nullptr, false);
  if (!json.is_object())
    return error_response(400, "the body is not a JSON object {policies: [pack ids], as_of: \"submission\" | "
                               "\"today\" | \"YYYY-MM-DD\"}");
  if (!json.contains("policies") || !json["policies"].is_array())
    return error_response(400, "'policies' must be a list of built-in pack ids, such as [\"gb\"] ([] for none)");
  std::vector<std::string> names;
  for (const auto& name : json["policies"]) {
    if (!name.is_string()) return error_response(400, "'policies' must hold pack ids (text)");
    names.push_back(name.get<std::string>());
  }
  if (json.contains("as_of") && !json["as_of"].is_string())
    return error_response(400, "'as_of' must be \"submission\", \"today\" or a date YYYY-MM-DD");
  auto wanted = policies_named(names, json.value("as_of", std::string("submission")));
  if (!wanted) {
    const auto& problem = wanted.error().front();
    return error_response(400, fmt::format("'{}': {}", problem.file, problem.message));
  }
  auto set = context.store.set_policies(context.caller, *wanted);
  if (!set) return error_response(503, "the policies could not be stored; nothing changed. Try again later");
  return json_response(200, policies_json(*set, context.caller));
}

}  // namespace netvet::server
