// `netvet check` and `netvet timeline` through the real binary on examples/london: the
// exit codes a pipeline relies on, the JSON keys of shared/spec/cli.md, SARIF and JUnit
// structure (JUnit read back with libxml2, CSV with libcsv) agreeing with the JSON,
// waivers (and their expiry), baselines, what-if assumptions, and bad waiver and baseline
// files that exit 2 without writing anything.
//
// As of 2026-11-22 the gb pack flags two Huawei elements in alba's core (DC1-EMS-HW,
// DC1-RA: gb/core-exclusion); gb/5g-removal takes effect on 2027-12-31 and adds four.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>

#include "read_back.h"
#include "run_netvet.h"

namespace netvet::testing {
namespace {

using Json = nlohmann::json;
using Strings = std::vector<std::string>;

const std::string kLondon = "'" NETVET_SOURCE_DIR "/examples/london'";
// `netvet check` of the London example as of 2026-11-22 against `packs`.
std::string check(const std::string& packs = "gb") { return "check " + kLondon + " --policy " + packs + " --as-of 2026-11-22"; }

std::string shown(const CliRun& r) { return "exit " + std::to_string(r.exit_code) + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err; }

// Parses without exceptions: a document that is not JSON is a test failure that shows
// what the binary printed, not an abort.
Json parse(const CliRun& r) {
  Json j = Json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON; " << shown(r);
  return j;
}

Json check_json(const std::string& extra, int expected_exit, const std::string& packs = "gb") {
  const CliRun r = run_netvet(check(packs) + " --format json " + extra);
  EXPECT_EQ(r.exit_code, expected_exit) << shown(r);
  return parse(r);
}

template <class Document>  // nlohmann::json sorts keys; ordered_json keeps the text's order
Strings keys(const Document& j) {
  Strings out;
  if (j.is_object())
    for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

Strings subjects(const Json& report) {
  Strings out;
  if (report.contains("findings"))
    for (const auto& f : report["findings"]) out.push_back(f["rule"].get<std::string>() + ":" + f["subject"]["id"].get<std::string>());
  std::ranges::sort(out);
  return out;
}

const Json& finding(const Json& report, const std::string& subject) {
  for (const auto& f : report["findings"])
    if (f["subject"]["id"] == subject) return f;
  static const Json none = Json::object();
  ADD_FAILURE() << "no finding on " << subject;
  return none;
}

TEST(CheckCli, ExitCodesSayFindingsNoneOrBadInput) {
  const CliRun found = run_netvet(check());
  EXPECT_EQ(found.exit_code, 1) << shown(found);
  EXPECT_NE(found.out.find("2 findings (2 critical"), std::string::npos) << shown(found);
  EXPECT_NE(found.out.find("element DC1-EMS-HW"), std::string::npos) << shown(found);

  const CliRun clean = run_netvet(check() + " --assume 'remove huawei'");
  EXPECT_EQ(clean.exit_code, 0) << shown(clean);
  EXPECT_NE(clean.out.find("What-if (not the real network): remove huawei"), std::string::npos) << shown(clean);
  EXPECT_NE(clean.out.find("Compliant"), std::string::npos) << shown(clean);

  for (const std::string& bad : Strings{check("no-such-pack"), "check '" NETVET_SOURCE_DIR "/examples/nowhere' --policy gb",
                                check() + " --as-of 2026-02-30", check() + " --format yaml"}) {
    const CliRun r = run_netvet(bad);
    EXPECT_EQ(r.exit_code, 2) << bad << "\n" << shown(r);
    EXPECT_TRUE(r.out.empty()) << bad << "\n" << shown(r);
  }
}

TEST(CheckCli, JsonHasCliMdsKeysInItsOrder) {
  const CliRun r = run_netvet(check() + " --format json");
  ASSERT_EQ(r.exit_code, 1) << shown(r);
  const auto j = nlohmann::ordered_json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << shown(r);
  EXPECT_EQ(keys(j), (Strings{"as_of", "policies", "summary", "findings", "measures"}));
  EXPECT_EQ(j["as_of"], "2026-11-22");
  ASSERT_EQ(j["policies"].size(), 1u);
  EXPECT_EQ(keys(j["policies"][0]), (Strings{"id", "title", "version"}));
  EXPECT_EQ(j["policies"][0]["id"], "gb");

  const auto& summary = j["summary"];
  const Strings summary_keys = keys(summary);
  ASSERT_GE(summary_keys.size(), 3u);
  EXPECT_EQ(Strings(summary_keys.begin(), summary_keys.begin() + 3), (Strings{"findings", "by_severity", "compliant"}));
  EXPECT_EQ(summary["findings"], 2);
  EXPECT_EQ(summary["by_severity"]["critical"], 2);
  EXPECT_EQ(keys(summary["by_severity"]), (Strings{"critical", "high", "medium", "low"}));
  EXPECT_EQ(summary["compliant"], false);

  ASSERT_EQ(j["findings"].size(), 2u);
  for (const auto& f : j["findings"]) {
    const Strings k = keys(f);
    ASSERT_GE(k.size(), 8u) << f.dump();
    EXPECT_EQ(Strings(k.begin(), k.begin() + 8),
              (Strings{"policy", "rule", "severity", "subject", "operator", "vendor", "effective", "message"}));
    EXPECT_EQ(keys(f["subject"]), (Strings{"kind", "id"}));
    EXPECT_EQ(f["policy"], "gb");
    EXPECT_EQ(f["rule"], "core-exclusion");
    EXPECT_EQ(f["operator"], "alba");
    EXPECT_EQ(f["vendor"], "huawei");
    EXPECT_TRUE(std::regex_match(f["effective"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
    EXPECT_TRUE(std::regex_match(f["fingerprint"].get<std::string>(), std::regex("[0-9a-f]{16}"))) << f.dump();
  }
  EXPECT_EQ(subjects(Json(j)), (Strings{"core-exclusion:DC1-EMS-HW", "core-exclusion:DC1-RA"}));

  ASSERT_FALSE(j["measures"].empty());
  for (const auto& m : j["measures"]) {
    const Strings k = keys(m);
    for (const std::string key : {"policy", "rule", "operator", "value", "limit", "unit", "ok"})
      EXPECT_NE(std::ranges::find(k, key), k.end()) << key << " in " << m.dump();
  }
  EXPECT_TRUE(r.out.ends_with("}\n"));
}

TEST(CheckCli, SarifIsVersion210WithRulesAndOneResultPerFinding) {
  const Json report = check_json("", 1, "gb,eu-toolbox");
  const CliRun r = run_netvet(check("gb,eu-toolbox") + " --format sarif");
  ASSERT_EQ(r.exit_code, 1) << shown(r);
  const Json s = parse(r);
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(s["version"], "2.1.0");
  ASSERT_EQ(s["runs"].size(), 1u);
  const Json& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "netvet");
  const Json& rules = run["tool"]["driver"]["rules"];
  ASSERT_TRUE(rules.is_array());
  std::set<std::string> rule_ids;
  for (const auto& rule : rules) rule_ids.insert(rule["id"].get<std::string>());
  EXPECT_TRUE(rule_ids.contains("gb/core-exclusion"));
  EXPECT_TRUE(rule_ids.contains("eu-toolbox/sm03-key-assets"));

  ASSERT_EQ(run["results"].size(), report["findings"].size());
  ASSERT_GT(report["findings"].size(), 2u);
  for (std::size_t i = 0; i < run["results"].size(); ++i) {
    const Json& result = run["results"][i];
    const Json& f = report["findings"][i];
    EXPECT_EQ(result["ruleId"], f["policy"].get<std::string>() + "/" + f["rule"].get<std::string>());
    EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
    ASSERT_EQ(result["locations"].size(), 1u) << result.dump();
    EXPECT_EQ(result["locations"][0]["logicalLocations"][0]["name"], f["subject"]["id"]);
    EXPECT_EQ(result["partialFingerprints"]["netvetFinding/v1"], f["fingerprint"]);
    EXPECT_TRUE(result["message"]["text"].get<std::string>().starts_with(f["message"].get<std::string>()));
  }
  EXPECT_EQ(run["properties"]["asOf"], "2026-11-22");
}

// libxml2, a real XML parser: what a CI dashboard would read.
using read_back::attribute;
using read_back::Doc;

TEST(CheckCli, JunitCountsAgreeWithTheJson) {
  const Json report = check_json("", 1, "gb,eu-toolbox,de");
  const CliRun r = run_netvet(check("gb,eu-toolbox,de") + " --format junit");
  ASSERT_EQ(r.exit_code, 1) << shown(r);
  const Doc doc = read_back::parse_xml(r.out);
  ASSERT_TRUE(doc) << "not well-formed XML; " << shown(r);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  ASSERT_STREQ(reinterpret_cast<const char*>(root->name), "testsuites");

  const auto suites = read_back::children(root, "testsuite");
  ASSERT_EQ(suites.size(), 3u);
  std::size_t tests = 0, failures = 0, failing_findings = 0;
  for (xmlNode* suite : suites) {
    const auto cases = read_back::children(suite, "testcase");
    std::size_t suite_failures = 0;
    for (xmlNode* c : cases) {
      for (xmlNode* failure : read_back::children(c, "failure")) {
        ++suite_failures;
        std::smatch m;
        const std::string message = attribute(failure, "message");
        ASSERT_TRUE(std::regex_search(message, m, std::regex(R"(^(\d+) findings?: )"))) << message;
        failing_findings += std::stoul(m[1]);
      }
    }
    EXPECT_EQ(attribute(suite, "tests"), std::to_string(cases.size())) << attribute(suite, "name");
    EXPECT_EQ(attribute(suite, "failures"), std::to_string(suite_failures)) << attribute(suite, "name");
    tests += cases.size();
    failures += suite_failures;
  }
  EXPECT_EQ(attribute(root, "tests"), std::to_string(tests));
  EXPECT_EQ(attribute(root, "failures"), std::to_string(failures));
  EXPECT_GT(failures, 0u);
  EXPECT_EQ(failing_findings, report["summary"]["findings"].get<std::size_t>() - report["summary"]["waived"].get<std::size_t>());
}

TEST(CheckCli, CsvHasTheHeaderAndARowPerJsonFinding) {
  const Json report = check_json("", 1, "gb,eu-toolbox,de,us,ca");
  const CliRun r = run_netvet(check("gb,eu-toolbox,de,us,ca") + " --format csv");
  ASSERT_EQ(r.exit_code, 1) << shown(r);
  // libcsv in strict mode: an RFC 4180 reader independent of ours.
  const read_back::Parsed parsed = read_back::parse_csv(r.out);
  ASSERT_TRUE(parsed.ok) << shown(r);
  const auto& rows = parsed.rows;
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (Strings{"policy", "rule", "severity", "subject_kind", "subject_id", "operator", "vendor", "effective",
                              "message", "clause", "value", "limit", "unit", "waived", "waiver", "source_title",
                              "source_url", "remediation", "fingerprint"}));
  ASSERT_EQ(rows.size(), report["findings"].size() + 1);
  ASSERT_GT(report["findings"].size(), 50u);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const Json& f = report["findings"][i - 1];
    ASSERT_EQ(rows[i].size(), rows[0].size());
    EXPECT_EQ(rows[i][4], f["subject"]["id"]);
    EXPECT_EQ(rows[i][8], f["message"]);
    EXPECT_EQ(rows[i][18], f["fingerprint"]);
  }
}

TEST(CheckCli, WhatIfRemovalChangesTheFindings) {
  const Json before = check_json("", 1);
  const Json after = check_json("--assume 'remove huawei'", 0);
  EXPECT_EQ(subjects(before), (Strings{"core-exclusion:DC1-EMS-HW", "core-exclusion:DC1-RA"}));
  EXPECT_TRUE(subjects(after).empty()) << after.dump(2);
  EXPECT_EQ(after["assumptions"], Json::array({"remove huawei"}));
  EXPECT_FALSE(before.contains("assumptions"));
}

// --redact facilities (what the service's analysts read; its byte-identity with the
// service is tests/server/assessment_test.cpp's): in every format it offers, no facility
// of us-colocation's exposure fixture (military, embassy and government sites, proximity
// and exposure findings) is named, by id, name or owner, nor is a distance to one given;
// the unredacted run names them. The HTML page, which draws facilities on its map,
// refuses it.
TEST(CheckCli, RedactFacilitiesNamesNoFacilityInAnyFormat) {
  const std::string base = "check '" NETVET_SOURCE_DIR
                           "/tests/fixtures/policy/us-colocation/us-facility-exposure/fires/inventory.json' "
                           "--policy gb,us-colocation --as-of 2028-01-01";
  const Strings secrets = {"F-GB", "F-EMB", "US embassy", "F-BASE", "US base", "F-CONS", "US consulate",
                           "owner US", "owner GB", "km away"};
  const std::regex distance(R"([0-9]+\.[0-9]{2} km)");
  for (const std::string format : {"json", "text", "csv", "sarif", "junit"}) {
    const CliRun full = run_netvet(base + " --format " + format);
    const CliRun redacted = run_netvet(base + " --format " + format + " --redact facilities");
    ASSERT_EQ(full.exit_code, 1) << format << "\n" << shown(full);
    ASSERT_EQ(redacted.exit_code, 1) << format << "\n" << shown(redacted);
    std::size_t named = 0;
    for (const std::string& secret : secrets) {
      named += full.out.find(secret) != std::string::npos;
      EXPECT_EQ(redacted.out.find(secret), std::string::npos) << format << ": " << secret << "\n" << redacted.out;
    }
    EXPECT_GE(named, 4u) << format << ": the full report names facilities\n" << full.out;
    EXPECT_NE(redacted.out.find("facility-1"), std::string::npos) << format << "\n" << redacted.out;
    if (format == "json") {
      EXPECT_TRUE(std::regex_search(full.out, distance)) << full.out;
      EXPECT_FALSE(std::regex_search(redacted.out, distance)) << redacted.out;
    }
  }
  for (const std::string bad : {" --format html --redact facilities", " --format json --redact names"}) {
    const CliRun r = run_netvet(base + bad);
    EXPECT_EQ(r.exit_code, 2) << bad << "\n" << shown(r);
    EXPECT_TRUE(r.out.empty()) << bad << "\n" << shown(r);
  }
}

class CheckFiles : public ::testing::Test {
 protected:
  TempDir dir;
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  }
  // Nothing but the files the test wrote: no output, no temporary left behind.
  std::size_t files() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir.path()), {}));
  }
};

