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

// Why `text` is not a date parse_date reads, for messages ("'X' is not a date: ..."):
// "month 13 is out of range (01-12)", "day 30 does not exist in February 2026, which has
// 28 days", "expected YYYY-MM-DD, such as 2026-11-22 (...)". Empty when it is a date.
std::string date_problem(std::string_view text);

// `YYYY-MM-DD`.
std::string format_date(Date date);

Date date_from_ymd(int year, unsigned month, unsigned day);

// Today in UTC, the default of --as-of.
Date today();

}  // namespace netvet
