#pragma once
// Requests and responses as the API sees them, independent of the HTTP library: the
// listener (listener.cpp) turns Beast's messages into these and back, and the API
// (api.h) is a function from one to the other — which the tests call directly too.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace netvet::server {

struct Request {
  std::string method;   // "GET", "POST", ...
  std::string path;     // "/v1/submissions/s-1", without the query
  std::map<std::string, std::string> query;  // decoded; a repeated key keeps its last value
  std::string authorization;  // the Authorization header, as sent
  std::string content_type;
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Splits a request target ("/v1/x?a=1&b=%20") into path and decoded query; false when
// the target is not well formed (bad percent-encoding).
bool split_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace netvet::server
