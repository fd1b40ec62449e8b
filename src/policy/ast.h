#pragma once
// The syntax tree of a selector expression, as the parser builds it and the checker
// validates it. Values stay as written (text) until evaluation resolves them against the
// inventory, because parameters can be overridden after a pack is loaded.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "policy/fields.h"
#include "util/date.h"

namespace netvet::policy {

// A problem inside an expression: where (byte offset and length in the expression text)
// and what. The pack loader turns the offset into a file line and column.
struct ExprError {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string message;
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge, in, not_in, has };
std::string_view name_of(CompareOp op);

// The right-hand side of a comparison.
struct Value {
  enum class Kind : std::uint8_t {
    string,       // "huawei"
    number,       // 0.35 (35% is stored as 0.35)
    date,         // 2027-12-31 or date("2027-12-31")
    list,         // [a, b, ...] of the other kinds (no nesting)
    parameter,    // $name: the pack's parameter, resolved at evaluation
    word,         // a bare word: a designation (hrv) or, for vocabulary fields, a value (core)
  };
  Kind kind = Kind::string;
  std::string text;  // string content, number/date as written, parameter name or word
  double number = 0;
  Date date = kNoDate;
  std::vector<Value> items;  // list
  std::size_t offset = 0, length = 0;
};

struct Expr {
  enum class Kind : std::uint8_t { constant, all_of, any_of, negation, compare, evidence };
  Kind kind = Kind::constant;
  bool constant = true;          // constant
  std::vector<Expr> children;    // all_of (and), any_of (or), negation (one child)
  FieldId field = FieldId::vendor;  // compare
  CompareOp op = CompareOp::eq;     // compare
  Value value;                      // compare
  std::string evidence_type;        // evidence: certification, approval, ...
  std::string evidence_scheme;      // evidence: "" for any scheme
  std::size_t offset = 0, length = 0;
};

// The expression in a normal written form, for messages ("the clause that matched").
std::string to_string(const Expr& expr);
std::string to_string(const Value& value);

}  // namespace netvet::policy
