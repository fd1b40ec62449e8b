#pragma once
// Receipts: what a submitter keeps to prove what it submitted and when. A receipt names
// the submission, its digest and time, and the audit entry written with it (index and
// chain hash), and carries the service's Ed25519 signature over all of that, so it can be
// checked offline with the service's public key (`netvet receipt verify`), and against
// the audit log by anyone who can read it.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "store/records.h"
#include "util/diagnostic.h"

namespace netvet::store {

// The service's signing key (Ed25519, through OpenSSL).
class Signer {
 public:
  // Reads the PEM private key at `path`, or, when no file is there, makes a new key and
  // writes it there (mode 0600, never replacing a file).
  static Result<std::unique_ptr<Signer>> load_or_create(const std::filesystem::path& path);
  ~Signer();
  Signer(const Signer&) = delete;
  Signer& operator=(const Signer&) = delete;

  std::string sign(std::string_view message) const;  // base64
  std::string public_key_pem() const;
  std::string key_id() const;  // first 16 hex digits of the SHA-256 of the raw public key

 private:
  struct Key;
  explicit Signer(std::unique_ptr<Key> key);
  std::unique_ptr<Key> key_;
};

// The receipt of `submission`, signed when a signer is given.
nlohmann::ordered_json make_receipt(const SubmissionMeta& submission, const Signer* signer);

// Whether `receipt` (a receipt's JSON) carries a valid signature by the key in
// `public_key_pem`; the problem (unreadable receipt, wrong key, bad signature) otherwise.
Result<void> verify_receipt(const nlohmann::json& receipt, std::string_view public_key_pem);

}  // namespace netvet::store
