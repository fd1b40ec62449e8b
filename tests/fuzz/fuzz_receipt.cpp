// libFuzzer harness: a receipt as `netvet receipt verify` reads it — the bytes parsed by
// nlohmann (no exceptions), then store::verify_receipt against a fixed Ed25519 public key,
// the public half of receipt/seed-key.pem, the test-only key that signed the seed
// (receipt/make_seed.cpp). Never a crash or an exception; a refusal must say what is
// wrong; and a receipt that verifies must be the one the key signed: every signed field
// as the seed has it (the signature's text may differ only in how base64 spells the same
// bytes).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "store/receipt.h"

namespace {

constexpr std::string_view kPublicKey =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAR1r5wFBTVCyZSs9UxGTJb2T1PCnjSkTzNZ6R2O+DPxA=\n"
    "-----END PUBLIC KEY-----\n";

// The signed fields of the seed (tests/fuzz/corpus/receipt/receipt.json), the only
// receipt this key ever signed.
const nlohmann::json& signed_fields() {
  static const nlohmann::json fields = {
      {"submission", "s-0123456789abcdef0123456789abcdef"},
      {"operator", "op-a"},
      {"digest", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
      {"received", "2026-12-07T13:00:00Z"},
      {"audit_index", 42},
      {"audit_hash", "5d41402abc4b2a76b9719d911017c592ae5f8b3e1c3d6e2f4a5b6c7d8e9f0a1b"},
      {"key_id", "7cad4a66aa363a34"}};
  return fields;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using netvet::fuzz::fail;
  const auto receipt =
      nlohmann::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), nullptr, false);
  if (receipt.is_discarded()) return 0;
  netvet::Result<void> verified;
  try {
    verified = netvet::store::verify_receipt(receipt, kPublicKey);
  } catch (const std::exception& e) {
    fail("verify_receipt threw", e.what());
  }
  if (!verified) {
    if (verified.error().empty() || verified.error().front().message.empty())
      fail("verify_receipt", "a refusal that says nothing");
    (void)verified.error().front().to_string();
    return 0;
  }
  for (const auto& [field, value] : signed_fields().items())
    if (const auto found = receipt.find(field); found == receipt.end() || *found != value)
      fail("verify_receipt", "a receipt verifies with another '" + field + "' than the key signed");
  return 0;
}
