// exposure: facilities of the given kinds and owners must not meet the designated vendors
// in the ways `via` lists. Every exposure rule reads the one exposure table evaluate()
// computed (graph/exposure.h); only the facilities a rule flags are explained further:
// their unavoidable chain in path order, and the elements behind control-plane and
// influence exposure (graph/exposure.h, exposure_witnesses).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "policy/rule_context.h"

namespace netvet::policy {
namespace {

constexpr std::size_t kChainShown = 16;  // elements of a chain a message names
constexpr std::size_t kSitesShown = 5;   // serving sites a message names

// A facility the rule flags: the ways it meets the designation, each with its vendors.
struct Flag {
  Index row = 0;  // of the exposure table (facilities by row)
  std::vector<ExposureVia> via;
  std::vector<std::vector<Index>> vendors;  // per via: designated vendors rows, ascending
  std::vector<Index> chain;                 // unavoidable elements in path order (when unavoidable)
  std::size_t witnesses = 0;                // index of its first witness query
};

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

std::string chain_words(const Inventory& inv, std::span<const Index> chain) {
  std::string out;
  for (std::size_t i = 0; i < std::min(chain.size(), kChainShown); ++i) out += (i ? " -> " : "") + element_words(inv, chain[i]);
  if (chain.size() > kChainShown) out += fmt::format(" -> ... ({} more)", chain.size() - kChainShown);
  return out;
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
  return fmt::format("{} vendor in {}", fmt::join(ways, " or "), rule.vendors);
}

bool concerns(const ExposureRule& spec, const Inventory& inv, Index f) { return spec.matches(inv, f); }

void run_exposure(RuleContext& ctx, const ExposureRule& spec) {
  const Inventory& inv = ctx.inventory;
  const FacilityTable& fac = inv.facilities;
  const ExposureTable& t = ctx.exposure->facilities;
  std::vector<std::uint8_t> designated(inv.vendors.size(), 0);
  if (const auto it = ctx.pack.designations.find(spec.vendors); it != ctx.pack.designations.end())
    for (const auto& id : it->second)
      if (const auto row = inv.find_vendor(id)) designated[*row] = 1;

  std::vector<Flag> flags;
  for (Index r = 0; r < t.size(); ++r) {
    const Index f = t.subject[r];
    if (!concerns(spec, inv, f)) continue;
    Flag flag{.row = r};
    for (const ExposureVia via : spec.via) {
      const auto vendors = via == ExposureVia::unavoidable     ? t.unavoidable_vendors[r]
                           : via == ExposureVia::control_plane ? t.control_plane_vendors[r]
                                                               : t.influence_vendors[r];
      std::vector<Index> hit;
      for (const Index v : vendors)
        if (designated[v]) hit.push_back(v);
      if (hit.empty()) continue;
      flag.via.push_back(via);
      flag.vendors.push_back(std::move(hit));
    }
    if (!flag.via.empty() || t.isolated[r]) flags.push_back(std::move(flag));
  }
  if (flags.empty()) return;

  // Explanations, for the flagged facilities only: chains in path order, and witnesses.
  std::vector<WitnessQuery> queries;
  for (Flag& flag : flags) {
    flag.witnesses = queries.size();
    for (std::size_t i = 0; i < flag.via.size(); ++i) {
      if (flag.via[i] == ExposureVia::unavoidable) {
        const auto chain = t.unavoidable_chain[flag.row];
        flag.chain.assign(chain.begin(), chain.end());
      } else {
        for (const Index v : flag.vendors[i]) queries.push_back({flag.row, v});
      }
    }
  }
  const std::vector<ExposureWitness> witnesses = exposure_witnesses(inv, t, queries);

  const std::string& citation = ctx.outcome().citation;
  for (const Flag& flag : flags) {
    const Index f = t.subject[flag.row];
    const auto served = t.served_by[flag.row];
    std::vector<std::string> sentences, clauses;
    StrId vendor = kEmptyStr, op = kEmptyStr;
    auto primary = [&](Index element) {
      if (vendor != kEmptyStr) return;
      vendor = inv.vendors.id[inv.elements.vendor[element]];
      op = inv.operators.id[inv.elements.op[element]];
    };
    std::size_t query = flag.witnesses;
    for (std::size_t i = 0; i < flag.via.size(); ++i) {
      const auto& vendors = flag.vendors[i];
      clauses.push_back(fmt::format("{} vendor in {}", name_of(flag.via[i]), spec.vendors));
      if (flag.via[i] == ExposureVia::unavoidable) {
        // The designated vendor nearest the cells speaks for the finding.
        for (const Index e : flag.chain)
          if (designated[inv.elements.vendor[e]]) primary(e);
        sentences.push_back(fmt::format("its traffic cannot avoid {}: every path from its serving cells ({}) to the core "
                                        "crosses {}",
                                        vendor_words(inv, vendors), sites_words(inv, served), chain_words(inv, flag.chain)));
        continue;
      }
      for (std::size_t k = 0; k < vendors.size(); ++k, ++query) {
        const ExposureWitness& w = witnesses[query];
        const std::string_view name = inv.vendor_id(vendors[k]);
        if (flag.via[i] == ExposureVia::control_plane) {
          if (w.control_plane == kNoIndex) continue;  // not expected: the vendor came from that list
          primary(w.control_plane);
          sentences.push_back(fmt::format("{} runs its operators' core control plane: {}", name,
                                          element_words(inv, w.control_plane)));
        } else if (w.influencer != kNoIndex) {
          primary(w.influencer);
          const bool unavoidable = std::ranges::binary_search(t.unavoidable_elements[flag.row], w.influenced);
          sentences.push_back(fmt::format("{} influences it: {} manages or hosts {}{}, {}", name,
                                          element_words(inv, w.influencer), w.influencer == w.influenced ? "itself through a loop, " : "",
                                          element_words(inv, w.influenced),
                                          unavoidable ? "which its traffic cannot avoid" : "in its operators' core control plane"));
        }
      }
    }
    const bool isolated = t.isolated[flag.row] != 0;
    const std::string why_isolated =
        served.empty() ? fmt::format("no site serves it (no served_by, and no cell site within {:g} km)",
                                     ctx.options.serving_radius_km)
                       : fmt::format("none of its serving cell sites ({}) reaches its operator's core", sites_words(inv, served));
    std::string message;
    if (flag.via.empty()) {
      op = sole_operator(inv, served);
      message = fmt::format("{} cannot be vetted: it is isolated, {}; reported at low severity until the inventory "
                            "shows how its traffic reaches the core {}",
                            facility_words(inv, f), why_isolated, citation);
      clauses.push_back("isolated");
    } else {
      message = fmt::format("{}: {}{} {}", facility_words(inv, f), fmt::join(sentences, "; "),
                            isolated ? fmt::format(" (and it is isolated: {})", why_isolated) : std::string(), citation);
    }
    Finding& finding = ctx.aggregate_finding(SubjectType::facility, f, fac.id[f], op, vendor, kNoDomain, std::move(message),
                                             fmt::format("{}", fmt::join(clauses, "; ")));
    if (flag.via.empty()) finding.severity = static_cast<std::uint8_t>(RuleSeverity::low);
  }
}

}  // namespace netvet::policy
