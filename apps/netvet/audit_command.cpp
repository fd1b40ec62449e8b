// netvet audit verify: re-checks the service's audit log, entry by entry, and names the
// first that does not verify (changed, removed, inserted or out of order). Exit 0 when
// the whole chain verifies, 1 when an entry does not.

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command.h"
#include "store_input.h"

namespace netvet::cli {
namespace {

int run_verify(const std::string& url) {
  auto db = open_store_for_cli(url);
  if (!db) return kBadInput;
  auto report = db->verify_audit();
  if (!report) {
    std::cerr << "netvet audit verify: " << report.error().front().to_string() << "\n";
    return kInternal;
  }
  if (report->broken_at) {
    std::cout << fmt::format("Audit log of {}: entry {} does not verify: {}\n", db->describe(), *report->broken_at,
                             report->reason);
    std::cout << (report->entries == 1 ? std::string("The entry before it verifies.\n")
                                       : fmt::format("The {} entries before it verify.\n", report->entries));
    return kFindings;
  }
  std::cout << fmt::format("Audit log of {}: all {} entries verify; the last entry's hash is {}\n", db->describe(),
                           report->entries, report->entries == 0 ? "none (the log is empty)" : report->head_hash);
  return kOk;
}

}  // namespace

void add_audit(CLI::App& app, Run& run) {
  auto url = std::make_shared<std::string>(kDefaultStore);
  auto* cmd = app.add_subcommand("audit", "The service's audit log");
  cmd->require_subcommand(1);
  auto* verify = cmd->add_subcommand("verify", "Check the hash chain; name the first entry that does not verify");
  add_store_option(*verify, *url);
  verify->callback([url, &run] { run = [url] { return run_verify(*url); }; });
}

}  // namespace netvet::cli
