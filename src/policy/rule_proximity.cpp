// proximity: selected elements at sites near facilities of given kinds and owners (within
// radius_km), or serving them. Sites are sorted by latitude once, so each facility looks
// only at the band of sites that can be within reach, then checks great-circle distance.

#include <algorithm>
#include <cmath>
#include <limits>

#include "policy/rule_context.h"
#include "util/geo.h"

namespace netvet::policy {
namespace {

constexpr double kKmPerDegreeLatitude = 111.19;  // on the mean sphere of geo.h

// Why a site is flagged: the facility and the distance (NaN when it serves by served_by).
struct Reason {
  Index facility = kNoIndex;
  double km = 0;
  bool serving = false;
};

class SiteIndex {
 public:
  explicit SiteIndex(const SiteTable& sites) : sites_(sites) {
    for (Index s = 0; s < sites.size(); ++s) {
      if (!std::isnan(sites.lat[s]) && !std::isnan(sites.lon[s])) by_lat_.push_back(s);
    }
    std::ranges::sort(by_lat_, [&](Index a, Index b) { return sites.lat[a] < sites.lat[b]; });
  }
  // Calls fn(site, km) for every site within `km` of (lat, lon).
  template <typename Fn>
  void within(double lat, double lon, double km, Fn&& fn) const {
    const double band = km / kKmPerDegreeLatitude;
    auto first = std::ranges::lower_bound(by_lat_, lat - band, {}, [&](Index s) { return sites_.lat[s]; });
    for (auto it = first; it != by_lat_.end() && sites_.lat[*it] <= lat + band; ++it) {
      const double d = distance_km(lat, lon, sites_.lat[*it], sites_.lon[*it]);
      if (d <= km) fn(*it, d);
    }
  }

 private:
  const SiteTable& sites_;
  std::vector<Index> by_lat_;
};

}  // namespace

void run_proximity(RuleContext& ctx, const ProximityRule& proximity) {
  const Inventory& inv = ctx.inventory;
  const ElementTable& el = inv.elements;
  const FacilityTable& fac = inv.facilities;
  const RowMask selected = ctx.select(ctx.rule.select);

  // Only sites holding a selected element matter.
  std::vector<std::uint8_t> candidate(inv.sites.size(), 0);
  selected.for_each([&](std::size_t row) { candidate[el.site[row]] = 1; });

  const double radius = value_of(proximity.radius_km, ctx.pack).number;
  std::vector<Reason> reason(inv.sites.size());
  auto flag = [&](Index site, Index facility, double km, bool serving) {
    if (!candidate[site]) return;
    Reason& r = reason[site];
    // Keep the nearest facility; a serving relation counts as distance zero.
    const double rank = serving ? 0.0 : km;
    const double current = r.facility == kNoIndex ? std::numeric_limits<double>::infinity() : (r.serving ? 0.0 : r.km);
    if (rank < current) r = Reason{facility, km, serving};
  };

  const SiteIndex index(inv.sites);
  for (Index f = 0; f < fac.size(); ++f) {
    if (!proximity.kinds.empty() && std::ranges::find(proximity.kinds, fac.kind[f]) == proximity.kinds.end()) continue;
    if (!proximity.owners.empty() && std::ranges::find(proximity.owners, fac.owner[f]) == proximity.owners.end()) continue;
    const bool located = !std::isnan(fac.lat[f]) && !std::isnan(fac.lon[f]);
    if (radius > 0 && located) index.within(fac.lat[f], fac.lon[f], radius, [&](Index s, double km) { flag(s, f, km, false); });
    if (!proximity.serving) continue;
    if (fac.served_by[f].empty()) {
      if (located) {
        index.within(fac.lat[f], fac.lon[f], ctx.options.serving_radius_km, [&](Index s, double km) {
          if (inv.sites.kind[s] == SiteKind::cell) flag(s, f, km, true);
        });
      }
    } else {
      for (const Index s : fac.served_by[f]) {
        const bool site_located = located && !std::isnan(inv.sites.lat[s]);
        flag(s, f, site_located ? distance_km(fac.lat[f], fac.lon[f], inv.sites.lat[s], inv.sites.lon[s]) : std::numeric_limits<double>::quiet_NaN(), true);
      }
    }
  }

  // The selected elements at flagged sites; the reason stays per site.
  std::vector<SiteReason>& reasons = ctx.reasons;
  reasons.assign(inv.sites.size(), SiteReason{});
  std::vector<std::uint8_t> flagged_site(inv.sites.size(), 0);
  for (Index s = 0; s < inv.sites.size(); ++s) {
    if (reason[s].facility == kNoIndex) continue;
    reasons[s] = SiteReason{reason[s].facility, static_cast<float>(reason[s].km), reason[s].serving};
    flagged_site[s] = 1;
  }
  const Index* site = el.site.data();
  const std::uint8_t* at = flagged_site.data();
  RowMask flagged = RowMask::build(el.size(), [=](std::size_t e) { return at[site[e]] != 0; });
  flagged &= selected;
  ctx.flagged = std::move(flagged);
}

}  // namespace netvet::policy
