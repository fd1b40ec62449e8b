// The service's side of bench/service.sh (issue 13): seeds a store with OPERATORS
// operators, each with a 200-cell submission and an assessment under gb, and writes the
// reads for the load generator (wrk, with bench/service_wrk.lua) to TARGETS: each
// operator's status and assessment with the operator's own token, "TOKEN PATH" per line.
//
// With --big CELLS, first times a submission of 2×CELLS+2 elements over HTTP (validated
// and stored), then another with gb in force (also assessed before the answer), and
// reports the process's peak memory before and after each.
//
// Usage: service_load --store URL --targets FILE [--operators 20] [--big CELLS]
#include <boost/asio.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "server/api.h"
#include "server/client.h"
#include "server/server.h"
#include "store/receipt.h"
#include "store/store.h"
#include "store/tokens.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace netvet;

// A one-operator inventory of `cells` cell sites with a radio and a router each, a core.
std::string inventory(const std::string& op, int cells) {
  nlohmann::json doc = {{"format", "netvet-inventory"}, {"version", 1},
                        {"operators", {{{"id", op}, {"name", op + " plc"}, {"country", "GB"}}}}};
  doc["sites"] = {{{"id", op + "-core"}, {"operator", op}, {"kind", "core"}, {"lat", 51.5}, {"lon", -0.1}}};
  doc["elements"] = {{{"id", op + "-upf"}, {"site", op + "-core"}, {"function", "upf"}, {"vendor", "Ericsson"}},
                     {{"id", op + "-amf"}, {"site", op + "-core"}, {"function", "amf"}, {"vendor", "Nokia"}}};
  doc["links"] = {{{"a", op + "-upf"}, {"b", op + "-amf"}}};
  for (int c = 0; c < cells; ++c) {
    const std::string site = fmt::format("{}-s{}", op, c);
    doc["sites"].push_back({{"id", site}, {"operator", op}, {"kind", "cell"},
                            {"lat", 51.0 + 0.01 * (c % 50)}, {"lon", -1.0 + 0.01 * (c / 50)}});
    doc["elements"].push_back({{"id", site + "-ru"}, {"site", site}, {"function", "gnb"},
                               {"vendor", c % 3 == 0 ? "Huawei" : "Ericsson"}, {"generation", {"4G", "5G"}}});
    doc["elements"].push_back({{"id", site + "-csr"}, {"site", site}, {"function", "csr"}, {"vendor", "Cisco"}});
    doc["links"].push_back({{"a", site + "-ru"}, {"b", site + "-csr"}});
    doc["links"].push_back({{"a", site + "-csr"}, {"b", op + "-upf"}});
  }
  return doc.dump();
}

// The process's peak resident memory so far, MB (VmHWM).
long peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6)) / 1024;
  return -1;
}

