// netvet submit INV --server URL: an operator's pipeline submits its inventory to the
// shared service and keeps the receipt. A JSON document is sent as it is; a CSV bundle
// folder as multipart/form-data, one part per table file the folder holds (other files
// are left out, as every reader of a folder ignores them). Exit 0 when stored, 2 when refused (the
// service's problems printed as `netvet validate` prints them), 3 when the service
// cannot be reached or fails.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "policy_input.h"
#include "io/inventory_io.h"
#include "server/client.h"
#include "server/multipart.h"
#include "util/files.h"

namespace netvet::cli {
namespace {

struct SubmitArgs {
  std::string inventory, server, token, ca, output;
};

constexpr std::size_t kMaxFileBytes = std::size_t{4} << 30;

// What is sent: the JSON document, or a folder's table files as multipart/form-data.
Result<server::FormData> read_document(const std::string& inventory) {
  if (path_kind(inventory) != PathKind::folder) {
    auto body = read_input_file(inventory, inventory, "an inventory JSON document or a CSV bundle folder", kMaxFileBytes);
    if (!body) return std::unexpected(std::move(body.error()));
    return server::FormData{.content_type = "application/json", .body = std::move(*body)};
  }
  std::vector<server::FormFile> files;
  for (const auto& name : io::csv_bundle_files()) {
    const auto path = std::filesystem::path(inventory) / name;
    if (path_kind(path) == PathKind::missing) continue;  // the service names a required table missing
    auto text = read_input_file(path, path.string(), "a CSV table", kMaxFileBytes);
    if (!text) return std::unexpected(std::move(text.error()));
    files.push_back({.filename = name, .content_type = "text/csv", .body = std::move(*text)});
  }
  return server::write_form_data(files);
}

int run_submit(const SubmitArgs& args) {
  std::string token = args.token;
  if (token.empty()) {
    const char* env = std::getenv("NETVET_TOKEN");
    token = env != nullptr ? env : "";
  }
  if (token.empty()) {
    std::cerr << "netvet submit: no token: give --token or set NETVET_TOKEN (better: it stays out of the process list)\n";
    return kBadInput;
  }
  auto document = read_document(args.inventory);
  if (!document) {
    print_problems(document.error());
    return kBadInput;
  }
  auto answer = server::send(args.server,
                             {.method = "POST", .target = "/v1/submissions", .token = token,
                              .content_type = std::move(document->content_type), .body = std::move(document->body),
                              .headers = {}},
                             {.timeout = std::chrono::minutes(10), .ca_file = args.ca});
  if (!answer) {
    print_problems(answer.error());
    return kInternal;
  }
  const auto json = nlohmann::json::parse(answer->body, nullptr, false);
  if (answer->status == 201 && json.is_object()) {
    if (!emit(args.output, json.at("receipt").dump(2) + "\n")) return kBadInput;
    std::cerr << fmt::format("Submitted {} as {} for operator {}: digest {}, audit entry {}{}\n", args.inventory,
                             json.value("id", ""), json.value("operator", ""), json.value("digest", ""),
                             json["receipt"].value("audit_index", 0),
                             args.output.empty() ? "" : "; receipt in " + args.output);
    // The service's assessment under the policies in force, made once the submission was stored.
    if (const auto assessment = json.find("assessment"); assessment != json.end() && assessment->is_object())
      std::cerr << fmt::format("Assessed under the policies in force (version {}, as of {}): {}; {}\n",
                               assessment->value("policies_version", 0), assessment->value("as_of", ""),
                               assessment->value("compliant", false) ? "compliant" : "not compliant",
                               assessment->value("location", ""));
    else if (json.contains("assessment_reason"))
      std::cerr << "Not assessed: " << json.value("assessment_reason", "") << "\n";
    return kOk;
  }
  const std::string message =
      json.is_object() && json.contains("error") ? json["error"].value("message", "") : answer->body;
  std::cerr << fmt::format("netvet submit: the service refused {} ({}): {}\n", args.inventory, answer->status, message);
  if (json.is_object() && json.contains("error") && json["error"].contains("problems"))
    for (const auto& problem : json["error"]["problems"]) {
      std::string where = problem.value("file", "");
      if (problem.contains("line")) where += fmt::format(":{}:{}", problem.value("line", 0), problem.value("col", 0));
      else if (problem.contains("row")) where += fmt::format(":{}", problem.value("row", 0) + 1);  // a CSV line
      if (problem.contains("column")) where += fmt::format(" ({})", problem.value("column", ""));
      if (problem.contains("pointer")) where += " at " + problem.value("pointer", "");
      std::cerr << fmt::format("  {}: {}\n", where, problem.value("message", ""));
    }
  return answer->status >= 500 ? kInternal : kBadInput;
}

}  // namespace

void add_submit(CLI::App& app, Run& run) {
  auto args = std::make_shared<SubmitArgs>();
  auto* cmd = app.add_subcommand("submit", "Submit an inventory to the shared service and print its receipt");
  cmd->add_option("inventory", args->inventory,
                  "The inventory: a JSON document, or a CSV bundle folder (sent as multipart/form-data)")
      ->required();
  cmd->add_option("--server", args->server, "The service, e.g. https://netvet.regulator.example")->required();
  cmd->add_option("--token", args->token, "An operator token (default: $NETVET_TOKEN)");
  cmd->add_option("--ca", args->ca, "PEM certificates to trust for the service instead of the system's");
  cmd->add_option("-o,--output", args->output, "Write the receipt here (default: standard output)");
  cmd->callback([args, &run] { run = [args] { return run_submit(*args); }; });
}

}  // namespace netvet::cli
