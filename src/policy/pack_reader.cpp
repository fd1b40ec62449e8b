#include "policy/pack_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/yaml_util.h"
#include "util/text.h"

namespace netvet::policy {

PackReader::PackReader(std::string_view text, std::string_view file, const PackOptions& options)
    : text_(text), file_(file), options_(options), map_(text) {
  pack_.file = file_;
  pack_.registry = options.registry;
  pack_.functions = options.functions;
}

void PackReader::problem(const YAML::Node& at, std::string_view key, std::string message) {
  problem(map_.location(at.Mark()), key, std::move(message));
}

void PackReader::problem(Location at, std::string_view key, std::string message) {
  Diagnostic d;
  d.file = file_;
  d.line = at.line;
  d.col = at.col;
  d.column = std::string(key);
  d.message = std::move(message);
  problems_.push_back(std::move(d));
}

void PackReader::check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what) {
  check_yaml_keys(map, allowed, what, [&](const YAML::Node& at, std::string_view key, std::string message) {
    problem(at, key, std::move(message));
  });
}

bool PackReader::is_map(const YAML::Node& node, std::string_view key, std::string_view what) {
  return expect_yaml_map(node, key, what, [&](const YAML::Node& at, std::string_view k, std::string message) {
    problem(at, k, std::move(message));
  });
}

std::optional<std::string> PackReader::text(const YAML::Node& map, const char* key, bool required) {
  return yaml_text(map, key, required, [&](const YAML::Node& at, std::string_view k, std::string message) {
    problem(at, k, std::move(message));
  });
}

std::optional<Date> PackReader::date(const YAML::Node& map, const char* key, bool required) {
  const auto value = text(map, key, required);
  if (!value) return std::nullopt;
  const auto parsed = parse_date(*value);
  if (!parsed) {
    problem(map[key], key, fmt::format("'{}' is not a date: {}", *value, date_problem(*value)));
    return std::nullopt;
  }
  return parsed;
}

std::vector<std::string> PackReader::texts(const YAML::Node& map, const char* key) {
  std::vector<std::string> out;
  const YAML::Node node = map[key];
  if (!node) return out;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) {
    problem(node, key, fmt::format("'{}' must be a list", key));
    return out;
  }
  for (const auto& item : node) {
    if (item.IsScalar()) {
      out.push_back(item.Scalar());
    } else {
      problem(item, key, fmt::format("items of '{}' must be plain values", key));
    }
  }
  return out;
}

std::optional<PackSelector> PackReader::selector(const YAML::Node& map, const char* key, bool required) {
  const auto source = text(map, key, required);
  if (!source) return std::nullopt;
  const YAML::Node node = map[key];
  PackSelector out;
  out.positions = map_.scalar_positions(node.Mark(), *source);
  auto compiled = compile_selector(*source, pack_.scope());
  if (!compiled) {
    problem(out.at(compiled.error().offset), key, render_with_caret(*source, compiled.error()));
    return std::nullopt;
  }
  out.selector = std::move(*compiled);
  return out;
}

std::optional<Setting> PackReader::setting(const YAML::Node& map, const char* key, ParamValue::Type type,
                                           std::optional<std::string_view> fallback) {
  Setting s;
  const YAML::Node node = map[key];
  if (!node && fallback) {
    s.value = *parse_param_value(type, *fallback);
    s.at = map_.location(map.Mark());
    return s;
  }
  const auto written = text(map, key, true);
  if (!written) return std::nullopt;
  s.at = map_.location(node.Mark());
  if (written->starts_with('$')) {
    s.param = written->substr(1);
    const auto it = pack_.parameter_values.find(s.param);
    if (it == pack_.parameter_values.end()) {
      std::vector<std::string> names;
      for (const auto& p : pack_.parameters) names.push_back(p.name);
      const auto near = did_you_mean(s.param, names);
      problem(node, key, fmt::format("unknown parameter ${}{}", s.param, !near ? "" : fmt::format(" (did you mean ${}?)", *near)));
      return std::nullopt;
    }
    if (it->second.type != type) {
      problem(node, key, fmt::format("'{}' needs a {} but ${} is a {}", key, name_of(type), s.param, name_of(it->second.type)));
      return std::nullopt;
    }
    if (auto bad = check_setting_value(key, it->second)) {
      problem(node, key, fmt::format("{} (the default of ${})", *bad, s.param));
      return std::nullopt;
    }
    return s;
  }
  auto value = parse_param_value(type, *written);
  if (!value) {
    problem(node, key, fmt::format("'{}': {}", key, value.error()));
    return std::nullopt;
  }
  if (auto bad = check_setting_value(key, *value)) {
    problem(node, key, *bad);
    return std::nullopt;
  }
  s.value = std::move(*value);
  return s;
}

