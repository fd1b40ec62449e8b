// netvet: vets a national telecom network's equipment vendors. Each subcommand lives in
// a file of its own and is a thin translation of flags into library calls.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>

#include "command.h"

int main(int argc, char** argv) {
  using namespace netvet::cli;
  CLI::App app{"netvet: vets a national telecom network's equipment vendors against high-risk-vendor regimes",
               "netvet"};
  app.set_version_flag("--version", "netvet 0.1.0");
  app.require_subcommand(1);
  app.fallthrough(false);
  Run run;
  add_validate(app, run);
  add_stats(app, run);
  add_convert(app, run);
  add_generate(app, run);
  add_help_all(app, run);
  add_test_policy(app, run);
  add_policies(app, run);
  add_check(app, run);
  add_timeline(app, run);
  add_exposure(app, run);
  add_outage(app, run);
  add_alliance(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kBadInput;  // spec: bad usage is exit code 2
  }
  try {
    return run ? run() : kBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return kInternal;
  }
}
