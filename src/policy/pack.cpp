#include "policy/pack.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "data/embedded.h"
#include "policy/pack_reader.h"
#include "policy/suggest.h"
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

Result<Pack> builtin_pack(std::string_view id, const PackOptions& options) {
  const std::string path = fmt::format("policies/{}.yaml", id);
  const auto text = data::embedded(path);
  if (!text) {
    const auto ids = builtin_pack_ids();
    const auto near = did_you_mean(id, ids);
    Diagnostic d;
    d.file = "--policy";
    d.value = std::string(id);
    d.message = fmt::format("no built-in policy pack '{}'{}; built-in packs: {}", id,
                            !near ? "" : fmt::format(" (did you mean '{}'?)", *near), join_or(ids));
    return fail(std::move(d));
  }
  return parse_pack(*text, "data/" + path, options);
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