void PackReader::read_header(const YAML::Node& root) {
  check_keys(root, {"id", "kind", "partner", "title", "jurisdiction", "version", "reflects", "description", "aliases",
                    "sources", "parameters", "designations", "rules"}, "a pack");
  pack_.id = text(root, "id", true).value_or("");
  pack_.aliases = texts(root, "aliases");
  for (std::size_t i = 0; i < pack_.aliases.size(); ++i) {
    const std::string& alias = pack_.aliases[i];
    const YAML::Node at = root["aliases"].IsSequence() ? root["aliases"][i] : root["aliases"];
    if (alias.empty() || !std::ranges::all_of(alias, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }))
      problem(at, "aliases", fmt::format("alias '{}' must be lowercase letters, digits and '-' (as in united-kingdom)", alias));
    else if (alias == pack_.id)
      problem(at, "aliases", fmt::format("alias '{}' is the pack's own id", alias));
  }
  pack_.title = text(root, "title", true).value_or("");
  pack_.jurisdiction = text(root, "jurisdiction", true).value_or("");
  pack_.version = text(root, "version", true).value_or("");
  pack_.reflects = date(root, "reflects", true).value_or(kNoDate);
  pack_.description = text(root, "description", false).value_or("");
  read_kind(root);
}

void PackReader::read_sources(const YAML::Node& root) {
  const YAML::Node list = root["sources"];
  if (!list) return;
  if (!list.IsSequence()) return problem(list, "sources", "'sources' must be a list of {id, title, url}");
  for (const auto& node : list) {
    if (!is_map(node, "sources", "a source")) continue;
    check_keys(node, {"id", "title", "url"}, "a source");
    PackSource source{text(node, "id", true).value_or(""), text(node, "title", true).value_or(""),
                      text(node, "url", false).value_or("")};
    if (pack_.source(source.id)) problem(node, "id", fmt::format("duplicate source id '{}'", source.id));
    pack_.sources.push_back(std::move(source));
  }
}

// `name: VALUE` (type inferred: date, number, list or text) or
// `name: {value: V, type: T, allowed: [..], description: D}`.
void PackReader::read_parameters(const YAML::Node& root) {
  const YAML::Node params = root["parameters"];
  if (!params) return;
  if (!is_map(params, "parameters", "'parameters'")) return;
  for (auto it = params.begin(); it != params.end(); ++it) {
    Parameter p;
    p.name = it->first.Scalar();
    p.at = map_.location(it->first.Mark());
    YAML::Node value = it->second;
    std::optional<ParamValue::Type> type;
    if (value.IsMap()) {
      check_keys(value, {"value", "type", "allowed", "description"}, "a parameter");
      p.description = text(value, "description", false).value_or("");
      p.allowed = texts(value, "allowed");
      if (const auto t = text(value, "type", false)) {
        auto parsed = parse_param_type(*t);
        if (!parsed) problem(value["type"], "type", parsed.error());
        else type = *parsed;
      }
      if (!value["value"]) {
        problem(value, p.name, fmt::format("parameter '{}' needs a default 'value'", p.name));
        continue;
      }
      value = value["value"];
    }
    std::string written;
    if (value.IsSequence()) {
      type = type.value_or(ParamValue::Type::list);
      for (const auto& item : value) written += (written.empty() ? "" : ";") + item.Scalar();
    } else if (value.IsScalar()) {
      written = value.Scalar();
      if (!type) {
        type = parse_date(written) ? ParamValue::Type::date
               : parse_param_value(ParamValue::Type::number, written) ? ParamValue::Type::number
                                                                      : ParamValue::Type::text;
      }
    } else {
      problem(value, p.name, fmt::format("parameter '{}' must be a value or a list", p.name));
      continue;
    }
    auto parsed = parse_param_value(*type, written);
    if (!parsed) {
      problem(value, p.name, fmt::format("parameter '{}': {}", p.name, parsed.error()));
      continue;
    }
    if (!p.allowed.empty() && std::ranges::find(p.allowed, parsed->text) == p.allowed.end()) {
      problem(value, p.name, fmt::format("parameter '{}' is '{}' but allows only {}", p.name, parsed->text, join_or(p.allowed)));
    }
    p.value = *parsed;
    pack_.parameter_values[p.name] = std::move(*parsed);
    pack_.parameters.push_back(std::move(p));
  }
}

