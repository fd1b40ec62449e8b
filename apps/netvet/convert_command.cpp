// netvet convert INV OUT: a CSV folder to a JSON document or back. OUT ending in .json
// is written as JSON, anything else as a CSV folder (or as --to says).

#include <fmt/format.h>

#include <filesystem>

#include "command.h"
#include "io/inventory_io.h"
#include "output.h"
#include "report/diagnostics_report.h"

namespace netvet::cli {

namespace {

struct ConvertArgs {
  std::string inventory, out, to;
  bool timings = false, force = false;
};

int run_convert(const ConvertArgs& args) {
  std::error_code ec;
  if (std::filesystem::exists(args.out, ec) && std::filesystem::equivalent(args.inventory, args.out, ec)) {
    fmt::print(stderr, "error: {} is the input itself; choose another output\n", args.out);
    return kBadInput;
  }
  PhaseTimer timer(args.timings);
  const auto inv = load_inventory(args.inventory);
  if (!inv) return kBadInput;
  timer.lap("load");
  const io::Format format = args.to == "json" ? io::Format::json
                            : args.to == "csv" ? io::Format::csv
                                               : io::format_of_path(args.out).value_or(io::Format::csv);
  const auto written = io::write_inventory(*inv, args.out, format, {.replace = args.force});
  timer.lap("write");
  if (!written) {
    fmt::print(stderr, "{}", report::diagnostics_text(written.error(), stderr_is_terminal()));
    return kBadInput;
  }
  fmt::print(stderr, "wrote {} ({})\n", args.out, format == io::Format::json ? "JSON document" : "CSV bundle");
  return kOk;
}

}  // namespace

void add_convert(CLI::App& app, Run& run) {
  auto args = std::make_shared<ConvertArgs>();
  auto* cmd = app.add_subcommand("convert", "Convert an inventory between a CSV folder and a JSON document");
  add_inventory_argument(*cmd, args->inventory);
  cmd->add_option("out", args->out, "Output: a *.json file, or a folder for a CSV bundle")->required();
  cmd->add_option("--to", args->to, "Output format, when the output path does not say it")
      ->check(CLI::IsMember({"csv", "json"}));
  cmd->add_flag("--force", args->force,
                "Write a CSV bundle into a non-empty folder: replace its bundle tables (other files are kept; a "
                "table the inventory lacks is emptied to its header)");
  cmd->add_flag("--timings", args->timings, "Print how long each phase took on standard error");
  cmd->callback([&run, args] { run = [args] { return run_convert(*args); }; });
}

}  // namespace netvet::cli
