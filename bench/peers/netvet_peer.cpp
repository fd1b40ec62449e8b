// netvet's side of the peer comparison (bench/peers/README.md): the graph library as a
// client calls it.
//
// Work, timed from "inventory in memory" to "answers computed" (the graph is built inside
// each call, so building is included; reading the CSV bundle is timed separately):
// * exposure: analyse_exposure with cell_sites = true (default 2 km radius, no designated
//   vendors). It answers more than the peers check: every facility too, and possible
//   vendors and counts, control-plane and influence vendors per subject. The peers check
//   the cell sites' unavoidable elements.
// * outage: analyse_outage over every_vendor_scenarios (each vendor alone, failure then
//   kill-switch).
// Each is run --repeat times with --threads threads (0: one per hardware thread); the
// median is printed. Answers go to OUTDIR/exposure.txt and outage.txt (peer_common.h).
//
// Usage: netvet_peer BUNDLE OUTDIR [--repeat N] [--threads T]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "graph/exposure.h"
#include "graph/outage.h"
#include "io/inventory_io.h"
#include "peer_common.h"

namespace {

using netvet::Index;
using netvet::Inventory;

std::vector<std::string> exposure_lines(const Inventory& inv, const netvet::ExposureTable& cells) {
  std::vector<std::string> lines;
  lines.reserve(cells.size());
  for (Index r = 0; r < cells.size(); ++r) {
    std::string line(inv.str(inv.sites.id[cells.subject[r]]));
    line += '\t';
    if (cells.isolated[r]) {
      line += "isolated";
    } else {
      std::vector<std::string> ids;
      for (const Index e : cells.unavoidable_elements[r]) ids.emplace_back(inv.str(inv.elements.id[e]));
      std::sort(ids.begin(), ids.end());
      for (std::size_t i = 0; i < ids.size(); ++i) line += (i ? "," : "") + ids[i];
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> outage_lines(const Inventory& inv, const std::vector<netvet::OutageResult>& results) {
  std::vector<std::string> lines;
  for (const auto& r : results)
    for (const auto& o : r.operators)
      lines.push_back(std::string(inv.vendor_id(r.scenario.vendors.at(0))) + '\t' +
                      std::string(netvet::name_of(r.scenario.mode)) + '\t' + std::string(inv.str(inv.operators.id[o.op])) +
                      '\t' + std::to_string(o.sites_total) + '\t' + std::to_string(o.sites_surviving) + '\t' +
                      std::to_string(o.subscribers_total) + '\t' + std::to_string(o.subscribers_surviving));
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: netvet_peer BUNDLE OUTDIR [--repeat N] [--threads T]\n");
    return 2;
  }
  const std::string bundle = argv[1], outdir = argv[2];
  int repeat = 1;
  unsigned threads = 1;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
    if (flag == "--threads") threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
  }

  peers::Timings timings;
  peers::Clock clock;
  auto inv = netvet::io::read_csv_bundle(bundle);
  if (!inv) {
    for (const auto& d : inv.error()) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    return 2;
  }
  timings.load = clock.lap();

  netvet::ExposureReport exposure;
  std::vector<netvet::OutageResult> outage;
  for (int k = 0; k < repeat; ++k) {
    clock.lap();
    auto report = netvet::analyse_exposure(*inv, {.cell_sites = true, .threads = threads});
    timings.exposure.push_back(clock.lap());
    if (!report) return 2;
    exposure = std::move(*report);

    clock.lap();
    const auto scenarios = netvet::every_vendor_scenarios(*inv);
    auto results = netvet::analyse_outage(*inv, scenarios, {.threads = threads});
    timings.outage.push_back(clock.lap());
    if (!results) return 2;
    outage = std::move(*results);
  }

  peers::write_sorted(exposure_lines(*inv, exposure.cell_sites), outdir + "/exposure.txt");
  peers::write_sorted(outage_lines(*inv, outage), outdir + "/outage.txt");
  std::printf("elements=%zu links=%zu cell_sites=%zu scenarios=%zu threads=%u repeat=%d\n", inv->elements.size(),
              inv->links.size(), exposure.cell_sites.size(), outage.size(), threads, repeat);
  timings.print();
  return 0;
}
