#include "store/records.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "store/digest.h"

namespace netvet::store {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin: return "admin";
    case Role::analyst: return "analyst";
    case Role::agency: return "agency";
    case Role::operator_: return "operator";
  }
  return "operator";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role role : {Role::admin, Role::analyst, Role::agency, Role::operator_})
    if (to_string(role) == text) return role;
  return std::nullopt;
}

std::string new_submission_id() { return "s-" + random_hex(16); }
std::string new_token_id() { return "t-" + random_hex(8); }
std::string new_assessment_id() { return "a-" + random_hex(16); }

std::string utc_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(now);
  const auto millis = (now - seconds).count();
  const std::time_t whole = std::chrono::system_clock::to_time_t(seconds);
  std::tm utc{};
  gmtime_r(&whole, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

}  // namespace netvet::store
