#pragma once
// A small blocking HTTP(S) client for the service: `netvet submit` in operators'
// pipelines, and the tests. Boost.Beast, TLS through OpenSSL with the peer verified.

#include <chrono>
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace netvet::server {

struct ClientOptions {
  std::chrono::milliseconds timeout{60000};
  std::string ca_file;  // PEM bundle to trust instead of the system's (a test's self-signed certificate)
};

struct ClientRequest {
  std::string method = "GET";
  std::string target = "/v1/health";  // path and query
  std::string token;                  // sent as a bearer token when not empty
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // any others
};

struct ClientResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// Sends `request` to the service at `base` ("http://host:port" or "https://host:port").
// Problems (bad URL, unreachable, TLS, timeout) are errors; any HTTP status is a response.
Result<ClientResponse> send(const std::string& base, const ClientRequest& request, const ClientOptions& options = {});

}  // namespace netvet::server
