#include "service_fixture.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "store/tokens.h"

namespace netvet::testing {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string small_inventory(const std::string& operator_id, const std::string& marker, const std::string& vendor) {
  return fmt::format(R"({{
  "format": "netvet-inventory", "version": 1,
  "operators": [{{"id": "{0}", "name": "{1} operator", "country": "GB"}}],
  "sites": [
    {{"id": "{1}-S1", "operator": "{0}", "kind": "cell", "lat": 51.5, "lon": -0.12, "name": "{1} cell", "region": "{1} region"}},
    {{"id": "{1}-C1", "operator": "{0}", "kind": "core", "lat": 51.6, "lon": -0.10, "name": "{1} core"}}
  ],
  "elements": [
    {{"id": "{1}-RU", "site": "{1}-S1", "function": "gnb", "vendor": "{2}", "generation": ["5G"], "model": "{1} model"}},
    {{"id": "{1}-R1", "site": "{1}-S1", "function": "csr", "vendor": "Nokia"}},
    {{"id": "{1}-UPF", "site": "{1}-C1", "function": "upf", "vendor": "Ericsson"}},
    {{"id": "{1}-AMF", "site": "{1}-C1", "function": "amf", "vendor": "Ericsson"}}
  ],
  "links": [
    {{"a": "{1}-RU", "b": "{1}-R1"}},
    {{"a": "{1}-R1", "b": "{1}-UPF"}},
    {{"a": "{1}-UPF", "b": "{1}-AMF"}}
  ],
  "facilities": [
    {{"id": "{1}-F1", "kind": "embassy", "lat": 51.5001, "lon": -0.1201, "owner": "US", "name": "{1} embassy"}}
  ]
}}
)",
                     operator_id, marker, vendor);
}

void ServiceTest::SetUp() {
  // "KIND-without-filter": the store's own operator filter removed (store.h), to show what
  // the database alone guarantees.
  std::string kind = GetParam();
  store::StoreOptions options;
  if (const auto cut = kind.find("-without-filter"); cut != std::string::npos) {
    kind.resize(cut);
    options.without_operator_filter = true;
  }
  made_ = fresh_store(kind, options);
  ASSERT_NE(made_.store, nullptr);
  folder_ = (std::filesystem::temp_directory_path() / fmt::format("netvet-service-{}", std::random_device{}())).string();
  std::filesystem::create_directories(folder_);
  auto signer = store::Signer::load_or_create(folder_ + "/key.pem");
  ASSERT_TRUE(signer);
  signer_ = std::move(*signer);
  api_ = std::make_unique<server::Api>(*made_.store, server::ApiOptions{.max_body_bytes = 1 << 20,
                                                                          .signer = signer_.get(),
                                                                          .engine = "netvet test"});
  admin_ = token(store::Role::admin);
  analyst_ = token(store::Role::analyst);
  agency_ = token(store::Role::agency);
  operator_a_ = token(store::Role::operator_, "op-a");
  operator_b_ = token(store::Role::operator_, "op-b");
}

void ServiceTest::TearDown() {
  api_.reset();
  if (!folder_.empty()) std::filesystem::remove_all(folder_);
}

std::string ServiceTest::token(store::Role role, const std::string& operator_id, const std::string& expires) {
  auto issued = store::issue_token(fmt::format("{} {}", to_string(role), operator_id), role, operator_id, kNoDate);
  issued.record.expires = expires;
  const store::Caller cli{.role = store::Role::admin, .operator_id = {}, .actor_id = "cli", .actor_name = "test"};
  EXPECT_TRUE(made_.store->add_token(cli, issued.record));
  return issued.text;
}

server::Response ServiceTest::call(const std::string& method, const std::string& target, const std::string& token_text,
                                   const std::string& body, const std::string& content_type) {
  server::Request request;
  request.method = method;
  EXPECT_TRUE(server::split_target(target, request.path, request.query)) << target;
  if (!token_text.empty()) request.authorization = "Bearer " + token_text;
  request.content_type = content_type;
  request.body = body;
  return api_->handle(request);
}

std::string ServiceTest::offline_check(const std::string& target, const std::string& extra) {
  const std::string command =
      fmt::format("cd '{}' && '{}' check {} --policy gb,us-colocation --as-of 2028-01-01 --format json{} > offline.json "
                  "2>/dev/null",
                  folder_, NETVET_BINARY, target, extra.empty() ? "" : " " + extra);
  const int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << command;
  return slurp(folder_ + "/offline.json");
}

}  // namespace netvet::testing
