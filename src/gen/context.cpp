// The shared helpers of network.h: product names, install dates and element rows.

#include <algorithm>
#include <stdexcept>

#include "gen/network.h"

namespace netvet::gen {

const Kit& Context::kit(std::string_view vendor, std::string_view function, std::string_view domain) {
  std::string key = fmt::format("{}/{}", vendor, function);
  if (auto it = kits_.find(key); it != kits_.end()) return it->second;
  Kit k{std::string(vendor), catalog.models(vendor, function), catalog.software(vendor, domain)};
  return kits_.emplace(std::move(key), std::move(k)).first->second;
}

Date Context::install_date(std::string_view vendor, Generations gens) {
  Date lo = rollout_start(gens);
  Date hi = profile.as_of;
  for (const auto& cut : profile.install_cutoffs)
    if ((gens & cut.generation) && cut.vendor == vendor) hi = std::min(hi, cut.after);
  // Radios of a vendor cut off before the roll-out never get here (vendor_for); what still
  // can is a profile dated before the roll-out, or kit only dated by a generation (NFVI).
  if (hi <= lo) lo = hi - 365;
  return lo + static_cast<Date>(rng.below(static_cast<std::uint64_t>(hi - lo) + 1));
}

Index Context::element(std::string_view id, Index site, FunctionId function, const Kit& k, Index op,
                       Generations gens, Date installed) {
  const std::string_view model = k.models[k.models.size() == 1 ? 0 : rng.below(k.models.size())];
  const std::string_view software =
      k.software.empty() ? std::string_view{} : std::string_view(k.software[rng.below(k.software.size())]);
  const auto row = builder.add_element({.id = id, .site = site, .function = function, .vendor = k.vendor,
                                        .op = op, .model = model, .software = software,
                                        .generation = gens, .installed = installed});
  // Ids are built from unique site ids and per-site suffixes: a clash is a generator bug.
  if (!row) throw std::logic_error(fmt::format("generator made duplicate element id '{}'", id));
  return *row;
}

}  // namespace netvet::gen
