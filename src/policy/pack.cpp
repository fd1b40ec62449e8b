#include "policy/pack.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "data/embedded.h"
#include "policy/pack_reader.h"
#include "util/files.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

// The value among `all` whose name_of is `name`.
template <typename Enum>
std::optional<Enum> parse_name(std::string_view name, std::initializer_list<Enum> all) {
  for (const Enum value : all)
    if (name == name_of(value)) return value;
  return std::nullopt;
}

}  // namespace

std::string_view name_of(RuleSeverity severity) {
  static constexpr std::string_view kNames[] = {"critical", "high", "medium", "low"};
  return kNames[static_cast<std::size_t>(severity)];
}
std::string_view name_of(RuleKind kind) {
  static constexpr std::string_view kNames[] = {"forbid", "cap", "proximity", "require", "diversity", "exposure"};
  return kNames[static_cast<std::size_t>(kind)];
}
std::string_view name_of(ExposureVia via) {
  static constexpr std::string_view kNames[] = {"transport", "control_plane", "influence"};
  return kNames[static_cast<std::size_t>(via)];
}
std::optional<ExposureVia> parse_exposure_via(std::string_view name) {
  if (name == "unavoidable") return ExposureVia::transport;  // the name before vendor-level exposure
  return parse_name(name, {ExposureVia::transport, ExposureVia::control_plane, ExposureVia::influence});
}
std::string_view name_of(CapScope scope) { return scope == CapScope::op ? "operator" : "region"; }
std::string_view name_of(CapUnit unit) {
  static constexpr std::string_view kNames[] = {"sites", "elements", "subscribers"};
  return kNames[static_cast<std::size_t>(unit)];
}
std::optional<CapUnit> parse_cap_unit(std::string_view name) {
  return parse_name(name, {CapUnit::sites, CapUnit::elements, CapUnit::subscribers});
}

Location PackSelector::at(std::size_t offset) const {
  if (positions.empty()) return {};
  return positions[std::min(offset, positions.size() - 1)];
}

bool FacilitySelection::matches(const Inventory& inv, Index f) const {
  if (!kinds.empty() && std::ranges::find(kinds, inv.facilities.kind[f]) == kinds.end()) return false;
  if (!owners.empty() && std::ranges::find(owners, inv.facilities.owner[f]) == owners.end()) return false;
  const Country where = inv.meta.country;
  return located_in.empty() || where == kNoCountry || std::ranges::find(located_in, where) != located_in.end();
}

namespace {

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

// Calls fn(name, begin, end) for every `$name` in `text` (end: one past the name).
template <typename Fn>
void for_each_reference(std::string_view text, Fn&& fn) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size() || !name_start(text[i + 1])) continue;
    std::size_t end = i + 1;
    while (end < text.size() && name_char(text[end])) ++end;
    fn(text.substr(i + 1, end - i - 1), i, end);
    i = end - 1;
  }
}

}  // namespace

std::string prose_of(const ParamValue& value) {
  switch (value.type) {
    case ParamValue::Type::number: return value.text.empty() ? fmt::format("{:g}", value.number) : value.text;
    case ParamValue::Type::date: return format_date(value.date);
    case ParamValue::Type::list: {
      if (value.items.empty()) return "none";
      std::string out;
      for (std::size_t i = 0; i < value.items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == value.items.size() ? " and " : ", ") + value.items[i];
      return out;
    }
    case ParamValue::Type::text: break;
  }
  return value.text;
}

std::string fill_parameters(std::string_view text, const Pack& pack) {
  std::string out;
  std::size_t copied = 0;
  for_each_reference(text, [&](std::string_view name, std::size_t begin, std::size_t end) {
    const auto it = pack.parameter_values.find(name);
    if (it == pack.parameter_values.end()) return;
    out.append(text.substr(copied, begin - copied));
    out += prose_of(it->second);
    copied = end;
  });
  out.append(text.substr(copied));
  return out;
}

std::vector<std::string> unknown_parameters(std::string_view text, const Pack& pack) {
  std::vector<std::string> out;
  for_each_reference(text, [&](std::string_view name, std::size_t, std::size_t) {
    if (!pack.parameter_values.contains(name)) out.emplace_back(name);
  });
  return out;
}

