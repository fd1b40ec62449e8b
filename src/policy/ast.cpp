#include "policy/ast.h"

#include <fmt/format.h>

namespace netvet::policy {

std::string_view name_of(CompareOp op) {
  switch (op) {
    case CompareOp::eq: return "==";
    case CompareOp::ne: return "!=";
    case CompareOp::lt: return "<";
    case CompareOp::le: return "<=";
    case CompareOp::gt: return ">";
    case CompareOp::ge: return ">=";
    case CompareOp::in: return "in";
    case CompareOp::not_in: return "not-in";
    case CompareOp::has: return "has";
  }
  return "?";
}

std::string to_string(const Value& value) {
  switch (value.kind) {
    case Value::Kind::string: return fmt::format("\"{}\"", value.text);
    case Value::Kind::number: return fmt::format("{}", value.number);
    case Value::Kind::date: return format_date(value.date);
    case Value::Kind::parameter: return "$" + value.text;
    case Value::Kind::word: return value.text;
    case Value::Kind::list: {
      std::string out = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) out += (i ? ", " : "") + to_string(value.items[i]);
      return out + "]";
    }
  }
  return "?";
}

std::string to_string(const Expr& expr) {
  switch (expr.kind) {
    case Expr::Kind::constant: return expr.constant ? "true" : "false";
    case Expr::Kind::negation: {
      const auto& child = expr.children.front();
      const bool wrap = child.kind == Expr::Kind::all_of || child.kind == Expr::Kind::any_of;
      return wrap ? fmt::format("not ({})", to_string(child)) : fmt::format("not {}", to_string(child));
    }
    case Expr::Kind::all_of:
    case Expr::Kind::any_of: {
      const bool is_and = expr.kind == Expr::Kind::all_of;
      std::string out;
      for (std::size_t i = 0; i < expr.children.size(); ++i) {
        const auto& child = expr.children[i];
        // Only an `or` inside an `and` needs brackets to keep its meaning.
        const bool wrap = is_and && child.kind == Expr::Kind::any_of;
        if (i) out += is_and ? " and " : " or ";
        out += wrap ? fmt::format("({})", to_string(child)) : to_string(child);
      }
      return out;
    }
    case Expr::Kind::compare:
      return fmt::format("{} {} {}", field_info(expr.field).name, name_of(expr.op), to_string(expr.value));
    case Expr::Kind::evidence:
      return expr.evidence_scheme.empty() ? fmt::format("evidence({})", expr.evidence_type)
                                          : fmt::format("evidence({}, \"{}\")", expr.evidence_type, expr.evidence_scheme);
  }
  return "?";
}

}  // namespace netvet::policy
