// libFuzzer harness: the service's API (server/api.h) as a function from a request to a
// response, over a SQLite store in a scratch file made once per process (fuzz_support.h's
// scratch()), migrated and seeded once: a token of every role, for operators op-a and
// op-b, a revoked and an expired one; one valid submission of each operator (their text
// fields carry the canaries CANARYA and CANARYB) and an assessment of each.
//
// An input is: byte 0 the method, byte 1 the token (low 3 bits) and the Content-Type (the
// next 2), then the target up to the first newline, then the body. In the target and body
// "@A" and "@B" stand for op-a's and op-b's submission ids, "@a" and "@b" for their
// assessments' ids (random per process), so seeds reach real objects. The target goes
// through split_target, as the listener does, then to Api::handle.
//
// Checks: no crash, no exception out of handle(), never a 5xx, and a 2xx answered to an
// operator's token never holds a marker of the other operator (its canary, its ids, its
// operator id as a JSON string). So that no input stores one operator's marker in text the
// other may read, a POST by an operator or an admin whose text holds markers it may not
// store is skipped (the store keeps what earlier inputs wrote). Likewise a 2xx answered to
// the analyst's token never names a seeded facility (CANARYA-F1, "CANARYA embassy": an
// analyst reads checks with facilities redacted); a POST holding those names is skipped,
// and the analyst's own request is not checked when it holds them (an echo is no leak).
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "fuzz_support.h"
#include "server/api.h"
#include "store/receipt.h"
#include "store/store.h"
#include "store/tokens.h"

namespace {

namespace store = netvet::store;
namespace server = netvet::server;
using netvet::fuzz::fail;

// A valid one-operator inventory (the shape of tests/server/service_fixture.cpp's).
std::string small_inventory(const std::string& operator_id, const std::string& marker) {
  return fmt::format(R"({{
  "format": "netvet-inventory", "version": 1,
  "operators": [{{"id": "{0}", "name": "{1} operator", "country": "GB"}}],
  "sites": [
    {{"id": "{1}-S1", "operator": "{0}", "kind": "cell", "lat": 51.5, "lon": -0.12, "name": "{1} cell", "region": "{1} region"}},
    {{"id": "{1}-C1", "operator": "{0}", "kind": "core", "lat": 51.6, "lon": -0.10, "name": "{1} core"}}
  ],
  "elements": [
    {{"id": "{1}-RU", "site": "{1}-S1", "function": "gnb", "vendor": "Huawei", "generation": ["5G"], "model": "{1} model"}},
    {{"id": "{1}-R1", "site": "{1}-S1", "function": "csr", "vendor": "Nokia"}},
    {{"id": "{1}-UPF", "site": "{1}-C1", "function": "upf", "vendor": "Ericsson"}},
    {{"id": "{1}-AMF", "site": "{1}-C1", "function": "amf", "vendor": "Ericsson"}}
  ],
  "links": [{{"a": "{1}-RU", "b": "{1}-R1"}}, {{"a": "{1}-R1", "b": "{1}-UPF"}}, {{"a": "{1}-UPF", "b": "{1}-AMF"}}],
  "facilities": [
    {{"id": "{1}-F1", "kind": "embassy", "lat": 51.5001, "lon": -0.1201, "owner": "US", "name": "{1} embassy"}}
  ]
}}
)",
                     operator_id, marker);
}

enum Token : std::uint8_t { none, admin, analyst, agency, op_a, op_b, revoked, expired };

struct Service {
  std::unique_ptr<store::Store> db;
  std::unique_ptr<store::Signer> signer;
  std::unique_ptr<server::Api> api;
  std::array<std::string, 8> tokens;          // by Token; none: empty
  std::string a_submission, b_submission;     // "@A", "@B"
  std::string a_assessment, b_assessment;     // "@a", "@b"
  std::vector<std::string> a_markers, b_markers;
  std::vector<std::string> facility_markers;  // the seeded facilities' ids and names
};

server::Response call(const Service& service, const std::string& method, const std::string& target, Token token,
                      const std::string& body) {
  server::Request request;
  request.method = method;
  if (!server::split_target(target, request.path, request.query)) std::abort();
  if (token != none) request.authorization = "Bearer " + service.tokens[token];
  request.content_type = "application/json";
  request.body = body;
  return service.api->handle(request);
}

std::string created_id(const server::Response& response, const char* what) {
  if (response.status != 201) fail(what, std::to_string(response.status) + " " + response.body);
  return nlohmann::json::parse(response.body).at("id").get<std::string>();
}

