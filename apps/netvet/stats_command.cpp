// netvet stats INV: counts by operator, domain, function and vendor, and the vendor
// shares of each domain per operator.

#include "command.h"
#include "model/stats.h"
#include "output.h"
#include "report/stats_report.h"

namespace netvet::cli {

namespace {

struct StatsArgs {
  std::string inventory;
  CommonOptions common;
};

int run_stats(const StatsArgs& args) {
  PhaseTimer timer(args.common.timings);
  const auto inv = load_inventory(args.inventory);
  if (!inv) return kBadInput;
  timer.lap("load");
  const InventoryStats stats = compute_stats(*inv);
  timer.lap("analyse");
  const std::string text = args.common.format == "json" ? report::stats_json(*inv, stats).dump(2) + "\n"
                                                        : report::stats_text(*inv, stats, style_stdout(args.common));
  return emit(args.common.output, text) ? kOk : kBadInput;
}

}  // namespace

void add_stats(CLI::App& app, Run& run) {
  auto args = std::make_shared<StatsArgs>();
  auto* cmd = app.add_subcommand("stats", "Counts by operator, domain, function and vendor; vendor shares of each domain");
  add_inventory_argument(*cmd, args->inventory);
  add_common_options(*cmd, args->common);
  cmd->callback([&run, args] { run = [args] { return run_stats(*args); }; });
}

}  // namespace netvet::cli
