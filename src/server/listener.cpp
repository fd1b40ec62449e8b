// The Beast side of the server: accept, read a request within its limits, hand it to a
// worker, write the answer, keep the connection alive while the client asks.
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <fmt/format.h>

#include <optional>
#include <thread>
#include <vector>

#include "server/routes.h"
#include "server/server.h"

namespace netvet::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Shared {
  const Api& api;
  ServerOptions options;
  asio::thread_pool& readers;
  asio::thread_pool& writers;
};

http::response<http::string_body> to_beast(Response response, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(response.status), version};
  out.set(http::field::server, "netvet");
  out.set(http::field::content_type, response.content_type);
  out.set(http::field::cache_control, "no-store");
  out.set("X-Content-Type-Options", "nosniff");
  for (auto& [name, value] : response.headers) out.set(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

Request to_request(http::request<http::string_body>&& in, bool& well_formed) {
  Request request;
  request.method = std::string(in.method_string());
  well_formed = split_target(std::string_view(in.target().data(), in.target().size()), request.path, request.query);
  request.authorization = std::string(in[http::field::authorization]);
  request.content_type = std::string(in[http::field::content_type]);
  request.body = std::move(in.body());  // a submission's body can be 256 MB: moved, not copied
  return request;
}

// One connection. Stream is beast::tcp_stream or beast::ssl_stream<beast::tcp_stream>.
template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(Stream stream, const Shared& shared)
      : stream_(std::move(stream)), shared_(shared), timer_(stream_.get_executor()) {}

  void run() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      read();
    } else {
      beast::get_lowest_layer(stream_).expires_after(shared_.options.request_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->read();
                              });
    }
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(shared_.options.max_body_bytes);
    parser_->header_limit(64 * 1024);
    beast::get_lowest_layer(stream_).expires_never();
    // The whole request must arrive within the timeout: a slow client is answered 408.
    timed_out_ = false;
    timer_.expires_after(shared_.options.request_timeout);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->timed_out_ = true;
      beast::get_lowest_layer(self->stream_).socket().cancel();
    });
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    timer_.cancel();
    if (timed_out_) {
      return answer(error_response(408, fmt::format("the request was not received within {} s",
                                                    std::chrono::duration<double>(shared_.options.request_timeout).count())),
                    11, false);
    }
    if (ec == http::error::end_of_stream || ec == asio::error::connection_reset || ec == asio::error::eof)
      return close();
    if (ec == http::error::body_limit)
      return answer(error_response(413, fmt::format("the body is larger than the {} bytes this service accepts",
                                                    shared_.options.max_body_bytes)),
                    11, false);
    if (ec == http::error::header_limit) return answer(error_response(431, "the request's headers are too large"), 11, false);
    if (ec) {
      if (buffer_.size() == 0 && !parser_->got_some()) return close();
      return answer(error_response(400, fmt::format("not an HTTP/1.1 request: {}", ec.message())), 11, false);
    }
    auto message = parser_->release();
    const unsigned version = message.version();
    const bool keep_alive = message.keep_alive();
    bool well_formed = true;
    auto request = std::make_shared<Request>(to_request(std::move(message), well_formed));
    if (!well_formed) return answer(error_response(400, "the request target is not well formed"), version, false);
    // The handler waits on the store: run it on a worker, then answer on this connection.
    // Reads and changes have workers of their own, so that submissions being validated
    // (seconds each for a national network) never hold up status and assessment reads.
    const bool reads = request->method == "GET" || request->method == "HEAD";
    asio::post(reads ? shared_.readers : shared_.writers, [self = this->shared_from_this(), request, version, keep_alive] {
      Response response = self->shared_.api.handle(*request);
      asio::post(self->stream_.get_executor(), [self, response = std::move(response), version, keep_alive]() mutable {
        self->answer(std::move(response), version, keep_alive);
      });
    });
  }

  void answer(Response response, unsigned version, bool keep_alive) {
    auto message = std::make_shared<http::response<http::string_body>>(to_beast(std::move(response), version, keep_alive));
    // A client that does not read its answer is dropped after the timeout.
    beast::get_lowest_layer(stream_).expires_after(shared_.options.request_timeout);
    http::async_write(stream_, *message,
                      [self = this->shared_from_this(), message, keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    } else {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    }
  }

  Stream stream_;
  const Shared& shared_;
  asio::steady_timer timer_;
  bool timed_out_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

class BeastServer final : public Server {
 public:
  BeastServer(const Api& api, const ServerOptions& options)
      : readers_(std::max<std::size_t>(1, options.workers)),
        writers_(std::max<std::size_t>(1, options.workers)),
        shared_{api, options, readers_, writers_},
        acceptor_(io_),
        tls_context_(asio::ssl::context::tls_server) {}

  ~BeastServer() override {
    stop();
    wait();
  }

  Result<void> open() {
    const auto& options = shared_.options;
    const std::string where = fmt::format("{}:{}", options.address, options.port);
    if (!options.tls_certificate.empty()) {
      beast::error_code ec;
      tls_context_.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                               asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                               asio::ssl::context::no_tlsv1_1);
      tls_context_.use_certificate_chain_file(options.tls_certificate, ec);
      if (ec) return fail(file_problem(options.tls_certificate, "is not a PEM certificate chain: " + ec.message()));
      tls_context_.use_private_key_file(options.tls_key, asio::ssl::context::pem, ec);
      if (ec) return fail(file_problem(options.tls_key, "is not the certificate's PEM private key: " + ec.message()));
      tls_ = true;
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(options.address, ec);
    if (ec) return fail(file_problem("--listen", fmt::format("'{}' is not an IP address", options.address)));
    const tcp::endpoint endpoint{address, options.port};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail(file_problem("--listen", fmt::format("cannot listen on {}: {}", where, ec.message())));
    accept();
    for (std::size_t i = 0; i < std::max<std::size_t>(1, options.io_threads); ++i)
      threads_.emplace_back([this] { io_.run(); });
    return {};
  }

  unsigned short port() const override { return acceptor_.local_endpoint().port(); }
  bool tls() const override { return tls_; }

  void stop() override {
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    io_.stop();
  }

  void wait() override {
    for (auto& thread : threads_)
      if (thread.joinable()) thread.join();
    readers_.join();
    writers_.join();
  }

 private:
  void accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        beast::tcp_stream stream(std::move(socket));
        if (tls_) {
          std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
              beast::ssl_stream<beast::tcp_stream>(std::move(stream), tls_context_), shared_)
              ->run();
        } else {
          std::make_shared<Session<beast::tcp_stream>>(std::move(stream), shared_)->run();
        }
      }
      accept();
    });
  }

  asio::io_context io_;
  asio::thread_pool readers_;
  asio::thread_pool writers_;
  Shared shared_;
  tcp::acceptor acceptor_;
  asio::ssl::context tls_context_;
  bool tls_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

std::size_t default_workers() { return std::max<std::size_t>(2, std::thread::hardware_concurrency()); }

Result<std::unique_ptr<Server>> Server::start(const Api& api, const ServerOptions& options) {
  auto server = std::make_unique<BeastServer>(api, options);
  if (auto opened = server->open(); !opened) return std::unexpected(opened.error());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace netvet::server