// `name: [vendor, ...]` or `name: {vendors: [...], description: D}`; every vendor must be
// one the registry knows, so a typo cannot silently exempt a vendor.
void PackReader::read_designations(const YAML::Node& root) {
  const YAML::Node designations = root["designations"];
  if (!designations) return;
  if (!is_map(designations, "designations", "'designations'")) return;
  for (auto it = designations.begin(); it != designations.end(); ++it) {
    const std::string name = it->first.Scalar();
    if (find_field(name)) {
      problem(it->first, name, fmt::format("designation '{}' has the name of a field", name));
      continue;
    }
    YAML::Node list = it->second;
    if (list.IsMap()) {
      check_keys(list, {"vendors", "description"}, "a designation");
      list = list["vendors"];
    }
    if (!list || !list.IsSequence() || list.size() == 0) {
      problem(it->second, name, fmt::format("designation '{}' must list at least one vendor", name));
      continue;
    }
    std::vector<std::string> vendors;
    for (const auto& item : list) {
      const std::string written = item.IsScalar() ? item.Scalar() : std::string();
      const auto found = options_.registry->find(written);
      if (!found) {
        const auto near = options_.registry->closest(written);
        problem(item, name, fmt::format("designation '{}' names unknown vendor '{}'{}", name, written,
                                        near ? fmt::format(" (did you mean '{}'?)", (*options_.registry)[*near].id) : ""));
        continue;
      }
      vendors.push_back((*options_.registry)[*found].id);
    }
    pack_.designations[name] = std::move(vendors);
  }
}

void PackReader::check_prose(const YAML::Node& root) {
  auto check = [&](const YAML::Node& map, const char* key) {
    if (!map.IsMap()) return;
    const YAML::Node node = map[key];
    if (!node || !node.IsScalar()) return;
    std::vector<std::string> names;
    for (const auto& p : pack_.parameters) names.push_back(p.name);
    for (const std::string& name : unknown_parameters(node.Scalar(), pack_)) {
      const auto near = did_you_mean(name, names);
      problem(node, key,
              fmt::format("'{}' names ${}, which the pack does not declare as a parameter{}", key, name,
                          near ? fmt::format(" (did you mean ${}?)", *near) : std::string()));
    }
  };
  check(root, "title");
  check(root, "description");
  if (const YAML::Node rules = root["rules"]; rules && rules.IsSequence()) {
    for (const auto& rule : rules) {
      check(rule, "title");
      check(rule, "description");
      check(rule, "remediation");
    }
  }
}

Result<Pack> PackReader::read() {
  auto root = parse_yaml(text_, file_);
  if (!root) return std::unexpected(root.error());
  if (!root->IsMap()) {
    problem(*root, "", "a pack is a mapping with id, title, jurisdiction, version, reflects, sources, parameters, designations and rules");
    return std::unexpected(problems_);
  }
  try {
    read_header(*root);
    read_sources(*root);
    read_parameters(*root);
    read_designations(*root);
    read_rules(*root);
    check_prose(*root);
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws on conversions of malformed nodes; report where it points.
    problems_.push_back(yaml_exception_problem(e, file_));
  }
  if (has_errors(problems_)) return std::unexpected(std::move(problems_));
  return std::move(pack_);
}

}  // namespace netvet::policy
