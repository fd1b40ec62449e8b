#include "policy/expression.h"

#include <fmt/format.h>

#include "policy/parser.h"

namespace netvet::policy {

std::expected<Selector, ExprError> compile_selector(std::string_view text, const SelectorScope& scope) {
  auto expr = parse_selector(text);
  if (!expr) return std::unexpected(expr.error());
  if (auto ok = check_selector(*expr, scope); !ok) return std::unexpected(ok.error());
  return Selector{std::string(text), std::move(*expr)};
}

std::string render_with_caret(std::string_view text, const ExprError& error) {
  const std::size_t offset = std::min(error.offset, text.size());
  const std::size_t line_begin = text.rfind('\n', offset == 0 ? 0 : offset - 1) == std::string_view::npos
                                     ? 0
                                     : text.rfind('\n', offset == 0 ? 0 : offset - 1) + 1;
  const std::size_t begin = (offset > 0 && text[offset - 1] == '\n') ? offset : line_begin;
  std::size_t line_end = text.find('\n', begin);
  if (line_end == std::string_view::npos) line_end = text.size();
  const std::string_view line = text.substr(begin, line_end - begin);
  const std::size_t column = offset - begin;
  const std::size_t width = std::max<std::size_t>(1, std::min(error.length, line.size() > column ? line.size() - column : 1));
  return fmt::format("{}\n    {}\n    {}{}", error.message, line, std::string(column, ' '), std::string(width, '^'));
}

}  // namespace netvet::policy
