// Stage 1: where the cell sites are, whose they are, what they radiate and how far they
// reach. Rural sites come first: they cover the land cell by cell (gen/coverage.h), as
// many as the profile's rural share asks for and at least enough to cover its share of
// the land (up to data/gen/coverage.yaml's max_rural_share of the sites). The rest
// cluster around cities in proportion to population, densest in the centre (a 2-D
// normal whose spread grows with the city): urban within one spread of the centre,
// suburban beyond. Each site's range comes from its setting's band.

#include <algorithm>
#include <cmath>
#include <numbers>

#include "gen/network.h"

namespace netvet::gen {

namespace {

constexpr double kKmPerDegree = 111.2;

// Sites per operator: floor of the shares, the remainder to the largest fractions (ties
// to the earlier operator), so the counts sum to exactly `sites`.
std::vector<std::size_t> sites_per_operator(const CountryProfile& profile, std::size_t sites) {
  std::vector<std::size_t> counts;
  std::vector<std::pair<double, std::size_t>> fractions;
  std::size_t assigned = 0;
  for (std::size_t i = 0; i < profile.operators.size(); ++i) {
    const double exact = profile.operators[i].site_share * static_cast<double>(sites);
    counts.push_back(static_cast<std::size_t>(exact));
    assigned += counts.back();
    fractions.emplace_back(-(exact - std::floor(exact)), i);
  }
  std::ranges::sort(fractions);
  for (std::size_t k = 0; assigned < sites; ++k, ++assigned) ++counts[fractions[k % fractions.size()].second];
  return counts;
}

RadioPlan plan_radio(Rng& rng, const OperatorProfile& op, std::uint8_t max_rus) {
  RadioPlan r;
  const double g = rng.uniform();
  const auto& mix = op.generations;
  r.gens = g < mix.lte_only ? kGen4G : g < mix.lte_only + mix.dual ? (kGen4G | kGen5G) : kGen5G;
  r.split = (r.gens & kGen5G) && rng.chance(op.split_5g);
  // Sectors with their own radio: most sites 1-2, busy ones 3 (assumption).
  const double u = rng.uniform();
  r.rus = static_cast<std::uint8_t>(std::min<int>(max_rus, u < 0.45 ? 1 : u < 0.85 ? 2 : 3));
  return r;
}

// A range drawn from `band`, to 0.1 km.
double draw_range(Rng& rng, const RangeBand& band) {
  return std::clamp(std::round(rng.uniform(band.min_km, band.max_km) * 10) / 10, band.min_km, band.max_km);
}

// The rural sites' cells and operators: slot i covers cell i mod C (C: the cells to
// cover), layer i / C; each slot goes to the operator furthest below its quota, one not
// yet in that cell when there is one, so that layers add operators.
struct RuralSlot {
  std::uint32_t cell = 0, layer = 0;
};
std::vector<std::vector<RuralSlot>> plan_rural(const Context& ctx, const std::vector<std::size_t>& counts) {
  const auto& profile = ctx.profile;
  const std::size_t sites = ctx.options.sites;
  const std::size_t n_ops = counts.size();
  std::vector<std::vector<RuralSlot>> out(n_ops);
  const auto wanted = static_cast<std::size_t>(std::llround(profile.topology.rural_share * static_cast<double>(sites)));
  if (ctx.land.empty()) return out;
  const auto to_cover = static_cast<std::size_t>(std::ceil(profile.topology.land_coverage * static_cast<double>(ctx.land.size()) - 1e-9));
  const auto cap = static_cast<std::size_t>(ctx.coverage.max_rural_share * static_cast<double>(sites));
  const std::size_t rural = std::min(std::max(wanted, to_cover), std::max(cap, std::min(wanted, sites)));
  const std::size_t cells = std::min(to_cover, rural);
  if (rural == 0 || cells == 0) return out;
  std::vector<std::size_t> quota = sites_per_operator(profile, rural), given(n_ops, 0);
  for (std::size_t op = 0; op < n_ops; ++op) quota[op] = std::min(quota[op], counts[op]);
  std::size_t total = 0;
  for (const auto q : quota) total += q;
  std::vector<std::uint64_t> in_cell(cells, 0);  // operators (the first 64) already in each cell
  for (std::size_t i = 0; i < total; ++i) {
    const std::size_t cell = i % cells;
    std::size_t best = n_ops;
    double best_deficit = -1e300;
    for (int pass = 0; pass < 2 && best == n_ops; ++pass)
      for (std::size_t op = 0; op < n_ops; ++op) {
        if (given[op] >= quota[op]) continue;
        if (pass == 0 && op < 64 && (in_cell[cell] >> op & 1)) continue;
        const double deficit = static_cast<double>(quota[op]) * static_cast<double>(i + 1) / static_cast<double>(total) -
                               static_cast<double>(given[op]);
        if (deficit > best_deficit) best_deficit = deficit, best = op;
      }
    ++given[best];
    if (best < 64) in_cell[cell] |= std::uint64_t{1} << best;
    out[best].push_back({static_cast<std::uint32_t>(cell), static_cast<std::uint32_t>(i / cells)});
  }
  return out;
}

// A rural site in `cell`: the first layer near the centre, reaching the corners; the
// others anywhere in the cell with a range drawn from the rural band.
void place_rural(Context& ctx, const RuralSlot& slot, CellPlan& cell) {
  const LandCell& land = ctx.land[slot.cell];
  const RangeBand& band = ctx.coverage.rural;
  double dy = 0, dx = 0;  // km from the centre
  if (slot.layer == 0) {
    dy = ctx.rng.uniform(-0.1, 0.1) * land.half_h_km;
    dx = ctx.rng.uniform(-0.1, 0.1) * land.half_w_km;
    const double corner = std::hypot(land.half_h_km + std::abs(dy), land.half_w_km + std::abs(dx));
    cell.range_km = std::clamp(std::ceil(corner * 10) / 10, band.min_km, band.max_km);
  } else {
    dy = ctx.rng.uniform(-1.0, 1.0) * land.half_h_km;
    dx = ctx.rng.uniform(-1.0, 1.0) * land.half_w_km;
    cell.range_km = draw_range(ctx.rng, band);
  }
  cell.rural = true;
  cell.city = land.city;
  cell.lat = land.lat + dy / kKmPerDegree;
  cell.lon = land.lon + dx / (kKmPerDegree * std::cos(land.lat * std::numbers::pi / 180.0));
}

}  // namespace

void plan_cells(Context& ctx) {
  const auto& profile = ctx.profile;
  const auto& topo = profile.topology;
  auto& rng = ctx.rng;
  const auto counts = sites_per_operator(profile, ctx.options.sites);
  const auto rural_slots = plan_rural(ctx, counts);
  // Without a land mask, rural sites scatter around cities as a share of the sites.
  bool scatter = true;
  for (const auto& slots : rural_slots) scatter = scatter && slots.empty();

  // Cumulative population, to draw a city in proportion to it.
  std::vector<double> cumulative;
  double total = 0;
  for (const auto& c : ctx.cities) cumulative.push_back(total += static_cast<double>(c.population));

  ctx.cells.reserve(ctx.options.sites);
  for (std::size_t op = 0; op < counts.size(); ++op) {
    const auto& opp = profile.operators[op];
    // The sharing groups this operator belongs to, with its partners in each.
    std::vector<std::pair<double, std::vector<std::uint8_t>>> partners;
    for (const auto& group : profile.sharing) {
      if (std::ranges::find(group.operators, opp.id) == group.operators.end()) continue;
      std::vector<std::uint8_t> others;
      for (std::size_t j = 0; j < profile.operators.size(); ++j)
        if (j != op && std::ranges::find(group.operators, profile.operators[j].id) != group.operators.end())
          others.push_back(static_cast<std::uint8_t>(j));
      partners.emplace_back(group.share, std::move(others));
    }
    const auto& rural_here = rural_slots[op];
    for (std::size_t k = 0; k < counts[op]; ++k) {
      CellPlan cell;
      cell.op = static_cast<std::uint8_t>(op);
      if (k < rural_here.size()) {
        place_rural(ctx, rural_here[k], cell);
      } else {
        cell.rural = scatter && rng.chance(topo.rural_share);
        double distance_km = 0;
        bool urban = false;
        if (cell.rural) {  // any city, far out: the countryside between them
          cell.city = static_cast<std::uint32_t>(rng.below(ctx.cities.size()));
          distance_km = rng.uniform(8.0, 45.0);
        } else {
          const auto it = std::ranges::upper_bound(cumulative, rng.uniform() * total);
          cell.city = static_cast<std::uint32_t>(std::min<std::size_t>(
              static_cast<std::size_t>(it - cumulative.begin()), ctx.cities.size() - 1));
          // A city of 100k spreads ~1.5 km, London ~11 km (assumption, looks right on a map).
          const double spread = std::clamp(1.2 * std::sqrt(static_cast<double>(ctx.cities[cell.city].population) / 1e5), 1.5, 12.0);
          distance_km = std::abs(rng.normal()) * spread;
          urban = distance_km <= spread;
        }
        const City& city = ctx.cities[cell.city];
        const double angle = rng.uniform(0.0, 2.0 * std::numbers::pi);
        const double dlat = distance_km * std::cos(angle) / kKmPerDegree;
        const double dlon = distance_km * std::sin(angle) / (kKmPerDegree * std::cos(city.lat * std::numbers::pi / 180.0));
        cell.lat = city.lat + dlat;
        cell.lon = city.lon + dlon;
        cell.range_km = draw_range(rng, cell.rural ? ctx.coverage.rural : urban ? ctx.coverage.urban : ctx.coverage.suburban);
      }
      cell.lat = std::clamp(cell.lat, profile.bbox.lat_min, profile.bbox.lat_max);
      cell.lon = std::clamp(cell.lon, profile.bbox.lon_min, profile.bbox.lon_max);
      cell.host = plan_radio(rng, opp, 3);
      for (const auto& [share, others] : partners) {
        if (others.empty() || !rng.chance(share)) continue;
        cell.guest = others[rng.below(others.size())];
        // A guest brings its own baseband and one radio on the shared mast.
        cell.guest_radio = plan_radio(rng, profile.operators[cell.guest], 1);
        break;
      }
      // Microwave backhaul is mostly rural, where fibre is far (assumption: 3x the rate).
      const double mw = cell.rural ? std::min(0.9, 3.0 * topo.microwave_share) : 0.6 * topo.microwave_share;
      cell.microwave = !opp.microwave.empty() && rng.chance(mw);
      cell.dual_homed = !cell.microwave && rng.chance(topo.dual_homed);
      cell.weight = static_cast<float>((cell.rural ? 0.3 : 1.0) * rng.uniform(0.5, 1.5));
      ctx.cells.push_back(cell);
    }
  }

  // Subscribers: each operator's total spread over its sites by weight.
  std::vector<double> weight_sum(profile.operators.size(), 0.0);
  for (const auto& c : ctx.cells) weight_sum[c.op] += static_cast<double>(c.weight);
  for (auto& c : ctx.cells)
    c.subscribers = std::llround(static_cast<double>(profile.operators[c.op].subscribers) * static_cast<double>(c.weight) / weight_sum[c.op]);
}

}  // namespace netvet::gen
