// netvet exposure INV: for each facility (and, with --sites, each cell site) the elements
// its traffic cannot avoid, the vendors on some path to the core, its operators' control
// plane and what influences them, and the designated vendors it is exposed to. Exit 0:
// no listed facility is exposed to a designated vendor; 1: one is (for pipelines); 2: bad
// usage or input (nothing written).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

#include "command.h"
#include "graph/exposure.h"
#include "graph/outage.h"
#include "output.h"
#include "policy_input.h"
#include "report/exposure_report.h"
#include "vendor_input.h"

namespace netvet::cli {

namespace {

struct ExposureArgs {
  std::string inventory;
  CommonOptions common;
  bool sites = false, blast_radius = false, site_cuts = false;
  std::string designated, vendors, kinds, owners;
  double serving_radius_km = 2.0;
};

std::optional<report::FacilityFilter> read_filter(const ExposureArgs& args) {
  report::FacilityFilter filter;
  for (const auto& k : split_list(args.kinds)) {
    const auto kind = parse_facility_kind(k);
    if (!kind) {
      fmt::print(stderr, "error: --kind: unknown facility kind '{}'; expected one of embassy, military, government, "
                 "nuclear, cni, other\n", k);
      return std::nullopt;
    }
    filter.kinds.push_back(*kind);
  }
  for (const auto& o : split_list(args.owners)) {
    const auto country = parse_country(o);
    if (!country) {
      fmt::print(stderr, "error: --owner: '{}' is not an ISO 3166-1 alpha-2 country code (such as US or GB)\n", o);
      return std::nullopt;
    }
    filter.owners.push_back(*country);
  }
  return filter;
}

int run_exposure(const ExposureArgs& args) {
  PhaseTimer timer(args.common.timings);
  const auto filter = read_filter(args);
  if (!filter) return kBadInput;
  report::ExposureContext context;
  context.filter = *filter;
  context.serving_radius_km = args.serving_radius_km;
  context.cell_sites = args.sites;
  context.blast_radius = args.blast_radius;
  if (!args.designated.empty()) {
    const auto ids = read_designation(args.designated);
    if (!ids) return kBadInput;
    context.designation = args.designated;
    context.designated = *ids;
  }
  const auto inv = load_inventory(args.inventory);
  if (!inv) return kBadInput;
  timer.lap("load");
  context.inventory = inv->meta.name != kEmptyStr ? std::string(inv->str(inv->meta.name)) : args.inventory;

  ExposureOptions options;
  options.serving_radius_km = args.serving_radius_km;
  options.cell_sites = args.sites;
  options.blast_radius = args.blast_radius;
  options.cell_site_cuts = args.site_cuts;
  if (!args.vendors.empty()) {
    const auto named = read_vendors(*inv, args.vendors, "--vendors");
    if (!named) return kBadInput;
    std::vector<std::string> ids;
    for (const auto& v : *named) ids.push_back(v.id);
    context.designation = fmt::format("--vendors {}", fmt::join(ids, ","));
    context.designated = ids;
  }
  for (const auto& id : context.designated)
    if (const auto v = vendor_of_id(*inv, id); v.row) options.designated_vendors.push_back(*v.row);

  auto analysed = analyse_exposure(*inv, options);
  if (!analysed) {
    print_problems(analysed.error());
    return kBadInput;
  }
  timer.lap("analyse");

  std::string text;
  if (args.common.format == "json") {
    text = report::exposure_json(*inv, *analysed, context).dump(2) + "\n";
  } else if (args.common.format == "html") {
    // The page's outage chart: every vendor alone in both modes, and the network as it stands.
    std::vector<OutageScenario> scenarios = every_vendor_scenarios(*inv);
    scenarios.push_back({});
    auto outage = analyse_outage(*inv, scenarios);
    if (!outage) {
      print_problems(outage.error());
      return kBadInput;
    }
    timer.lap("outage");
    const OutageResult baseline = outage->back();
    outage->pop_back();
    text = report::exposure_html(*inv, *analysed, context, *outage, &baseline);
  } else {
    text = report::exposure_text(*inv, *analysed, context, style_stdout(args.common));
  }
  timer.lap("report");
  if (!emit(args.common.output, text)) return kBadInput;
  return report::any_exposed(*inv, analysed->facilities, context.filter) ? kFindings : kOk;
}

}  // namespace

void add_exposure(CLI::App& app, Run& run) {
  auto args = std::make_shared<ExposureArgs>();
  auto* cmd = app.add_subcommand(
      "exposure", "For each facility: unavoidable, possible, control-plane and influencing vendors; exit 1 when one "
                  "is exposed to a designated vendor");
  add_inventory_argument(*cmd, args->inventory);
  auto* designated = cmd->add_option("--designated", args->designated,
                                     "Designated vendors: PACK:SET, a designation of a built-in pack or a pack file "
                                     "(e.g. gb:designated)");
  cmd->add_option("--vendors", args->vendors, "Designated vendors by name, separated by commas (e.g. huawei,zte)")
      ->excludes(designated);
  cmd->add_option("--kind", args->kinds,
                  "Only facilities of these kinds (embassy, military, government, nuclear, cni, other; commas)");
  cmd->add_option("--owner", args->owners, "Only facilities owned by these countries (ISO codes, commas)");
  auto* sites = cmd->add_flag("--sites", args->sites, "Also report every cell site (JSON: cell_sites; text: a summary)");
  cmd->add_flag("--site-cuts", args->site_cuts,
                "With --sites, also each exposed cell site's cut in the JSON (a minute on a national network; "
                "facilities always have theirs)")
      ->needs(sites);
  cmd->add_flag("--blast-radius", args->blast_radius,
                "Per vendor: the cell sites and subscribers its failure cuts off from their core (their traffic must "
                "cross its elements), and those its kill-switch cuts off; the same numbers as `netvet outage`");
  add_serving_radius_option(*cmd, args->serving_radius_km);
  add_common_options(*cmd, args->common, {"text", "json", "html"});
  cmd->callback([&run, args] { run = [args] { return run_exposure(*args); }; });
}

}  // namespace netvet::cli
