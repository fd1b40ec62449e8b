// netvet serve: the regulator's shared service (shared/spec/service.md) over a store,
// until SIGINT or SIGTERM. The schema is migrated at start, under the store's lock, so
// several `serve` processes over one PostgreSQL may start together; then every operator's
// latest submission not yet assessed under the policies in force is assessed.

#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "policy_input.h"
#include "server/policies_in_force.h"
#include "server/server.h"
#include "store/receipt.h"
#include "store_input.h"

namespace netvet::cli {
namespace {

struct ServeArgs {
  std::string store = kDefaultStore;
  std::string listen = "127.0.0.1:8080";
  std::string signing_key = "netvet-signing-key.pem";
  std::string tls_cert, tls_key, ready_file;
  double max_body_mb = 256;
  double request_timeout_s = 30;
  std::size_t workers = 0;  // 0: server::default_workers()
  double read_cache_mb = 64;
  bool print_public_key = false;
};

bool split_listen(const std::string& listen, server::ServerOptions& options) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    std::size_t used = 0;
    const unsigned long port = std::stoul(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1 || port > 65535) return false;
    options.address = host;
    options.port = static_cast<unsigned short>(port);
  } catch (const std::exception&) {
    return false;
  }
  return !host.empty();
}

int run_serve(const ServeArgs& args) {
  auto signer = store::Signer::load_or_create(args.signing_key);
  if (!signer) {
    print_problems(signer.error());
    return kBadInput;
  }
  if (args.print_public_key) {
    std::cout << (*signer)->public_key_pem();
    return kOk;
  }
  server::ServerOptions options;
  if (!split_listen(args.listen, options)) {
    std::cerr << fmt::format("netvet serve: --listen '{}' is not ADDRESS:PORT (such as 127.0.0.1:8080)\n", args.listen);
    return kBadInput;
  }
  if (args.tls_cert.empty() != args.tls_key.empty()) {
    std::cerr << "netvet serve: --tls-cert and --tls-key go together\n";
    return kBadInput;
  }
  if (!(args.max_body_mb > 0) || !(args.request_timeout_s > 0) || !(args.read_cache_mb >= 0)) {
    std::cerr << "netvet serve: --max-body-mb and --request-timeout must be above zero, --read-cache-mb zero or more\n";
    return kBadInput;
  }
  options.max_body_bytes = static_cast<std::size_t>(args.max_body_mb * 1024 * 1024);
  options.request_timeout = std::chrono::milliseconds(static_cast<long>(args.request_timeout_s * 1000));
  if (args.workers > 0) options.workers = args.workers;
  options.tls_certificate = args.tls_cert;
  options.tls_key = args.tls_key;

  auto opened = store::open_store(args.store, {.connections = 2 * options.workers + 2,
                                                .read_cache_bytes = static_cast<std::size_t>(args.read_cache_mb * 1024 * 1024),
                                                .without_operator_filter = false});
  if (!opened) {
    print_problems(opened.error());
    return kBadInput;
  }
  auto migrated = (*opened)->migrate();
  if (!migrated) {
    print_problems(migrated.error());
    return kBadInput;
  }
  const server::ApiOptions api_options{
      .max_body_bytes = options.max_body_bytes, .signer = signer->get(), .engine = "netvet 0.1.0"};
  // What a server killed between storing a submission and assessing it left unmade, and
  // what policies changed since the last start made stale: assessed before listening, so
  // every status this process answers is under the policies in force. A failure here is
  // said and does not stop the service (its statuses then say what is missing).
  if (auto pending = server::assess_pending(**opened, api_options); !pending) {
    std::cerr << "netvet serve: the submissions not yet assessed under the policies in force could not be read:\n";
    print_problems(pending.error());
  } else {
    if (pending->assessed > 0)
      std::cerr << fmt::format("netvet serve: assessed {} latest submission(s) under the policies in force\n",
                               pending->assessed);
    for (const auto& failed : pending->failed) std::cerr << "netvet serve: not assessed: " << failed << "\n";
  }
  // Signals are taken by this thread alone (sigwait below): blocked before any other
  // thread starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::Api api(**opened, api_options);
  auto running = server::Server::start(api, options);
  if (!running) {
    print_problems(running.error());
    return kBadInput;
  }
  const std::string url =
      fmt::format("{}://{}:{}", (*running)->tls() ? "https" : "http",
                  options.address.find(':') != std::string::npos ? "[" + options.address + "]" : options.address,
                  (*running)->port());
  std::cerr << fmt::format("netvet serve: listening on {} (store {}, schema version {}{}; receipts signed by key {})\n",
                           url, (*opened)->describe(), migrated->version,
                           migrated->applied.empty() ? "" : fmt::format(", {} migration(s) applied", migrated->applied.size()),
                           (*signer)->key_id());
  if (!args.ready_file.empty() && !emit(args.ready_file, url + "\n")) return kBadInput;
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << fmt::format("netvet serve: {} received; stopping\n", received == SIGINT ? "SIGINT" : "SIGTERM");
  (*running)->stop();
  (*running)->wait();
  return kOk;
}

}  // namespace

void add_serve(CLI::App& app, Run& run) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Run the shared service: operators submit, analysts and agencies assess");
  add_store_option(*cmd, args->store);
  cmd->add_option("--listen", args->listen, "ADDRESS:PORT to listen on (port 0: any free port)")->capture_default_str();
  cmd->add_option("--signing-key", args->signing_key,
                  "Ed25519 private key (PEM) that signs receipts; made (mode 0600) when missing. Every serve "
                  "process over one store needs the same key")
      ->capture_default_str();
  cmd->add_flag("--print-public-key", args->print_public_key,
                "Print the signing key's public key (PEM), for `netvet receipt verify --key`, and exit");
  cmd->add_option("--tls-cert", args->tls_cert, "PEM certificate chain: serve HTTPS");
  cmd->add_option("--tls-key", args->tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--max-body-mb", args->max_body_mb, "Refuse bodies above this size (413)")->capture_default_str();
  cmd->add_option("--request-timeout", args->request_timeout_s,
                  "Seconds a client has to send a whole request (then 408)")
      ->capture_default_str();
  cmd->add_option("--workers", args->workers,
                  "Reads handled at once, and as many changes (default 0: as many as the cores, at least 2; more "
                  "only queue in the store)")
      ->capture_default_str();
  cmd->add_option("--read-cache-mb", args->read_cache_mb,
                  "Memory for answers of reads of immutable rows (assessments, submissions' metadata), per "
                  "process; 0 turns the cache off")
      ->capture_default_str();
  cmd->add_option("--ready-file", args->ready_file, "Write the service's URL here once it listens (for scripts)");
  cmd->callback([args, &run] { run = [args] { return run_serve(*args); }; });
}

}  // namespace netvet::cli