const Service& service() {
  static const Service made = [] {
    Service s;
    auto db = store::open_store("sqlite:" + (netvet::fuzz::scratch() / "service.db").string());
    if (!db) fail("open_store", netvet::fuzz::first_message(db.error()));
    s.db = std::move(*db);
    if (auto migrated = s.db->migrate(); !migrated) fail("migrate", netvet::fuzz::first_message(migrated.error()));
    auto signer = store::Signer::load_or_create(netvet::fuzz::scratch() / "signing-key.pem");
    if (!signer) fail("signer", netvet::fuzz::first_message(signer.error()));
    s.signer = std::move(*signer);
    s.api = std::make_unique<server::Api>(
        *s.db, server::ApiOptions{.max_body_bytes = 1 << 20, .signer = s.signer.get(), .engine = "netvet fuzz"});
    const store::Caller cli{.role = store::Role::admin, .operator_id = {}, .actor_id = "cli", .actor_name = "fuzz"};
    const auto add = [&](Token slot, store::Role role, const std::string& operator_id, const std::string& expires) {
      auto issued = store::issue_token(fmt::format("fuzz {}", static_cast<int>(slot)), role, operator_id,
                                       netvet::kNoDate);
      issued.record.expires = expires;
      if (!s.db->add_token(cli, issued.record)) fail("add_token", "refused");
      s.tokens[slot] = issued.text;
      return issued.record.id;
    };
    add(admin, store::Role::admin, {}, {});
    add(analyst, store::Role::analyst, {}, {});
    add(agency, store::Role::agency, {}, {});
    add(op_a, store::Role::operator_, "op-a", {});
    add(op_b, store::Role::operator_, "op-b", {});
    const auto revoked_id = add(revoked, store::Role::operator_, "op-a", {});
    if (auto r = s.db->revoke_token(cli, revoked_id); !r || !*r) fail("revoke_token", "refused");
    add(expired, store::Role::operator_, "op-a", "2020-01-01");

    s.a_submission = created_id(call(s, "POST", "/v1/submissions", op_a, small_inventory("op-a", "CANARYA")), "op-a's submission");
    s.b_submission = created_id(call(s, "POST", "/v1/submissions", op_b, small_inventory("op-b", "CANARYB")), "op-b's submission");
    const auto assess = [&](const std::string& id) {
      return created_id(call(s, "POST", "/v1/assessments", analyst,
                             fmt::format(R"({{"submission": "{}", "policies": ["gb", "us-colocation"], )"
                                         R"("as_of": "2028-01-01"}})",
                                         id)),
                        "an assessment");
    };
    s.a_assessment = assess(s.a_submission);
    s.b_assessment = assess(s.b_submission);
    s.a_markers = {"CANARYA", s.a_submission, s.a_assessment, "\"op-a\""};
    s.b_markers = {"CANARYB", s.b_submission, s.b_assessment, "\"op-b\""};
    s.facility_markers = {"CANARYA-F1", "CANARYA embassy", "CANARYB-F1", "CANARYB embassy"};
    return s;
  }();
  return made;
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::string substituted(std::string text, const Service& s) {
  replace_all(text, "@A", s.a_submission);
  replace_all(text, "@B", s.b_submission);
  replace_all(text, "@a", s.a_assessment);
  replace_all(text, "@b", s.b_assessment);
  return text;
}

// Whether `text` holds one of `markers`; operator ids are looked for unquoted here, as
// any text that names them.
bool holds(std::string_view text, const std::vector<std::string>& markers) {
  for (std::string marker : markers) {
    if (marker.front() == '"') marker = marker.substr(1, marker.size() - 2);
    if (text.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

const std::string* leaked(const server::Response& response, const std::vector<std::string>& markers) {
  for (const auto& marker : markers) {
    if (response.body.find(marker) != std::string::npos) return &marker;
    for (const auto& [name, value] : response.headers)
      if (name.find(marker) != std::string::npos || value.find(marker) != std::string::npos) return &marker;
  }
  return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<std::string_view, 8> kMethods = {"GET", "POST", "GET", "POST", "PUT", "DELETE", "HEAD", "get"};
  static constexpr std::array<std::string_view, 4> kContentTypes = {"application/json", "",
                                                                    "application/json; charset=utf-8", "text/plain"};
  if (size < 2) return 0;
  const Service& s = service();
  const std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  const auto newline = rest.find('\n');
  const std::string target = substituted(std::string(rest.substr(0, newline)), s);
  const std::string body =
      newline == std::string_view::npos ? std::string() : substituted(std::string(rest.substr(newline + 1)), s);
  const auto token = static_cast<Token>(data[1] & 7u);

  server::Request request;
  request.method = kMethods[data[0] & 7u];
  if (!server::split_target(target, request.path, request.query)) return 0;
  if (token != none) request.authorization = "Bearer " + s.tokens[token];
  request.content_type = kContentTypes[(data[1] >> 3) & 3u];
  request.body = body;

  if (request.method == "POST") {
    const std::string text = target + "\n" + body;
    const bool a = holds(text, s.a_markers), b = holds(text, s.b_markers);
    if ((token == op_a && b) || (token == op_b && a) || (token == admin && a && b)) return 0;
    if (holds(text, s.facility_markers)) return 0;
  }

  server::Response response;
  try {
    response = s.api->handle(request);
  } catch (const std::exception& e) {
    fail("Api::handle threw", e.what());
  } catch (...) {
    fail("Api::handle threw", "something not a std::exception");
  }
  if (response.status < 200 || response.status >= 500)
    fail("Api::handle", fmt::format("{} to {} {}: {}", response.status, request.method, request.path, response.body));
  if (response.status < 300 && (token == op_a || token == op_b)) {
    if (const auto* marker = leaked(response, token == op_a ? s.b_markers : s.a_markers))
      fail("isolation", fmt::format("{} {} with {}'s token answered {} holding {}", request.method, request.path,
                                    token == op_a ? "op-a" : "op-b", response.status, *marker));
  }
  if (response.status < 300 && token == analyst && !holds(target + "\n" + body, s.facility_markers)) {
    if (const auto* marker = leaked(response, s.facility_markers))
      fail("redaction", fmt::format("{} {} with the analyst's token answered {} holding {}", request.method, request.path,
                                    response.status, *marker));
  }
  return 0;
}
