// PackReader: the rules section. Each rule has the common keys and the keys of its kind;
// anything else is an unknown key.

#include <fmt/format.h>

#include "policy/pack_reader.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

constexpr std::string_view kKinds[] = {"forbid", "cap", "proximity", "require", "diversity", "exposure"};
constexpr std::string_view kSeverities[] = {"critical", "high", "medium", "low"};

std::vector<std::string> names_of(std::span<const std::string_view> words) { return {words.begin(), words.end()}; }

}  // namespace

std::optional<std::string> check_setting_value(std::string_view key, const ParamValue& value) {
  if (key == "unit" && !parse_cap_unit(value.text)) {
    return fmt::format("unknown unit '{}': expected sites, elements or subscribers", value.text);
  }
  if ((key == "limit" || key == "max_share") && (value.number < 0 || value.number > 1)) {
    return fmt::format("'{}' is a share between 0 and 1 (or 0% and 100%), not {}", key, value.text);
  }
  if (key == "radius_km" && value.number < 0) return fmt::format("'radius_km' cannot be negative ({})", value.text);
  if (key == "min_vendors" && (value.number < 1 || value.number != static_cast<double>(static_cast<long long>(value.number)))) {
    return fmt::format("'min_vendors' is a whole number of at least 1, not {}", value.text);
  }
  return std::nullopt;
}

void PackReader::read_rules(const YAML::Node& root) {
  const YAML::Node list = root["rules"];
  if (!list) return problem(root, "rules", "missing required key 'rules'");
  if (!list.IsSequence()) return problem(list, "rules", "'rules' must be a list of rules");
  for (const auto& node : list) {
    auto rule = read_rule(node);
    if (!rule) continue;
    for (const auto& other : pack_.rules) {
      if (other.id == rule->id) problem(node["id"], "id", fmt::format("duplicate rule id '{}'", rule->id));
    }
    pack_.rules.push_back(std::move(*rule));
  }
}

std::optional<Rule> PackReader::read_rule(const YAML::Node& node) {
  if (!is_map(node, "rules", "a rule")) return std::nullopt;
  const std::size_t problems_before = problems_.size();
  Rule rule;
  rule.at = map_.location(node.Mark());
  rule.id = text(node, "id", true).value_or("");
  rule.title = text(node, "title", true).value_or("");
  rule.description = text(node, "description", false).value_or("");
  rule.remediation = text(node, "remediation", true).value_or("");
  if (const auto severity = text(node, "severity", true)) {
    const auto names = names_of(kSeverities);
    const auto it = std::ranges::find(kSeverities, *severity);
    if (it == std::end(kSeverities)) {
      problem(node["severity"], "severity", fmt::format("unknown severity '{}': expected {}", *severity, join_or(names)));
    } else {
      rule.severity = static_cast<RuleSeverity>(it - std::begin(kSeverities));
    }
  }
  rule.effective = date(node, "effective", true).value_or(kNoDate);
  rule.end = date(node, "end", false).value_or(kNoDate);
  if (rule.end != kNoDate && rule.effective != kNoDate && rule.end <= rule.effective) {
    problem(node["end"], "end", "'end' must come after 'effective'");
  }
  rule.sources = texts(node, "sources");
  if (rule.sources.empty()) problem(node, "sources", fmt::format("rule '{}' must cite at least one of the pack's sources", rule.id));
  const YAML::Node sources = node["sources"];
  for (std::size_t i = 0; i < rule.sources.size(); ++i) {
    if (pack_.source(rule.sources[i])) continue;
    std::vector<std::string> ids;
    for (const auto& s : pack_.sources) ids.push_back(s.id);
    const auto near = did_you_mean(rule.sources[i], ids);
    problem(sources.IsSequence() ? sources[i] : sources, "sources",
            fmt::format("unknown source '{}'{}", rule.sources[i], !near ? "" : fmt::format(" (did you mean '{}'?)", *near)));
  }
  const auto kind = text(node, "kind", true);
  if (kind && !read_rule_spec(node, *kind, rule)) return std::nullopt;
  rule.sharing = read_sharing_terms(node);
  if (problems_.size() != problems_before || !kind) return std::nullopt;
  return rule;
}

