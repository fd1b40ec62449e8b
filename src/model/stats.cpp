#include "model/stats.h"

#include "util/saturating.h"

#include <algorithm>
#include <map>

namespace netvet {

namespace {

using Counts = std::vector<std::pair<std::string, std::int64_t>>;

// Named counts, largest first and then by name, so output is stable.
Counts ranked(const std::vector<std::int64_t>& counts, auto name_of_index) {
  Counts out;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0) out.emplace_back(std::string(name_of_index(i)), counts[i]);
  std::ranges::sort(out, [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

}  // namespace

InventoryStats compute_stats(const Inventory& inv) {
  InventoryStats s;
  s.operators = static_cast<std::int64_t>(inv.operators.size());
  s.sites = static_cast<std::int64_t>(inv.sites.size());
  s.elements = static_cast<std::int64_t>(inv.elements.size());
  s.links = static_cast<std::int64_t>(inv.links.size());
  s.facilities = static_cast<std::int64_t>(inv.facilities.size());
  s.evidence = static_cast<std::int64_t>(inv.evidence.size());

  std::vector<std::int64_t> site_kinds(7), link_kinds(3), facility_kinds(6), domains(kDomainCount),
      functions(inv.functions->size()), vendors(inv.vendors.size());
  for (auto k : inv.sites.kind) ++site_kinds[static_cast<std::size_t>(k)];
  for (auto k : inv.links.kind) ++link_kinds[static_cast<std::size_t>(k)];
  for (auto k : inv.facilities.kind) ++facility_kinds[static_cast<std::size_t>(k)];

  const std::size_t n_ops = inv.operators.size(), n_vendors = inv.vendors.size();
  // [operator][domain][vendor] element counts, and the last site counted for each, so a
  // vendor's sites are counted once per site without a set.
  std::vector<std::int64_t> cell(n_ops * kDomainCount * n_vendors, 0), cell_sites(cell.size(), 0);
  std::vector<Index> last_site(cell.size(), kNoIndex);
  std::vector<std::int64_t> domain_sites(n_ops * kDomainCount, 0);
  std::vector<Index> domain_last_site(n_ops * kDomainCount, kNoIndex);
  std::vector<OperatorStats> per_op(n_ops);

  for (Index e = 0; e < inv.elements.size(); ++e) {
    const auto domain = static_cast<std::size_t>(inv.domain_of(e));
    const Index op = inv.elements.op[e], site = inv.elements.site[e], vendor = inv.elements.vendor[e];
    ++domains[domain];
    ++functions[inv.elements.function[e]];
    ++vendors[vendor];
    ++per_op[op].elements;
    const std::size_t od = op * kDomainCount + domain, odv = od * n_vendors + vendor;
    ++cell[odv];
    if (last_site[odv] != site) { last_site[odv] = site; ++cell_sites[odv]; }
    if (domain_last_site[od] != site) { domain_last_site[od] = site; ++domain_sites[od]; }
  }

  std::vector<std::int64_t> site_subscribers(n_ops, 0);
  for (Index site = 0; site < inv.sites.size(); ++site) {
    auto& o = per_op[inv.sites.op[site]];
    ++o.sites;
    if (inv.sites.kind[site] == SiteKind::cell) ++o.cell_sites;
    if (inv.sites.subscribers[site] > 0) {
      auto& sum = site_subscribers[inv.sites.op[site]];
      sum = saturating_add(sum, inv.sites.subscribers[site]);
    }
  }

  for (Index op = 0; op < n_ops; ++op) {
    auto& o = per_op[op];
    o.op = op;
    o.subscribers = inv.operators.subscribers[op] != kNoCount ? inv.operators.subscribers[op] : site_subscribers[op];
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      DomainShares shares;
      shares.domain = static_cast<Domain>(d);
      shares.sites = domain_sites[op * kDomainCount + d];
      for (Index v = 0; v < n_vendors; ++v) {
        const std::size_t odv = (op * kDomainCount + d) * n_vendors + v;
        if (cell[odv] == 0) continue;
        shares.elements += cell[odv];
        shares.vendors.push_back({v, cell[odv], cell_sites[odv]});
      }
      if (shares.elements == 0) continue;
      std::ranges::sort(shares.vendors, [&](const VendorShare& a, const VendorShare& b) {
        return a.count != b.count ? a.count > b.count : inv.vendor_id(a.vendor) < inv.vendor_id(b.vendor);
      });
      o.domains.push_back(std::move(shares));
    }
  }
  s.per_operator = std::move(per_op);

  s.sites_by_kind = ranked(site_kinds, [](std::size_t i) { return name_of(static_cast<SiteKind>(i)); });
  s.links_by_kind = ranked(link_kinds, [](std::size_t i) { return name_of(static_cast<LinkKind>(i)); });
  s.facilities_by_kind = ranked(facility_kinds, [](std::size_t i) { return name_of(static_cast<FacilityKind>(i)); });
  s.elements_by_domain = ranked(domains, [](std::size_t i) { return domain_name(static_cast<Domain>(i)); });
  s.elements_by_function = ranked(functions, [&](std::size_t i) { return std::string_view((*inv.functions)[static_cast<FunctionId>(i)].id); });
  s.elements_by_vendor = ranked(vendors, [&](std::size_t i) { return inv.vendor_id(static_cast<Index>(i)); });
  return s;
}

}  // namespace netvet
