#pragma once
// Calendar dates as days since 1970-01-01, the unit every date column and policy
// deadline is compared in. ISO 8601 `YYYY-MM-DD` only: that is what the spec fixes.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace netvet {

using Date = std::int32_t;  // days since 1970-01-01
inline constexpr Date kNoDate = std::numeric_limits<Date>::min();

// Parses `YYYY-MM-DD` with a real calendar check (no 2023-02-30); nothing otherwise.
std::optional<Date> parse_date(std::string_view text);

// `YYYY-MM-DD`.
std::string format_date(Date date);

Date date_from_ymd(int year, unsigned month, unsigned day);

// Today in UTC, the default of --as-of.
Date today();

}  // namespace netvet
