#pragma once
// Tokens as people hold them: "nvt_<id>_<secret>", the id public (it names the token in
// lists, the audit log and revocations), the secret 256 random bits shown once and kept
// only as its SHA-256. One token per person or service, never per team.

#include <optional>
#include <string>
#include <string_view>

#include "store/records.h"
#include "util/date.h"

namespace netvet::store {

struct IssuedToken {
  TokenRecord record;  // what the store keeps
  std::string text;    // what the holder is given, once
};

// A new token; `expires` is the last valid day (kNoDate: never).
IssuedToken issue_token(std::string name, Role role, std::string operator_id, Date expires);

struct PresentedToken {
  std::string id;
  std::string secret;
};

// The id and secret of a token's text; nothing when it is not shaped like one.
std::optional<PresentedToken> parse_token(std::string_view text);

enum class TokenState { valid, unknown, revoked, expired };

// Whether `presented` is `stored`'s (nothing stored: unknown), compared in constant time,
// and still valid on `today`.
TokenState check_token(const std::optional<TokenRecord>& stored, const PresentedToken& presented, Date today);

std::string_view to_string(TokenState state);

}  // namespace netvet::store
