#include "report/check_map.h"

#include <algorithm>
#include <cmath>

#include "report/check_formats.h"

namespace netvet::report {

Index site_of(const Inventory& inv, const Finding& f) {
  if (f.site != kNoIndex) return f.site < inv.sites.size() ? f.site : kNoIndex;
  if (f.subject_kind == SubjectType::site) return inv.find_site(f.subject_id).value_or(kNoIndex);
  if (f.subject_kind == SubjectType::element) {
    const auto e = inv.find_element(f.subject_id);
    return e ? inv.elements.site[*e] : kNoIndex;
  }
  return kNoIndex;
}

namespace {

bool located(const Inventory& inv, Index s) {
  return std::isfinite(inv.sites.lat[s]) && std::isfinite(inv.sites.lon[s]);
}

// Every site's unwaived findings and worst severity.
std::vector<MapSite> tally(const CheckReport& report, const Inventory& inv) {
  std::vector<MapSite> sites(inv.sites.size());
  for (Index s = 0; s < sites.size(); ++s) sites[s].site = s;
  for (const Finding& f : report.findings) {
    if (f.waived) continue;
    const Index s = site_of(inv, f);
    if (s == kNoIndex) continue;
    ++sites[s].findings;
    sites[s].worst = std::min(sites[s].worst, static_cast<std::uint8_t>(f.severity));
  }
  return sites;
}

}  // namespace

MapSelection select_map_sites(const CheckReport& report, const Inventory& inv, std::size_t max) {
  MapSelection out;
  std::vector<MapSite> flagged, clean;
  for (const MapSite& m : tally(report, inv)) {
    if (!located(inv, m.site)) continue;
    ++out.located;
    (m.findings ? flagged : clean).push_back(m);
  }
  out.located_flagged = flagged.size();
  const std::size_t budget = max == 0 ? out.located : max;
  std::ranges::stable_sort(flagged, [](const MapSite& a, const MapSite& b) {
    return a.worst != b.worst ? a.worst < b.worst : a.findings > b.findings;
  });
  if (flagged.size() > budget) flagged.resize(budget);
  const std::size_t room = budget - flagged.size();
  if (clean.size() > room) {
    // Every (clean/room)-th site, spread over the whole table rather than its start.
    std::vector<MapSite> sample;
    sample.reserve(room);
    for (std::size_t i = 0; i < room; ++i) sample.push_back(clean[i * clean.size() / room]);
    clean = std::move(sample);
  }
  out.sites = std::move(clean);
  // Drawn in order, so the worst sit on top.
  std::ranges::reverse(flagged);
  out.sites.insert(out.sites.end(), flagged.begin(), flagged.end());
  return out;
}

nlohmann::ordered_json sites_geojson(const CheckReport& report, const Inventory& inv) {
  nlohmann::ordered_json features = nlohmann::ordered_json::array();
  for (const MapSite& m : tally(report, inv)) {
    const Index s = m.site;
    if (!located(inv, s)) continue;
    const Index op = inv.sites.op[s];
    features.push_back(
        {{"type", "Feature"},
         {"geometry", {{"type", "Point"}, {"coordinates", {inv.sites.lon[s], inv.sites.lat[s]}}}},  // RFC 7946: lon first
         {"properties",
          {{"id", inv.str(inv.sites.id[s])},
           {"operator", op == kNoIndex ? std::string_view() : inv.str(inv.operators.id[op])},
           {"kind", name_of(inv.sites.kind[s])},
           {"findings", m.findings},
           {"severity", m.findings ? severity_name(static_cast<FindingSeverity>(m.worst)) : "none"}}}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace netvet::report
