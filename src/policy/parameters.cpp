#include "policy/parameters.h"

#include <fmt/format.h>

#include "util/text.h"

namespace netvet::policy {

std::string_view name_of(ParamValue::Type type) {
  switch (type) {
    case ParamValue::Type::text: return "text";
    case ParamValue::Type::number: return "number";
    case ParamValue::Type::date: return "date";
    case ParamValue::Type::list: return "list";
  }
  return "?";
}

std::expected<ParamValue::Type, std::string> parse_param_type(std::string_view name) {
  for (const auto type : {ParamValue::Type::text, ParamValue::Type::number, ParamValue::Type::date, ParamValue::Type::list}) {
    if (name == name_of(type)) return type;
  }
  return std::unexpected(fmt::format("unknown parameter type '{}': expected text, number, date or list", name));
}

std::expected<ParamValue, std::string> parse_param_value(ParamValue::Type type, std::string_view text) {
  ParamValue value;
  value.type = type;
  text = trim(text);
  value.text = std::string(text);
  switch (type) {
    case ParamValue::Type::text:
      if (text.empty()) return std::unexpected("expected a non-empty text");
      return value;
    case ParamValue::Type::number: {
      const bool percent = !text.empty() && text.back() == '%';
      const auto number = parse_number(percent ? text.substr(0, text.size() - 1) : text);
      if (!number) return std::unexpected(fmt::format("'{}' is not a number (0.35 or 35%)", text));
      value.number = percent ? *number / 100.0 : *number;
      return value;
    }
    case ParamValue::Type::date: {
      const auto date = parse_date(text);
      if (!date) return std::unexpected(fmt::format("'{}' is not a date: {}", text, date_problem(text)));
      value.date = *date;
      return value;
    }
    case ParamValue::Type::list: {
      const char sep = text.find(';') != std::string_view::npos ? ';' : ',';
      for (const auto item : split_list(text, sep)) value.items.emplace_back(item);
      // An empty list is a valid value: a set a pack leaves for its user to fill in (the jp
      // and in packs name no vendor; `--param jp.designated_vendors=huawei,zte` sets one).
      return value;
    }
  }
  return std::unexpected("unknown parameter type");
}

std::string to_string(const ParamValue& value) {
  switch (value.type) {
    case ParamValue::Type::number: return fmt::format("{}", value.number);
    case ParamValue::Type::date: return format_date(value.date);
    case ParamValue::Type::list: {
      std::string out;
      for (const auto& item : value.items) out += (out.empty() ? "" : ",") + item;
      return out;
    }
    case ParamValue::Type::text: break;
  }
  return value.text;
}

}  // namespace netvet::policy
