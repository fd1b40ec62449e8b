// netvet api METHOD PATH --server URL: one request to the shared service, its JSON answer
// on standard output — for scripts and for trying the API (as `gh api` is for GitHub).
// Exit 0 on a 2xx answer, 2 on a 4xx (the message on stderr), 3 when the service fails
// or cannot be reached.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "policy_input.h"
#include "server/client.h"

namespace netvet::cli {
namespace {

struct ApiArgs {
  std::string method, path, server, token, data, ca, output;
};

int run_api(const ApiArgs& args) {
  std::string token = args.token;
  if (const char* env = std::getenv("NETVET_TOKEN"); token.empty() && env != nullptr) token = env;
  if (!args.path.starts_with("/")) {
    std::cerr << fmt::format("netvet api: '{}' is not a path; expected one such as /v1/operators\n", args.path);
    return kBadInput;
  }
  auto answer = server::send(args.server,
                             {.method = args.method, .target = args.path, .token = token,
                              .content_type = args.data.empty() ? "" : "application/json", .body = args.data,
                              .headers = {}},
                             {.timeout = std::chrono::minutes(10), .ca_file = args.ca});
  if (!answer) {
    print_problems(answer.error());
    return kInternal;
  }
  if (answer->status >= 200 && answer->status < 300) return emit(args.output, answer->body) ? kOk : kBadInput;
  const auto json = nlohmann::json::parse(answer->body, nullptr, false);
  const std::string message =
      json.is_object() && json.contains("error") ? json["error"].value("message", "") : answer->body;
  std::cerr << fmt::format("netvet api: {} {} answered {}: {}\n", args.method, args.path, answer->status, message);
  return answer->status >= 500 ? kInternal : kBadInput;
}

}  // namespace

void add_api(CLI::App& app, Run& run) {
  auto args = std::make_shared<ApiArgs>();
  auto* cmd = app.add_subcommand("api", "Send one request to the shared service and print its JSON answer");
  cmd->add_option("method", args->method, "GET, POST or PUT")->required()->check(CLI::IsMember({"GET", "POST", "PUT"}));
  cmd->add_option("path", args->path, "The path and query, e.g. /v1/operators/ee/status")->required();
  cmd->add_option("--server", args->server, "The service, e.g. https://netvet.regulator.example")->required();
  cmd->add_option("--token", args->token, "A token (default: $NETVET_TOKEN)");
  cmd->add_option("--data", args->data, "The JSON body of a POST or PUT");
  cmd->add_option("--ca", args->ca, "PEM certificates to trust for the service instead of the system's");
  cmd->add_option("-o,--output", args->output, "Write the answer here (default: standard output)");
  cmd->callback([args, &run] { run = [args] { return run_api(*args); }; });
}

}  // namespace netvet::cli
