// What a profile's install cut-offs mean, in one place. A cut-off that falls after a
// generation's roll-out only ends a vendor's installs (GB: Huawei 5G until 2020-12-31;
// Context::install_date dates the kit before it). One that falls on or before the
// roll-out means the vendor never installed that generation: Australia (2018-08-23) and
// New Zealand (2018-11-28) kept Huawei out of 5G before anyone built 5G, so their
// operators' Huawei regions kept Huawei 4G and got their 5G from another vendor. Dating
// such kit before the cut-off instead, as the generator once did, invents 5G installs
// that never happened and makes an alliance analysis call those countries Huawei-5G ones.

#include <fmt/ranges.h>

#include <stdexcept>
#include <string_view>
#include <vector>

#include "gen/network.h"

namespace netvet::gen {

Date rollout_start(Generations gens) {
  return (gens & kGen5G)   ? date_from_ymd(2019, 6, 1)
         : (gens & kGen4G) ? date_from_ymd(2012, 1, 1)
                           : date_from_ymd(2008, 1, 1);
}

bool never_installs(const CountryProfile& profile, std::string_view vendor, Generations gens) {
  for (const auto& cut : profile.install_cutoffs)
    if ((gens & cut.generation) && cut.vendor == vendor &&
        cut.after <= rollout_start(cut.generation))
      return true;
  return false;
}

std::size_t Context::vendor_for(const Shares& shares, std::size_t preferred,
                                Generations gens) const {
  if (!never_installs(profile, shares[preferred].vendor, gens)) return preferred;
  // The largest of the others (the first on a tie, so a seed keeps its network): the
  // vendor an operator already buys most from is the one it gives the new generation.
  std::size_t best = shares.size();
  for (std::size_t i = 0; i < shares.size(); ++i)
    if (shares[i].share > 0 && !never_installs(profile, shares[i].vendor, gens) &&
        (best == shares.size() || shares[i].share > shares[best].share))
      best = i;
  // load_profile refuses an operator whose vendors are all cut off from a generation it
  // builds, so only a profile made in code gets here.
  if (best == shares.size()) {
    std::vector<std::string_view> vendors;
    for (const auto& s : shares) vendors.push_back(s.vendor);
    throw std::invalid_argument(
        fmt::format("the {} profile's install_cutoffs bar every one of {} from {}", profile.country,
                    fmt::join(vendors, ", "), fmt::join(generation_names(gens), "+")));
  }
  return best;
}

}  // namespace netvet::gen
