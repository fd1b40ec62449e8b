// netvet policies: lists the built-in policy packs (id, kind, title, jurisdiction, version,
// the date whose law they reflect, rule count). `netvet policies show ID` explains one pack in
// prose: what it encodes, each rule (dates, severity, what it selects in words, sources,
// remediation; for a sharing pack, what its findings mean for sharing), its parameters with
// defaults and documentation, and its sources. ID may also be a pack file.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "command.h"
#include "output.h"
#include "policy/pack.h"
#include "report/diagnostics_report.h"
#include "util/text.h"

namespace netvet::cli {

namespace {

using policy::Expr;
using policy::FieldType;
using policy::Value;

struct PoliciesArgs {
  std::string show_id;
  CommonOptions common;
};

Result<policy::Pack> pack_named(const std::string& id) {
  if (std::filesystem::is_regular_file(id)) return policy::load_pack_file(id);
  return policy::builtin_pack(id);
}

// Wraps `text` at `width` columns, each line indented by `indent`.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width = 92) {
  std::string out, line;
  const std::string pad(indent, ' ');
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find_first_of(" \n", pos);
    const std::string_view word = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (word.empty()) continue;
    if (!line.empty() && pad.size() + line.size() + 1 + word.size() > width) {
      out += pad + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + std::string(word);
  }
  if (!line.empty()) out += pad + line + "\n";
  return out;
}

// A selector in words ----------------------------------------------------------------

std::string value_words(const Value& v, const policy::Pack& pack) {
  switch (v.kind) {
    case Value::Kind::list: {
      std::string out;
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == v.items.size() ? " or " : ", ") + value_words(v.items[i], pack);
      }
      return out;
    }
    case Value::Kind::parameter: {
      const auto it = pack.parameter_values.find(v.text);
      if (it == pack.parameter_values.end()) return "$" + v.text;
      const std::string current = policy::to_string(it->second);
      return fmt::format("${} (now {})", v.text, current.empty() ? "empty" : current);
    }
    case Value::Kind::word: {
      const auto it = pack.designations.find(v.text);
      if (it == pack.designations.end()) return v.text;
      std::string vendors;
      for (const auto& vendor : it->second) vendors += (vendors.empty() ? "" : ", ") + vendor;
      return fmt::format("the designation {} ({})", v.text, vendors);
    }
    case Value::Kind::string: return fmt::format("\"{}\"", v.text);
    default: return v.text;
  }
}

std::string field_words(policy::FieldId field) {
  using policy::FieldId;
  switch (field) {
    case FieldId::vendor: return "the vendor";
    case FieldId::vendor_country: return "the vendor's home country";
    case FieldId::op: return "the operator";
    case FieldId::op_country: return "the operator's country";
    case FieldId::installed: return "it was installed";
    case FieldId::generation: return "its generations";
    case FieldId::tags: return "its tags";
    case FieldId::site: return "its site";
    case FieldId::site_kind: return "its site's kind";
    case FieldId::site_region: return "its site's region";
    case FieldId::site_tags: return "its site's tags";
    case FieldId::site_subscribers: return "its site's subscribers";
    default: return fmt::format("its {}", policy::field_info(field).name);
  }
}