std::string issue(store::Store& db, store::Role role, const std::string& op) {
  auto token = store::issue_token("load " + op, role, op, kNoDate);
  (void)db.add_token({.role = store::Role::admin, .operator_id = {}, .actor_id = "bench", .actor_name = "bench"},
                     token.record);
  return token.text;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, targets_file;
  int operators = 20, big = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--store") url = argv[i + 1];
    else if (flag == "--targets") targets_file = argv[i + 1];
    else if (flag == "--operators") operators = std::stoi(argv[i + 1]);
    else if (flag == "--big") big = std::stoi(argv[i + 1]);
  }
  if (url.empty() || targets_file.empty()) {
    std::cerr << "usage: service_load --store URL --targets FILE [--operators 20] [--big CELLS]\n";
    return 2;
  }
  auto opened = store::open_store(url, {.connections = 18, .without_operator_filter = false});
  if (!opened || !(*opened)->migrate()) {
    std::cerr << "service_load: cannot open " << url << "\n";
    return 2;
  }
  store::Store& db = **opened;
  const auto key = std::filesystem::temp_directory_path() / fmt::format("netvet-load-{}.pem", ::getpid());
  auto signer = store::Signer::load_or_create(key);
  std::filesystem::remove(key);
  if (!signer) return 2;
  server::Api api(db, {.max_body_bytes = 256u << 20, .signer = signer->get(), .engine = "netvet bench"});

  // Seed: each operator submits; an analyst assesses it under gb.
  const std::string analyst = issue(db, store::Role::analyst, "");
  struct Target {
    std::string token, status, assessment;
  };
  std::vector<Target> targets;
  for (int o = 0; o < operators; ++o) {
    const std::string op = fmt::format("op-{:02}", o);
    Target target{issue(db, store::Role::operator_, op), "/v1/operators/" + op + "/status", ""};
    server::Request post{"POST", "/v1/submissions", {}, "Bearer " + target.token, "application/json", inventory(op, 200)};
    const auto submitted = api.handle(post);
    if (submitted.status != 201) {
      std::cerr << "service_load: seeding failed: " << submitted.body << "\n";
      return 3;
    }
    const std::string id = nlohmann::json::parse(submitted.body)["id"];
    server::Request assess{"POST", "/v1/assessments", {}, "Bearer " + analyst, "application/json",
                           nlohmann::json{{"submission", id}, {"policies", {"gb"}}, {"as_of", "2028-01-01"}}.dump()};
    const auto assessed = api.handle(assess);
    if (assessed.status != 201) {
      std::cerr << "service_load: assessing failed: " << assessed.body << "\n";
      return 3;
    }
    target.assessment = "/v1/assessments/" + nlohmann::json::parse(assessed.body)["id"].get<std::string>();
    targets.push_back(std::move(target));
  }
  {
    std::ofstream out(targets_file);
    for (const Target& target : targets)
      out << target.token << ' ' << target.status << '\n' << target.token << ' ' << target.assessment << '\n';
    if (!out) {
      std::cerr << "service_load: cannot write " << targets_file << "\n";
      return 2;
    }
  }
  server::ServerOptions options;
  options.port = 0;
  auto running = server::Server::start(api, options);
  if (!running) return 3;
  const unsigned short port = (*running)->port();
  const std::string kind = db.describe().substr(0, db.describe().find(':'));

  if (big > 0) {
    // Twice: as received (no policies in force), then with gb in force, when the service
    // also assesses the submission before it answers.
    for (const bool assessed : {false, true}) {
      if (assessed) {
        server::Request put{"PUT", "/v1/policies", {}, "Bearer " + issue(db, store::Role::admin, ""), "application/json",
                            R"({"policies": ["gb"], "as_of": "2028-01-01"})"};
        if (api.handle(put).status != 200) {
          std::cerr << "service_load: cannot set the policies in force\n";
          return 3;
        }
      }
      const std::string op = assessed ? "op-big-assessed" : "op-big";
      const std::string document = inventory(op, big);
      const std::string token = issue(db, store::Role::operator_, op);
      const long before = peak_rss_mb();
      const auto began = Clock::now();
      auto answer = server::send(fmt::format("http://127.0.0.1:{}", port),
                                 {.method = "POST", .target = "/v1/submissions", .token = token,
                                  .content_type = "application/json", .body = document, .headers = {}},
                                 {.timeout = std::chrono::minutes(5), .ca_file = {}});
      const double took = std::chrono::duration<double>(Clock::now() - began).count();
      if (!answer || answer->status != 201 ||
          (assessed && nlohmann::json::parse(answer->body, nullptr, false).value("assessment", nlohmann::json()).is_null())) {
        std::cerr << "service_load: the big submission failed" << (answer ? ": " + answer->body.substr(0, 300) : "")
                  << "\n";
        return 3;
      }
      std::cout << fmt::format("{}: one submission of {} elements ({:.0f} MB) validated and stored{} in {:.2f} s; "
                               "peak RSS {} MB before it (the document built), {} MB after\n",
                               kind, 2 * big + 2, static_cast<double>(document.size()) / 1e6,
                               assessed ? ", then assessed under gb (in force)" : "", took, before, peak_rss_mb());
    }
  }

  (*running)->stop();
  (*running)->wait();
  return 0;
}
