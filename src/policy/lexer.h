#pragma once
// Tokens of the selector language (grammar in expression.h). Every token keeps its byte
// offset in the expression so that errors point at the exact column.

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "policy/ast.h"

namespace netvet::policy {

enum class TokenKind : std::uint8_t {
  identifier,  // vendor, site.kind, hrv, and, or, not, in, not-in, has, evidence, true ...
  string,      // "huawei" or 'huawei' (text holds the unescaped content)
  number,      // 0.35, 100
  date,        // 2027-12-31
  parameter,   // $cap_unit (text holds the name without '$')
  op,          // == != < <= > >=
  lparen, rparen, lbracket, rbracket, comma,
  end,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;
  std::size_t offset = 0;
  std::size_t length = 0;
};

// Splits an expression into tokens, ending with one `end` token.
std::expected<std::vector<Token>, ExprError> tokenize(std::string_view text);

}  // namespace netvet::policy
