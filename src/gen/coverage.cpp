#include "gen/coverage.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "data/embedded.h"
#include "model/yaml_util.h"

namespace netvet::gen {

namespace {

constexpr double kKmPerDegree = 111.2;
constexpr double kRad = std::numbers::pi / 180.0;

Diagnostic problem(std::string_view file, std::string message) {
  Diagnostic d;
  d.file = std::string(file);
  d.message = std::move(message);
  return d;
}

}  // namespace

Result<CoverageFacts> CoverageFacts::from_yaml(std::string_view text, std::string_view file) {
  auto root = parse_yaml(text, file);
  if (!root) return std::unexpected(root.error());
  CoverageFacts facts;
  Diagnostics problems;
  auto number = [&](const YAML::Node& parent, const char* key, double& out) {
    const YAML::Node n = parent[key];
    try {
      if (!n) throw YAML::Exception(parent.Mark(), "missing");
      out = n.as<double>();
      if (!std::isfinite(out) || out < 0) throw YAML::Exception(n.Mark(), "negative");
    } catch (const YAML::Exception&) {
      problems.push_back(yaml_problem(n ? n : parent, file, key, fmt::format("expected '{}:' with a number of 0 or more", key)));
    }
  };
  auto band = [&](const char* key, RangeBand& out) {
    const YAML::Node ranges = (*root)["ranges_km"];
    const YAML::Node n = ranges ? ranges[key] : YAML::Node();
    if (!n || !n.IsMap()) {
      problems.push_back(yaml_problem(ranges ? ranges : *root, file, key,
                                      fmt::format("expected 'ranges_km: {}: {{min: KM, max: KM}}'", key)));
      return;
    }
    number(n, "min", out.min_km);
    number(n, "max", out.max_km);
    if (out.max_km < out.min_km) problems.push_back(yaml_problem(n, file, key, "expected min <= max"));
  };
  band("urban", facts.urban);
  band("suburban", facts.suburban);
  band("rural", facts.rural);
  number(*root, "max_rural_share", facts.max_rural_share);
  if (facts.rural.max_km < 1) problems.push_back(problem(file, "ranges_km: rural: max must be at least 1 km"));
  if (facts.max_rural_share > 1) problems.push_back(problem(file, "max_rural_share must be a share from 0 to 1"));
  if (!problems.empty()) return std::unexpected(std::move(problems));
  return facts;
}

Result<CoverageFacts> CoverageFacts::builtin() {
  const auto text = data::embedded("gen/coverage.yaml");
  if (!text) return fail(problem("data/gen/coverage.yaml", "the coverage figures are not embedded in this build"));
  return from_yaml(*text, "data/gen/coverage.yaml");
}

Result<std::vector<LandCell>> land_cells(std::string_view country, const CoverageFacts& facts,
                                         const std::vector<City>& cities) {
  const std::string file = fmt::format("land/{}.yaml", country);
  const auto text = data::embedded(file);
  std::vector<LandCell> out;
  if (!text || cities.empty()) return out;
  const std::string where = "data/" + file;
  auto root = parse_yaml(*text, where);
  if (!root) return std::unexpected(root.error());
  double lat_min = 0, lon_min = 0, lat_step = 0, lon_step = 0;
  try {
    lat_min = (*root)["lat_min"].as<double>();
    lon_min = (*root)["lon_min"].as<double>();
    lat_step = (*root)["lat_step"].as<double>();
    lon_step = (*root)["lon_step"].as<double>();
  } catch (const YAML::Exception& e) {
    return fail(yaml_exception_problem(e, where, "expected lat_min, lon_min, lat_step and lon_step as numbers"));
  }
  const YAML::Node rows = (*root)["rows"];
  if (!rows || !rows.IsSequence() || !(lat_step > 0) || !(lon_step > 0))
    return fail(yaml_problem(*root, where, "rows", "expected positive steps and 'rows:' as a list of '#'/'.' strings"));

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string& row = rows[r].Scalar();
    const double lat0 = lat_min + static_cast<double>(r) * lat_step;
    const double h_km = lat_step * kKmPerDegree;
    const double w_km = lon_step * kKmPerDegree * std::cos((lat0 + lat_step / 2) * kRad);
    // A mask cell is split into k x k cells, as few as let a site near the centre (up to
    // 10% of the half-size off it) reach the corners within the rural band.
    int k = 1;
    while (k < 64 && 1.1 * std::hypot(h_km, w_km) / (2 * k) > facts.rural.max_km) ++k;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (row[c] != '#') continue;
      const double lon0 = lon_min + static_cast<double>(c) * lon_step;
      for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
          LandCell cell;
          cell.lat = lat0 + (i + 0.5) * lat_step / k;
          cell.lon = lon0 + (j + 0.5) * lon_step / k;
          cell.half_h_km = h_km / k / 2;
          cell.half_w_km = w_km / k / 2;
          const double cos_lat = std::cos(cell.lat * kRad);
          double best = 1e300;
          for (std::uint32_t t = 0; t < cities.size(); ++t) {
            const double d2 = flat_distance2(cell.lat, cell.lon, cities[t].lat, cities[t].lon, cos_lat);
            if (d2 < best) best = d2, cell.city = t;
          }
          cell.city_km = std::sqrt(best) * kKmPerDegree;
          out.push_back(cell);
        }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const LandCell& a, const LandCell& b) { return a.city_km < b.city_km; });
  return out;
}

}  // namespace netvet::gen
