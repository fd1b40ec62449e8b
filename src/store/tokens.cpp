#include "store/tokens.h"

#include "store/digest.h"

namespace netvet::store {
namespace {

constexpr std::string_view kPrefix = "nvt_";
constexpr std::size_t kIdDigits = 16;      // 64 bits: ids need only be unique
constexpr std::size_t kSecretDigits = 64;  // 256 bits

bool all_hex(std::string_view text) {
  return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

IssuedToken issue_token(std::string name, Role role, std::string operator_id, Date expires) {
  const std::string id = new_token_id();  // "t-" + 16 hex digits
  const std::string secret = random_hex(kSecretDigits / 2);
  IssuedToken issued;
  issued.record = {.id = id,
                   .name = std::move(name),
                   .role = role,
                   .operator_id = std::move(operator_id),
                   .secret_hash = sha256_hex(secret),
                   .created = utc_now(),
                   .expires = expires == kNoDate ? std::string() : format_date(expires),
                   .revoked = {}};
  issued.text = std::string(kPrefix) + id.substr(2) + "_" + secret;
  return issued;
}

std::optional<PresentedToken> parse_token(std::string_view text) {
  if (!text.starts_with(kPrefix)) return std::nullopt;
  text.remove_prefix(kPrefix.size());
  if (text.size() != kIdDigits + 1 + kSecretDigits || text[kIdDigits] != '_') return std::nullopt;
  const std::string_view id = text.substr(0, kIdDigits);
  const std::string_view secret = text.substr(kIdDigits + 1);
  if (!all_hex(id) || !all_hex(secret)) return std::nullopt;
  return PresentedToken{"t-" + std::string(id), std::string(secret)};
}

TokenState check_token(const std::optional<TokenRecord>& stored, const PresentedToken& presented, Date today) {
  // The hash is compared even for an unknown id (against a fixed one), so the time taken
  // does not tell a known id from an unknown one.
  static const std::string kNobody = sha256_hex("netvet: no such token");
  const bool matches = equal_in_constant_time(sha256_hex(presented.secret), stored ? stored->secret_hash : kNobody);
  if (!stored || !matches) return TokenState::unknown;
  if (!stored->revoked.empty()) return TokenState::revoked;
  if (!stored->expires.empty()) {
    const auto last = parse_date(stored->expires);
    if (!last || today > *last) return TokenState::expired;
  }
  return TokenState::valid;
}

std::string_view to_string(TokenState state) {
  switch (state) {
    case TokenState::valid: return "valid";
    case TokenState::unknown: return "unknown";
    case TokenState::revoked: return "revoked";
    case TokenState::expired: return "expired";
  }
  return "unknown";
}

}  // namespace netvet::store
