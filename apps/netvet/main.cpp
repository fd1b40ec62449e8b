// netvet: vets a national telecom network's equipment vendors. Each subcommand lives in
// a file of its own and is a thin translation of flags into library calls.

#include <malloc.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>

#include "command.h"

namespace {

// Memory a phase frees is kept for the next instead of returned to the kernel: loading a
// national network frees hundreds of MB (the CSV scanner's spans), which the analyses
// then allocate again, and fresh pages cost a fault each on first touch (~14 us on a
// virtual machine) where reused ones cost none. So blocks up to 32 MB (glibc's most) come
// from the heap, the heap is not trimmed below 1 GB, and every thread allocates from the
// one heap (one arena) — otherwise a thread started for the exposure analysis would map
// its own fresh memory beside what loading freed. `check`'s evaluate phase on 1M elements
// takes 0.22 s instead of 0.38-0.45 s; loading is not slower, and peak RSS is unchanged
// (docs/performance.md).
void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_ARENA_MAX, 1);
}

}  // namespace

int main(int argc, char** argv) {
  keep_freed_memory();
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
  add_plan(app, run);
  add_token(app, run);
  add_in_force(app, run);
  add_audit(app, run);
  add_serve(app, run);
  add_submit(app, run);
  add_receipt(app, run);
  add_api(app, run);
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
