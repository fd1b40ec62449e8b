#pragma once
// Sharing packs (shared/spec/alliance.md, "Sharing packs"): a policy pack with `kind:
// sharing` is what a partner (the US) said or wrote about sharing intelligence with, or
// co-locating embassies and bases in, countries whose networks use high-risk vendors.
// Its rules are ordinary rules (same kinds, selectors, fixtures, engine); each also
// carries the terms below, which say what a finding of the rule means for a country.
// Included by pack.h: a Rule holds its terms; the alliance module turns findings into
// verdicts with them.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/inventory.h"

namespace netvet::policy {

// What a pack is: one jurisdiction's regime for its own networks, or a partner's terms
// for sharing with other countries.
enum class PackKind : std::uint8_t { regime, sharing };

// What a sharing rule restricts.
enum class SharingScope : std::uint8_t { intelligence, co_location };
// Its legal standing: law in force, a bill, or an official's statement. Only enacted
// rules make a country's overall verdict; the others show what it would be if enacted.
enum class LegalStatus : std::uint8_t { enacted, bill, statement };
// How much is shared, ordered from best to worst: a country's verdict over several rules
// is the greatest. A rule's own verdict (what it gives where it has findings) is
// restricted or none; full is what it gives where it has none.
enum class SharingLevel : std::uint8_t { full, restricted, none };

std::string_view name_of(PackKind kind);        // "regime", "sharing"
std::string_view name_of(SharingScope scope);   // "intelligence", "co-location"
std::string_view name_of(LegalStatus status);   // "enacted", "bill", "statement"
std::string_view name_of(SharingLevel level);   // "full", "restricted", "none"
std::optional<PackKind> parse_pack_kind(std::string_view name);
std::optional<SharingScope> parse_sharing_scope(std::string_view name);
std::optional<LegalStatus> parse_legal_status(std::string_view name);
std::optional<SharingLevel> parse_sharing_level(std::string_view name);

// An alliance's name as packs and scenarios write it: lowercase letters, digits and '-'
// (five-eyes, nato), compared as written.
bool is_alliance_name(std::string_view name);

// Which countries a sharing rule concerns: those named, and the members of the alliances
// named; both empty means every country.
struct AppliesTo {
  std::vector<std::string> alliances;  // lowercase letters, digits and '-': five-eyes, nato
  std::vector<Country> countries;

  bool everyone() const { return alliances.empty() && countries.empty(); }
  // Whether it concerns `country`, a member of `member_of` (alliance names as above).
  bool covers(Country country, std::span<const std::string> member_of) const;
};

// The terms a sharing pack's rule carries besides its kind and selector.
struct SharingTerms {
  SharingScope scope = SharingScope::intelligence;
  LegalStatus status = LegalStatus::enacted;
  SharingLevel verdict = SharingLevel::restricted;  // restricted or none
  AppliesTo applies_to;
};

}  // namespace netvet::policy
