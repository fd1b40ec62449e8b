#include "server/client.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <regex>

namespace netvet::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Base {
  bool tls = false;
  std::string host, port;
};

std::optional<Base> parse_base(const std::string& base) {
  static const std::regex shape(R"(^(https?)://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?/?$)");
  std::smatch match;
  if (!std::regex_match(base, match, shape)) return std::nullopt;
  Base parsed{match[1] == "https", match[2], match[3]};
  if (parsed.host.front() == '[') parsed.host = parsed.host.substr(1, parsed.host.size() - 2);
  if (parsed.port.empty()) parsed.port = parsed.tls ? "443" : "80";
  return parsed;
}

template <typename Stream>
Result<ClientResponse> exchange(Stream& stream, const Base& base, const ClientRequest& request, const std::string& shown) {
  http::request<http::string_body> out{http::string_to_verb(request.method), request.target, 11};
  out.set(http::field::host, base.host);
  out.set(http::field::user_agent, "netvet");
  if (!request.token.empty()) out.set(http::field::authorization, "Bearer " + request.token);
  if (!request.content_type.empty()) out.set(http::field::content_type, request.content_type);
  for (const auto& [name, value] : request.headers) out.set(name, value);
  out.body() = request.body;
  out.keep_alive(false);
  out.prepare_payload();
  beast::error_code ec;
  http::write(stream, out, ec);
  // A server may answer (413) and close before the whole body is sent: read the answer.
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code read_ec;
  http::read(stream, buffer, parser, read_ec);
  if (read_ec) {
    return fail(file_problem(shown, fmt::format("no answer to {} {}: {}", request.method, request.target,
                                                ec ? ec.message() : read_ec.message())));
  }
  const auto& message = parser.get();
  return ClientResponse{static_cast<int>(message.result_int()), std::string(message[http::field::content_type]),
                        message.body()};
}

}  // namespace

Result<ClientResponse> send(const std::string& base_url, const ClientRequest& request, const ClientOptions& options) {
  const auto base = parse_base(base_url);
  if (!base) return fail(file_problem(base_url, "is not a service address; expected http://HOST[:PORT] or https://..."));
  asio::io_context io;
  beast::error_code ec;
  tcp::resolver resolver(io);
  const auto endpoints = resolver.resolve(base->host, base->port, ec);
  if (ec) return fail(file_problem(base_url, fmt::format("cannot resolve {}: {}", base->host, ec.message())));
  beast::tcp_stream tcp_stream(io);
  tcp_stream.expires_after(options.timeout);
  tcp_stream.connect(endpoints, ec);
  if (ec) return fail(file_problem(base_url, fmt::format("cannot connect: {}", ec.message())));
  if (!base->tls) return exchange(tcp_stream, *base, request, base_url);

  asio::ssl::context context(asio::ssl::context::tls_client);
  context.set_verify_mode(asio::ssl::verify_peer);
  if (options.ca_file.empty()) {
    context.set_default_verify_paths(ec);
  } else {
    context.load_verify_file(options.ca_file, ec);
  }
  if (ec) return fail(file_problem(options.ca_file.empty() ? base_url : options.ca_file,
                                   fmt::format("cannot load the certificates to trust: {}", ec.message())));
  context.set_verify_callback(asio::ssl::host_name_verification(base->host));
  beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), context);
  // SSL_set_tlsext_host_name is a macro with a C cast; this is the call it makes.
  if (SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(base->host.c_str())) != 1)
    return fail(file_problem(base_url, "cannot set the TLS server name"));
  stream.handshake(asio::ssl::stream_base::client, ec);
  if (ec) return fail(file_problem(base_url, fmt::format("TLS handshake failed: {}", ec.message())));
  return exchange(stream, *base, request, base_url);
}

}  // namespace netvet::server
