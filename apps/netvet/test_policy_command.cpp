// netvet test-policy PACK_OR_DIR [--fixtures DIR]: runs a pack's fixture cases (tests as
// data, data/policies/README.md) and prints each case's verdict and a closing line
// "N passed, M failed" that CI reads. Exit 0 when all pass, 1 when any fails, 2 on a bad
// pack or a bad fixture.
//
// PACK_OR_DIR is
//   a built-in pack id   its cases are tests/fixtures/policy/ID (found from the working
//                        folder or the binary's, upwards), or --fixtures DIR;
//   `all`                every built-in pack (--fixtures names the folder of ID folders);
//   a pack file          its cases are in ID.tests/ beside it (STEM.tests), or --fixtures;
//   a folder             every *.yaml pack in it, each with its STEM.tests/ folder.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "command.h"
#include "io/inventory_io.h"
#include "output.h"
#include "policy/fixture_runner.h"
#include "report/diagnostics_report.h"

namespace netvet::cli {

namespace {

namespace fs = std::filesystem;

struct TestPolicyArgs {
  std::string target;
  std::string fixtures;
  CommonOptions common;
};

struct Target {
  policy::Pack pack;
  fs::path fixtures;
};

// tests/fixtures/policy/ID above the working folder or the binary, for built-in packs.
std::optional<fs::path> builtin_fixtures(std::string_view id) {
  std::vector<fs::path> starts{fs::current_path()};
  std::error_code ec;
  if (const auto exe = fs::read_symlink("/proc/self/exe", ec); !ec) starts.push_back(exe.parent_path());
  for (auto dir : starts) {
    for (; !dir.empty(); dir = dir.parent_path()) {
      for (const fs::path& candidate : {dir / "tests" / "fixtures" / "policy" / id, dir / "fixtures" / "policy" / id}) {
        if (fs::is_directory(candidate)) return candidate;
      }
      if (dir == dir.parent_path()) break;
    }
  }
  return std::nullopt;
}

fs::path beside(const fs::path& pack_file, const policy::Pack& pack) {
  const fs::path by_stem = pack_file.parent_path() / (pack_file.stem().string() + ".tests");
  const fs::path by_id = pack_file.parent_path() / (pack.id + ".tests");
  return fs::is_directory(by_stem) || !fs::is_directory(by_id) ? by_stem : by_id;
}

Result<Target> builtin_target(const std::string& name, const std::string& fixtures_root, bool root_holds_packs) {
  auto pack = policy::builtin_pack(name);
  if (!pack) return std::unexpected(pack.error());
  const std::string& id = pack->id;  // `uk` names gb, whose fixtures are under gb/
  fs::path folder;
  if (!fixtures_root.empty()) {
    folder = root_holds_packs ? fs::path(fixtures_root) / id : fs::path(fixtures_root);
  } else if (const auto found = builtin_fixtures(id)) {
    folder = *found;
  } else {
    Diagnostic d;
    d.file = "--fixtures";
    d.message = fmt::format("no fixtures found for built-in pack '{}' (tests/fixtures/policy/{} of the netvet source "
                            "tree): run from the source tree or give --fixtures DIR", id, id);
    return fail(std::move(d));
  }
  return Target{std::move(*pack), folder};
}

Result<std::vector<Target>> targets_of(const TestPolicyArgs& args) {
  std::vector<Target> out;
  Diagnostics problems;
  const fs::path path(args.target);
  auto add_file = [&](const fs::path& file, const fs::path& fixtures) {
    auto pack = policy::load_pack_file(file);
    if (!pack) {
      problems.insert(problems.end(), pack.error().begin(), pack.error().end());
      return;
    }
    const fs::path folder = fixtures.empty() ? beside(file, *pack) : fixtures;
    out.push_back({std::move(*pack), folder});
  };
  if (fs::is_directory(path)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(path)) {
      const auto ext = entry.path().extension();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
    }
    std::ranges::sort(files);
    if (files.empty()) {
      Diagnostic d;
      d.file = args.target;
      d.message = "no pack files (*.yaml) in this folder";
      return fail(std::move(d));
    }
    for (const auto& file : files) add_file(file, args.fixtures.empty() ? fs::path() : fs::path(args.fixtures) / file.stem());
  } else if (fs::exists(path)) {
    add_file(path, args.fixtures);
  } else if (args.target == "all") {
    for (const auto& id : policy::builtin_pack_ids()) {
      auto target = builtin_target(id, args.fixtures, true);
      if (!target) problems.insert(problems.end(), target.error().begin(), target.error().end());
      else out.push_back(std::move(*target));
    }
  } else {
    auto target = builtin_target(args.target, args.fixtures, false);
    if (!target) return std::unexpected(target.error());
    out.push_back(std::move(*target));
  }
  if (!problems.empty()) return std::unexpected(std::move(problems));
  return out;
}

std::string report_text(const std::vector<std::pair<Target, policy::FixtureReport>>& reports, bool style) {
  const auto paint = [&](std::string_view text, std::string_view code) {
    return style ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  std::string out;
  std::size_t passed = 0, failed = 0;
  for (const auto& [target, report] : reports) {
    out += fmt::format("{}: {} cases in {}\n", report.pack, report.cases.size(), target.fixtures.string());
    for (const auto& c : report.cases) {
      out += fmt::format("  {}  {} ({})\n", c.passed ? paint("PASS", "32") : paint("FAIL", "1;31"), c.name,
                         c.fires ? "fires" : "quiet");
      for (const auto& problem : c.problems) out += fmt::format("        {}\n", problem);
    }
    for (const auto& gap : report.uncovered) out += fmt::format("  {}  coverage: {}\n", paint("FAIL", "1;31"), gap);
    passed += report.passed();
    failed += report.failed();
  }
  out += fmt::format("{} passed, {} failed\n", passed, failed);
  return out;
}

std::string report_json(const std::vector<std::pair<Target, policy::FixtureReport>>& reports) {
  nlohmann::ordered_json packs = nlohmann::ordered_json::array();
  std::size_t passed = 0, failed = 0;
  for (const auto& [target, report] : reports) {
    nlohmann::ordered_json cases = nlohmann::ordered_json::array();
    for (const auto& c : report.cases) {
      cases.push_back({{"name", c.name}, {"rule", c.rule}, {"fires", c.fires}, {"passed", c.passed}, {"problems", c.problems}});
    }
    packs.push_back({{"id", report.pack}, {"fixtures", target.fixtures.string()}, {"cases", cases},
                     {"uncovered", report.uncovered}, {"passed", report.passed()}, {"failed", report.failed()}});
    passed += report.passed();
    failed += report.failed();
  }
  nlohmann::ordered_json j = {{"packs", packs}, {"passed", passed}, {"failed", failed}};
  return j.dump(2) + "\n";
}

int run_test_policy(const TestPolicyArgs& args) {
  auto targets = targets_of(args);
  if (!targets) {
    fmt::print(stderr, "{}", report::diagnostics_text(targets.error(), stderr_is_terminal()));
    return kBadInput;
  }
  const policy::InventoryLoader load = [](const fs::path& path) { return io::read_inventory(path); };
  std::vector<std::pair<Target, policy::FixtureReport>> reports;
  Diagnostics problems;
  for (auto& target : *targets) {
    auto report = policy::run_fixtures(target.pack, target.fixtures, load);
    if (!report) problems.insert(problems.end(), report.error().begin(), report.error().end());
    else reports.emplace_back(std::move(target), std::move(*report));
  }
  if (!problems.empty()) {
    fmt::print(stderr, "{}", report::diagnostics_text(problems, stderr_is_terminal()));
    fmt::print(stderr, "bad fixtures: {} problem{}.\n", problems.size(), problems.size() == 1 ? "" : "s");
    return kBadInput;
  }
  const std::string text = args.common.format == "json" ? report_json(reports) : report_text(reports, style_stdout(args.common));
  if (!emit(args.common.output, text)) return kBadInput;
  const bool all_passed = std::ranges::all_of(reports, [](const auto& r) { return r.second.failed() == 0; });
  return all_passed ? kOk : kFindings;
}

}  // namespace

void add_test_policy(CLI::App& app, Run& run) {
  auto args = std::make_shared<TestPolicyArgs>();
  auto* cmd = app.add_subcommand("test-policy",
                                 "Run a policy pack's fixture cases: every rule must fire on its firing cases and stay "
                                 "quiet on its quiet ones");
  cmd->add_option("pack", args->target,
                  "A built-in pack id (or `all`), a pack file (cases in STEM.tests/ beside it), or a folder of pack "
                  "files, each with its STEM.tests/")
      ->required();
  cmd->add_option("--fixtures", args->fixtures,
                  "The folder of cases (for `all` or a folder of packs: the folder holding one folder per pack)");
  add_common_options(*cmd, args->common);
  cmd->callback([&run, args] { run = [args] { return run_test_policy(*args); }; });
}

}  // namespace netvet::cli