bool PackReader::read_rule_spec(const YAML::Node& node, std::string_view kind, Rule& rule) {
  const auto common = {"id", "title", "description", "kind", "severity", "effective", "end", "sources", "remediation", "select"};
  // A sharing pack's terms: read (or, in a regime pack, refused with a message of their
  // own) by read_sharing_terms, so never unknown here.
  const auto sharing = {"scope", "status", "verdict", "applies_to"};
  auto keys = [&](std::initializer_list<std::string_view> own) {
    std::vector<std::string_view> all(common.begin(), common.end());
    all.insert(all.end(), own.begin(), own.end());
    if (pack_.kind == PackKind::sharing) all.insert(all.end(), sharing.begin(), sharing.end());
    std::vector<std::string> names(all.begin(), all.end());
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (std::ranges::find(all, key) != all.end() || std::ranges::find(sharing, key) != sharing.end()) continue;
      const auto near = did_you_mean(key, names);
      problem(it->first, key, fmt::format("unknown key '{}' in a {} rule{}", key, kind,
                                          !near ? fmt::format("; expected {}", join_or(names))
                                                       : fmt::format(" (did you mean '{}'?)", *near)));
    }
  };
  // An exposure rule is about facilities, not selected elements: it takes no `select`.
  if (kind == "exposure" && node["select"]) {
    problem(node["select"], "select", "an exposure rule takes no 'select': it names facilities and a designation ('facilities', 'vendors')");
  }
  const bool select_required = kind != "diversity" && kind != "exposure";
  auto select = kind == "exposure" ? std::nullopt : selector(node, "select", select_required);
  if (select) {
    rule.select = std::move(*select);
  } else if (!select_required && !node["select"]) {
    rule.select.selector = *compile_selector("true", pack_.scope());
  }
  if (kind == "forbid") {
    keys({});
    rule.spec = ForbidRule{};
  } else if (kind == "cap") {
    keys({"within", "per", "unit", "limit"});
    CapRule cap;
    if (auto within = selector(node, "within", false)) cap.within = std::move(*within);
    else cap.within.selector = *compile_selector("true", pack_.scope());
    const auto per = text(node, "per", false).value_or("operator");
    if (per == "region") cap.per = CapScope::region;
    else if (per != "operator") problem(node["per"], "per", fmt::format("unknown scope '{}': expected operator or region", per));
    cap.unit = setting(node, "unit", ParamValue::Type::text, "sites").value_or(Setting{});
    cap.limit = setting(node, "limit", ParamValue::Type::number, std::nullopt).value_or(Setting{});
    rule.spec = std::move(cap);
  } else if (kind == "proximity") {
    keys({"facilities", "radius_km", "serving"});
    ProximityRule near;
    read_facilities(node, near);
    near.radius_km = setting(node, "radius_km", ParamValue::Type::number, "0").value_or(Setting{});
    if (const auto serving = text(node, "serving", false)) {
      if (*serving != "true" && *serving != "false") problem(node["serving"], "serving", "'serving' is true or false");
      near.serving = *serving == "true";
    }
    if (!node["radius_km"] && !near.serving) {
      problem(node, "radius_km", "a proximity rule needs 'radius_km', 'serving: true' or both");
    }
    rule.spec = std::move(near);
  } else if (kind == "require") {
    keys({"evidence"});
    RequireRule require;
    const YAML::Node evidence = node["evidence"];
    if (!evidence) {
      problem(node, "evidence", "a require rule needs 'evidence: {type: ..., schemes: [...]}'");
    } else if (is_map(evidence, "evidence", "'evidence'")) {
      check_keys(evidence, {"type", "scheme", "schemes"}, "'evidence'");
      if (const auto type = text(evidence, "type", true)) {
        if (const auto parsed = parse_evidence_type(*type)) require.type = *parsed;
        else problem(evidence["type"], "type", fmt::format("unknown evidence type '{}': expected {}", *type, join_or(evidence_type_names())));
      }
      // `scheme: X` is one scheme; `schemes: [X, Y]` any of several (the certificates a
      // regime recognises).
      if (evidence["scheme"] && evidence["schemes"]) {
        problem(evidence["schemes"], "schemes", "give 'scheme' (one) or 'schemes' (a list), not both");
      }
      require.schemes = texts(evidence, evidence["schemes"] ? "schemes" : "scheme");
      for (std::size_t i = 0; i < require.schemes.size(); ++i) {
        if (trim(require.schemes[i]).empty()) problem(evidence["schemes"] ? evidence["schemes"] : evidence["scheme"], "schemes", "a scheme cannot be empty");
      }
      if (evidence["schemes"] && evidence["schemes"].IsSequence() && require.schemes.empty()) {
        problem(evidence["schemes"], "schemes", "'schemes' needs at least one scheme (leave it out to accept any)");
      }
    }
    rule.spec = std::move(require);
  } else if (kind == "diversity") {
    keys({"min_vendors", "max_share"});
    DiversityRule diversity;
    diversity.min_vendors = setting(node, "min_vendors", ParamValue::Type::number, "1").value_or(Setting{});
    diversity.max_share = setting(node, "max_share", ParamValue::Type::number, "1").value_or(Setting{});
    if (!node["min_vendors"] && !node["max_share"]) {
      problem(node, "min_vendors", "a diversity rule needs 'min_vendors', 'max_share' or both");
    }
    rule.spec = std::move(diversity);
  } else if (kind == "exposure") {
    keys({"facilities", "vendors", "via", "per_operator"});
    rule.spec = read_exposure(node);
  } else {
    problem(node["kind"], "kind", fmt::format("unknown rule kind '{}': expected {}", kind, join_or(names_of(kKinds))));
    return false;
  }
  return true;
}