TEST_F(CheckFiles, WaiverMarksItsFindingWaivedUntilItExpires) {
  const Json plain = check_json("", 1);
  const std::string fingerprint = finding(plain, "DC1-RA")["fingerprint"];
  const std::string waivers = write("waivers.yaml", "waivers:\n"
                                                    "  - fingerprint: " + fingerprint + "\n"
                                                    "    reason: Replacement booked in CHG-1234\n"
                                                    "    approver: J. Smith (CISO)\n"
                                                    "    expires: 2027-01-01\n");
  const Json waived = check_json("--waivers '" + waivers + "'", 1);
  EXPECT_EQ(subjects(waived), subjects(plain)) << "waived findings are still reported";
  EXPECT_EQ(finding(waived, "DC1-RA")["waived"], true);
  EXPECT_NE(finding(waived, "DC1-RA").value("waiver", "").find("CHG-1234"), std::string::npos) << waived.dump(2);
  EXPECT_EQ(finding(waived, "DC1-EMS-HW")["waived"], false);
  EXPECT_EQ(waived["summary"]["waived"], 1);

  // From its expiry on, the waiver no longer applies.
  const CliRun later = run_netvet("check " + kLondon + " --policy gb --as-of 2027-01-01 --format json --waivers '" + waivers + "'");
  EXPECT_EQ(later.exit_code, 1) << shown(later);
  const Json expired = parse(later);
  EXPECT_EQ(finding(expired, "DC1-RA")["waived"], false);
  EXPECT_EQ(expired["summary"]["waived"], 0);

  // Waiving every finding of the rule makes the network compliant: exit 0.
  const std::string rule = write("rule.yaml", "- rule: gb/core-exclusion\n"
                                              "  operator: alba\n"
                                              "  reason: OSS migration to Ericsson\n"
                                              "  approver: CTO office\n"
                                              "  expires: 2027-03-31\n");
  const Json all = check_json("--waivers '" + rule + "'", 0);
  EXPECT_EQ(all["summary"]["waived"], 2);
  EXPECT_EQ(all["summary"]["compliant"], true);
  EXPECT_EQ(all["findings"].size(), 2u);
}

