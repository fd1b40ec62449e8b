#pragma once
// Pack parameters: values a pack declares with a default and a user may override with
// `--param NAME=VALUE` (the unit of the UK cap, for instance, which is not published).
// A parameter's type is fixed by its declaration; an override must parse as that type.

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.h"

namespace netvet::policy {

struct ParamValue {
  enum class Type : std::uint8_t { text, number, date, list };
  Type type = Type::text;
  std::string text;                // as written (the canonical spelling for text)
  double number = 0;               // number (35% is 0.35)
  Date date = kNoDate;             // date
  std::vector<std::string> items;  // list
};

std::string_view name_of(ParamValue::Type type);
std::expected<ParamValue::Type, std::string> parse_param_type(std::string_view name);

// Parses `text` as a value of `type`: "0.35" or "35%", "2027-12-31", "a;b" or "a,b".
std::expected<ParamValue, std::string> parse_param_value(ParamValue::Type type, std::string_view text);

// The value in the form parse_param_value reads back.
std::string to_string(const ParamValue& value);

}  // namespace netvet::policy
