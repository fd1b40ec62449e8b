// netvet receipt verify RECEIPT --key PUBKEY: checks offline that a submission's receipt
// was signed by the service's key and not changed since. Exit 0 when it verifies, 1 when
// it does not, 2 when the files cannot be read.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "command.h"
#include "policy_input.h"
#include "store/receipt.h"
#include "util/files.h"

namespace netvet::cli {
namespace {

struct ReceiptArgs {
  std::string receipt, key;
};

int run_verify(const ReceiptArgs& args) {
  auto text = read_input_file(args.receipt, args.receipt, "a receipt (JSON)", 1 << 20);
  auto key = read_input_file(args.key, args.key, "a public key (PEM)", 1 << 20);
  if (!text || !key) {
    print_problems(!text ? text.error() : key.error());
    return kBadInput;
  }
  const auto receipt = nlohmann::json::parse(*text, nullptr, false);
  if (receipt.is_discarded()) {
    std::cerr << fmt::format("netvet receipt verify: {} is not JSON\n", args.receipt);
    return kBadInput;
  }
  if (auto verified = store::verify_receipt(receipt, *key); !verified) {
    std::cout << fmt::format("{} does not verify: {}\n", args.receipt, verified.error().front().message);
    return kFindings;
  }
  std::cout << fmt::format("{} verifies: submission {} of operator {}, digest {}, received {}, audit entry {} ({})\n",
                           args.receipt, receipt.value("submission", ""), receipt.value("operator", ""),
                           receipt.value("digest", ""), receipt.value("received", ""), receipt.value("audit_index", 0),
                           receipt.value("audit_hash", ""));
  return kOk;
}

}  // namespace

void add_receipt(CLI::App& app, Run& run) {
  auto args = std::make_shared<ReceiptArgs>();
  auto* cmd = app.add_subcommand("receipt", "Submission receipts");
  cmd->require_subcommand(1);
  auto* verify = cmd->add_subcommand("verify", "Check a receipt's signature offline with the service's public key");
  verify->add_option("receipt", args->receipt, "The receipt (JSON), as netvet submit printed it")->required();
  verify->add_option("--key", args->key, "The service's public key (PEM): netvet serve --print-public-key")->required();
  verify->callback([args, &run] { run = [args] { return run_verify(*args); }; });
}

}  // namespace netvet::cli
