#include "store/receipt.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <vector>

#include "store/digest.h"

namespace netvet::store {
namespace {

constexpr std::string_view kFormat = "netvet-receipt-v1";

// The signed text: every field of the receipt but the signature, each as <length>:<bytes>.
std::string signed_text(const nlohmann::json& receipt) {
  std::string text(kFormat);
  text += '\n';
  for (const char* field : {"submission", "operator", "digest", "received", "audit_index", "audit_hash", "key_id"}) {
    const auto& value = receipt.at(field);
    const std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
    text += fmt::format("{}:{}\n", shown.size(), shown);
  }
  return text;
}

std::string base64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// Strict base64: groups of four, at most two '=' and only at the end. (EVP_DecodeBlock
// decodes "====" as three bytes: counting every '=' as padding once made its size wrap
// around below zero, and the resize threw out of verify_receipt.)
std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
  if (text.size() % 4 != 0 || text.size() > (1u << 20)) return std::nullopt;
  std::size_t padding = 0;
  while (padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  if (padding > 2 || text.substr(0, text.size() - padding).find('=') != std::string_view::npos) return std::nullopt;
  std::vector<unsigned char> out(3 * text.size() / 4 + 1);
  const int written = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0 || static_cast<std::size_t>(written) < padding) return std::nullopt;
  out.resize(static_cast<std::size_t>(written) - padding);  // padding decodes as zero bytes
  return out;
}

using PKey = std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)>;
using Bio = std::unique_ptr<BIO, int (*)(BIO*)>;

std::string raw_public_key(EVP_PKEY* key) {
  std::size_t size = 0;
  EVP_PKEY_get_raw_public_key(key, nullptr, &size);
  std::string raw(size, '\0');
  EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &size);
  return raw;
}

}  // namespace

struct Signer::Key {
  PKey key{nullptr, EVP_PKEY_free};
};

Signer::Signer(std::unique_ptr<Key> key) : key_(std::move(key)) {}
Signer::~Signer() = default;

Result<std::unique_ptr<Signer>> Signer::load_or_create(const std::filesystem::path& path) {
  const std::string shown = path.string();
  auto key = std::make_unique<Key>();
  if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
    key->key.reset(PEM_read_PrivateKey(file, nullptr, nullptr, nullptr));
    std::fclose(file);
    if (!key->key || EVP_PKEY_get_id(key->key.get()) != EVP_PKEY_ED25519)
      return fail(file_problem(shown, "is not an Ed25519 private key in PEM (as netvet serve writes one)"));
    return std::unique_ptr<Signer>(new Signer(std::move(key)));
  }
  key->key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key->key) return fail(file_problem(shown, "OpenSSL could not make an Ed25519 key"));
  // Written whole beside its place, then linked into it: link() never replaces a file, and
  // a process that starts at the same moment sees either no key or the whole of one.
  const std::string partial = fmt::format("{}.{}.partial", path.string(), ::getpid());
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return fail(file_problem(shown, fmt::format("cannot create the signing key file: {}", std::strerror(errno))));
  std::FILE* file = fdopen(fd, "wb");
  const bool written = file != nullptr &&
                       PEM_write_PrivateKey(file, key->key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  const bool closed = file != nullptr ? std::fclose(file) == 0 : ::close(fd) == 0;
  const bool linked = written && closed && ::link(partial.c_str(), path.c_str()) == 0;
  const int link_error = errno;
  std::filesystem::remove(partial);
  if (!linked && written && closed && link_error == EEXIST) return load_or_create(path);  // another process won
  if (!linked) return fail(file_problem(shown, "cannot write the signing key file"));
  return std::unique_ptr<Signer>(new Signer(std::move(key)));
}

std::string Signer::sign(std::string_view message) const {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char signature[64];
  std::size_t size = sizeof signature;
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key_->key.get()) != 1 ||
      EVP_DigestSign(context.get(), signature, &size, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1)
    return {};
  return base64(signature, size);
}

std::string Signer::public_key_pem() const {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key_->key.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string Signer::key_id() const { return sha256_hex(raw_public_key(key_->key.get())).substr(0, 16); }

nlohmann::ordered_json make_receipt(const SubmissionMeta& submission, const Signer* signer) {
  nlohmann::ordered_json receipt = {{"format", kFormat},
                                    {"submission", submission.id},
                                    {"operator", submission.operator_id},
                                    {"digest", submission.digest},
                                    {"received", submission.received},
                                    {"audit_index", submission.audit_index},
                                    {"audit_hash", submission.audit_hash},
                                    {"key_id", signer != nullptr ? signer->key_id() : ""}};
  receipt["signature"] = signer != nullptr ? signer->sign(signed_text(receipt)) : "";
  return receipt;
}

Result<void> verify_receipt(const nlohmann::json& receipt, std::string_view public_key_pem) {
  const auto problem = [](std::string message) { return fail(file_problem("receipt", std::move(message))); };
  // Not value("format", ""): it throws when "format" is there but not a text.
  const auto format = receipt.find("format");  // end() for anything not an object
  if (!receipt.is_object() || format == receipt.end() || !format->is_string() ||
      format->get_ref<const std::string&>() != kFormat)
    return problem(fmt::format("is not a netvet receipt (expected \"format\": \"{}\")", kFormat));
  for (const char* field : {"submission", "operator", "digest", "received", "audit_hash", "key_id", "signature"})
    if (!receipt.contains(field) || !receipt[field].is_string())
      return problem(fmt::format("has no '{}' text", field));
  if (!receipt.contains("audit_index") || !receipt["audit_index"].is_number_integer())
    return problem("has no whole-number 'audit_index'");
  Bio bio(BIO_new_mem_buf(public_key_pem.data(), static_cast<int>(public_key_pem.size())), BIO_free);
  PKey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
    return problem("the key is not an Ed25519 public key in PEM (netvet serve --print-public-key writes it)");
  const std::string key_id = sha256_hex(raw_public_key(key.get())).substr(0, 16);
  if (receipt["key_id"] != key_id)
    return problem(fmt::format("was signed by key {}, not by this key ({})", receipt["key_id"].get<std::string>(), key_id));
  const auto signature = unbase64(receipt["signature"].get<std::string>());
  if (!signature) return problem("the signature is not base64");
  const std::string text = signed_text(receipt);
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const bool valid = context && EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
                     EVP_DigestVerify(context.get(), signature->data(), signature->size(),
                                      reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
  if (!valid) return problem("the signature does not match: the receipt was changed, or was not signed by this key");
  return {};
}

}  // namespace netvet::store
