#pragma once
// The recursive-descent parser of selector expressions: tokens -> syntax tree. Knows the
// grammar and the field names, nothing about packs or inventories (the checker does).

#include <expected>
#include <string_view>

#include "policy/ast.h"

namespace netvet::policy {

std::expected<Expr, ExprError> parse_selector(std::string_view text);

}  // namespace netvet::policy
