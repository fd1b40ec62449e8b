#include "policy/values.h"

#include <fmt/format.h>

#include "util/text.h"

namespace netvet::policy {
namespace {

std::unexpected<ExprError> fail(const Value& at, std::string message) {
  return std::unexpected(ExprError{at.offset, std::max<std::size_t>(at.length, 1), std::move(message)});
}

// A value item before resolution: its kind (string, number, date or word), as written.
struct Raw {
  Value::Kind kind;
  std::string text;
  double number = 0;
  Date date = kNoDate;
  bool from_designation = false;
};

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  const auto near = did_you_mean(word, candidates);
  return !near ? std::string() : fmt::format(" (did you mean '{}'?)", *near);
}

bool is_vocabulary(FieldType type) {
  return type != FieldType::text && type != FieldType::date && type != FieldType::number;
}

// Expands parameters and designations into raw items, reporting unknown names.
std::expected<void, ExprError> expand(const Value& v, const FieldInfo& field, const SelectorScope& scope,
                                      std::vector<Raw>& out) {
  switch (v.kind) {
    case Value::Kind::list:
      for (const auto& item : v.items) {
        if (auto ok = expand(item, field, scope, out); !ok) return ok;
      }
      return {};
    case Value::Kind::parameter: {
      const ParamValue* p = nullptr;
      if (scope.parameters) {
        if (auto it = scope.parameters->find(v.text); it != scope.parameters->end()) p = &it->second;
      }
      if (!p) {
        std::vector<std::string> names;
        if (scope.parameters) {
          for (const auto& [name, value] : *scope.parameters) names.push_back(name);
        }
        return fail(v, fmt::format("unknown parameter ${}{}", v.text, suggest(v.text, names)));
      }
      switch (p->type) {
        case ParamValue::Type::text: out.push_back({Value::Kind::string, p->text}); break;
        case ParamValue::Type::number: out.push_back({Value::Kind::number, p->text, p->number}); break;
        case ParamValue::Type::date: out.push_back({Value::Kind::date, p->text, 0, p->date}); break;
        case ParamValue::Type::list:
          for (const auto& item : p->items) out.push_back({Value::Kind::string, item});
          break;
      }
      return {};
    }
    case Value::Kind::word: {
      const std::vector<std::string>* members = nullptr;
      if (scope.designations) {
        if (auto it = scope.designations->find(v.text); it != scope.designations->end()) members = &it->second;
      }
      if (members) {
        if (field.type != FieldType::vendor) {
          return fail(v, fmt::format("'{}' is a designation (a set of vendors): it applies to vendor, not {}", v.text, field.name));
        }
        for (const auto& vendor : *members) out.push_back({Value::Kind::string, vendor, 0, kNoDate, true});
        return {};
      }
      if (!is_vocabulary(field.type)) {
        std::vector<std::string> names;
        if (scope.designations) {
          for (const auto& [name, vendors] : *scope.designations) names.push_back(name);
        }
        return fail(v, fmt::format("unknown name '{}'{}: text values are quoted (\"{}\")", v.text, suggest(v.text, names), v.text));
      }
      out.push_back({Value::Kind::word, v.text});
      return {};
    }
    default:
      out.push_back({v.kind, v.text, v.number, v.date});
      return {};
  }
}

// The vocabulary names of a field type, for suggestions.
std::vector<std::string> vocabulary(FieldType type, const SelectorScope& scope) {
  std::vector<std::string> names;
  switch (type) {
    case FieldType::vendor:
      // Designations first: between equally close names, the pack's own is the likelier.
      if (scope.designations) {
        for (const auto& [name, vendors] : *scope.designations) names.push_back(name);
      }
      for (const auto& vendor : scope.registry->all()) names.push_back(vendor.id);
      break;
    case FieldType::function:
      for (const auto& f : scope.functions->all()) names.push_back(f.id);
      break;
    case FieldType::domain:
      for (std::size_t d = 0; d < kDomainCount; ++d) names.emplace_back(domain_name(static_cast<Domain>(d)));
      break;
    case FieldType::plane: names = {"none", "user", "control"}; break;
    case FieldType::site_kind: names = site_kind_names(); break;
    case FieldType::generation: names = {"2G", "3G", "4G", "5G"}; break;
    default: break;
  }
  return names;
}

std::expected<Item, std::string> resolve(const Raw& raw, const FieldInfo& field, const SelectorScope& scope) {
  const auto unknown = [&](std::string_view what) {
    return std::unexpected(fmt::format("unknown {} '{}'{}", what, raw.text, suggest(raw.text, vocabulary(field.type, scope))));
  };
  const bool textual = raw.kind == Value::Kind::string || raw.kind == Value::Kind::word;
  if (!textual && field.type != FieldType::date && field.type != FieldType::number) {
    return std::unexpected(fmt::format("{} takes {} values, not '{}'", field.name, name_of(field.type), raw.text));
  }
  switch (field.type) {
    case FieldType::text: return Item{raw.text};
    case FieldType::vendor: {
      const auto vendor = scope.registry->find(raw.text);
      if (!vendor) return unknown(raw.kind == Value::Kind::word ? "designation or vendor" : "vendor");
      return Item{(*scope.registry)[*vendor].id};
    }
    case FieldType::country: {
      const auto country = parse_country(raw.text);
      if (!country) return std::unexpected(fmt::format("'{}' is not a two-letter country code", raw.text));
      return Item{std::string(netvet::name_of(*country))};
    }
    case FieldType::function: {
      const auto f = scope.functions->find(raw.text);
      if (!f) return unknown("function");
      return Item{(*scope.functions)[*f].id, static_cast<double>(*f)};
    }
    case FieldType::domain: {
      const auto d = parse_domain(raw.text);
      if (!d) return unknown("domain");
      return Item{raw.text, static_cast<double>(*d)};
    }
    case FieldType::plane: {
      static constexpr std::string_view kPlanes[] = {"none", "user", "control"};
      for (std::size_t p = 0; p < 3; ++p) {
        if (raw.text == kPlanes[p]) return Item{raw.text, static_cast<double>(p)};
      }
      return unknown("plane");
    }
    case FieldType::site_kind: {
      const auto kind = parse_site_kind(raw.text);
      if (!kind) return unknown("site kind");
      return Item{raw.text, static_cast<double>(*kind)};
    }
    case FieldType::generation: {
      const auto g = parse_generation(raw.text);
      if (!g) return unknown("generation");
      return Item{raw.text, static_cast<double>(*g)};
    }
    case FieldType::date: {
      const auto date = raw.kind == Value::Kind::date ? std::optional<Date>(raw.date)
                        : raw.kind == Value::Kind::string ? parse_date(raw.text)
                                                          : std::nullopt;
      if (!date) return std::unexpected(fmt::format("{} is a date: expected YYYY-MM-DD, not '{}'", field.name, raw.text));
      return Item{format_date(*date), static_cast<double>(*date)};
    }
    case FieldType::number:
      if (raw.kind != Value::Kind::number) {
        return std::unexpected(fmt::format("{} is a number: expected a number, not '{}'", field.name, raw.text));
      }
      return Item{raw.text, raw.number};
  }
  return std::unexpected("unsupported field");
}

std::expected<void, ExprError> check_operator(const Expr& e, const FieldInfo& field, std::size_t items) {
  const auto fail_op = [&](std::string message) {
    return std::unexpected(ExprError{e.offset, e.length, std::move(message)});
  };
  const bool ordered = field.type == FieldType::date || field.type == FieldType::number;
  switch (e.op) {
    case CompareOp::has:
      if (!field.list) return fail_op(fmt::format("'has' tests a list field (generation, tags, site.tags); {} is not one: use ==", field.name));
      break;
    case CompareOp::eq:
    case CompareOp::ne:
      if (field.list) {
        return fail_op(fmt::format("{} is a list: write '{} has v' (contains), '{} in [..]' (any) or '{} not-in [..]' (none)",
                                   field.name, field.name, field.name, field.name));
      }
      break;
    case CompareOp::lt:
    case CompareOp::le:
    case CompareOp::gt:
    case CompareOp::ge:
      if (!ordered || field.list) return fail_op(fmt::format("'{}' compares dates and numbers; {} is {}", name_of(e.op), field.name, name_of(field.type)));
      break;
    case CompareOp::in:
    case CompareOp::not_in: return {};
  }
  if (items != 1) {
    return fail_op(fmt::format("'{}' takes one value but this names {}: use 'in' for a set", name_of(e.op), items));
  }
  return {};
}

}  // namespace