TEST_F(CheckFiles, BaselineLeavesOutKnownFindingsAndReportsNewOnes) {
  const std::string baseline = dir / "baseline.json";
  const CliRun first = run_netvet(check() + " --format json -o '" + baseline + "'");
  ASSERT_EQ(first.exit_code, 1) << shown(first);
  ASSERT_TRUE(std::filesystem::exists(baseline));

  const Json same = check_json("--baseline '" + baseline + "'", 0);
  EXPECT_TRUE(subjects(same).empty()) << same.dump(2);
  EXPECT_EQ(same["summary"]["baseline"]["known"], 2);
  EXPECT_EQ(same["summary"]["baseline"]["file"], baseline);

  // A change that brings Huawei into alba's core: only the new findings are reported.
  const Json changed =
      check_json("--baseline '" + baseline + "' --assume 'replace ericsson with huawei where domain == \"core\"'", 1);
  const Strings news = subjects(changed);
  EXPECT_FALSE(news.empty());
  for (const std::string known : {"core-exclusion:DC1-EMS-HW", "core-exclusion:DC1-RA"})
    EXPECT_EQ(std::ranges::find(news, known), news.end()) << known;
  EXPECT_NE(std::ranges::find(news, "core-exclusion:CORE1-CHF"), news.end()) << changed.dump(2);
  EXPECT_EQ(changed["summary"]["baseline"]["known"], 2);

  const CliRun text = run_netvet(check() + " --baseline '" + baseline + "'");
  EXPECT_EQ(text.exit_code, 0) << shown(text);
  EXPECT_NE(text.out.find(": 2 known findings left out; showing only new ones"), std::string::npos) << shown(text);
}

