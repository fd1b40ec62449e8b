// PackReader: what a sharing pack adds to the format (shared/spec/alliance.md, "Sharing
// packs"): `kind: sharing` and `partner` at the top, and in each rule its scope, legal
// status, verdict and the countries it applies to. A regime pack that carries these keys
// is told what they belong to rather than that they are unknown.

#include <fmt/format.h>

#include <algorithm>

#include "policy/pack_reader.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

constexpr const char* kTermKeys[] = {"scope", "status", "verdict", "applies_to"};

}  // namespace

template <typename Enum, typename Parse>
std::optional<Enum> PackReader::one_of(const YAML::Node& map, const char* key, bool required, std::string_view what,
                                       std::initializer_list<std::string_view> names, Parse parse) {
  const auto written = text(map, key, required);
  if (!written) return std::nullopt;
  if (const std::optional<Enum> parsed = parse(*written)) return parsed;
  const std::vector<std::string> all(names.begin(), names.end());
  const auto near = did_you_mean(*written, all);
  problem(map[key], key, fmt::format("unknown {} '{}'{}", what, *written,
                                     near ? fmt::format(" (did you mean '{}'?)", *near)
                                          : fmt::format(": expected {}", join_or(all))));
  return std::nullopt;
}

void PackReader::read_kind(const YAML::Node& root) {
  const auto kind = one_of<PackKind>(root, "kind", false, "pack kind", {"regime", "sharing"}, parse_pack_kind);
  // A kind that is misspelt says nothing of which keys belong: one problem, not one per
  // partner and rule term.
  kind_known_ = kind || !root["kind"];
  pack_.kind = kind.value_or(PackKind::regime);
  if (!kind_known_) return;
  if (pack_.kind == PackKind::regime) {
    if (root["partner"])
      problem(root["partner"], "partner", "'partner' belongs to sharing packs: add 'kind: sharing' or remove it");
    return;
  }
  if (const auto partner = text(root, "partner", true)) {
    if (const auto code = parse_country(*partner)) pack_.partner = *code;
    else problem(root["partner"], "partner", fmt::format("'{}' is not a two-letter country code (the party that shares, e.g. US)", *partner));
  }
}

std::optional<SharingTerms> PackReader::read_sharing_terms(const YAML::Node& rule) {
  if (pack_.kind != PackKind::sharing) {
    if (!kind_known_) return std::nullopt;
    for (const char* key : kTermKeys)
      if (rule[key])
        problem(rule[key], key, fmt::format("'{}' is a term of a sharing pack's rules: the pack needs 'kind: sharing' "
                                            "and a 'partner'", key));
    return std::nullopt;
  }
  const std::size_t problems_before = problems_.size();
  SharingTerms terms;
  terms.scope = one_of<SharingScope>(rule, "scope", true, "scope", {"intelligence", "co-location"}, parse_sharing_scope)
                    .value_or(SharingScope::intelligence);
  terms.status = one_of<LegalStatus>(rule, "status", true, "legal status", {"enacted", "bill", "statement"}, parse_legal_status)
                     .value_or(LegalStatus::enacted);
  if (const auto verdict = text(rule, "verdict", true)) {
    const auto level = parse_sharing_level(*verdict);
    if (level == SharingLevel::full) {
      problem(rule["verdict"], "verdict", "a rule's verdict is what a country gets where the rule has findings: restricted "
                                          "or none ('full' is what every rule gives where it has none)");
    } else if (!level) {
      const std::vector<std::string> names{"restricted", "none"};
      const auto near = did_you_mean(*verdict, names);
      problem(rule["verdict"], "verdict", fmt::format("unknown verdict '{}'{}", *verdict,
                                                      near ? fmt::format(" (did you mean '{}'?)", *near)
                                                           : std::string(": expected restricted or none")));
    } else {
      terms.verdict = *level;
    }
  }
  const YAML::Node applies = rule["applies_to"];
  if (applies && is_map(applies, "applies_to", "'applies_to' ({alliances: [...]} or {countries: [...]})")) {
    check_keys(applies, {"alliances", "countries"}, "'applies_to'");
    auto item = [&](const char* key, std::size_t i) {
      const YAML::Node list = applies[key];
      return list.IsSequence() ? list[i] : list;
    };
    terms.applies_to.alliances = texts(applies, "alliances");
    for (std::size_t i = 0; i < terms.applies_to.alliances.size(); ++i)
      if (!is_alliance_name(terms.applies_to.alliances[i]))
        problem(item("alliances", i), "alliances",
                fmt::format("alliance '{}' must be lowercase letters, digits and '-' (as in five-eyes)", terms.applies_to.alliances[i]));
    const auto countries = texts(applies, "countries");
    for (std::size_t i = 0; i < countries.size(); ++i) {
      if (const auto code = parse_country(countries[i])) terms.applies_to.countries.push_back(*code);
      else problem(item("countries", i), "countries", fmt::format("'{}' is not a two-letter country code", countries[i]));
    }
    // An empty selection would make the rule apply to everyone, the opposite of what
    // writing it says: leave applies_to out for that.
    if (terms.applies_to.everyone() && problems_.size() == problems_before)
      problem(applies, "applies_to", "'applies_to' names no alliance and no country; leave it out to apply the rule to every country");
  }
  if (problems_.size() != problems_before) return std::nullopt;
  return terms;
}

}  // namespace netvet::policy
