#pragma once
// Selector expressions: which elements a rule is about. The door for clients that need a
// selector outside a pack (what-if assumptions, the server's ad-hoc queries).
//
// Grammar (EBNF; words are case-sensitive; `not in` is the same as `not-in`):
//
//   selector   = or_expr ;
//   or_expr    = and_expr , { "or" , and_expr } ;
//   and_expr   = unary , { "and" , unary } ;
//   unary      = "not" , unary | primary ;
//   primary    = "(" , or_expr , ")" | "true" | "false" | evidence | comparison ;
//   evidence   = [ "has" ] , "evidence" , "(" , TYPE , [ "," , STRING ] , ")" ;
//   comparison = FIELD , ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "has" ) , scalar
//                        | ( "in" | "not-in" | "not" "in" ) , set ) ;
//   set        = "[" , scalar , { "," , scalar } , "]" | scalar ;
//   scalar     = STRING | NUMBER | DATE | "date" , "(" , STRING , ")" | "$" , NAME | WORD ;
//
// STRING is "..." or '...' (backslash escapes the next character); NUMBER is 0.35 or 35%;
// DATE is YYYY-MM-DD; `$name` is a pack parameter; a WORD is a designation of the pack
// (vendor in hrv) or, for vocabulary fields, a value written bare (domain == core).
// FIELD is one of fields.h's table: id, vendor, vendor.country, function, domain, plane,
// generation, installed, operator, operator.country, model, software, serial, tags, site,
// site.kind, site.region, site.tags, site.subscribers.
//
// Meaning: `and` binds tighter than `or`; `not` tighter than both. List fields
// (generation, tags, site.tags) take `has v` (contains v), `in [..]` (contains any) and
// `not-in [..]` (contains none); `==` on them is an error. Ordering operators apply to
// dates and numbers only. An absent value (no installed date, no subscribers) makes every
// comparison false except `!=` and `not-in`, which are true. evidence(TYPE, "SCHEME") is
// true when the element, its model (`model:VENDOR/MODEL`) or its vendor (`vendor:VENDOR`)
// holds evidence of that type (and scheme) valid on the as-of date: issued <= date <
// expires, either bound open when absent.

#include <expected>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/inventory.h"
#include "policy/ast.h"
#include "policy/mask.h"
#include "policy/parameters.h"

namespace netvet::policy {

using Designations = std::map<std::string, std::vector<std::string>, std::less<>>;  // name -> vendor ids
using Parameters = std::map<std::string, ParamValue, std::less<>>;

// The names an expression may use besides fields, and the vocabularies its values are
// checked against.
struct SelectorScope {
  const VendorRegistry* registry = &VendorRegistry::builtin();
  const FunctionVocabulary* functions = &FunctionVocabulary::builtin();
  const Designations* designations = nullptr;
  const Parameters* parameters = nullptr;
};

// A parsed and checked selector.
struct Selector {
  std::string text;  // as written
  Expr expr;
};

// Parses and checks `text`; an error carries the byte offset inside `text`.
std::expected<Selector, ExprError> compile_selector(std::string_view text, const SelectorScope& scope);

// Checks a parsed expression against a scope (again, after parameters are overridden).
std::expected<void, ExprError> check_selector(const Expr& expr, const SelectorScope& scope);

// "msg\n  <expression line>\n  ^^^" for people: the error under the text it is about.
std::string render_with_caret(std::string_view text, const ExprError& error);

// Evaluates selectors over an inventory as of a date, column by column. Masks of leaves
// (vendor in hrv, domain == core, ...) are remembered, so rules and packs that share a
// clause compute it once. Values are taken as checked: check_selector first. Safe to
// share between threads (the memo is locked; a leaf two threads want at once may be
// computed twice, never wrongly).
class SelectorEvaluator {
 public:
  SelectorEvaluator(const Inventory& inventory, Date as_of);
  ~SelectorEvaluator();
  SelectorEvaluator(const SelectorEvaluator&) = delete;
  SelectorEvaluator& operator=(const SelectorEvaluator&) = delete;

  // The elements `expr` selects, with the parameters and designations of `scope`.
  RowMask elements(const Expr& expr, const SelectorScope& scope);

  const Inventory& inventory() const { return inventory_; }
  Date as_of() const { return as_of_; }
  // Moves to another date, keeping every remembered mask that does not depend on it
  // (only evidence does): what a timeline evaluating date after date wants.
  void set_as_of(Date as_of);

 private:
  RowMask leaf(const Expr& expr, const SelectorScope& scope);
  RowMask evidence(std::string_view type, std::string_view scheme);

  const Inventory& inventory_;
  Date as_of_;
  std::optional<RowMask> remembered(const std::string& key);
  void remember(std::string key, const RowMask& mask);

  std::mutex memo_mutex_;
  std::unordered_map<std::string, RowMask> memo_;
};

}  // namespace netvet::policy
