#include <gtest/gtest.h>

#include "policy/expression.h"
#include "policy/parser.h"

namespace netvet::policy {
namespace {

Designations hrv() { return {{"hrv", {"huawei", "zte"}}}; }

// The normal form of a parsed (unchecked) expression.
std::string parsed(std::string_view text) {
  auto e = parse_selector(text);
  if (!e) return "error: " + e.error().message;
  return to_string(*e);
}

ExprError parse_error(std::string_view text) {
  auto e = parse_selector(text);
  EXPECT_FALSE(e) << text;
  return e ? ExprError{} : e.error();
}

ExprError check_error(std::string_view text) {
  const Designations designations = hrv();
  Parameters parameters{{"cutoff", *parse_param_value(ParamValue::Type::date, "2020-12-31")},
                        {"core", *parse_param_value(ParamValue::Type::list, "amf;smf")}};
  SelectorScope scope;
  scope.designations = &designations;
  scope.parameters = &parameters;
  auto s = compile_selector(text, scope);
  EXPECT_FALSE(s) << text;
  return s ? ExprError{} : s.error();
}

TEST(SelectorParser, AndBindsTighterThanOrAndNotTighterThanAnd) {
  auto e = parse_selector("vendor == \"a\" or vendor == \"b\" and not domain == core");
  ASSERT_TRUE(e);
  ASSERT_EQ(e->kind, Expr::Kind::any_of);
  ASSERT_EQ(e->children.size(), 2U);
  EXPECT_EQ(e->children[0].kind, Expr::Kind::compare);
  ASSERT_EQ(e->children[1].kind, Expr::Kind::all_of);
  EXPECT_EQ(e->children[1].children[1].kind, Expr::Kind::negation);
  EXPECT_EQ(to_string(*e), "vendor == \"a\" or vendor == \"b\" and not domain == core");
}

TEST(SelectorParser, ParenthesesOverridePrecedence) {
  auto e = parse_selector("(vendor == \"a\" or vendor == \"b\") and domain == core");
  ASSERT_TRUE(e);
  ASSERT_EQ(e->kind, Expr::Kind::all_of);
  EXPECT_EQ(e->children[0].kind, Expr::Kind::any_of);
  EXPECT_EQ(to_string(*e), "(vendor == \"a\" or vendor == \"b\") and domain == core");
  EXPECT_EQ(parsed("not (domain == core or domain == ran)"), "not (domain == core or domain == ran)");
  EXPECT_TRUE(parsed("a.b == 1 and").starts_with("error: unknown field 'a.b'"));
}

TEST(SelectorParser, EveryOperator) {
  const std::pair<std::string_view, CompareOp> cases[] = {
      {"installed == 2020-01-01", CompareOp::eq}, {"installed != 2020-01-01", CompareOp::ne},
      {"installed < 2020-01-01", CompareOp::lt},  {"installed <= 2020-01-01", CompareOp::le},
      {"installed > 2020-01-01", CompareOp::gt},  {"installed >= 2020-01-01", CompareOp::ge},
      {"vendor in hrv", CompareOp::in},           {"vendor not-in hrv", CompareOp::not_in},
      {"vendor not in hrv", CompareOp::not_in},   {"tags has \"x\"", CompareOp::has},
  };
  for (const auto& [text, op] : cases) {
    auto e = parse_selector(text);
    ASSERT_TRUE(e) << text;
    EXPECT_EQ(e->kind, Expr::Kind::compare) << text;
    EXPECT_EQ(e->op, op) << text;
  }
}

TEST(SelectorParser, DatesNumbersSetsAndParameters) {
  auto e = parse_selector("installed < date(\"2021-09-30\")");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->value.kind, Value::Kind::date);
  EXPECT_EQ(e->value.date, *parse_date("2021-09-30"));
  e = parse_selector("installed >= 2020-12-31");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->value.date, *parse_date("2020-12-31"));
  e = parse_selector("site.subscribers > 35%");
  ASSERT_TRUE(e);
  EXPECT_DOUBLE_EQ(e->value.number, 0.35);
  e = parse_selector("function in [amf, \"smf\", $more]");
  ASSERT_TRUE(e);
  ASSERT_EQ(e->value.items.size(), 3U);
  EXPECT_EQ(e->value.items[0].kind, Value::Kind::word);
  EXPECT_EQ(e->value.items[1].kind, Value::Kind::string);
  EXPECT_EQ(e->value.items[2].kind, Value::Kind::parameter);
  EXPECT_EQ(parsed("vendor in hrv and installed > $cutoff"), "vendor in hrv and installed > $cutoff");
  EXPECT_EQ(parsed("true"), "true");
  EXPECT_EQ(parsed("has evidence(certification, \"BSI TR-03163\")"), "evidence(certification, \"BSI TR-03163\")");
  EXPECT_EQ(parsed("model == 'AAU \\'5613'"), "model == \"AAU '5613\"");
}

TEST(SelectorParser, SyntaxErrorsPointAtTheOffendingToken) {
  auto err = parse_error("vendor in hrv and");
  EXPECT_EQ(err.offset, 17U);  // the end
  EXPECT_NE(err.message.find("expected a condition"), std::string::npos) << err.message;

  err = parse_error("vendor = \"huawei\"");
  EXPECT_EQ(err.offset, 7U);
  EXPECT_NE(err.message.find("'=='"), std::string::npos);

  err = parse_error("(vendor in hrv");
  EXPECT_EQ(err.offset, 14U);
  EXPECT_NE(err.message.find("expected ')'"), std::string::npos);

  err = parse_error("installed < 2021-02-30");
  EXPECT_EQ(err.offset, 12U);
  EXPECT_EQ(err.length, 10U);
  EXPECT_NE(err.message.find("not a calendar date"), std::string::npos);

  err = parse_error("vendor == \"huawei");
  EXPECT_EQ(err.offset, 10U);
  EXPECT_NE(err.message.find("unterminated"), std::string::npos);

  err = parse_error("vendor in [huawei zte]");
  EXPECT_EQ(err.offset, 18U);

  err = parse_error("vendor in hrv && domain == core");
  EXPECT_EQ(err.offset, 14U);
  EXPECT_NE(err.message.find("'and'"), std::string::npos);

  err = parse_error("");
  EXPECT_NE(err.message.find("empty selector"), std::string::npos);
}

