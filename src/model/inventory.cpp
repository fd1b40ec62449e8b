#include "model/inventory.h"

#include <array>

namespace netvet {

namespace {
constexpr std::array<std::string_view, 7> kSiteKinds = {"cell", "hub", "aggregation", "metro",
                                                        "core", "datacenter", "exchange"};
constexpr std::array<std::string_view, 3> kLinkKinds = {"transport", "manages", "hosts"};
constexpr std::array<std::string_view, 6> kFacilityKinds = {"embassy", "military", "government",
                                                            "nuclear", "cni", "other"};
constexpr std::array<std::string_view, 5> kEvidenceTypes = {"certification", "approval", "attestation",
                                                            "sbom", "declaration"};
constexpr std::array<std::string_view, 4> kGenerations = {"2G", "3G", "4G", "5G"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  return std::nullopt;
}

template <std::size_t N>
std::vector<std::string> all_names(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

std::optional<Index> lookup(const StringPool& strings, const std::vector<Index>& by_str, std::string_view id) {
  const auto s = strings.find(id);
  if (!s || *s >= by_str.size() || by_str[*s] == kNoIndex) return std::nullopt;
  return by_str[*s];
}
}  // namespace

std::string_view name_of(SiteKind v) { return kSiteKinds[static_cast<std::size_t>(v)]; }
std::string_view name_of(LinkKind v) { return kLinkKinds[static_cast<std::size_t>(v)]; }
std::string_view name_of(FacilityKind v) { return kFacilityKinds[static_cast<std::size_t>(v)]; }
std::string_view name_of(EvidenceType v) { return kEvidenceTypes[static_cast<std::size_t>(v)]; }
std::optional<SiteKind> parse_site_kind(std::string_view s) { return parse_name<SiteKind>(kSiteKinds, s); }
std::optional<LinkKind> parse_link_kind(std::string_view s) { return parse_name<LinkKind>(kLinkKinds, s); }
std::optional<FacilityKind> parse_facility_kind(std::string_view s) { return parse_name<FacilityKind>(kFacilityKinds, s); }
std::optional<EvidenceType> parse_evidence_type(std::string_view s) { return parse_name<EvidenceType>(kEvidenceTypes, s); }
std::vector<std::string> site_kind_names() { return all_names(kSiteKinds); }
std::vector<std::string> link_kind_names() { return all_names(kLinkKinds); }
std::vector<std::string> facility_kind_names() { return all_names(kFacilityKinds); }
std::vector<std::string> evidence_type_names() { return all_names(kEvidenceTypes); }

std::optional<Generations> parse_generation(std::string_view s) {
  for (std::size_t i = 0; i < kGenerations.size(); ++i)
    if (s.size() == 2 && s[0] == kGenerations[i][0] && (s[1] == 'G' || s[1] == 'g'))
      return static_cast<Generations>(1u << i);
  return std::nullopt;
}

std::vector<std::string_view> generation_names(Generations g) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < kGenerations.size(); ++i)
    if (g & (1u << i)) out.push_back(kGenerations[i]);
  return out;
}

std::optional<Country> parse_country(std::string_view s) {
  if (s.size() != 2) return std::nullopt;
  Country c{};
  for (std::size_t i = 0; i < 2; ++i) {
    char ch = s[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') return std::nullopt;
    c[i] = ch;
  }
  return c;
}

std::string_view name_of(const Country& c) {
  if (c == kNoCountry) return {};
  return {c.data(), 2};
}

std::optional<Index> Inventory::find_operator(std::string_view id) const { return lookup(strings, operator_by_str, id); }
std::optional<Index> Inventory::find_site(std::string_view id) const { return lookup(strings, site_by_str, id); }
std::optional<Index> Inventory::find_element(std::string_view id) const { return lookup(strings, element_by_str, id); }
std::optional<Index> Inventory::find_vendor(std::string_view id) const { return lookup(strings, vendor_by_str, id); }
std::optional<Index> Inventory::find_facility(std::string_view id) const { return lookup(strings, facility_by_str, id); }

}  // namespace netvet
