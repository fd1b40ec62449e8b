#include "policy_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "output.h"
#include "report/diagnostics_report.h"

namespace netvet::cli {

void print_problems(const Diagnostics& problems) {
  fmt::print(stderr, "{}", report::diagnostics_text(problems, stderr_is_terminal()));
}

namespace {

bool names_a_file(const std::string& spec) {
  return spec.find('/') != std::string::npos || spec.ends_with(".yaml") || spec.ends_with(".yml") ||
         std::filesystem::is_regular_file(spec);
}

}  // namespace

std::optional<std::vector<policy::Pack>> read_packs(const std::string& spec) {
  std::vector<std::string> items;
  if (names_a_file(spec) && std::filesystem::is_regular_file(spec)) {
    items.push_back(spec);
  } else {
    std::size_t start = 0;
    while (start <= spec.size()) {
      const std::size_t comma = std::min(spec.find(',', start), spec.size());
      items.push_back(spec.substr(start, comma - start));
      start = comma + 1;
    }
  }
  std::vector<policy::Pack> packs;
  Diagnostics problems;
  for (const auto& item : items) {
    if (item.empty()) {
      problems.push_back({.file = "--policy", .value = spec, .message = "empty pack id in the list"});
      continue;
    }
    auto pack = names_a_file(item) ? policy::load_pack_file(item) : policy::builtin_pack(item);
    if (!pack) {
      problems.insert(problems.end(), pack.error().begin(), pack.error().end());
      continue;
    }
    const bool duplicate = std::ranges::any_of(packs, [&](const policy::Pack& p) { return p.id == pack->id; });
    if (duplicate) {
      problems.push_back({.file = "--policy", .value = item, .message = fmt::format("pack '{}' is given twice", pack->id)});
      continue;
    }
    packs.push_back(std::move(*pack));
  }
  if (!problems.empty()) {
    print_problems(problems);
    return std::nullopt;
  }
  return packs;
}

std::optional<Date> read_as_of(const std::string& text, std::string_view flag) {
  if (text.empty()) return today();
  if (auto d = parse_date(text)) return *d;
  print_problems({{.file = std::string(flag), .value = text, .message = "not a date: " + date_problem(text)}});
  return std::nullopt;
}

namespace {

std::optional<std::vector<policy::ParamOverride>> read_params(const std::vector<std::string>& params,
                                                              const std::vector<policy::Pack>& packs) {
  std::vector<policy::ParamOverride> overrides;
  Diagnostics problems;
  for (const auto& text : params) {
    auto o = policy::parse_param_override(text);
    if (!o) problems.insert(problems.end(), o.error().begin(), o.error().end());
    else overrides.push_back(std::move(*o));
  }
  if (problems.empty()) {
    auto checked = policy::with_parameters(packs, overrides);
    if (!checked) problems = checked.error();
  }
  if (!problems.empty()) {
    print_problems(problems);
    return std::nullopt;
  }
  return overrides;
}

MergedScope merged_scope(const std::vector<policy::Pack>& packs) {
  MergedScope m;
  for (const auto& p : packs) {
    for (const auto& [name, vendors] : p.designations) {
      auto& all = m.designations[name];
      for (const auto& v : vendors) {
        if (std::ranges::find(all, v) == all.end()) all.push_back(v);
      }
    }
    for (const auto& [name, value] : p.parameter_values) m.parameters.emplace(name, value);
  }
  return m;
}

std::optional<std::vector<policy::Assumption>> read_assumptions(const std::vector<std::string>& texts,
                                                                const policy::SelectorScope& scope) {
  std::vector<policy::Assumption> out;
  Diagnostics problems;
  for (const auto& text : texts) {
    auto a = policy::parse_assumption(text, scope);
    if (!a) problems.insert(problems.end(), a.error().begin(), a.error().end());
    else out.push_back(std::move(*a));
  }
  if (!problems.empty()) {
    print_problems(problems);
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<PolicyInputs> read_policy_inputs(const PolicyOptions& options, const std::vector<std::string>& assume,
                                               const std::string& waivers) {
  PolicyInputs in;
  auto packs = read_packs(options.policy);
  if (!packs) return std::nullopt;
  in.packs = std::move(*packs);
  auto params = read_params(options.params, in.packs);
  if (!params) return std::nullopt;
  in.params = std::move(*params);
  in.scope = merged_scope(in.packs);
  auto assumptions = read_assumptions(assume, in.scope.scope());
  if (!assumptions) return std::nullopt;
  in.assumptions = std::move(*assumptions);
  if (!waivers.empty()) {
    auto read = policy::load_waivers(waivers, in.packs);
    if (!read) {
      print_problems(read.error());
      return std::nullopt;
    }
    in.waivers = std::move(*read);
  }
  return in;
}

}  // namespace netvet::cli
