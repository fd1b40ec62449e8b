// /v1/health, /v1/openapi.json and /v1/audit.
#include <fmt/format.h>

#include "server/routes.h"

namespace netvet::server {

Response get_health(Context& context) {
  auto version = context.store.schema_version();
  if (!version)
    return json_response(503, {{"status", "unavailable"}, {"engine", context.options.engine},
                               {"store", {{"reachable", false}}}});
  return json_response(200, {{"status", "ok"},
                             {"engine", context.options.engine},
                             {"store", {{"reachable", true}, {"schema_version", *version}}}});
}

Response get_openapi(Context& context) { return json_response(200, openapi_document(context.options)); }

Response get_audit(Context& context) {
  auto page = page_request(context.request);
  if (auto* refused = std::get_if<Response>(&page)) return std::move(*refused);
  const auto& request = std::get<store::PageRequest>(page);
  auto found = context.store.audit_log(context.caller, request);
  if (!found) return store_unreadable();
  if (!found->has_value()) return error_response(400, fmt::format("cursor '{}' is not an audit index", request.cursor));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& entry : (*found)->items)
    items.push_back({{"index", entry.index},
                     {"at", entry.at},
                     {"actor", {{"id", entry.actor_id}, {"name", entry.actor_name}}},
                     {"action", entry.action},
                     {"object", entry.object},
                     {"operator", entry.operator_id},
                     {"outcome", entry.outcome},
                     {"previous_hash", entry.previous_hash},
                     {"hash", entry.hash}});
  return page_response(std::move(items), (*found)->next);
}

}  // namespace netvet::server
