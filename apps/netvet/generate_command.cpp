// netvet generate --country CC --sites N --seed S --out DIR: a realistic synthetic
// national network from a country profile (data/profiles/CC.yaml), deterministic for a
// seed, written as a CSV bundle or a JSON document.

#include <fmt/format.h>

#include <filesystem>

#include "command.h"
#include "gen/generate.h"
#include "io/inventory_io.h"
#include "output.h"
#include "progress_bar.h"
#include "report/diagnostics_report.h"
#include "report/text_table.h"

namespace netvet::cli {

namespace {

struct GenerateArgs {
  std::string country, out, format;  // format empty: from --out (*.json is JSON)
  std::size_t sites = 0;
  std::uint64_t seed = 1;
  bool timings = false, quiet = false, force = false;
};

int run_generate(const GenerateArgs& args) {
  const auto format = args.format == "json"  ? io::Format::json
                      : args.format == "csv" ? io::Format::csv
                                             : io::format_of_path(args.out).value_or(io::Format::csv);
  // Nothing lost: an existing inventory is never overwritten without --force, and that is
  // known before a minute is spent generating.
  std::error_code ec;
  if (!args.force && format == io::Format::json && std::filesystem::exists(args.out, ec)) {
    fmt::print(stderr, "error: {}: the file exists; nothing was written. Choose another path, or pass --force to "
                       "replace it\n", args.out);
    return kBadInput;
  }
  if (!args.force && format == io::Format::csv && std::filesystem::is_directory(args.out, ec) &&
      !std::filesystem::is_empty(args.out, ec)) {
    fmt::print(stderr, "error: {}: the folder is not empty; nothing was written. Choose a new or empty folder, or "
                       "pass --force to replace its bundle tables (other files are kept)\n", args.out);
    return kBadInput;
  }
  PhaseTimer timer(args.timings);
  ProgressBar bar;
  gen::GenerateOptions options;
  options.country = args.country;
  options.sites = args.sites;
  options.seed = args.seed;
  if (!args.quiet) options.progress = [&bar](std::string_view stage, double fraction) { bar.update(stage, fraction); };
  auto inventory = gen::generate(options);
  bar.finish();
  timer.lap("generate");
  if (!inventory) {
    fmt::print(stderr, "{}", report::diagnostics_text(inventory.error(), stderr_is_terminal()));
    return kBadInput;
  }
  if (const auto written = io::write_inventory(*inventory, args.out, format, {.replace = args.force}); !written) {
    fmt::print(stderr, "{}", report::diagnostics_text(written.error(), stderr_is_terminal()));
    return kBadInput;
  }
  timer.lap("write");
  if (!args.quiet) {
    using report::group_digits;
    fmt::print(stderr, "generated {} for {}: {} operators, {} sites, {} elements, {} links, {} facilities (seed {})\n",
               args.out, args.country, inventory->operators.size(),
               group_digits(static_cast<long long>(inventory->sites.size())),
               group_digits(static_cast<long long>(inventory->elements.size())),
               group_digits(static_cast<long long>(inventory->links.size())),
               inventory->facilities.size(), args.seed);
  }
  return kOk;
}

}  // namespace

void add_generate(CLI::App& app, Run& run) {
  auto args = std::make_shared<GenerateArgs>();
  auto* cmd = app.add_subcommand("generate", "Generate a realistic synthetic national network (deterministic for a seed)");
  cmd->add_option("--country", args->country, "Country profile: GB, DE, US, AU, NZ, CA, SE, IT, JP (data/profiles/)")->required();
  cmd->add_option("--sites", args->sites, "Number of cell sites (about 4.5 elements each)")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{5'000'000}));
  cmd->add_option("--seed", args->seed, "Random seed: the same seed gives the same network")->capture_default_str();
  cmd->add_option("--out", args->out, "Output: a folder (CSV bundle) or a *.json file")->required();
  cmd->add_option("--format", args->format, "Output format: csv or json (default: json when --out ends in .json)")
      ->check(CLI::IsMember({"csv", "json"}));
  cmd->add_flag("--force", args->force,
                "Write into an existing inventory: replace the *.json file, or the bundle tables of a non-empty "
                "folder (other files are kept; a table the new network lacks is emptied to its header)");
  cmd->add_flag("--timings", args->timings, "Print how long each phase took on standard error");
  cmd->add_flag("--quiet,-q", args->quiet, "No progress bar or summary");
  cmd->callback([&run, args] { run = [args] { return run_generate(*args); }; });
}

}  // namespace netvet::cli
