// proximity: selected elements at sites near facilities of given kinds, owners and
// location (within radius_km), or serving them. The facilities are few and the sites many: each site that
// holds a selected element asks util/near_points.h which facilities are within reach.

#include <algorithm>
#include <limits>
#include <tuple>

#include "policy/rule_context.h"
#include "model/coverage.h"
#include "util/geo.h"
#include "util/near_points.h"

namespace netvet::policy {
namespace {

// Why a site is flagged: the facility and the distance (NaN when it serves by served_by).
struct Reason {
  Index facility = kNoIndex;
  double km = 0;
  bool serving = false;

  // A site keeps its nearest facility, a serving relation counting as distance zero; of
  // equals, the lowest facility row, and nearness before serving.
  auto rank() const { return std::tuple(serving ? 0.0 : km, facility, serving); }
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
  const double serving_radius = ctx.options.serving_radius_km;
  std::vector<Reason> reason(inv.sites.size());
  auto flag = [&](Index site, Index facility, double km, bool serving) {
    const Reason r{facility, km, serving};
    if (Reason& current = reason[site]; current.facility == kNoIndex || r.rank() < current.rank()) current = r;
  };

  // The facilities the rule names: located ones as points (for the radius, and for serving
  // when they have no served_by), and their served_by lists as written.
  std::vector<NearPoints::Point> points;
  for (Index f = 0; f < fac.size(); ++f) {
    if (!proximity.matches(inv, f)) continue;
    points.push_back({fac.lat[f], fac.lon[f], f});
    if (!proximity.serving) continue;
    const bool located = valid_latitude(fac.lat[f]) && valid_longitude(fac.lon[f]);
    for (const Index s : fac.served_by[f]) {
      if (!candidate[s]) continue;
      const bool site_located = located && valid_latitude(inv.sites.lat[s]) && valid_longitude(inv.sites.lon[s]);
      flag(s, f,
           site_located ? distance_km(fac.lat[f], fac.lon[f], inv.sites.lat[s], inv.sites.lon[s])
                        : std::numeric_limits<double>::quiet_NaN(),
           true);
    }
  }
  // A cell site serves the facilities without served_by that it covers (model/coverage.h:
  // its own range_km, or the serving radius).
  const bool near_by = radius > 0;
  auto covers = [&](Index s) { return proximity.serving ? coverage_km(inv.sites, s, serving_radius) : -1.0; };
  double reach = near_by ? radius : -1.0;
  for (Index s = 0; s < inv.sites.size(); ++s)
    if (candidate[s]) reach = std::max(reach, covers(s));
  const NearPoints near(points, std::max(reach, 0.0));
  if (!near.empty() && reach >= 0)
    for (Index s = 0; s < inv.sites.size(); ++s) {
      if (!candidate[s]) continue;
      const double cover_km = covers(s);
      const double ask = std::max(near_by ? radius : -1.0, cover_km);
      if (ask < 0) continue;
      near.within(inv.sites.lat[s], inv.sites.lon[s], ask, [&](std::uint32_t f, double km) {
        if (near_by && km <= radius) flag(s, f, km, false);
        if (cover_km >= 0 && fac.served_by[f].empty() && km <= cover_km) flag(s, f, km, true);
      });
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
