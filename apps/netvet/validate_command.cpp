// netvet validate INV: loads an inventory, checks it, prints counts and every problem.
// Exit 0 when it loads (warnings included, unless --strict), 2 when it cannot be loaded.

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "command.h"
#include "io/inventory_io.h"
#include "model/validate.h"
#include "output.h"
#include "report/diagnostics_report.h"
#include "report/text_table.h"

namespace netvet::cli {

namespace {

struct ValidateArgs {
  std::string inventory;
  CommonOptions common;
  double serving_radius_km = 2.0;
  bool strict = false;
};

int run_validate(const ValidateArgs& args) {
  PhaseTimer timer(args.common.timings);
  auto loaded = io::read_inventory(args.inventory);
  timer.lap("load");
  const bool json_input = io::format_of_path(args.inventory) == io::Format::json;
  const bool style = style_stdout(args.common);
  if (!loaded) {
    const auto& errors = loaded.error();
    if (args.common.format == "json") {
      nlohmann::ordered_json j = {{"inventory", args.inventory}, {"valid", false},
                                  {"errors", report::diagnostics_json(errors)}};
      emit(args.common.output, j.dump(2) + "\n");
    } else {
      fmt::print(stderr, "{}", report::diagnostics_text(errors, stderr_is_terminal()));
      fmt::print(stderr, "{} is not a valid inventory: {} problem{}.\n", args.inventory, errors.size(),
                 errors.size() == 1 ? "" : "s");
    }
    return kBadInput;
  }
  const Inventory& inv = *loaded;
  std::size_t ranged = 0;  // cell sites with a coverage range of their own
  for (Index s = 0; s < inv.sites.size(); ++s) ranged += inv.sites.kind[s] == SiteKind::cell && !std::isnan(inv.sites.range_km[s]);
  const Diagnostics warnings =
      validate(inv, {.source = args.inventory, .json = json_input, .serving_radius_km = args.serving_radius_km});
  timer.lap("check");
  if (args.common.format == "json") {
    nlohmann::ordered_json j = {
        {"inventory", args.inventory}, {"valid", true},
        {"counts", {{"operators", inv.operators.size()}, {"sites", inv.sites.size()}, {"sites_with_range_km", ranged},
                    {"elements", inv.elements.size()}, {"links", inv.links.size()},
                    {"facilities", inv.facilities.size()}, {"evidence", inv.evidence.size()},
                    {"vendors", inv.vendors.size()}}},
        {"warnings", report::diagnostics_json(warnings)}};
    if (!emit(args.common.output, j.dump(2) + "\n")) return kBadInput;
  } else {
    using report::group_digits;
    std::string text = fmt::format(
        "{}: valid {} with {} operators, {} sites{}, {} elements, {} links, "
        "{} facilities, {} evidence records, {} vendors\n",
        args.inventory, json_input ? "JSON document" : "CSV bundle", group_digits(static_cast<long long>(inv.operators.size())),
        group_digits(static_cast<long long>(inv.sites.size())),
        ranged ? fmt::format(" ({} cell sites with a range_km)", group_digits(static_cast<long long>(ranged))) : "",
        group_digits(static_cast<long long>(inv.elements.size())),
        group_digits(static_cast<long long>(inv.links.size())), group_digits(static_cast<long long>(inv.facilities.size())),
        group_digits(static_cast<long long>(inv.evidence.size())), group_digits(static_cast<long long>(inv.vendors.size())));
    if (warnings.empty()) text += "No problems found.\n";
    else text += fmt::format("{} warning{}:\n{}", warnings.size(), warnings.size() == 1 ? "" : "s",
                             report::diagnostics_text(warnings, style));
    if (!emit(args.common.output, text)) return kBadInput;
  }
  return args.strict && !warnings.empty() ? kFindings : kOk;
}

}  // namespace

void add_validate(CLI::App& app, Run& run) {
  auto args = std::make_shared<ValidateArgs>();
  auto* cmd = app.add_subcommand("validate", "Load an inventory, check it, print counts and every problem");
  add_inventory_argument(*cmd, args->inventory);
  add_common_options(*cmd, args->common);
  add_serving_radius_option(*cmd, args->serving_radius_km);
  cmd->add_flag("--strict", args->strict, "Exit with code 1 when there are warnings");
  cmd->callback([&run, args] { run = [args] { return run_validate(*args); }; });
}

}  // namespace netvet::cli
