#include "util/date.h"

#include <fmt/format.h>

#include <chrono>

namespace netvet {

namespace {
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

Date date_from_ymd(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                        std::chrono::day{day}};
  return static_cast<Date>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{to_int(y)},
                                        std::chrono::month{static_cast<unsigned>(to_int(m))},
                                        std::chrono::day{static_cast<unsigned>(to_int(d))}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<Date>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::string date_problem(std::string_view text) {
  static constexpr std::string_view kShape = "expected YYYY-MM-DD, such as 2026-11-22";
  static constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
  if (text.empty()) return std::string(kShape);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    // 2026-1-5: the shape is right but a part is not zero-padded.
    return fmt::format("{} (four-digit year, two-digit month and day)", kShape);
  }
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return fmt::format("{} (digits only, apart from the dashes)", kShape);
  const int year = to_int(y);
  const unsigned month = static_cast<unsigned>(to_int(m)), day = static_cast<unsigned>(to_int(d));
  if (month < 1 || month > 12) return fmt::format("month {} is out of range (01-12)", m);
  const std::chrono::year_month_day_last last{std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{month}}};
  const unsigned days = static_cast<unsigned>(last.day());
  if (day < 1 || day > days)
    return fmt::format("day {} does not exist in {} {}, which has {} days", d, kMonths[month - 1], year, days);
  return {};
}

std::string format_date(Date date) {
  if (date == kNoDate) return {};
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{date}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

Date today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<Date>(now.time_since_epoch().count());
}

}  // namespace netvet
