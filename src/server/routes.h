#pragma once
// Internal to src/server: the one table of routes. handle() dispatches on it and
// openapi() documents it, so the two cannot drift.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <variant>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/api.h"
#include "store/records.h"

namespace netvet::server {

// Roles as a set of bits; an empty set means no token is needed.
using RoleSet = std::uint8_t;
constexpr RoleSet role_bit(store::Role role) { return static_cast<RoleSet>(1u << static_cast<unsigned>(role)); }
inline constexpr RoleSet kNoToken = 0;
inline constexpr RoleSet kStaff =
    role_bit(store::Role::admin) | role_bit(store::Role::analyst) | role_bit(store::Role::agency);
inline constexpr RoleSet kEveryRole = kStaff | role_bit(store::Role::operator_);
inline constexpr RoleSet kSubmitters = role_bit(store::Role::admin) | role_bit(store::Role::operator_);
inline constexpr RoleSet kAdmin = role_bit(store::Role::admin);

struct Context {
  const Request& request;
  store::Store& store;
  const ApiOptions& options;
  store::Caller caller;
  std::map<std::string, std::string> path;  // {id} and such
};

struct QueryParameter {
  std::string_view name;
  std::string_view description;
};

struct Route {
  std::string_view method;
  std::string_view path;  // "/v1/submissions/{id}"
  std::string_view operation_id;
  std::string_view summary;
  RoleSet roles;
  Response (*handler)(Context&);
  std::vector<std::string_view> request_media_types;  // the bodies it takes; none: no body
  std::vector<QueryParameter> query;
  std::vector<int> statuses;  // besides 401/403 where a token is needed
};

const std::vector<Route>& routes();

// Matches `path` against a route's pattern, filling `params`.
bool match_path(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params);

// A JSON error body: {"error": {"status", "message", "problems"?}}.
Response error_response(int status, std::string message, const Diagnostics& problems = {});
Response json_response(int status, const nlohmann::ordered_json& body);
// The 503 of every read the store could not answer.
Response store_unreadable();
// A page of a list: {"items": [...], "next": cursor or null}.
Response page_response(nlohmann::ordered_json items, const std::string& next);

// The OpenAPI document of routes() (openapi.cpp).
nlohmann::ordered_json openapi_document(const ApiOptions& options);

// The handlers, by resource.
Response post_submission(Context& context);
Response list_submissions(Context& context);
Response get_submission(Context& context);
Response get_submission_inventory(Context& context);
Response get_submission_diff(Context& context);  // diff_api.cpp
Response post_assessment(Context& context);
Response get_assessment(Context& context);
Response get_assessment_check(Context& context);
Response list_operators(Context& context);
Response get_operator_status(Context& context);
Response get_policies(Context& context);  // policies_api.cpp
Response put_policies(Context& context);
Response get_audit(Context& context);
Response get_health(Context& context);
Response get_openapi(Context& context);

// `limit` and `cursor` of a list request, or the 400 to answer.
std::variant<store::PageRequest, Response> page_request(const Request& request);

}  // namespace netvet::server
