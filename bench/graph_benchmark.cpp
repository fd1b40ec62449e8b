// The graph engine on a national-scale network: exposure of every facility and every
// cell site, and outage for every vendor in both modes (issue 4's targets: <= 1 s and
// <= 2 s at about a million elements on two cores).
//
// The network is generated here, shaped like a real one: per operator a few cores (two
// UPFs, a control plane and an NFVI hosting them), metro rings dual-homed to the cores,
// aggregation rings dual-homed to metro routers, and cell sites of 1-3 radios, a baseband
// and a cell-site router homed to two neighbouring aggregation routers; one EMS per
// metro ring manages the basebands below it; a share of cell-site routers also reach a
// second operator's aggregation (shared transport). Facilities sit among the cell sites
// and are served by radius. src/gen will make richer networks; this one is for timing.

#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "graph/exposure.h"
#include "graph/outage.h"
#include "model/builder.h"

namespace netvet {
namespace {

struct Shape {
  int operators = 4;
  int cores = 3;
  int metro_rings = 60;        // per operator
  int metro_ring_size = 6;
  int agg_rings_per_metro = 5;  // per metro router
  int agg_ring_size = 8;
  int cells_per_agg = 4;       // per aggregation router
  int facilities = 3000;
};

class Generator {
 public:
  explicit Generator(const Shape& shape) : shape_(shape) {}

  Inventory make() {
    b_.reserve(400000, 1100000, 1500000);
    for (int o = 0; o < shape_.operators; ++o) ops_.push_back(*b_.add_operator({.id = "op" + std::to_string(o)}));
    for (int o = 0; o < shape_.operators; ++o) make_operator(o);
    std::uniform_int_distribution<std::size_t> any_cell(0, cells_.size() - 1);
    for (int f = 0; f < shape_.facilities; ++f) {
      const Index near = cells_[any_cell(rng_)];
      b_.add_facility({.id = "F" + std::to_string(f), .kind = FacilityKind::government,
                       .lat = b_.inventory().sites.lat[near] + jitter(rng_),
                       .lon = b_.inventory().sites.lon[near] + jitter(rng_)});
    }
    return std::move(b_).finish();
  }

 private:
  Index site(SiteKind kind, Index op, double lat, double lon) {
    return *b_.add_site({.id = "S" + std::to_string(next_site_++), .op = op, .kind = kind, .lat = lat, .lon = lon,
                         .subscribers = kind == SiteKind::cell ? std::int64_t{800} : kNoCount});
  }
  Index el(Index site, const char* function, const std::string& vendor) {
    return *b_.add_element({.id = "E" + std::to_string(next_element_++), .site = site,
                            .function = *FunctionVocabulary::builtin().find(function), .vendor = vendor});
  }
  void link(Index a, Index b, LinkKind kind = LinkKind::transport) { b_.add_link(a, b, kind); }
  double lat() { return std::uniform_real_distribution<double>(50.0, 55.0)(rng_); }
  double lon() { return std::uniform_real_distribution<double>(-5.0, 1.0)(rng_); }

