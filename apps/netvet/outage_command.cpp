// netvet outage INV (--vendor V[,V...] | --all-vendors) [--mode failure|kill-switch|both]:
// the cell sites and subscribers of each operator that still reach its core when the
// vendors' elements fail, or are switched off with everything they manage or host. Exit
// 0 when done; 2 on bad usage or input (nothing written).

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "command.h"
#include "graph/outage.h"
#include "output.h"
#include "policy_input.h"
#include "report/outage_report.h"
#include "vendor_input.h"

namespace netvet::cli {

namespace {

struct OutageArgs {
  std::string inventory;
  CommonOptions common;
  std::string vendors;
  bool all_vendors = false;
  std::string mode = "both";
};

std::vector<OutageMode> modes_of(const std::string& mode) {
  if (mode == "failure") return {OutageMode::failure};
  if (mode == "kill-switch") return {OutageMode::kill_switch};
  return {OutageMode::failure, OutageMode::kill_switch};
}

int run_outage(const OutageArgs& args) {
  PhaseTimer timer(args.common.timings);
  if (args.vendors.empty() && !args.all_vendors) {
    fmt::print(stderr, "error: outage needs --vendor V[,V...] or --all-vendors\n");
    return kBadInput;
  }
  const auto inv = load_inventory(args.inventory);
  if (!inv) return kBadInput;
  timer.lap("load");
  report::OutageContext context;
  context.inventory = inv->meta.name != kEmptyStr ? std::string(inv->str(inv->meta.name)) : args.inventory;

  // Scenarios by vendor id, failure before kill-switch; the network as it stands last.
  const std::vector<OutageMode> modes = modes_of(args.mode);
  std::vector<OutageScenario> scenarios;
  if (args.all_vendors) {
    std::vector<Index> rows(inv->vendors.size());
    for (Index v = 0; v < rows.size(); ++v) rows[v] = v;
    std::sort(rows.begin(), rows.end(), [&](Index a, Index b) { return inv->vendor_id(a) < inv->vendor_id(b); });
    for (const Index v : rows)
      for (const OutageMode m : modes) scenarios.push_back({{v}, m});
  } else {
    const auto named = read_vendors(*inv, args.vendors, "--vendor");
    if (!named) return kBadInput;
    std::vector<Index> rows;
    for (const auto& v : *named) {
      if (v.row) rows.push_back(*v.row);
      else context.absent_vendors.push_back(v.id);
    }
    for (const OutageMode m : modes) scenarios.push_back({rows, m});
  }
  scenarios.push_back({});
  auto results = analyse_outage(*inv, scenarios);
  if (!results) {
    print_problems(results.error());
    return kBadInput;
  }
  timer.lap("analyse");
  const OutageResult baseline = results->back();
  results->pop_back();

  std::string text;
  if (args.common.format == "json") text = report::outage_json(*inv, *results, baseline, context).dump(2) + "\n";
  else if (args.common.format == "html") text = report::outage_html(*inv, *results, baseline, context);
  else text = report::outage_text(*inv, *results, baseline, context, style_stdout(args.common));
  timer.lap("report");
  return emit(args.common.output, text) ? kOk : kBadInput;
}

}  // namespace

void add_outage(CLI::App& app, Run& run) {
  auto args = std::make_shared<OutageArgs>();
  auto* cmd = app.add_subcommand("outage", "What survives a vendor's failure or kill-switch, per operator");
  add_inventory_argument(*cmd, args->inventory);
  auto* vendor = cmd->add_option("--vendor", args->vendors,
                                 "The vendors that go out together, separated by commas (any spelling)");
  cmd->add_flag("--all-vendors", args->all_vendors, "Every vendor of the inventory alone, one after the other")
      ->excludes(vendor);
  cmd->add_option("--mode", args->mode,
                  "failure: the vendors' elements stop; kill-switch: so does everything they manage or host; both")
      ->check(CLI::IsMember({"failure", "kill-switch", "both"}))
      ->capture_default_str();
  add_common_options(*cmd, args->common, {"text", "json", "html"});
  cmd->callback([&run, args] { run = [args] { return run_outage(*args); }; });
}

}  // namespace netvet::cli
