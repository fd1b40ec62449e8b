// netvet convert INV OUT: a CSV folder to a JSON document or back. OUT ending in .json
// is written as JSON, anything else as a CSV folder (or as --to says). With --operator ID,
// only that operator's part (model/extract.h): what it submits to the service.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "command.h"
#include "io/inventory_io.h"
#include "model/extract.h"
#include "output.h"
#include "report/diagnostics_report.h"
#include "util/text.h"

namespace netvet::cli {

namespace {

struct ConvertArgs {
  std::string inventory, out, output, to, operator_id;
  bool timings = false, force = false;
};

// The operators row of `id`, or nothing after saying on stderr which ids there are.
std::optional<Index> find_operator(const Inventory& inv, const std::string& id) {
  if (const auto op = inv.find_operator(id)) return op;
  std::vector<std::string> known;
  for (Index o = 0; o < inv.operators.size(); ++o) known.emplace_back(inv.str(inv.operators.id[o]));
  std::string hint;
  if (const auto near = did_you_mean(id, known)) hint = fmt::format(" (did you mean '{}'?)", *near);
  fmt::print(stderr, "error: --operator: no operator '{}' in the inventory{}; its operators are: {}\n", printable(id),
             hint, known.empty() ? std::string("none") : printable(fmt::format("{}", fmt::join(known, ", ")), 4000));
  return std::nullopt;
}

// Says what the extraction left out, and why, so that nothing disappears silently.
void report_left_out(const Extraction& part, std::string_view op) {
  if (part.elements_on_shared_sites > 0)
    fmt::print(stderr,
               "left out {} element{} of {} on other operators' (shared) sites: a submission may hold only its "
               "operator's sites, and those sites are another operator's to submit\n",
               part.elements_on_shared_sites, part.elements_on_shared_sites == 1 ? "" : "s", op);
  if (part.links_left_out > 0)
    fmt::print(stderr, "left out {} link{} from {}'s elements to elements outside its part (shared transport)\n", part.links_left_out,
               part.links_left_out == 1 ? "" : "s", op);
  if (part.evidence_left_out > 0)
    fmt::print(stderr, "left out {} evidence row{} about elements, vendors or models outside {}'s part\n",
               part.evidence_left_out, part.evidence_left_out == 1 ? "" : "s", op);
  if (part.facilities_left_out > 0)
    fmt::print(stderr, "left out {} facilit{} served only by other operators' sites\n", part.facilities_left_out,
               part.facilities_left_out == 1 ? "y" : "ies");
}

int run_convert(const ConvertArgs& args) {
  if (!args.out.empty() && !args.output.empty() && args.out != args.output) {
    fmt::print(stderr, "error: two outputs, {} and --output {}; give one\n", args.out, args.output);
    return kBadInput;
  }
  const std::string& out = args.out.empty() ? args.output : args.out;
  if (out.empty()) {
    fmt::print(stderr, "error: no output: give OUT or --output FILE\n");
    return kBadInput;
  }
  std::error_code ec;
  if (std::filesystem::exists(out, ec) && std::filesystem::equivalent(args.inventory, out, ec)) {
    fmt::print(stderr, "error: {} is the input itself; choose another output\n", out);
    return kBadInput;
  }
  PhaseTimer timer(args.timings);
  auto inv = load_inventory(args.inventory);
  if (!inv) return kBadInput;
  timer.lap("load");
  if (!args.operator_id.empty()) {
    const auto op = find_operator(*inv, args.operator_id);
    if (!op) return kBadInput;
    Extraction part = extract_operator(*inv, *op);
    report_left_out(part, args.operator_id);
    inv = std::move(part.inventory);
    timer.lap("extract");
  }
  const io::Format format = args.to == "json" ? io::Format::json
                            : args.to == "csv" ? io::Format::csv
                                               : io::format_of_path(out).value_or(io::Format::csv);
  const auto written = io::write_inventory(*inv, out, format, {.replace = args.force});
  timer.lap("write");
  if (!written) {
    fmt::print(stderr, "{}", report::diagnostics_text(written.error(), stderr_is_terminal()));
    return kBadInput;
  }
  fmt::print(stderr, "wrote {} ({}{})\n", out, format == io::Format::json ? "JSON document" : "CSV bundle",
             args.operator_id.empty()
                 ? std::string()
                 : fmt::format(", operator {}: {} sites, {} elements", args.operator_id, inv->sites.size(),
                               inv->elements.size()));
  return kOk;
}

}  // namespace

void add_convert(CLI::App& app, Run& run) {
  auto args = std::make_shared<ConvertArgs>();
  auto* cmd = app.add_subcommand("convert", "Convert an inventory between a CSV folder and a JSON document");
  add_inventory_argument(*cmd, args->inventory);
  cmd->add_option("out", args->out, "Output: a *.json file, or a folder for a CSV bundle (or give --output)");
  cmd->add_option("--output,-o", args->output, "The output, as OUT names it");
  cmd->add_option("--operator", args->operator_id,
                  "Write only this operator's part: its operators row, its sites, its elements on them, the links "
                  "between those, every facility and the evidence that concerns them — what it submits to the "
                  "service. Its elements on other operators' sites are left out, and counted on standard error");
  cmd->add_option("--to", args->to, "Output format, when the output path does not say it")
      ->check(CLI::IsMember({"csv", "json"}));
  cmd->add_flag("--force", args->force,
                "Write a CSV bundle into a non-empty folder: replace its bundle tables (other files are kept; a "
                "table the inventory lacks is emptied to its header)");
  cmd->add_flag("--timings", args->timings, "Print how long each phase took on standard error");
  cmd->callback([&run, args] { run = [args] { return run_convert(*args); }; });
}

}  // namespace netvet::cli