TEST_F(CheckFiles, BadWaiverOrBaselineFileExitsTwoAndWritesNothing) {
  const std::string bad_waivers = write("bad-waivers.yaml", "waivers:\n"
                                                            "  - rule: gb/core-exclusion\n"
                                                            "    reasn: typo\n"
                                                            "    approver: x\n"
                                                            "    expires: 2027-01-01\n");
  const std::string not_json = write("not-json.json", "{\"findings\": [ {\"fingerprint\": \"00\"} \n");
  const std::string no_findings = write("no-findings.json", "{\"as_of\": \"2026-11-22\"}\n");
  const std::size_t before = files();
  const std::string out = dir / "out.json";
  for (const std::string& flag : Strings{"--waivers '" + bad_waivers + "'", "--baseline '" + not_json + "'",
                                  "--baseline '" + no_findings + "'", "--baseline '" + (dir / "missing.json") + "'"}) {
    const CliRun r = run_netvet(check() + " --format json -o '" + out + "' " + flag);
    EXPECT_EQ(r.exit_code, 2) << flag << "\n" << shown(r);
    EXPECT_FALSE(r.err.empty()) << flag;
    EXPECT_TRUE(r.out.empty()) << flag << "\n" << shown(r);
    EXPECT_FALSE(std::filesystem::exists(out)) << flag;
    EXPECT_EQ(files(), before) << flag;
  }
  const CliRun typo = run_netvet(check() + " --waivers '" + bad_waivers + "'");
  EXPECT_NE(typo.err.find("bad-waivers.yaml:3:"), std::string::npos) << shown(typo);
}

