// exposure: facilities of the given kinds and owners must not be exposed to the designated
// vendors in the ways `via` lists (graph/exposure.h: judged vendor by vendor, per serving
// operator). Every exposure rule reads the exposure table evaluate() computed for its
// designated set; only the facilities a rule flags are explained further: per exposed
// operator the cut (a smallest set of designated elements every path crosses: what their
// failure takes), and the elements behind control-plane and influence exposure
// (exposure_witnesses). The unavoidable chain is the `exposure` command's explanation,
// not repeated here, and a rule that counts transport alone need not pay for the
// element-level analysis. What to replace for a clean way is policy/remedy.h's answer.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "policy/rule_context.h"

namespace netvet::policy {
namespace {

constexpr std::size_t kCutShown = 16;    // elements of a cut a message names
constexpr std::size_t kSitesShown = 5;   // serving sites a message names

// A facility the rule flags: the ways it is exposed that the rule counts (ExposureWay
// bits; 0: isolated, flagged because it cannot be vetted).
struct Flag {
  Index row = 0;  // of the exposure table (facilities by row)
  std::uint8_t ways = 0;
  std::size_t witnesses = 0;  // index of its first witness query
};

std::string way_words(std::uint8_t ways) { return fmt::format("{}", fmt::join(exposure_way_names(ways, true), ", ")); }

// "C5-CSR (huawei csr)"
std::string element_words(const Inventory& inv, Index e) {
  return fmt::format("{} ({} {})", inv.str(inv.elements.id[e]), inv.vendor_id(inv.elements.vendor[e]), inv.function_of(e).id);
}

std::string vendor_words(const Inventory& inv, std::span<const Index> vendors) {
  std::vector<std::string_view> ids;
  for (const Index v : vendors) ids.push_back(inv.vendor_id(v));
  std::ranges::sort(ids);
  return fmt::format("{}", fmt::join(ids, ", "));
}

// "military facility F-BRIX (Brixton barracks, owner GB)"
std::string facility_words(const Inventory& inv, Index f) {
  const FacilityTable& fac = inv.facilities;
  std::vector<std::string> about;
  if (fac.name[f] != kEmptyStr) about.emplace_back(inv.str(fac.name[f]));
  if (fac.owner[f] != kNoCountry) about.push_back(fmt::format("owner {}", netvet::name_of(fac.owner[f])));
  return fmt::format("{} facility {}{}", name_of(fac.kind[f]), inv.str(fac.id[f]),
                     about.empty() ? "" : fmt::format(" ({})", fmt::join(about, ", ")));
}

std::string sites_words(const Inventory& inv, std::span<const Index> sites) {
  std::vector<std::string_view> ids;
  for (const Index s : sites) ids.push_back(inv.str(inv.sites.id[s]));
  std::ranges::sort(ids);
  if (ids.size() <= kSitesShown) return fmt::format("{}", fmt::join(ids, ", "));
  return fmt::format("{} and {} more", fmt::join(ids.begin(), ids.begin() + kSitesShown, ", "), ids.size() - kSitesShown);
}

// The operators of the serving sites, when there is exactly one (else none).
StrId sole_operator(const Inventory& inv, std::span<const Index> sites) {
  Index op = kNoIndex;
  for (const Index s : sites) {
    if (op != kNoIndex && inv.sites.op[s] != op) return kEmptyStr;
    op = inv.sites.op[s];
  }
  return op == kNoIndex ? kEmptyStr : inv.operators.id[op];
}

}  // namespace

std::string exposure_clause(const ExposureRule& rule) {
  std::vector<std::string_view> ways;
  for (const ExposureVia v : rule.via) ways.push_back(name_of(v));
  return fmt::format("{} exposure to {}{}", fmt::join(ways, " or "), rule.vendors,
                     rule.per_operator ? " (any serving operator)" : "");
}

bool concerns(const ExposureRule& spec, const Inventory& inv, Index f) { return spec.matches(inv, f); }

std::uint8_t way_bits(std::span<const ExposureVia> via) {
  std::uint8_t bits = 0;
  for (const ExposureVia v : via)
    bits |= v == ExposureVia::transport ? kViaTransport : v == ExposureVia::influence ? kViaInfluence : kViaControlPlane;
  return bits;
}

void run_exposure(RuleContext& ctx, const ExposureRule& spec) {
  const Inventory& inv = ctx.inventory;
  const FacilityTable& fac = inv.facilities;
  const std::vector<Index> designated_list = designated_rows(ctx.pack, spec.vendors, inv);
  const ExposureReport* report = ctx.exposure->of(designated_list);
  if (!report) return;  // not expected: evaluate() analyses every set its rules name
  const ExposureTable& t = report->facilities;
  const auto& per = t.per_operator;
  std::vector<std::uint8_t> designated(inv.vendors.size(), 0);
  for (const Index v : designated_list) designated[v] = 1;
  const std::uint8_t counted = way_bits(spec.via);

  std::vector<Flag> flags;
  for (Index r = 0; r < t.size(); ++r) {
    const Index f = t.subject[r];
    if (!concerns(spec, inv, f)) continue;
    std::uint8_t ways = t.exposed[r];
    if (spec.per_operator)
      for (const Index k : t.operator_rows[r]) ways |= per.exposed[k];
    ways &= counted;
    if (ways || t.isolated[r]) flags.push_back({.row = r, .ways = ways});
  }
  if (flags.empty()) return;

  // Explanations, for the flagged facilities only: the elements behind control-plane and
  // influence exposure.
  std::vector<WitnessQuery> queries;
  for (Flag& flag : flags) {
    flag.witnesses = queries.size();
    if (flag.ways & (kViaControlPlane | kViaInfluence))
      for (const Index v : designated_list) queries.push_back({flag.row, v});
  }
  const std::vector<ExposureWitness> witnesses = exposure_witnesses(inv, t, queries);

  const std::string& citation = ctx.outcome().citation;
  for (const Flag& flag : flags) {
    const Index r = flag.row;
    const Index f = t.subject[r];
    const auto served = t.served_by[r];
    std::vector<std::string> sentences;
    StrId vendor = kEmptyStr, op = kEmptyStr;
    auto primary = [&](Index element) {
      if (vendor != kEmptyStr || !designated[inv.elements.vendor[element]]) return;
      vendor = inv.vendors.id[inv.elements.vendor[element]];
      op = inv.operators.id[inv.elements.op[element]];
    };
    // Per exposed serving operator: the cut, what every path of its traffic crosses.
    std::size_t exposed_operators = 0;
    StrId exposed_operator = kEmptyStr;
    std::vector<Index> exposed_to(t.exposed_to[r].begin(), t.exposed_to[r].end());
    for (const Index k : t.operator_rows[r]) {
      const std::uint8_t ways = per.exposed[k] & counted;
      if (spec.per_operator && ways) exposed_to.insert(exposed_to.end(), per.exposed_to[k].begin(), per.exposed_to[k].end());
      if (!(ways & (kViaTransport | kViaInfluence))) continue;
      ++exposed_operators;
      exposed_operator = inv.operators.id[per.op[k]];
      const auto cut = per.cut[k];
      for (const Index e : cut) primary(e);
      std::vector<std::string> words;
      for (std::size_t i = 0; i < std::min(cut.size(), kCutShown); ++i) words.push_back(element_words(inv, cut[i]));
      if (cut.size() > kCutShown) words.push_back(fmt::format("and {} more", cut.size() - kCutShown));
      // The cut is what every path crosses: the smallest loss that cuts the facility off.
      // It is not what gives a clean way (on a chain of two designated routers it names
      // one); `netvet alliance` lists that as to_change (policy/remedy.h).
      const bool failure = (ways & kViaTransport) != 0;
      const std::string what =
          cut.size() == 1 ? (failure ? "the designated vendors' element" : "an element the designated vendors' kill-switch stops")
          : failure ? fmt::format("one of {} elements of the designated vendors, a smallest set whose failure cuts it off", cut.size())
                    : fmt::format("one of {} elements the designated vendors' kill-switch stops, a smallest set whose loss cuts it off",
                                  cut.size());
      sentences.push_back(fmt::format("via {}, every path from its serving cells to the core crosses {}: {}",
                                      inv.str(inv.operators.id[per.op[k]]), what, fmt::join(words, ", ")));
    }
    std::size_t query = flag.witnesses;
    if (flag.ways & (kViaControlPlane | kViaInfluence))
      for (const Index v : designated_list) {
        const ExposureWitness& w = witnesses[query++];
        const std::string_view name = inv.vendor_id(v);
        if ((flag.ways & kViaControlPlane) && w.control_plane != kNoIndex) {
          primary(w.control_plane);
          sentences.push_back(fmt::format("{} runs its operators' core control plane: {}", name,
                                          element_words(inv, w.control_plane)));
        }
        if ((flag.ways & (kViaInfluence | kViaControlPlane)) && w.influencer != kNoIndex) {
          primary(w.influencer);
          const bool unavoidable = std::ranges::binary_search(t.unavoidable_elements[r], w.influenced);
          sentences.push_back(fmt::format("{} manages or hosts {}{}, {}", element_words(inv, w.influencer),
                                          w.influencer == w.influenced ? "itself through a loop, " : "",
                                          element_words(inv, w.influenced),
                                          unavoidable ? "which its traffic cannot avoid" : "in its operators' core control plane"));
        }
      }
    if (exposed_operators == 1) op = exposed_operator;
    const bool isolated = t.isolated[r] != 0;
    const std::string why_isolated =
        served.empty() ? fmt::format("no site serves it (no served_by, and no cell site reaches it: by its range_km, or within {:g} km without one)",
                                     ctx.options.serving_radius_km)
                       : fmt::format("none of its serving cell sites ({}) reaches its operator's core", sites_words(inv, served));
    // The message opens with the facility's words and names it nowhere else, so that a
    // redacted report can word them again (Evaluation::subject_words).
    const std::string subject = facility_words(inv, f);
    std::string message, clause;
    if (!flag.ways) {
      op = sole_operator(inv, served);
      message = fmt::format("{} cannot be vetted: it is isolated, {}; reported at low severity until the inventory "
                            "shows how its traffic reaches the core {}",
                            subject, why_isolated, citation);
      clause = kIsolatedClause;
    } else {
      std::ranges::sort(exposed_to);
      exposed_to.erase(std::unique(exposed_to.begin(), exposed_to.end()), exposed_to.end());
      message = fmt::format("{} is exposed to {} ({}): {}{} {}", subject,
                            exposed_to.empty() ? fmt::format("the {} vendors taken together", spec.vendors)
                                               : vendor_words(inv, exposed_to),
                            way_words(flag.ways), fmt::join(sentences, "; "),
                            isolated ? fmt::format(" (and it is isolated: {})", why_isolated) : std::string(), citation);
      clause = fmt::format("{} exposure to {}", way_words(flag.ways), spec.vendors);
    }
    Finding& finding =
        ctx.aggregate_finding(SubjectType::facility, f, fac.id[f], op, vendor, kNoDomain, std::move(message), std::move(clause),
                              subject.size());
    if (!flag.ways) finding.severity = static_cast<std::uint8_t>(RuleSeverity::low);
  }
}

}  // namespace netvet::policy
