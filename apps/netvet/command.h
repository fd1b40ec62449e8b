#pragma once
// What every subcommand file provides: a function that declares the subcommand on the
// CLI11 app and binds the code to run when it is chosen. The code returns the exit code
// of shared/spec/cli.md: 0 nothing found, 1 findings, 2 bad usage or input, 3 internal.

#include <CLI/CLI.hpp>

#include <functional>

namespace netvet::cli {

enum ExitCode : int { kOk = 0, kFindings = 1, kBadInput = 2, kInternal = 3 };

using Run = std::function<int()>;

// Each adds its subcommand to `app` and sets `run` when that subcommand is chosen.
void add_validate(CLI::App& app, Run& run);
void add_stats(CLI::App& app, Run& run);
void add_convert(CLI::App& app, Run& run);
void add_generate(CLI::App& app, Run& run);
void add_help_all(CLI::App& app, Run& run);
void add_test_policy(CLI::App& app, Run& run);
void add_policies(CLI::App& app, Run& run);
void add_check(CLI::App& app, Run& run);
void add_timeline(CLI::App& app, Run& run);
void add_exposure(CLI::App& app, Run& run);
void add_outage(CLI::App& app, Run& run);
void add_alliance(CLI::App& app, Run& run);
void add_plan(CLI::App& app, Run& run);
void add_token(CLI::App& app, Run& run);
void add_in_force(CLI::App& app, Run& run);
void add_audit(CLI::App& app, Run& run);
void add_serve(CLI::App& app, Run& run);
void add_submit(CLI::App& app, Run& run);
void add_receipt(CLI::App& app, Run& run);
void add_api(CLI::App& app, Run& run);

}  // namespace netvet::cli
