#include "policy/parser.h"

#include <fmt/format.h>

#include <optional>

#include "policy/lexer.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

bool is_keyword(std::string_view word) {
  return word == "and" || word == "or" || word == "not" || word == "in" || word == "not-in" ||
         word == "has" || word == "true" || word == "false" || word == "evidence" || word == "date";
}

std::string describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::end: return "the end of the expression";
    case TokenKind::string: return fmt::format("\"{}\"", t.text);
    default: return fmt::format("'{}'", t.text);
  }
}

// How deeply '(' and 'not' may nest. Real selectors nest a handful deep; the limit keeps
// the recursive descent (and every later walk of the tree) far from the end of the stack.
constexpr std::size_t kMaxDepth = 64;

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  std::expected<Expr, ExprError> parse() {
    if (peek().kind == TokenKind::end) return fail(peek(), "empty selector: expected a condition such as vendor in hrv");
    auto expr = parse_or();
    if (!expr) return expr;
    if (peek().kind != TokenKind::end) {
      return fail(peek(), fmt::format("unexpected {}: expected 'and', 'or' or the end", describe(peek())));
    }
    return expr;
  }

 private:
  using Parsed = std::expected<Expr, ExprError>;

  const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  const Token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool at_word(std::string_view word, std::size_t ahead = 0) const {
    return peek(ahead).kind == TokenKind::identifier && peek(ahead).text == word;
  }
  static std::unexpected<ExprError> fail(const Token& at, std::string message) {
    return std::unexpected(ExprError{at.offset, std::max<std::size_t>(at.length, 1), std::move(message)});
  }
  static void span_over(Expr& e, std::size_t begin, const Token& last) {
    e.offset = begin;
    e.length = last.offset + last.length - begin;
  }

  // Left-associative chains of `and` / `or`; `and` binds tighter than `or`.
  Parsed parse_chain(Expr::Kind kind, std::string_view word, Parsed (Parser::*operand)()) {
    const std::size_t begin = peek().offset;
    auto first = (this->*operand)();
    if (!first || !at_word(word)) return first;
    Expr chain;
    chain.kind = kind;
    chain.children.push_back(std::move(*first));
    while (at_word(word)) {
      next();
      auto more = (this->*operand)();
      if (!more) return more;
      chain.children.push_back(std::move(*more));
    }
    span_over(chain, begin, tokens_[pos_ - 1]);
    return chain;
  }
  Parsed parse_or() { return parse_chain(Expr::Kind::any_of, "or", &Parser::parse_and); }
  Parsed parse_and() { return parse_chain(Expr::Kind::all_of, "and", &Parser::parse_unary); }

  // Counts one level of nesting while alive; see kMaxDepth.
  struct Nesting {
    explicit Nesting(std::size_t& depth) : depth_(depth) { ++depth_; }
    ~Nesting() { --depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    std::size_t& depth_;
  };
  std::optional<std::unexpected<ExprError>> too_deep(const Token& at) const {
    if (depth_ < kMaxDepth) return std::nullopt;
    return fail(at, fmt::format("the expression nests '(' and 'not' more than {} deep; expected a flatter selector "
                                "(split it into parameters or rules)", kMaxDepth));
  }

  Parsed parse_unary() {
    if (at_word("not") && !at_word("in", 1)) {
      if (auto deep = too_deep(peek())) return *deep;
      const Nesting nesting(depth_);
      const std::size_t begin = next().offset;
      auto operand = parse_unary();
      if (!operand) return operand;
      Expr negation;
      negation.kind = Expr::Kind::negation;
      negation.children.push_back(std::move(*operand));
      span_over(negation, begin, tokens_[pos_ - 1]);
      return negation;
    }
    return parse_primary();
  }

  Parsed parse_primary() {
    const Token& t = peek();
    if (t.kind == TokenKind::lparen) {
      if (auto deep = too_deep(t)) return *deep;
      const Nesting nesting(depth_);
      next();
      auto inner = parse_or();
      if (!inner) return inner;
      if (peek().kind != TokenKind::rparen) {
        return fail(peek(), fmt::format("expected ')' to close the '(' at column {}, found {}", t.offset + 1, describe(peek())));
      }
      next();
      return inner;
    }
    if (t.kind != TokenKind::identifier) {
      return fail(t, fmt::format("expected a condition (a field such as vendor, 'not' or '('), found {}", describe(t)));
    }
    if (t.text == "true" || t.text == "false") {
      Expr constant;
      constant.constant = t.text == "true";
      span_over(constant, t.offset, next());
      return constant;
    }
    if (at_word("evidence") || (at_word("has") && at_word("evidence", 1))) return parse_evidence();
    return parse_comparison();
  }

  // evidence(TYPE [, "SCHEME"]): valid evidence on the as-of date for the element, its
  // model or its vendor.
  Parsed parse_evidence() {
    const std::size_t begin = peek().offset;
    if (at_word("has")) next();
    const Token& word = next();
    if (peek().kind != TokenKind::lparen) return fail(peek(), "expected '(' after evidence: evidence(certification, \"SCHEME\")");
    next();
    Expr e;
    e.kind = Expr::Kind::evidence;
    const Token& type = next();
    if (type.kind != TokenKind::identifier && type.kind != TokenKind::string) {
      return fail(type, "expected an evidence type (certification, approval, attestation, sbom, declaration)");
    }
    e.evidence_type = type.text;
    e.value.offset = type.offset;  // where the type was written, for the checker's errors
    e.value.length = type.length;
    if (peek().kind == TokenKind::comma) {
      next();
      const Token& scheme = next();
      if (scheme.kind != TokenKind::string) return fail(scheme, "expected the scheme as a quoted string, e.g. \"BSI TR-03163\"");
      e.evidence_scheme = scheme.text;
    }
    if (peek().kind != TokenKind::rparen) return fail(peek(), fmt::format("expected ')' to close evidence(, found {}", describe(peek())));
    span_over(e, begin, next());
    (void)word;
    return e;
  }

  Parsed parse_comparison() {
    const Token& name = next();
    if (is_keyword(name.text)) {
      return fail(name, fmt::format("expected a field name before '{}'", name.text));
    }
    const auto field = find_field(name.text);
    if (!field) {
      const auto names = field_names();
      const auto near = did_you_mean(name.text, names);
      std::string message = fmt::format("unknown field '{}'", name.text);
      message += !near ? fmt::format("; fields are {}", join_or(names))
                              : fmt::format(" (did you mean '{}'?)", *near);
      return fail(name, std::move(message));
    }
    Expr e;
    e.kind = Expr::Kind::compare;
    e.field = *field;
    const Token& op = next();
    if (op.kind == TokenKind::op) {
      static constexpr std::pair<std::string_view, CompareOp> kOps[] = {
          {"==", CompareOp::eq}, {"!=", CompareOp::ne}, {"<", CompareOp::lt},
          {"<=", CompareOp::le}, {">", CompareOp::gt},  {">=", CompareOp::ge}};
      for (const auto& [text, value] : kOps) {
        if (op.text == text) e.op = value;
      }
    } else if (op.kind == TokenKind::identifier && (op.text == "in" || op.text == "not-in" || op.text == "has")) {
      e.op = op.text == "in" ? CompareOp::in : op.text == "has" ? CompareOp::has : CompareOp::not_in;
    } else if (op.kind == TokenKind::identifier && op.text == "not" && at_word("in")) {
      next();
      e.op = CompareOp::not_in;
    } else {
      return fail(op, fmt::format("expected an operator (== != < <= > >= in not-in has) after '{}', found {}", name.text, describe(op)));
    }
    auto value = (e.op == CompareOp::in || e.op == CompareOp::not_in) ? parse_set() : parse_scalar();
    if (!value) return std::unexpected(value.error());
    e.value = std::move(*value);
    span_over(e, name.offset, tokens_[pos_ - 1]);
    return e;
  }

  std::expected<Value, ExprError> parse_set() {
    if (peek().kind != TokenKind::lbracket) return parse_scalar();
    const Token& open = next();
    Value list;
    list.kind = Value::Kind::list;
    list.offset = open.offset;
    while (peek().kind != TokenKind::rbracket) {
      if (!list.items.empty()) {
        if (peek().kind != TokenKind::comma) return fail(peek(), fmt::format("expected ',' or ']' in the list, found {}", describe(peek())));
        next();
      }
      auto item = parse_scalar();
      if (!item) return item;
      list.items.push_back(std::move(*item));
    }
    const Token& close = next();
    list.length = close.offset + 1 - open.offset;
    if (list.items.empty()) return fail(open, "empty list: a set needs at least one value");
    return list;
  }

  std::expected<Value, ExprError> parse_scalar() {
    const Token& t = next();
    Value v;
    v.offset = t.offset;
    v.length = t.length;
    v.text = t.text;
    switch (t.kind) {
      case TokenKind::string: v.kind = Value::Kind::string; return v;
      case TokenKind::parameter: v.kind = Value::Kind::parameter; return v;
      case TokenKind::date: {
        const auto date = parse_date(t.text);
        if (!date) return fail(t, fmt::format("'{}' is not a calendar date", t.text));
        v.kind = Value::Kind::date;
        v.date = *date;
        return v;
      }
      case TokenKind::number: {
        const bool percent = t.text.back() == '%';
        const auto number = parse_number(percent ? std::string_view(t.text).substr(0, t.text.size() - 1) : t.text);
        if (!number) return fail(t, fmt::format("'{}' is not a number", t.text));
        v.kind = Value::Kind::number;
        v.number = percent ? *number / 100.0 : *number;
        return v;
      }
      case TokenKind::identifier:
        if (t.text == "date" && peek().kind == TokenKind::lparen) {
          next();
          const Token& text = next();
          const auto date = text.kind == TokenKind::string ? parse_date(text.text) : std::nullopt;
          if (!date) return fail(text, "expected date(\"YYYY-MM-DD\") with a calendar date");
          if (peek().kind != TokenKind::rparen) return fail(peek(), "expected ')' after the date");
          const Token& close = next();
          v.kind = Value::Kind::date;
          v.text = text.text;
          v.date = *date;
          v.length = close.offset + 1 - t.offset;
          return v;
        }
        if (is_keyword(t.text)) return fail(t, fmt::format("expected a value, found the keyword '{}'", t.text));
        v.kind = Value::Kind::word;
        return v;
      default:
        return fail(t, fmt::format("expected a value (\"text\", number, date, $parameter or a designation), found {}", describe(t)));
    }
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;  // '(' and 'not' open around the current token
};

}  // namespace

std::expected<Expr, ExprError> parse_selector(std::string_view text) {
  auto tokens = tokenize(text);
  if (!tokens) return std::unexpected(tokens.error());
  return Parser(std::move(*tokens)).parse();
}

}  // namespace netvet::policy
