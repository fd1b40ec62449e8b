// Stage 6: the places whose communications matter — embassies in the capital, military
// bases (including foreign ones: US air bases in GB carry owner US), nuclear and
// government sites — at their public locations from the profile. They are served by
// whatever cell sites cover them (served_by empty: the analyses use each site's
// range_km), usually several operators' where the rural layers overlap.

#include "gen/network.h"

namespace netvet::gen {

void build_facilities(Context& ctx) {
  std::vector<std::string_view> tags;
  for (const auto& f : ctx.profile.facilities) {
    tags.assign(f.tags.begin(), f.tags.end());
    ctx.builder.add_facility({.id = f.id, .kind = f.kind, .lat = f.lat, .lon = f.lon, .owner = f.owner,
                              .name = f.name, .tags = tags});
  }
}

}  // namespace netvet::gen
