#pragma once
// `netvet serve`'s listener: the API (api.h) over HTTP/1.1, plain or TLS, with Boost.Beast.
// Network I/O runs on a few threads; handlers, which wait on the store, run on pools of
// workers so a slow store call never holds up other connections: one pool for reads (GET)
// and one of the same size for changes, so slow submissions never hold up reads.
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

// As many as the cores, at least 2: what measured best on both stores (docs/performance.md).
std::size_t default_workers();

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (port() tells which)
  std::size_t max_body_bytes = std::size_t{256} << 20;
  std::chrono::milliseconds request_timeout{30000};
  std::size_t io_threads = 2;
  // Concurrent handlers, of reads and of changes each; the store needs twice as many
  // connections. More than the cores can run only queue in the database (docs/performance.md).
  std::size_t workers = default_workers();
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
