#include "policy/sharing.h"

#include <algorithm>

namespace netvet::policy {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_in(std::string_view name, const std::string_view (&names)[N]) {
  const auto it = std::ranges::find(names, name);
  if (it == std::end(names)) return std::nullopt;
  return static_cast<Enum>(it - std::begin(names));
}

// Indexed by the enums' values.
constexpr std::string_view kPackKinds[] = {"regime", "sharing"};
constexpr std::string_view kScopes[] = {"intelligence", "co-location"};
constexpr std::string_view kStatuses[] = {"enacted", "bill", "statement"};
constexpr std::string_view kLevels[] = {"full", "restricted", "none"};

}  // namespace

std::string_view name_of(PackKind kind) { return kPackKinds[static_cast<std::size_t>(kind)]; }
std::string_view name_of(SharingScope scope) { return kScopes[static_cast<std::size_t>(scope)]; }
std::string_view name_of(LegalStatus status) { return kStatuses[static_cast<std::size_t>(status)]; }
std::string_view name_of(SharingLevel level) { return kLevels[static_cast<std::size_t>(level)]; }

std::optional<PackKind> parse_pack_kind(std::string_view name) { return parse_in<PackKind>(name, kPackKinds); }
std::optional<SharingScope> parse_sharing_scope(std::string_view name) { return parse_in<SharingScope>(name, kScopes); }
std::optional<LegalStatus> parse_legal_status(std::string_view name) { return parse_in<LegalStatus>(name, kStatuses); }
std::optional<SharingLevel> parse_sharing_level(std::string_view name) { return parse_in<SharingLevel>(name, kLevels); }

bool is_alliance_name(std::string_view name) {
  return !name.empty() &&
         std::ranges::all_of(name, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool AppliesTo::covers(Country country, std::span<const std::string> member_of) const {
  if (everyone()) return true;
  if (std::ranges::find(countries, country) != countries.end()) return true;
  return std::ranges::any_of(member_of, [&](const std::string& alliance) {
    return std::ranges::find(alliances, alliance) != alliances.end();
  });
}

}  // namespace netvet::policy
