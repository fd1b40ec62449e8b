// Hostile and mistaken input through the real command line (issue 10, "memory corruption,
// crashes, hangs and data loss"): each case exits 2 with a message naming where, writes
// nothing, and never crashes (exit 3 or a signal) or hangs. docs/reliability.md.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

const std::string kExample = NETVET_SOURCE_DIR "/examples/london";

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// A pack of one forbid rule with `select` as written (one line).
std::string pack_with(const std::string& select, const std::string& title = "No high-risk vendor in the core") {
  return "id: mine\ntitle: A pack\njurisdiction: GB\nversion: \"1\"\nreflects: 2025-01-01\nsources:\n  - id: src\n"
         "    title: A source\ndesignations:\n  hrv: [huawei, zte]\nrules:\n  - id: core\n    title: " + title +
         "\n    kind: forbid\n    severity: high\n    sources: [src]\n    remediation: Replace it.\n"
         "    effective: 2024-01-01\n    select: " + select + "\n";
}

// A CSV bundle copied from the example, with elements.csv replaced.
std::filesystem::path bundle_with_elements(const TempDir& dir, const std::string& elements) {
  const auto out = dir.path() / "net";
  std::filesystem::copy(kExample, out);
  write(out / "elements.csv", elements);
  return out;
}

TEST(Hardening, DeepSelectorNestingIsAnErrorNotACrash) {
  TempDir dir;
  const std::string deep = repeat("(", 5000) + "vendor in hrv" + repeat(")", 5000);
  write(dir / "deep.yaml", pack_with(deep));
  const CliRun pack = run_netvet("check '" + kExample + "' --policy '" + (dir / "deep.yaml") + "'");
  EXPECT_EQ(pack.exit_code, 2) << pack.err.substr(0, 2000);
  EXPECT_NE(pack.err.find("deep.yaml:19:"), std::string::npos) << pack.err.substr(0, 2000);
  EXPECT_NE(pack.err.find("nests '(' and 'not' more than 64 deep"), std::string::npos) << pack.err.substr(0, 2000);

  const CliRun assume = run_netvet("check '" + kExample + "' --policy gb --assume 'remove huawei where " +
                                   repeat("not ", 5000) + "vendor == nokia'");
  EXPECT_EQ(assume.exit_code, 2) << assume.err.substr(0, 2000);
  EXPECT_NE(assume.err.find("--assume:1:"), std::string::npos) << assume.err.substr(0, 2000);

  write(dir / "waivers.yaml", "- rule: gb/no-new-5g-installs\n  selector: " + repeat("not (", 5000) +
                                  "vendor in designated" + repeat(")", 5000) +
                                  "\n  reason: r\n  approver: a\n  expires: 2030-01-01\n");
  const CliRun waiver = run_netvet("check '" + kExample + "' --policy gb --waivers '" + (dir / "waivers.yaml") + "'");
  EXPECT_EQ(waiver.exit_code, 2) << waiver.err.substr(0, 2000);
  EXPECT_NE(waiver.err.find("waivers.yaml:2:"), std::string::npos) << waiver.err.substr(0, 2000);
}