const PackSource* Pack::source(std::string_view source_id) const {
  for (const auto& s : sources) {
    if (s.id == source_id) return &s;
  }
  return nullptr;
}

Result<Pack> parse_pack(std::string_view text, std::string_view file, const PackOptions& options) {
  return PackReader(text, file, options).read();
}

Result<Pack> load_pack_file(const std::filesystem::path& path, const PackOptions& options) {
  const auto text = read_input_file(path, path.string(), "a policy pack (a YAML file)", kMaxPackBytes);
  if (!text) return std::unexpected(text.error());
  return parse_pack(*text, path.string(), options);
}

namespace {

// "United Kingdom" -> "united-kingdom": how ids and aliases are compared.
std::string pack_name_key(std::string_view name) {
  std::string key;
  for (const char c : trim(name)) key += c == ' ' || c == '_' ? '-' : c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return key;
}

// Every built-in pack's aliases, read from the packs themselves (the facts stay in data).
std::vector<std::pair<std::string, std::string>> builtin_aliases() {  // alias -> id
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& id : builtin_pack_ids()) {
    const auto text = data::embedded(fmt::format("policies/{}.yaml", id));
    if (!text) continue;
    try {
      const YAML::Node aliases = YAML::Load(std::string(*text))["aliases"];
      if (aliases && aliases.IsSequence())
        for (const auto& alias : aliases)
          if (alias.IsScalar()) out.emplace_back(alias.Scalar(), id);
    } catch (const YAML::Exception&) {
      // A built-in pack that does not parse is reported when it is loaded by id.
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> builtin_pack_id(std::string_view name) {
  const std::string key = pack_name_key(name);
  const auto ids = builtin_pack_ids();
  if (std::ranges::find(ids, key) != ids.end()) return key;
  for (const auto& [alias, id] : builtin_aliases())
    if (alias == key) return id;
  return std::nullopt;
}

Result<Pack> builtin_pack(std::string_view name, const PackOptions& options) {
  const auto id = builtin_pack_id(name);
  const auto text = id ? data::embedded(fmt::format("policies/{}.yaml", *id)) : std::nullopt;
  if (!text) {
    const auto ids = builtin_pack_ids();
    std::vector<std::string> names = ids;
    for (const auto& [alias, pack_id] : builtin_aliases()) names.push_back(alias);
    const auto near = did_you_mean(pack_name_key(name), names);
    Diagnostic d;
    d.file = "--policy";
    d.value = std::string(name);
    d.message = fmt::format("no built-in policy pack '{}'{}; built-in packs: {}", name,
                            !near ? "" : fmt::format(" (did you mean '{}'?)", *near), join_or(ids));
    return fail(std::move(d));
  }
  return parse_pack(*text, fmt::format("data/policies/{}.yaml", *id), options);
}

std::vector<std::string> builtin_pack_ids() {
  std::vector<std::string> ids;
  for (const auto& file : data::embedded_files()) {
    constexpr std::string_view kPrefix = "policies/", kSuffix = ".yaml";
    const std::string_view path = file.path;
    if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix)) continue;
    const auto name = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    if (name.find('/') == std::string_view::npos) ids.emplace_back(name);
  }
  return ids;
}

Result<ParamOverride> parse_param_override(std::string_view text) {
  const auto eq = text.find('=');
  Diagnostic d;
  d.file = "--param";
  d.value = std::string(text);
  if (const auto bad = find_non_text_byte(text)) {
    // Values are filled into descriptions and reports: text only.
    d.message = fmt::format("not UTF-8 text: {} at byte {}; expected NAME=VALUE in UTF-8 without control characters",
                            describe_non_text_byte(text, *bad), *bad);
    return fail(std::move(d));
  }
  if (eq == std::string_view::npos || eq == 0) {
    d.message = "expected NAME=VALUE or PACK.NAME=VALUE";
    return fail(std::move(d));
  }
  ParamOverride o;
  std::string_view name = trim(text.substr(0, eq));
  if (const auto dot = name.find('.'); dot != std::string_view::npos) {
    o.pack = std::string(name.substr(0, dot));
    name = name.substr(dot + 1);
  }
  o.name = std::string(name);
  o.value = std::string(trim(text.substr(eq + 1)));
  return o;
}

const ParamValue& value_of(const Setting& setting, const Pack& pack) {
  if (!setting.param.empty()) {
    if (auto it = pack.parameter_values.find(setting.param); it != pack.parameter_values.end()) return it->second;
  }
  return setting.value;
}

namespace {

// Re-checks what a changed parameter reaches: selectors and settings.
void recheck(const Pack& pack, const std::string& param, const std::string& given, Diagnostics& problems) {
  const auto scope = pack.scope();
  auto locate = [&](Location at, std::string message) {
    Diagnostic d;
    d.file = pack.file;
    d.line = at.line;
    d.col = at.col;
    d.column = param;
    d.message = fmt::format("{} (with --param {}={})", message, param, given);
    problems.push_back(std::move(d));
  };
  auto check = [&](const PackSelector& s) {
    if (auto ok = check_selector(s.selector.expr, scope); !ok) {
      locate(s.at(ok.error().offset), render_with_caret(s.selector.text, ok.error()));
    }
  };
  auto check_setting = [&](std::string_view key, const Setting& s) {
    if (s.param != param) return;
    if (auto bad = check_setting_value(key, value_of(s, pack))) locate(s.at, *bad);
  };
  for (const auto& rule : pack.rules) {
    check(rule.select);
    if (const auto* cap = std::get_if<CapRule>(&rule.spec)) {
      check(cap->within);
      check_setting("unit", cap->unit);
      check_setting("limit", cap->limit);
    } else if (const auto* near = std::get_if<ProximityRule>(&rule.spec)) {
      check_setting("radius_km", near->radius_km);
    } else if (const auto* diversity = std::get_if<DiversityRule>(&rule.spec)) {
      check_setting("min_vendors", diversity->min_vendors);
      check_setting("max_share", diversity->max_share);
    }
  }
}

}  // namespace

Result<std::vector<Pack>> with_parameters(std::vector<Pack> packs, const std::vector<ParamOverride>& overrides) {
  Diagnostics problems;
  for (const auto& o : overrides) {
    Diagnostic d;
    d.file = "--param";
    d.column = o.name;
    d.value = o.value;
    bool declared = false;
    bool pack_seen = o.pack.empty();
    for (auto& pack : packs) {
      if (!o.pack.empty() && pack.id != o.pack) continue;
      pack_seen = true;
      const auto it = std::ranges::find(pack.parameters, o.name, &Parameter::name);
      if (it == pack.parameters.end()) continue;
      declared = true;
      auto value = parse_param_value(it->value.type, o.value);
      if (!value) {
        d.message = fmt::format("parameter '{}' of pack '{}': {}", o.name, pack.id, value.error());
        problems.push_back(d);
        continue;
      }
      if (!it->allowed.empty() && std::ranges::find(it->allowed, value->text) == it->allowed.end()) {
        d.message = fmt::format("parameter '{}' of pack '{}' allows only {}", o.name, pack.id, join_or(it->allowed));
        problems.push_back(d);
        continue;
      }
      pack.parameter_values[o.name] = std::move(*value);
      recheck(pack, o.name, o.value, problems);
    }
    if (!pack_seen) {
      d.message = fmt::format("--param names pack '{}', which is not among the packs evaluated", o.pack);
      problems.push_back(d);
    } else if (!declared) {
      std::vector<std::string> names;
      for (const auto& pack : packs) {
        for (const auto& p : pack.parameters) names.push_back(p.name);
      }
      const auto near = did_you_mean(o.name, names);
      d.message = fmt::format("no pack declares a parameter '{}'{}", o.name,
                              !near ? "" : fmt::format(" (did you mean '{}'?)", *near));
      problems.push_back(d);
    }
  }
  if (!problems.empty()) return std::unexpected(std::move(problems));
  return packs;
}

}  // namespace netvet::policy
