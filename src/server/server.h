#pragma once
// `netvet serve`'s listener: the API (api.h) over HTTP/1.1, plain or TLS, with Boost.Beast.
// Network I/O runs on a few threads; handlers, which wait on the store, run on a pool of
// workers so a slow store call never holds up other connections.
//
// Limits: a body above max_body_bytes is refused with 413 as soon as its header says so
// (or, when chunked, as soon as it passes the limit), before it is read whole; a request
// not received whole within request_timeout is answered 408 and the connection closed.

#include <chrono>
#include <memory>
#include <string>

#include "server/api.h"
#include "util/diagnostic.h"

namespace netvet::server {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (port() tells which)
  std::size_t max_body_bytes = std::size_t{256} << 20;
  std::chrono::milliseconds request_timeout{30000};
  std::size_t io_threads = 2;
  std::size_t workers = 16;  // concurrent handlers; the store needs as many connections
  std::string tls_certificate;  // PEM files: both or neither
  std::string tls_key;
};

class Server {
 public:
  // Binds and starts serving `api`, which must outlive the server.
  static Result<std::unique_ptr<Server>> start(const Api& api, const ServerOptions& options);
  virtual ~Server() = default;
  virtual unsigned short port() const = 0;
  virtual bool tls() const = 0;
  // Stops accepting and closes every connection; wait() then returns.
  virtual void stop() = 0;
  virtual void wait() = 0;
};

}  // namespace netvet::server