TEST(Hardening, InvalidUtf8InPacksAndWaiversIsExitTwo) {
  TempDir dir;
  // An overlong '/', then an encoded surrogate through a YAML escape.
  write(dir / "overlong.yaml", pack_with("vendor in hrv", "Bad \xc0\xaf title"));
  const CliRun overlong = run_netvet("check '" + kExample + "' --policy '" + (dir / "overlong.yaml") + "' --format json");
  EXPECT_EQ(overlong.exit_code, 2) << overlong.err;
  EXPECT_NE(overlong.err.find("overlong.yaml:13:"), std::string::npos) << overlong.err;
  EXPECT_NE(overlong.err.find("overlong UTF-8 sequence"), std::string::npos) << overlong.err;
  write(dir / "surrogate.yaml", pack_with("vendor in hrv", "\"Bad \\ud800 title\""));
  const CliRun surrogate = run_netvet("check '" + kExample + "' --policy '" + (dir / "surrogate.yaml") + "' --format json");
  EXPECT_EQ(surrogate.exit_code, 2) << surrogate.err;
  EXPECT_NE(surrogate.err.find("surrogate.yaml:13:"), std::string::npos) << surrogate.err;
  write(dir / "waivers.yaml", "- rule: gb/no-new-5g-installs\n  reason: \"\\x1b[2J\"\n  approver: a\n  expires: 2030-01-01\n");
  const CliRun waiver = run_netvet("check '" + kExample + "' --policy gb --waivers '" + (dir / "waivers.yaml") + "'");
  EXPECT_EQ(waiver.exit_code, 2) << waiver.err;
  EXPECT_NE(waiver.err.find("control byte 0x1B"), std::string::npos) << waiver.err;
  // Overlong, surrogate and > U+10FFFF bytes in a CSV cell.
  for (const std::string bad : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80"}) {
    TempDir net;
    const auto bundle = bundle_with_elements(net, "id,site,function,vendor\nE1,C1,gnb,Hua" + bad + "wei\n");
    const CliRun r = run_netvet("convert '" + bundle.string() + "' '" + (net / "out.json") + "'");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("elements.csv:2:"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(net / "out.json"));
  }
}

TEST(Hardening, OversizedPackIsRefusedAtOnce) {
  TempDir dir;
  write(dir / "huge.yaml", pack_with("vendor in hrv", std::string(2'000'000, 'x')));
  const auto start = std::chrono::steady_clock::now();
  const CliRun r = run_netvet("check '" + kExample + "' --policy '" + (dir / "huge.yaml") + "' --format html");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("expected a policy pack (a YAML file) of at most 1.0 MB"), std::string::npos) << r.err;
}

TEST(Hardening, OnlyRegularFilesAreReadAsInputs) {
  TempDir dir;
  const auto fifo = dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const CliRun inventory = run_netvet("validate '" + fifo + "'");
  EXPECT_EQ(inventory.exit_code, 2);
  EXPECT_NE(inventory.err.find("is a FIFO (named pipe), not a regular file"), std::string::npos) << inventory.err;
  const CliRun waivers = run_netvet("check '" + kExample + "' --policy gb --waivers '" + fifo + "'");
  EXPECT_EQ(waivers.exit_code, 2);
  EXPECT_NE(waivers.err.find("expected a waiver file (YAML)"), std::string::npos) << waivers.err;
  const CliRun baseline = run_netvet("check '" + kExample + "' --policy gb --baseline '" + fifo + "'");
  EXPECT_EQ(baseline.exit_code, 2);
  EXPECT_NE(baseline.err.find("is a FIFO"), std::string::npos) << baseline.err;
  const CliRun folder = run_netvet("check '" + kExample + "' --policy gb --waivers '" + dir.path().string() + "'");
  EXPECT_EQ(folder.exit_code, 2);
  EXPECT_NE(folder.err.find("is a folder, not a regular file; expected a waiver file"), std::string::npos) << folder.err;
  // A table of a bundle that is a FIFO.
  TempDir net;
  const auto bundle = net.path() / "net";
  std::filesystem::copy(kExample, bundle);
  std::filesystem::remove(bundle / "links.csv");
  ASSERT_EQ(::mkfifo((bundle / "links.csv").c_str(), 0600), 0);
  const CliRun table = run_netvet("validate '" + bundle.string() + "'");
  EXPECT_EQ(table.exit_code, 2);
  EXPECT_NE(table.err.find("links.csv: is a FIFO"), std::string::npos) << table.err;
}