std::string expr_words(const Expr& e, const policy::Pack& pack, bool nested = false) {
  switch (e.kind) {
    case Expr::Kind::constant: return e.constant ? "every element" : "no element";
    case Expr::Kind::all_of:
    case Expr::Kind::any_of: {
      const bool all = e.kind == Expr::Kind::all_of;
      std::string out;
      for (const auto& child : e.children) {
        out += (out.empty() ? "" : all ? ", and " : ", or ") + expr_words(child, pack, true);
      }
      return nested && !all ? "(" + out + ")" : out;
    }
    case Expr::Kind::negation: return "not (" + expr_words(e.children.front(), pack, true) + ")";
    case Expr::Kind::evidence:
      return e.evidence_scheme.empty() ? fmt::format("it holds valid {} evidence", e.evidence_type)
                                       : fmt::format("it holds valid {} evidence under {}", e.evidence_type, e.evidence_scheme);
    case Expr::Kind::compare: break;
  }
  const auto& info = policy::field_info(e.field);
  const bool dated = info.type == FieldType::date;
  const std::string field = field_words(e.field);
  const std::string value = value_words(e.value, pack);
  using policy::CompareOp;
  switch (e.op) {
    case CompareOp::eq: return fmt::format("{} is {}", field, value);
    case CompareOp::ne: return fmt::format("{} is not {}", field, value);
    case CompareOp::lt: return fmt::format("{} {} {}", field, dated ? "before" : "is below", value);
    case CompareOp::le: return fmt::format("{} {} {}", field, dated ? "on or before" : "is at most", value);
    case CompareOp::gt: return fmt::format("{} {} {}", field, dated ? "after" : "is above", value);
    case CompareOp::ge: return fmt::format("{} {} {}", field, dated ? "on or after" : "is at least", value);
    case CompareOp::has: return fmt::format("{} include {}", field, value);
    case CompareOp::in: return fmt::format("{} {} {}", field, info.list ? "include any of" : "is one of", value);
    case CompareOp::not_in: return fmt::format("{} {} {}", field, info.list ? "include none of" : "is none of", value);
  }
  return policy::to_string(e);
}

// The text of a setting: its value, and the parameter it comes from.
std::string setting_words(const policy::Setting& s, const policy::Pack& pack, bool percent = false) {
  const auto& v = policy::value_of(s, pack);
  std::string value = v.type == policy::ParamValue::Type::number && percent ? fmt::format("{:g}%", v.number * 100) : policy::to_string(v);
  return s.param.empty() ? value : fmt::format("{} (${})", value, s.param);
}

// "military or nuclear facilities in GB owned by US"
std::string facilities_words(const policy::FacilitySelection& selection) {
  auto either = [](std::span<const Country> countries) {
    std::string out;
    for (std::size_t i = 0; i < countries.size(); ++i)
      out += (i == 0 ? "" : i + 1 == countries.size() ? " or " : ", ") + std::string(netvet::name_of(countries[i]));
    return out;
  };
  std::string k;
  for (std::size_t i = 0; i < selection.kinds.size(); ++i)
    k += (i == 0 ? "" : i + 1 == selection.kinds.size() ? " or " : ", ") + std::string(name_of(selection.kinds[i]));
  return fmt::format("{}{}{}", selection.kinds.empty() ? "facilities of any kind" : k + " facilities",
                     selection.located_in.empty() ? "" : " in " + either(selection.located_in),
                     selection.owners.empty() ? "" : " owned by " + either(selection.owners));
}

std::string exposure_words(const policy::ExposureRule& rule, const policy::Pack& pack) {
  std::string ways;
  for (std::size_t i = 0; i < rule.via.size(); ++i) {
    static constexpr std::string_view kWays[] = {
        "their failure cuts its traffic off from the core: every path crosses their elements, even when each "
        "alone is avoidable (transport)",
        "they run, or manage or host, part of its operators' core control plane (control_plane)",
        "their kill-switch cuts its traffic off: it also stops what their elements manage or host (influence)"};
    ways += (i == 0 ? "" : "; or where ") + std::string(kWays[static_cast<std::size_t>(rule.via[i])]);
  }
  Value designation;
  designation.kind = Value::Kind::word;
  designation.text = rule.vendors;
  return fmt::format(
      "Flags each of the {} exposed to the vendors of {}, taken together, {}: where {}. The facility's serving cells "
      "are its served_by, or the cell sites whose range_km reaches it (within the serving radius, --serving-radius, "
      "2 km by default, for sites without one). One finding per facility, naming each exposed operator's cut (the "
      "designated elements to replace), the chain of unavoidable elements or the influencing element. A facility "
      "that is isolated (no site serves it, or none of its serving cells reaches its operator's core) cannot be "
      "vetted and is reported as such, at low severity.",
      facilities_words(rule), value_words(designation, pack),
      rule.per_operator ? "through any one serving operator's traffic" : "with no serving operator offering a clean way",
      ways);
}

