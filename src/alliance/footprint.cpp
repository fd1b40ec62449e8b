// The designated-vendor footprint of one network, per operator.

#include "alliance/footprint.h"

#include <algorithm>

namespace netvet::alliance {

std::vector<std::string> designated_vendors(std::span<const policy::Pack> sharing) {
  std::vector<std::string> ids;
  for (const auto& pack : sharing)
    for (const auto& [name, vendors] : pack.designations) ids.insert(ids.end(), vendors.begin(), vendors.end());
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void add_footprint(const Inventory& inv, const std::string& network, Footprint& footprint) {
  std::vector<std::uint8_t> designated(inv.vendors.size(), 0);
  for (const auto& id : footprint.vendors)
    if (const auto row = inv.find_vendor(id)) designated[*row] = 1;
  const ElementTable& el = inv.elements;
  const std::size_t ops = inv.operators.size();
  std::vector<OperatorFootprint> per(ops);
  // Per operator and site: 1 when it has a ran element there, 3 when one is designated.
  std::vector<std::vector<std::uint8_t>> ran_site(ops);
  for (Index e = 0; e < el.size(); ++e) {
    const Index op = el.op[e];
    if (op == kNoIndex) continue;
    const bool is_designated = designated[el.vendor[e]] != 0;
    const Domain domain = inv.domain_of(e);
    OperatorFootprint& f = per[op];
    if (is_designated) {
      ++f.designated_elements;
      if (domain == Domain::core) ++f.designated_core;
      if (el.generation[e] & kGen5G) ++f.designated_5g;
    }
    if (domain != Domain::ran) continue;
    auto& sites = ran_site[op];
    if (sites.empty()) sites.assign(inv.sites.size(), 0);
    sites[el.site[e]] |= static_cast<std::uint8_t>(is_designated ? 3 : 1);
  }
  for (Index op = 0; op < ops; ++op) {
    OperatorFootprint& f = per[op];
    f.op = std::string(inv.str(inv.operators.id[op]));
    f.network = network;
    for (const std::uint8_t s : ran_site[op]) {
      f.ran_sites += s != 0;
      f.designated_ran_sites += s == 3;
    }
    footprint.operators.push_back(std::move(f));
  }
}

}  // namespace netvet::alliance