TEST(Hardening, TextFileGivenAsInventorySaysWhatWasExpected) {
  TempDir dir;
  write(dir / "notes.txt", "These are my notes about the network.\n");
  const CliRun r = run_netvet("validate '" + (dir / "notes.txt") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a netvet inventory JSON document"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("or a folder of CSV tables"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("wrong JSON type"), std::string::npos) << r.err;
}

TEST(Hardening, OutputWritesThroughSymlinksAndRefusesFifosAndFolders) {
  TempDir dir;
  write(dir / "real.txt", "old");
  std::filesystem::create_symlink(dir / "real.txt", dir / "link.txt");
  const CliRun through = run_netvet("stats '" + kExample + "' -o '" + (dir / "link.txt") + "'");
  EXPECT_EQ(through.exit_code, 0) << through.err;
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.txt"));
  EXPECT_NE(read_file(dir / "real.txt").find("Operator alba"), std::string::npos);
  const auto fifo = dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const CliRun onto_fifo = run_netvet("stats '" + kExample + "' -o '" + fifo + "'");
  EXPECT_EQ(onto_fifo.exit_code, 2);
  EXPECT_NE(onto_fifo.err.find("is a FIFO (named pipe), not a regular file"), std::string::npos) << onto_fifo.err;
  struct stat st {};
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO was replaced";
  const CliRun onto_folder = run_netvet("stats '" + kExample + "' -o '" + dir.path().string() + "'");
  EXPECT_EQ(onto_folder.exit_code, 2);
  EXPECT_NE(onto_folder.err.find("is a folder"), std::string::npos) << onto_folder.err;
  const CliRun onto_device = run_netvet("stats '" + kExample + "' -o /dev/null");
  EXPECT_EQ(onto_device.exit_code, 2);
  // convert's JSON output follows the same rule.
  const CliRun convert = run_netvet("convert '" + kExample + "' '" + (dir / "link.txt") + "' --to json");
  EXPECT_EQ(convert.exit_code, 0) << convert.err;
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.txt"));
  EXPECT_TRUE(read_file(dir / "real.txt").starts_with("{"));
}

TEST(Hardening, GenerateNeverOverwritesAnExistingInventoryWithoutForce) {
  TempDir dir;
  const auto london = dir.path() / "london";
  std::filesystem::copy(kExample, london);
  const std::string evidence = read_file(london / "evidence.csv");
  const std::string elements = read_file(london / "elements.csv");
  write(london / "notes.txt", "mine");
  const CliRun refused = run_netvet("generate --country GB --sites 30 --out '" + london.string() + "' -q");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("the folder is not empty; nothing was written"), std::string::npos) << refused.err;
  EXPECT_EQ(read_file(london / "evidence.csv"), evidence);
  EXPECT_EQ(read_file(london / "elements.csv"), elements);
  // --force replaces the bundle's tables only: nothing is deleted, other files are kept.
  const CliRun forced = run_netvet("generate --country GB --sites 30 --out '" + london.string() + "' -q --force");
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(read_file(london / "notes.txt"), "mine");
  EXPECT_NE(read_file(london / "elements.csv"), elements);
  EXPECT_TRUE(std::filesystem::exists(london / "evidence.csv"));
  EXPECT_EQ(run_netvet("validate '" + london.string() + "'").exit_code, 0);
  // A JSON file too; and convert into a non-empty folder.
  write(dir / "net.json", "{}");
  EXPECT_EQ(run_netvet("generate --country GB --sites 30 --out '" + (dir / "net.json") + "' -q").exit_code, 2);
  EXPECT_EQ(read_file(dir / "net.json"), "{}");
  const CliRun convert = run_netvet("convert '" + kExample + "' '" + london.string() + "'");
  EXPECT_EQ(convert.exit_code, 2);
  EXPECT_NE(convert.err.find("the folder is not empty"), std::string::npos) << convert.err;
  // An empty folder is fine.
  std::filesystem::create_directory(dir / "empty");
  EXPECT_EQ(run_netvet("generate --country GB --sites 30 --out '" + (dir / "empty") + "' -q").exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "empty" / "elements.csv"));
}

