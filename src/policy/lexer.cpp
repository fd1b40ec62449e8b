#include "policy/lexer.h"

#include <fmt/format.h>

namespace netvet::policy {
namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// '.' joins field paths (site.kind); '-' lets `not-in` and vendor slugs be one word.
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c) || c == '.' || c == '-'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

ExprError error_at(std::size_t offset, std::size_t length, std::string message) {
  return ExprError{offset, length, std::move(message)};
}

// A date is exactly DDDD-DD-DD; anything else starting with a digit is a number.
bool looks_like_date(std::string_view text, std::size_t at) {
  if (text.size() < at + 10) return false;
  for (std::size_t i = 0; i < 10; ++i) {
    const char c = text[at + i];
    if ((i == 4 || i == 7) ? c != '-' : !is_digit(c)) return false;
  }
  return text.size() == at + 10 || !is_ident_char(text[at + 10]);
}

std::expected<Token, ExprError> lex_string(std::string_view text, std::size_t start) {
  const char quote = text[start];
  std::string value;
  std::size_t i = start + 1;
  while (i < text.size() && text[i] != quote) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;  // \" and \\ keep the next character
    value += text[i++];
  }
  if (i >= text.size()) return std::unexpected(error_at(start, text.size() - start, "unterminated string"));
  return Token{TokenKind::string, std::move(value), start, i + 1 - start};
}

}  // namespace

std::expected<std::vector<Token>, ExprError> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (true) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size()) break;
    const std::size_t start = i;
    const char c = text[i];
    auto emit = [&](TokenKind kind, std::size_t length) {
      tokens.push_back(Token{kind, std::string(text.substr(start, length)), start, length});
      i = start + length;
    };
    if (c == '"' || c == '\'') {
      auto token = lex_string(text, start);
      if (!token) return std::unexpected(token.error());
      i = start + token->length;
      tokens.push_back(std::move(*token));
    } else if (is_ident_start(c)) {
      std::size_t end = i + 1;
      while (end < text.size() && is_ident_char(text[end])) ++end;
      // A trailing '-' or '.' belongs to no word.
      while (text[end - 1] == '-' || text[end - 1] == '.') --end;
      emit(TokenKind::identifier, end - start);
    } else if (c == '$') {
      std::size_t end = i + 1;
      while (end < text.size() && (is_ident_start(text[end]) || is_digit(text[end]))) ++end;
      if (end == i + 1) return std::unexpected(error_at(start, 1, "expected a parameter name after '$'"));
      tokens.push_back(Token{TokenKind::parameter, std::string(text.substr(i + 1, end - i - 1)), start, end - start});
      i = end;
    } else if (is_digit(c) || (c == '-' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      if (looks_like_date(text, i)) {
        emit(TokenKind::date, 10);
      } else {
        std::size_t end = i + 1;
        while (end < text.size() && (is_digit(text[end]) || text[end] == '.')) ++end;
        if (end < text.size() && text[end] == '%') ++end;  // 35% reads as 0.35
        if (end < text.size() && is_ident_char(text[end])) {
          while (end < text.size() && is_ident_char(text[end])) ++end;
          return std::unexpected(error_at(start, end - start,
              fmt::format("'{}' is neither a number nor a date (dates are YYYY-MM-DD)", text.substr(start, end - start))));
        }
        emit(TokenKind::number, end - start);
      }
    } else if (c == '=' || c == '!' || c == '<' || c == '>') {
      const bool two = i + 1 < text.size() && text[i + 1] == '=';
      if ((c == '=' || c == '!') && !two) {
        return std::unexpected(error_at(start, 1, c == '=' ? "expected '==' (comparison), not '='"
                                                           : "expected '!=' ('not' negates a clause)"));
      }
      emit(TokenKind::op, two ? 2 : 1);
    } else if (c == '(') {
      emit(TokenKind::lparen, 1);
    } else if (c == ')') {
      emit(TokenKind::rparen, 1);
    } else if (c == '[') {
      emit(TokenKind::lbracket, 1);
    } else if (c == ']') {
      emit(TokenKind::rbracket, 1);
    } else if (c == ',') {
      emit(TokenKind::comma, 1);
    } else if (c == '&' || c == '|') {
      return std::unexpected(error_at(start, 1, fmt::format("unexpected '{}': write 'and' / 'or'", c)));
    } else {
      return std::unexpected(error_at(start, 1, fmt::format("unexpected character '{}'", c)));
    }
  }
  tokens.push_back(Token{TokenKind::end, {}, text.size(), 0});
  return tokens;
}

}  // namespace netvet::policy