std::string kind_words(const policy::Rule& rule, const policy::Pack& pack) {
  const std::string selects = expr_words(rule.select.selector.expr, pack);
  return std::visit(
      [&](const auto& spec) -> std::string {
        using Spec = std::decay_t<decltype(spec)>;
        if constexpr (std::is_same_v<Spec, policy::ForbidRule>) {
          return fmt::format("Forbids every element where {}.", selects);
        } else if constexpr (std::is_same_v<Spec, policy::CapRule>) {
          return fmt::format("Per {}, among the elements where {}, those where {} may hold at most {} counted in {}.",
                             name_of(spec.per), expr_words(spec.within.selector.expr, pack), selects,
                             setting_words(spec.limit, pack, true), setting_words(spec.unit, pack));
        } else if constexpr (std::is_same_v<Spec, policy::ProximityRule>) {
          std::string where = fmt::format("within {} km of", setting_words(spec.radius_km, pack));
          if (spec.serving) where += " or serving";
          return fmt::format("Flags elements where {}, at sites {} one of the {}.", selects, where,
                             facilities_words(spec));
        } else if constexpr (std::is_same_v<Spec, policy::RequireRule>) {
          return fmt::format("Requires valid {} evidence{} (for the element, its model or its vendor) of every element where {}.",
                             name_of(spec.type), spec.schemes.empty() ? "" : " under " + join_or(spec.schemes), selects);
        } else if constexpr (std::is_same_v<Spec, policy::DiversityRule>) {
          return fmt::format("Per operator and domain, among the elements where {}: at least {} vendors, and no vendor above {}.",
                             selects, setting_words(spec.min_vendors, pack), setting_words(spec.max_share, pack, true));
        } else {
          return exposure_words(spec, pack);
        }
      },
      rule.spec);
}

// "Restricts intelligence sharing (status: bill, not law): a country where the rule has
// findings gets the verdict none. Applies to every country."
std::string sharing_words(const policy::SharingTerms& terms, const policy::Pack& pack) {
  static constexpr std::string_view kStatus[] = {"enacted: law in force", "a bill: introduced, not law",
                                                 "a statement: an official's words, not law"};
  std::string whom = "every country";
  if (!terms.applies_to.everyone()) {
    std::vector<std::string> names;
    for (const auto& c : terms.applies_to.countries) names.emplace_back(netvet::name_of(c));
    for (const auto& a : terms.applies_to.alliances) names.push_back("members of " + a);
    whom = join_or(names);
  }
  return fmt::format("Sharing: {} {} ({}). A country where the rule has findings gets the verdict {}; one where it "
                     "has none, full. Applies to {}.",
                     terms.scope == policy::SharingScope::intelligence ? "intelligence shared by" : "co-location of the resources of",
                     netvet::name_of(pack.partner), kStatus[static_cast<std::size_t>(terms.status)],
                     policy::name_of(terms.verdict), whom);
}

// A sharing pack's partner; null for a regime pack.
nlohmann::ordered_json partner_json(const policy::Pack& p) {
  return p.kind == policy::PackKind::sharing ? nlohmann::ordered_json(netvet::name_of(p.partner)) : nlohmann::ordered_json();
}

nlohmann::ordered_json sharing_json(const policy::SharingTerms& terms) {
  nlohmann::ordered_json countries = nlohmann::ordered_json::array();
  for (const auto& c : terms.applies_to.countries) countries.push_back(netvet::name_of(c));
  nlohmann::ordered_json applies;  // null: every country
  if (!terms.applies_to.everyone()) applies = {{"alliances", terms.applies_to.alliances}, {"countries", countries}};
  return {{"scope", policy::name_of(terms.scope)}, {"status", policy::name_of(terms.status)},
          {"verdict", policy::name_of(terms.verdict)}, {"applies_to", applies}};
}

// The commands ------------------------------------------------------------------------

