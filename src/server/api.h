#pragma once
// The service's HTTP API (shared/spec/service.md), as a function from a request to a
// response over a store: authentication, the route table, every handler. The listener
// (server.h) feeds it from the network; tests call it directly as well.
//
// Isolation: an operator's token reaches only its own operator's objects; another
// operator's object answers exactly as one that does not exist (the store filters every
// query by the caller, and PostgreSQL's row-level security does again).

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "server/http.h"
#include "store/store.h"

namespace netvet::store {
class Signer;
}

namespace netvet::server {

struct ApiOptions {
  std::size_t max_body_bytes = 256u << 20;   // bodies above are refused (413) by the listener
  const store::Signer* signer = nullptr;     // signs receipts; none: receipts carry no signature
  std::string engine = "netvet";             // name and version, in assessments and /v1/health
  // How long a token looked up in the store is trusted without looking again: a revoked
  // token is refused by every serve process within this time. Zero: every request looks.
  std::chrono::milliseconds token_cache{1000};
};

class Api {
 public:
  Api(store::Store& store, ApiOptions options);
  ~Api();
  Response handle(const Request& request) const;
  // The OpenAPI 3 document, generated from the same route table handle() dispatches on.
  nlohmann::ordered_json openapi() const;

  struct TokenCache;  // api.cpp

 private:
  Response dispatch(const Request& request) const;
  store::Store& store_;
  ApiOptions options_;
  std::unique_ptr<TokenCache> tokens_;
};

}  // namespace netvet::server