TEST(Hardening, LongBadValuesAreShownOnceShortenedAndFast) {
  TempDir dir;
  std::string elements = "id,site,function,vendor\n";
  const std::string huge(1'000'000, 'q');
  for (int i = 0; i < 20; ++i) elements += fmt::format("E{},C1,{},Nokia\n", i, huge);
  const auto bundle = bundle_with_elements(dir, elements);
  const auto start = std::chrono::steady_clock::now();
  const CliRun r = run_netvet("validate '" + bundle.string() + "'");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_LT(r.err.size(), 20'000u);
  EXPECT_NE(r.err.find("(1000000 bytes)"), std::string::npos) << r.err.substr(0, 2000);
}

TEST(Hardening, ControlBytesFromInputAreEscapedInMessages) {
  TempDir dir;
  // A valid file whose value carries a C1 CSI (U+009B): echoed escaped, never raw.
  const auto bundle = bundle_with_elements(dir, "id,site,function,vendor\nE1,C1,gnb\xc2\x9b" "2J,Nokia\n");
  const CliRun r = run_netvet("validate '" + bundle.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find("\xc2\x9b"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gnb\\xc2\\x9b2J"), std::string::npos) << r.err;
}

TEST(Hardening, StrictJsonLiteralsAndDuplicateKeys) {
  TempDir dir;
  const std::string head = R"({"format": "netvet-inventory", "version": 1,
"operators": [{"id": "op"}], "sites": [{"id": "S1", "operator": "op"}],
"elements": [{"id": "E1", "site": "S1", "function": "gnb", "vendor": "nokia"},
             {"id": "E2", "site": "S1", "function": "ru", "vendor": "nokia"}],
)";
  const std::pair<std::string, std::string> cases[] = {
      {R"("links": [{"a": "E1", "b": "E2", "kind": nonsense}]})", "/links/0/kind"},
      {R"("links": [{"a": "E1", "b": "E2", "kind": tru}]})", "/links/0/kind"},
      {R"("links": [{"a": "E1", "b": "E2", "weight": -abc}]})", "/links/0/weight"},
      {R"("links": [{"a": "E1", "b": "E2", "weight": 1.2.3}]})", "/links/0/weight"},
      {R"("links": [{"a": "E1", "b": "E2"}], "links": [{"a": "E2", "b": "E1"}]})", "/links"},
      {R"("links": [{"a": "E1", "b": "E2", "note": "x\u0000y"}]})", "/links/0/note"},
      {R"("links": [{"a": "E1", "b": "E2", "note": "\b"}]})", "/links/0/note"},
  };
  for (const auto& [tail, pointer] : cases) {
    write(dir / "net.json", head + tail);
    const CliRun r = run_netvet("convert '" + (dir / "net.json") + "' '" + (dir / "out") + "'");
    EXPECT_EQ(r.exit_code, 2) << tail << "\n" << r.err;
    EXPECT_NE(r.err.find("net.json at " + pointer + ":"), std::string::npos) << tail << "\n" << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "out")) << tail;
  }
  // Escapes that make ordinary text still convert both ways (an element's attribute).
  std::string with_note = head;
  const std::string plain = R"("vendor": "nokia"})";
  with_note.replace(with_note.find(plain), plain.size(), R"("vendor": "nokia", "note": "caf\u00e9 \"q\"\ttab"})");
  write(dir / "net.json", with_note + R"("links": [{"a": "E1", "b": "E2"}]})");
  ASSERT_EQ(run_netvet("convert '" + (dir / "net.json") + "' '" + (dir / "out") + "'").exit_code, 0);
  const CliRun back = run_netvet("convert '" + (dir / "out") + "' '" + (dir / "back.json") + "'");
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(read_file(dir / "back.json").find(R"(café \"q\"\ttab)"), std::string::npos) << read_file(dir / "back.json");
}

}  // namespace
}  // namespace netvet::testing