std::string show_text(const policy::Pack& p) {
  const auto filled = [&p](const std::string& text) { return policy::fill_parameters(text, p); };
  std::string out = fmt::format("{}: {}\n", p.id, filled(p.title));
  out += fmt::format("Jurisdiction {}, version {}, reflects the law as of {}; {} rule{}.\n", p.jurisdiction, p.version,
                     format_date(p.reflects), p.rules.size(), p.rules.size() == 1 ? "" : "s");
  if (p.kind == policy::PackKind::sharing)
    out += wrap(fmt::format("A sharing pack: what the partner ({}) said or wrote about sharing with other countries. Each rule's "
                            "findings in a country's networks give that country the rule's verdict; `netvet alliance` "
                            "judges a scenario's countries with it.", netvet::name_of(p.partner)), 0);
  out += "\n";
  if (!p.aliases.empty()) out += fmt::format("Also known to --policy as {}.\n\n", join_or(p.aliases));
  if (!p.description.empty()) out += wrap(filled(p.description), 0) + "\n";
  if (!p.designations.empty()) {
    out += "Designations\n";
    for (const auto& [name, vendors] : p.designations) {
      std::string list;
      for (const auto& v : vendors) list += (list.empty() ? "" : ", ") + v;
      out += fmt::format("  {}: {}\n", name, list);
    }
    out += "\n";
  }
  out += "Rules\n";
  for (std::size_t i = 0; i < p.rules.size(); ++i) {
    const auto& r = p.rules[i];
    std::string dates = fmt::format("in force from {}", format_date(r.effective));
    if (r.end != kNoDate) dates += fmt::format(" until {}", format_date(r.end));
    out += fmt::format("  {}. {} — {}\n", i + 1, r.id, filled(r.title));
    out += fmt::format("     {} {}, {}.\n", name_of(r.severity), name_of(r.kind()), dates);
    if (r.sharing) out += wrap(sharing_words(*r.sharing, p), 5);
    if (!r.description.empty()) out += wrap(filled(r.description), 5);
    out += wrap(kind_words(r, p), 5);
    if (r.kind() != policy::RuleKind::exposure)  // it selects facilities, not elements
      out += fmt::format("     Selector: {}\n", r.select.selector.text.find('\n') == std::string::npos
                                                   ? r.select.selector.text
                                                   : policy::to_string(r.select.selector.expr));
    out += wrap("Remediation: " + filled(r.remediation), 5);
    std::string sources;
    for (const auto& id : r.sources) {
      if (const auto* s = p.source(id)) sources += (sources.empty() ? "" : "; ") + s->title;
    }
    out += wrap("Sources: " + sources, 5) + "\n";
  }
  if (!p.parameters.empty()) {
    out += "Parameters (override with --param " + p.id + ".NAME=VALUE)\n";
    for (const auto& param : p.parameters) {
      const std::string value = policy::to_string(param.value);
      out += fmt::format("  {} = {} ({}{})\n", param.name, value.empty() ? "(empty)" : value, name_of(param.value.type),
                         param.allowed.empty() ? "" : fmt::format("; one of {}", join_or(param.allowed)));
      if (!param.description.empty()) out += wrap(param.description, 5);
    }
    out += "\n";
  }
  out += "Sources\n";
  for (const auto& s : p.sources) {
    out += wrap(fmt::format("[{}] {}{}", s.id, s.title, s.url.empty() ? "" : " <" + s.url + ">"), 2);
  }
  return out;
}

nlohmann::ordered_json show_json(const policy::Pack& p) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& r : p.rules) {
    rules.push_back({{"id", r.id}, {"title", policy::fill_parameters(r.title, p)}, {"kind", name_of(r.kind())}, {"severity", name_of(r.severity)},
                     {"effective", format_date(r.effective)},
                     {"end", r.end == kNoDate ? nlohmann::ordered_json() : nlohmann::ordered_json(format_date(r.end))},
                     {"select", r.kind() == policy::RuleKind::exposure ? nlohmann::ordered_json()
                                                                       : nlohmann::ordered_json(r.select.selector.text)},
                     {"explanation", kind_words(r, p)}, {"description", one_line(policy::fill_parameters(r.description, p))},
                     {"remediation", one_line(policy::fill_parameters(r.remediation, p))}, {"sources", r.sources}});
    if (r.sharing) rules.back()["sharing"] = sharing_json(*r.sharing);
  }
  nlohmann::ordered_json params = nlohmann::ordered_json::array();
  for (const auto& param : p.parameters) {
    params.push_back({{"name", param.name}, {"type", name_of(param.value.type)}, {"default", policy::to_string(param.value)},
                      {"allowed", param.allowed}, {"description", param.description}});
  }
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (const auto& s : p.sources) sources.push_back({{"id", s.id}, {"title", s.title}, {"url", s.url}});
  nlohmann::ordered_json designations = nlohmann::ordered_json::object();
  for (const auto& [name, vendors] : p.designations) designations[name] = vendors;
  return {{"id", p.id}, {"kind", policy::name_of(p.kind)}, {"partner", partner_json(p)}, {"aliases", p.aliases},
          {"title", policy::fill_parameters(p.title, p)}, {"jurisdiction", p.jurisdiction},
          {"version", p.version}, {"reflects", format_date(p.reflects)},
          {"description", one_line(policy::fill_parameters(p.description, p))}, {"designations", designations},
          {"parameters", params}, {"rules", rules}, {"sources", sources}};
}