TEST_F(CheckFiles, OutputFileIsWrittenWholeAndAlone) {
  const std::string out = dir / "report.sarif";
  const CliRun r = run_netvet(check() + " --format sarif -o '" + out + "'");
  EXPECT_EQ(r.exit_code, 1) << shown(r);
  EXPECT_TRUE(r.out.empty()) << shown(r);
  const Json s = Json::parse(read_file(out), nullptr, false);
  ASSERT_FALSE(s.is_discarded());
  EXPECT_EQ(s["runs"][0]["results"].size(), 2u);
  EXPECT_EQ(files(), 1u) << "no temporary file left beside it";
}

TEST(TimelineCli, ListsKeyDatesWithCounts) {
  const std::string timeline = "timeline " + kLondon + " --policy gb --as-of 2026-11-22";
  const CliRun text = run_netvet(timeline);
  EXPECT_EQ(text.exit_code, 1) << shown(text);
  EXPECT_TRUE(std::regex_search(text.out, std::regex(R"((^|\n)2027-12-31  \+4 -0  \(6 open\))"))) << shown(text);
  EXPECT_NE(text.out.find("2 open findings on 2026-11-22"), std::string::npos) << shown(text);

  const CliRun r = run_netvet(timeline + " --format json");
  EXPECT_EQ(r.exit_code, 1) << shown(r);
  const Json j = parse(r);
  ASSERT_TRUE(j.contains("dates")) << shown(r);
  ASSERT_FALSE(j["dates"].empty());
  long open = j["open"].get<long>();
  EXPECT_EQ(open, 2);
  std::string previous;
  for (const auto& d : j["dates"]) {
    const std::string date = d["date"];
    EXPECT_TRUE(std::regex_match(date, std::regex(R"(\d{4}-\d{2}-\d{2})")));
    EXPECT_LT(previous, date);
    previous = date;
    open += d["appear"].get<long>() - d["clear"].get<long>();
    EXPECT_EQ(d["open"].get<long>(), open) << d.dump(2);
  }
  EXPECT_EQ(j["dates"][0]["date"], "2027-12-31");
  EXPECT_EQ(j["dates"][0]["appear"], 4);
}

}  // namespace
}  // namespace netvet::testing
