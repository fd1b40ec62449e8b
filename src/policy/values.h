#pragma once
// Internal to src/policy: the values a comparison tests, after parameters and designations
// are expanded and every item is resolved for the field's type. Used by the checker (to
// report a bad value where it is written) and by the evaluator (to build lookup tables).

#include <expected>
#include <string>
#include <vector>

#include "policy/expression.h"

namespace netvet::policy {

// One resolved value. `text` holds text, canonical vendor ids, countries ("GB") and
// canonical function names; `number` holds numbers, dates (days), and the codes of
// domains, planes, site kinds and generation bits.
struct Item {
  std::string text;
  double number = 0;
};

std::expected<std::vector<Item>, ExprError> resolve_items(const Expr& compare, const SelectorScope& scope);

}  // namespace netvet::policy