void PackReader::read_facilities(const YAML::Node& rule, FacilitySelection& selection) {
  const YAML::Node facilities = rule["facilities"];
  if (!facilities || !is_map(facilities, "facilities", "'facilities'")) return;
  check_keys(facilities, {"kinds", "owners", "located_in"}, "'facilities'");
  // Each bad item is located itself ([military, castle] points at castle).
  auto item = [&](const char* key, std::size_t i) {
    const YAML::Node list = facilities[key];
    return list.IsSequence() ? list[i] : list;
  };
  const auto kind_names = texts(facilities, "kinds");
  for (std::size_t i = 0; i < kind_names.size(); ++i) {
    if (const auto parsed = parse_facility_kind(kind_names[i])) selection.kinds.push_back(*parsed);
    else problem(item("kinds", i), "kinds", fmt::format("unknown facility kind '{}': expected {}", kind_names[i], join_or(facility_kind_names())));
  }
  auto countries = [&](const char* key, std::vector<Country>& into) {
    const auto names = texts(facilities, key);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (const auto parsed = parse_country(names[i])) into.push_back(*parsed);
      else problem(item(key, i), key, fmt::format("'{}' is not a two-letter country code", names[i]));
    }
  };
  countries("owners", selection.owners);
  countries("located_in", selection.located_in);
}

ExposureRule PackReader::read_exposure(const YAML::Node& node) {
  ExposureRule exposure;
  read_facilities(node, exposure);
  if (const auto vendors = text(node, "vendors", true)) {
    exposure.vendors = *vendors;
    if (!pack_.designations.contains(*vendors)) {
      std::vector<std::string> names;
      for (const auto& [name, ids] : pack_.designations) names.push_back(name);
      const auto near = did_you_mean(*vendors, names);
      problem(node["vendors"], "vendors",
              fmt::format("unknown designation '{}'{}", *vendors,
                          near ? fmt::format(" (did you mean '{}'?)", *near)
                               : names.empty() ? std::string("; the pack declares no designations")
                                               : fmt::format("; expected {}", join_or(names))));
    }
  }
  // Absent: every way the spec calls exposure.
  const YAML::Node via = node["via"];
  const auto ways = texts(node, "via");
  if (!via) exposure.via = {ExposureVia::transport, ExposureVia::control_plane, ExposureVia::influence};
  else if (ways.empty() && via.IsSequence()) problem(via, "via", "'via' needs at least one of transport, control_plane or influence");
  for (std::size_t i = 0; i < ways.size(); ++i) {
    const auto parsed = parse_exposure_via(ways[i]);
    if (!parsed) {
      const std::vector<std::string> names{"transport", "control_plane", "influence"};
      const auto near = did_you_mean(ways[i], names);
      problem(via.IsSequence() ? via[i] : via, "via",
              fmt::format("unknown way '{}'{}", ways[i],
                          near ? fmt::format(" (did you mean '{}'?)", *near) : fmt::format(": expected {}", join_or(names))));
    } else if (std::ranges::find(exposure.via, *parsed) == exposure.via.end()) {
      exposure.via.push_back(*parsed);
    }
  }
  std::ranges::sort(exposure.via);
  if (const YAML::Node per = node["per_operator"]) {
    if (!per.IsScalar() || (per.Scalar() != "true" && per.Scalar() != "false"))
      problem(per, "per_operator", "'per_operator' must be true or false");
    else
      exposure.per_operator = per.Scalar() == "true";
  }
  return exposure;
}

}  // namespace netvet::policy