int run_list(const PoliciesArgs& args) {
  std::vector<policy::Pack> packs;
  Diagnostics problems;
  for (const auto& id : policy::builtin_pack_ids()) {
    auto pack = policy::builtin_pack(id);
    if (!pack) problems.insert(problems.end(), pack.error().begin(), pack.error().end());
    else packs.push_back(std::move(*pack));
  }
  if (!problems.empty()) {
    fmt::print(stderr, "{}", report::diagnostics_text(problems, stderr_is_terminal()));
    return kInternal;  // a built-in pack that does not load is a bug
  }
  std::string text;
  if (args.common.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : packs) {
      list.push_back({{"id", p.id}, {"kind", policy::name_of(p.kind)}, {"partner", partner_json(p)}, {"aliases", p.aliases},
                      {"title", p.title}, {"jurisdiction", p.jurisdiction},
                      {"version", p.version}, {"reflects", format_date(p.reflects)}, {"rules", p.rules.size()}});
    }
    text = nlohmann::ordered_json{{"policies", list}}.dump(2) + "\n";
  } else {
    std::size_t id_width = 2, version_width = 7;
    for (const auto& p : packs) {
      id_width = std::max(id_width, p.id.size());
      version_width = std::max(version_width, p.version.size());
    }
    // KIND: a regime (a jurisdiction's rules for its own networks) or sharing (a partner's
    // terms for sharing with other countries: shared/spec/alliance.md).
    text = fmt::format("{:<{}}  {:<7}  {:<4}  {:<{}}  {:<10}  {:>5}  {}\n", "ID", id_width, "KIND", "JUR.", "VERSION",
                       version_width, "REFLECTS", "RULES", "TITLE");
    for (const auto& p : packs) {
      text += fmt::format("{:<{}}  {:<7}  {:<4}  {:<{}}  {:<10}  {:>5}  {}\n", p.id, id_width, policy::name_of(p.kind),
                          p.jurisdiction, p.version, version_width, format_date(p.reflects), p.rules.size(), p.title);
    }
    text += "\n`netvet policies show ID` explains a pack; `netvet test-policy ID` runs its fixtures. A sharing pack's\n"
            "rules also say what their findings mean for sharing intelligence with, or co-locating in, a country.\n";
    std::string aliases;
    for (const auto& p : packs)
      if (!p.aliases.empty()) aliases += fmt::format("{}{} for {}", aliases.empty() ? "" : "; ", join_or(p.aliases), p.id);
    if (!aliases.empty()) text += wrap("--policy also takes other names: " + aliases + ".", 0);
  }
  return emit(args.common.output, text) ? kOk : kBadInput;
}

int run_show(const PoliciesArgs& args) {
  auto pack = pack_named(args.show_id);
  if (!pack) {
    fmt::print(stderr, "{}", report::diagnostics_text(pack.error(), stderr_is_terminal()));
    return kBadInput;
  }
  const std::string text = args.common.format == "json" ? show_json(*pack).dump(2) + "\n" : show_text(*pack);
  return emit(args.common.output, text) ? kOk : kBadInput;
}

}  // namespace

void add_policies(CLI::App& app, Run& run) {
  auto args = std::make_shared<PoliciesArgs>();
  auto* cmd = app.add_subcommand("policies", "List the built-in policy packs; `policies show ID` explains one");
  add_common_options(*cmd, args->common);
  auto* show = cmd->add_subcommand("show", "Explain a policy pack in prose: its rules, dates, parameters and sources");
  show->add_option("id", args->show_id, "A built-in pack id, or a pack file")->required();
  add_common_options(*show, args->common);
  cmd->callback([&run, args, show] {
    run = [args, show] { return show->parsed() ? run_show(*args) : run_list(*args); };
  });
}

}  // namespace netvet::cli