std::expected<std::vector<Item>, ExprError> resolve_items(const Expr& compare, const SelectorScope& scope) {
  const FieldInfo& field = field_info(compare.field);
  std::vector<Raw> raws;
  if (auto ok = expand(compare.value, field, scope, raws); !ok) return std::unexpected(ok.error());
  if (auto ok = check_operator(compare, field, raws.size()); !ok) return std::unexpected(ok.error());
  std::vector<Item> items;
  items.reserve(raws.size());
  // Items line up with the written values only without expansion; otherwise point at the
  // whole value (the parameter or designation that brought the item in).
  const bool aligned = compare.value.kind == Value::Kind::list && compare.value.items.size() == raws.size();
  for (std::size_t i = 0; i < raws.size(); ++i) {
    auto item = resolve(raws[i], field, scope);
    if (!item) {
      const Value& at = aligned ? compare.value.items[i] : compare.value;
      std::string message = std::move(item.error());
      if (at.kind == Value::Kind::parameter) message += fmt::format(" (the value of ${})", at.text);
      return fail(at, std::move(message));
    }
    items.push_back(std::move(*item));
  }
  return items;
}

std::expected<void, ExprError> check_selector(const Expr& expr, const SelectorScope& scope) {
  switch (expr.kind) {
    case Expr::Kind::constant: return {};
    case Expr::Kind::all_of:
    case Expr::Kind::any_of:
    case Expr::Kind::negation:
      for (const auto& child : expr.children) {
        if (auto ok = check_selector(child, scope); !ok) return ok;
      }
      return {};
    case Expr::Kind::compare: {
      auto items = resolve_items(expr, scope);
      if (!items) return std::unexpected(items.error());
      return {};
    }
    case Expr::Kind::evidence:
      if (!parse_evidence_type(expr.evidence_type)) {
        return fail(expr.value, fmt::format("unknown evidence type '{}'{}", expr.evidence_type,
                                            suggest(expr.evidence_type, evidence_type_names())));
      }
      return {};
  }
  return {};
}

}  // namespace netvet::policy
