// The sentence of facts behind each verdict: how many findings, in which networks, of
// which vendors, one example, and what the rule's legal standing makes of them.

#include "alliance/because.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.h"

namespace netvet::alliance {
namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "huawei 12, zte 2": the vendors findings name, most first (three at most).
std::string vendor_counts(const std::map<std::string, std::size_t>& vendors) {
  std::vector<std::pair<std::string, std::size_t>> sorted(vendors.begin(), vendors.end());
  std::ranges::stable_sort(sorted, [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (std::size_t i = 0; i < sorted.size() && i < 3; ++i)
    out += fmt::format("{}{} {}", i == 0 ? "" : ", ", sorted[i].first, sorted[i].second);
  if (sorted.size() > 3) out += fmt::format(" and {} more", plural(sorted.size() - 3, "vendor", "vendors"));
  return out;
}

// What the rule's standing makes of a finding.
std::string standing(const policy::SharingTerms& terms) {
  switch (terms.status) {
    case policy::LegalStatus::enacted: return "by law in force";
    case policy::LegalStatus::bill: return "if the bill were enacted";
    case policy::LegalStatus::statement: return "if the statement were policy";
  }
  return "";
}

// "the countries DE and IT and members of five-eyes"
std::string whom(const policy::AppliesTo& to) {
  std::vector<std::string> countries;
  for (const auto& c : to.countries) countries.emplace_back(netvet::name_of(c));
  std::string out;
  if (!countries.empty()) out = fmt::format("{} {}", countries.size() == 1 ? "the country" : "the countries", join_or(countries));
  if (!to.alliances.empty())
    out += fmt::format("{}members of {}", out.empty() ? "" : " and ", join_or(to.alliances));
  return out;
}

}  // namespace

std::string example_of(const policy::Evaluation& ev, const Inventory& inv, const policy::Finding& f,
                       const std::string& network) {
  if (f.kind == policy::SubjectType::element) {
    return fmt::format("{} {} {} of {} (in '{}')", inv.str(f.vendor), inv.function_of(f.row).id, inv.str(f.subject),
                       inv.str(f.op), network);
  }
  std::string message = policy::message_of(ev, inv, f);
  // The citation closes every message; the verdict names its rule and sources elsewhere.
  const std::string& citation = ev.rules[f.rule].citation;
  if (!citation.empty() && message.ends_with(citation)) message.resize(message.size() - citation.size());
  return fmt::format("{} (in '{}')", trim(one_line(message)), network);
}

std::string because(const RuleVerdict& v, const Tally& t, const CountrySpec& country, Date as_of, std::size_t networks) {
  const policy::Rule& rule = *v.rule;
  const policy::SharingTerms& terms = *rule.sharing;
  if (!v.verdict.applies)
    return fmt::format("Does not apply to {}: the rule concerns {} only.", country.name, whom(terms.applies_to));
  if (!v.in_force) {
    return rule.effective > as_of
               ? fmt::format("Not in force on {}: in force from {}.", format_date(as_of), format_date(rule.effective))
               : fmt::format("No longer in force on {}: it ended on {}.", format_date(as_of), format_date(rule.end));
  }
  const std::string unvetted =
      t.unvetted == 0 ? ""
                      : fmt::format("; {} could not be vetted (isolated: no serving cell reaches a core)",
                                    plural(t.unvetted, "facility", "facilities"));
  const std::string all = networks == 1 ? fmt::format("the network of {}", country.name)
                                         : fmt::format("the {} networks of {}", networks, country.name);
  if (v.findings == 0)
    return fmt::format("No finding in {}{}; verdict {}.", all, unvetted, policy::name_of(v.verdict.level));
  const std::string what = t.subject == "facility" ? plural(v.findings, "facility", "facilities")
                                                   : plural(v.findings, "finding", "findings");
  const std::string where = networks == 1 ? all : fmt::format("{} of {}", t.networks_with, all);
  const std::string vendors = t.vendors.empty() ? "" : fmt::format(" ({})", vendor_counts(t.vendors));
  return fmt::format("{} in {}{}, e.g. {}{}; verdict {}, {}.", what, where, vendors, t.example, unvetted,
                     policy::name_of(v.verdict.level), standing(terms));
}

}  // namespace netvet::alliance
