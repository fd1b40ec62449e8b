// The OpenAPI 3 document of the route table: the document a client generator or a
// reviewer reads is the table the server dispatches on.
#include <fmt/format.h>

#include "io/inventory_io.h"
#include "server/routes.h"

namespace netvet::server {
namespace {

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad request: the problems are in error.problems, as `netvet validate --format json` gives them";
    case 401: return "No valid token (missing, unknown, revoked or expired)";
    case 403: return "The token's role may not do this";
    case 404: return "No such object, or one of another operator's (the two answer alike)";
    case 405: return "Method not allowed";
    case 408: return "The request was not received in time";
    case 409: return "Not available in this object's state: an assessment made before the service kept the check "
                     "with facilities redacted, which analysts read (assess again)";
    case 413: return "The body is larger than the service accepts";
    case 415: return "Unsupported media type";
    case 503: return "The store is unavailable; nothing was changed";
    default: return "";
  }
}

std::string roles_text(RoleSet roles) {
  std::string text;
  for (store::Role role : {store::Role::admin, store::Role::analyst, store::Role::agency, store::Role::operator_})
    if (roles & role_bit(role)) text += (text.empty() ? "" : ", ") + std::string(to_string(role));
  return text;
}

// A request body's schema: a JSON object, or the CSV bundle's files as form fields (each
// a CSV file, named by its file name; the service reads each part's filename).
nlohmann::ordered_json body_schema(std::string_view media_type) {
  if (media_type != "multipart/form-data") return {{"schema", {{"type", "object"}}}};
  nlohmann::ordered_json properties = nlohmann::ordered_json::object(), encoding = nlohmann::ordered_json::object();
  for (const auto& file : io::csv_bundle_files()) {
    properties[file] = {{"type", "string"}, {"format", "binary"}};
    encoding[file] = {{"contentType", "text/csv"}};
  }
  return {{"schema",
           {{"type", "object"},
            {"description", "The CSV bundle of shared/spec/inventory.md: one part per table file, its filename the "
                            "table's file name"},
            {"properties", std::move(properties)},
            {"required", {"operators.csv", "sites.csv", "elements.csv", "links.csv"}}}},
          {"encoding", std::move(encoding)}};
}

}  // namespace

nlohmann::ordered_json openapi_document(const ApiOptions& options) {
  nlohmann::ordered_json paths = nlohmann::ordered_json::object();
  for (const Route& route : routes()) {
    nlohmann::ordered_json operation = {{"operationId", route.operation_id}, {"summary", route.summary}};
    nlohmann::ordered_json parameters = nlohmann::ordered_json::array();
    std::string_view rest = route.path;
    for (auto open = rest.find('{'); open != std::string_view::npos; open = rest.find('{')) {
      const auto close = rest.find('}', open);
      parameters.push_back({{"name", rest.substr(open + 1, close - open - 1)},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "string"}}}});
      rest.remove_prefix(close + 1);
    }
    for (const auto& query : route.query)
      parameters.push_back({{"name", query.name},
                            {"in", "query"},
                            {"required", false},
                            {"description", query.description},
                            {"schema", {{"type", "string"}}}});
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (!route.request_media_types.empty()) {
      nlohmann::ordered_json content = nlohmann::ordered_json::object();
      for (const auto media_type : route.request_media_types) content[std::string(media_type)] = body_schema(media_type);
      operation["requestBody"] = {{"required", true},
                                  {"description", fmt::format("At most {} bytes", options.max_body_bytes)},
                                  {"content", std::move(content)}};
    }
    std::vector<int> statuses = route.statuses;
    if (route.roles != kNoToken) {
      statuses.push_back(401);
      statuses.push_back(403);
      operation["security"] = nlohmann::ordered_json::array({{{"bearer", nlohmann::ordered_json::array()}}});
      operation["x-netvet-roles"] = roles_text(route.roles);
    } else {
      operation["security"] = nlohmann::ordered_json::array();
    }
    std::sort(statuses.begin(), statuses.end());
    nlohmann::ordered_json responses = nlohmann::ordered_json::object();
    for (int status : statuses) responses[std::to_string(status)] = {{"description", reason(status)}};
    operation["responses"] = std::move(responses);
    std::string method(route.method);
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    paths[std::string(route.path)][method] = std::move(operation);
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "netvet service"},
            {"version", "1"},
            {"description", "The regulator's shared service of shared/spec/service.md: operators submit "
                            "inventories; analysts and agencies assess them. An operator's token never reveals "
                            "another operator's data."}}},
          {"servers", nlohmann::ordered_json::array({{{"url", "/"}}})},
          {"components",
           {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "nvt_<id>_<secret>"}}}}}}},
          {"paths", std::move(paths)}};
}

}  // namespace netvet::server