// Thousands of nested '(' or 'not' ended in a stack overflow (SIGSEGV): refused at a
// depth limit, with the offset of the token that went too deep.
TEST(SelectorParser, DeepNestingIsRefusedNotACrash) {
  for (const std::string open : {"(", "not ", "not (", "( not "}) {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += open;
    text += "vendor in hrv";
    const auto err = parse_error(text);
    EXPECT_NE(err.message.find("nests '(' and 'not' more than"), std::string::npos) << err.message;
    EXPECT_GT(err.offset, 0U);
  }
  // Nesting within the limit still parses.
  std::string ok;
  for (int i = 0; i < 30; ++i) ok += "(not ";
  ok += "vendor in hrv";
  for (int i = 0; i < 30; ++i) ok += ")";
  EXPECT_TRUE(parse_selector(ok)) << ok;
}

TEST(SelectorParser, UnknownFieldNamesTheClosestField) {
  const auto err = parse_error("domain == core and vender in hrv");
  EXPECT_EQ(err.offset, 19U);
  EXPECT_EQ(err.length, 6U);
  EXPECT_EQ(err.message, "unknown field 'vender' (did you mean 'vendor'?)");
  EXPECT_EQ(parse_error("site.knd == cell").message, "unknown field 'site.knd' (did you mean 'site.kind'?)");
}

TEST(SelectorChecker, ValuesAreCheckedAgainstVocabulariesAndDesignations) {
  auto err = check_error("vendor in hrw");
  EXPECT_EQ(err.offset, 10U);
  EXPECT_NE(err.message.find("unknown designation or vendor 'hrw'"), std::string::npos) << err.message;
  EXPECT_NE(err.message.find("did you mean 'hrv'"), std::string::npos) << err.message;

  err = check_error("vendor == \"huawai\"");
  EXPECT_NE(err.message.find("unknown vendor 'huawai'"), std::string::npos) << err.message;
  EXPECT_NE(err.message.find("'huawei'"), std::string::npos) << err.message;

  err = check_error("function in [amf, smff]");
  EXPECT_EQ(err.offset, 18U);
  EXPECT_NE(err.message.find("unknown function 'smff'"), std::string::npos) << err.message;

  err = check_error("domain == cor");
  EXPECT_NE(err.message.find("did you mean 'core'"), std::string::npos) << err.message;

  err = check_error("site.kind == tower");
  EXPECT_NE(err.message.find("unknown site kind"), std::string::npos) << err.message;

  err = check_error("model == AAU5613");
  EXPECT_NE(err.message.find("quoted"), std::string::npos) << err.message;

  err = check_error("domain in hrv");
  EXPECT_NE(err.message.find("designation"), std::string::npos) << err.message;

  err = check_error("installed < $cutof");
  EXPECT_NE(err.message.find("unknown parameter $cutof (did you mean 'cutoff'?)"), std::string::npos) << err.message;

  err = check_error("generation == \"5G\"");
  EXPECT_NE(err.message.find("generation is a list"), std::string::npos) << err.message;

  err = check_error("vendor has \"huawei\"");
  EXPECT_NE(err.message.find("'has' tests a list field"), std::string::npos) << err.message;

  err = check_error("vendor < \"huawei\"");
  EXPECT_NE(err.message.find("compares dates and numbers"), std::string::npos) << err.message;

  err = check_error("vendor == hrv");
  EXPECT_NE(err.message.find("use 'in'"), std::string::npos) << err.message;

  err = check_error("function == $core");
  EXPECT_NE(err.message.find("use 'in'"), std::string::npos) << err.message;

  err = check_error("installed < \"soon\"");
  EXPECT_NE(err.message.find("installed is a date"), std::string::npos) << err.message;

  err = check_error("evidence(certificate)");
  EXPECT_NE(err.message.find("did you mean 'certification'"), std::string::npos) << err.message;
}

TEST(SelectorChecker, AcceptsWellFormedSelectors) {
  const Designations designations = hrv();
  Parameters parameters{{"core", *parse_param_value(ParamValue::Type::list, "amf;smf")}};
  SelectorScope scope;
  scope.designations = &designations;
  scope.parameters = &parameters;
  for (const auto* text : {"vendor in hrv and domain == core", "vendor == \"Huawei Technologies Co., Ltd.\"",
                           "function in $core or function == gNodeB", "generation has \"5G\" and installed > 2020-12-31",
                           "site.kind in [cell, hub] and site.region == \"London\"", "vendor.country == CN",
                           "not evidence(certification, \"BSI TR-03163\")", "tags not-in [\"lab\"]", "plane == control"}) {
    auto s = compile_selector(text, scope);
    EXPECT_TRUE(s) << text << ": " << (s ? "" : s.error().message);
  }
}

TEST(SelectorErrors, RenderWithCaretUnderTheColumn) {
  const std::string text = "vendor in hrv and\n  vender == \"zte\"";
  const auto err = parse_selector(text).error();
  EXPECT_EQ(render_with_caret(text, err), "unknown field 'vender' (did you mean 'vendor'?)\n      vender == \"zte\"\n      ^^^^^^");
}

}  // namespace
}  // namespace netvet::policy