  void make_operator(int o) {
    static const std::vector<std::string> ran = {"huawei", "ericsson", "nokia", "zte", "samsung"};
    static const std::vector<std::string> transport = {"cisco", "juniper", "huawei", "nokia", "ciena"};
    static const std::vector<std::string> core = {"ericsson", "nokia", "huawei", "zte", "mavenir"};
    static const std::vector<std::string> cloud = {"dell", "hpe", "lenovo", "fujitsu", "nec"};
    const auto u = static_cast<std::size_t>(o);
    const Index op = ops_[u];
    const std::string& ran_vendor = ran[u % ran.size()];
    const std::string& ran_vendor2 = ran[(u + 1) % ran.size()];

    std::vector<Index> core_routers;
    for (int c = 0; c < shape_.cores; ++c) {
      const Index s = site(SiteKind::core, op, lat(), lon());
      const Index r1 = el(s, "router", transport[u % 5]), r2 = el(s, "router", transport[(u + 2) % 5]);
      const Index nfvi = el(s, "nfvi", cloud[u % 5]), ems = el(s, "ems", core[u % 5]);
      link(r1, r2);
      for (const char* f : {"upf", "upf"}) {
        const Index x = el(s, f, core[u % 5]);
        link(x, r1), link(x, r2), link(nfvi, x, LinkKind::hosts);
      }
      for (const char* f : {"amf", "smf", "ausf", "udm", "nrf", "pcf"}) {
        const Index x = el(s, f, core[(u + 1) % 5]);
        link(nfvi, x, LinkKind::hosts), link(ems, x, LinkKind::manages);
      }
      core_routers.push_back(r1), core_routers.push_back(r2);
    }
    for (std::size_t i = 0; i < core_routers.size(); ++i) link(core_routers[i], core_routers[(i + 2) % core_routers.size()]);

    std::uniform_int_distribution<std::size_t> any_core(0, core_routers.size() - 1);
    std::uniform_int_distribution<int> radios(1, 3);
    std::bernoulli_distribution shared(0.1);
    for (int m = 0; m < shape_.metro_rings; ++m) {
      const Index ms = site(SiteKind::metro, op, lat(), lon());
      const Index ems = el(ms, "ems", ran_vendor);
      std::vector<Index> metro;
      for (int i = 0; i < shape_.metro_ring_size; ++i) metro.push_back(el(ms, "router", transport[(u + 1) % 5]));
      ring(metro);
      link(metro[0], core_routers[any_core(rng_)]), link(metro[metro.size() / 2], core_routers[any_core(rng_)]);
      for (std::size_t mr = 0; mr < metro.size(); ++mr)
        for (int a = 0; a < shape_.agg_rings_per_metro; ++a) {
          const Index as = site(SiteKind::aggregation, op, lat(), lon());
          std::vector<Index> agg;
          for (int i = 0; i < shape_.agg_ring_size; ++i) agg.push_back(el(as, "router", transport[(u + 3) % 5]));
          for (std::size_t i = 0; i + 1 < agg.size(); ++i) link(agg[i], agg[i + 1]);
          link(agg.front(), metro[mr]), link(agg.back(), metro[(mr + 1) % metro.size()]);  // dual-homed
          for (std::size_t i = 0; i < agg.size(); ++i)
            for (int c = 0; c < shape_.cells_per_agg; ++c) {
              const Index cs = site(SiteKind::cell, op, lat(), lon());
              cells_.push_back(cs);
              const Index bb = el(cs, "gnb", c % 3 ? ran_vendor : ran_vendor2);
              const Index csr = el(cs, "csr", transport[(u + 4) % 5]);
              link(bb, csr), link(ems, bb, LinkKind::manages);
              for (int r = radios(rng_); r > 0; --r) link(el(cs, "ru", c % 3 ? ran_vendor : ran_vendor2), bb);
              link(csr, agg[i]), link(csr, agg[(i + 1) % agg.size()]);
              if (shared(rng_) && !previous_operator_agg_.empty())
                link(csr, previous_operator_agg_[std::uniform_int_distribution<std::size_t>(
                              0, previous_operator_agg_.size() - 1)(rng_)]);
            }
          these_agg_.insert(these_agg_.end(), agg.begin(), agg.end());
        }
    }
    previous_operator_agg_.swap(these_agg_);
    these_agg_.clear();
  }

  void ring(const std::vector<Index>& nodes) {
    for (std::size_t i = 0; i < nodes.size(); ++i) link(nodes[i], nodes[(i + 1) % nodes.size()]);
  }

  Shape shape_;
  InventoryBuilder b_;
  std::mt19937 rng_{20261122};
  std::uniform_real_distribution<double> jitter{-0.005, 0.005};
  std::vector<Index> ops_, cells_, previous_operator_agg_, these_agg_;
  std::size_t next_site_ = 0, next_element_ = 0;
};

const Inventory& national_network() {
  static const Inventory inv = Generator(Shape{}).make();
  return inv;
}

void BM_ExposureEveryFacilityAndCellSite(benchmark::State& state) {
  const Inventory& inv = national_network();
  ExposureOptions options{.cell_sites = true};
  for (const char* v : {"huawei", "zte"}) options.designated_vendors.push_back(*inv.find_vendor(v));
  std::size_t exposed = 0;
  for (auto _ : state) {
    const auto report = analyse_exposure(inv, options);
    exposed = 0;
    for (Index f = 0; f < report->facilities.size(); ++f) exposed += !report->facilities.exposed_to[f].empty();
    benchmark::DoNotOptimize(report->cell_sites.size());
  }
  state.counters["elements"] = static_cast<double>(inv.elements.size());
  state.counters["links"] = static_cast<double>(inv.links.size());
  state.counters["facilities"] = static_cast<double>(inv.facilities.size());
  state.counters["exposed_facilities"] = static_cast<double>(exposed);
}
BENCHMARK(BM_ExposureEveryFacilityAndCellSite)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_OutageEveryVendorBothModes(benchmark::State& state) {
  const Inventory& inv = national_network();
  const auto scenarios = every_vendor_scenarios(inv);
  for (auto _ : state) {
    const auto results = analyse_outage(inv, scenarios);
    benchmark::DoNotOptimize(results->size());
  }
  state.counters["scenarios"] = static_cast<double>(scenarios.size());
}
BENCHMARK(BM_OutageEveryVendorBothModes)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace netvet

BENCHMARK_MAIN();
