// Dispatch: the route, then who is asking, then whether they may; then the handler.
#include "server/api.h"

#include <fmt/format.h>

#include <cstdio>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "server/routes.h"
#include "store/tokens.h"
#include "util/date.h"

namespace netvet::server {
namespace {

Response unauthorized(std::string message) {
  Response response = error_response(401, std::move(message));
  response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"netvet\"");
  return response;
}

}  // namespace

// Tokens looked up recently, by id: the store is asked again after options.token_cache.
// Only what the store said is kept (the record, or that there is none); the secret is
// checked against it on every request.
struct Api::TokenCache {
  struct Entry {
    std::optional<store::TokenRecord> record;
    std::chrono::steady_clock::time_point fetched;
  };
  std::mutex mutex;
  std::unordered_map<std::string, Entry> entries;

  Result<std::optional<store::TokenRecord>> find(store::Store& store, const std::string& id,
                                                 std::chrono::milliseconds ttl) {
    const auto now = std::chrono::steady_clock::now();
    if (ttl.count() > 0) {
      std::lock_guard lock(mutex);
      if (auto hit = entries.find(id); hit != entries.end() && now - hit->second.fetched < ttl) return hit->second.record;
    }
    auto found = store.find_token(id);
    if (found && ttl.count() > 0) {
      std::lock_guard lock(mutex);
      if (entries.size() > 100000) entries.clear();  // guessed ids must not grow it without bound
      entries[id] = {*found, now};
    }
    return found;
  }
};

namespace {

// The caller a request's bearer token names, or the 401 to answer.
std::variant<store::Caller, Response> authenticate(const Request& request, store::Store& store,
                                                   const ApiOptions& options, Api::TokenCache& cache) {
  constexpr std::string_view kBearer = "Bearer ";
  if (request.authorization.empty())
    return unauthorized("this endpoint needs a token: send the header 'Authorization: Bearer nvt_...'");
  if (!request.authorization.starts_with(kBearer))
    return unauthorized("the Authorization header is not 'Bearer <token>'");
  const auto presented = store::parse_token(std::string_view(request.authorization).substr(kBearer.size()));
  if (!presented) return unauthorized("the bearer token is not a netvet token (nvt_ followed by its id and secret)");
  auto stored = cache.find(store, presented->id, options.token_cache);
  if (!stored) return store_unreadable();
  switch (store::check_token(*stored, *presented, today())) {
    case store::TokenState::valid: break;
    case store::TokenState::unknown: return unauthorized("unknown token");
    case store::TokenState::revoked: return unauthorized("this token was revoked");
    case store::TokenState::expired:
      return unauthorized(fmt::format("this token expired after {}", (*stored)->expires));
  }
  const auto& token = **stored;
  return store::Caller{.role = token.role, .operator_id = token.operator_id, .actor_id = token.id,
                       .actor_name = token.name};
}

}  // namespace

Api::Api(store::Store& store, ApiOptions options)
    : store_(store), options_(std::move(options)), tokens_(std::make_unique<TokenCache>()) {}
Api::~Api() = default;

nlohmann::ordered_json Api::openapi() const { return openapi_document(options_); }

Response Api::handle(const Request& request) const {
  // No exception crosses this door: on the listener's workers it would end the service
  // for everyone. What escapes a handler is a bug, answered 500 and said on stderr.
  try {
    return dispatch(request);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "netvet serve: %s %s failed: %s\n", request.method.c_str(), request.path.c_str(), error.what());
    return error_response(500, "internal error: the request failed inside the service; nothing was changed");
  }
}

Response Api::dispatch(const Request& request) const {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::string allowed;
  for (const Route& candidate : routes()) {
    if (!match_path(candidate.path, request.path, params)) continue;
    if (candidate.method == request.method) {
      route = &candidate;
      break;
    }
    allowed += (allowed.empty() ? "" : ", ") + std::string(candidate.method);
  }
  if (route == nullptr) {
    if (allowed.empty()) return error_response(404, fmt::format("no endpoint {}; see /v1/openapi.json", request.path));
    Response response = error_response(405, fmt::format("{} takes {}, not {}", request.path, allowed, request.method));
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  match_path(route->path, request.path, params);
  Context context{request, store_, options_, {}, std::move(params)};
  if (route->roles != kNoToken) {
    auto who = authenticate(request, store_, options_, *tokens_);
    if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
    context.caller = std::get<store::Caller>(std::move(who));
    if ((route->roles & role_bit(context.caller.role)) == 0)
      return error_response(403, fmt::format("a token of role {} may not {} {}", to_string(context.caller.role),
                                             request.method, route->path));
    // Every read by an agency is audited, before it is answered: no entry, no answer.
    if (context.caller.role == store::Role::agency && request.method == "GET") {
      auto audited = store_.audit(context.caller, {.action = "read." + std::string(route->operation_id),
                                                   .object = request.path, .operator_id = {}});
      if (!audited) return error_response(503, "the read could not be audited, so it is refused; try again later");
    }
  }
  return route->handler(context);
}

}  // namespace netvet::server
