// `netvet exposure` through the real binary, on examples/london with answers worked out
// by hand from its CSV files: the facilities' unavoidable elements and vendors, the two
// operators serving the US embassy, exposed_to, isolated facilities, the exit codes a
// pipeline relies on (and their --kind/--owner filter), and the HTML page.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

using Json = nlohmann::json;
using Strings = std::vector<std::string>;

const std::string kLondon = NETVET_SOURCE_DIR "/examples/london";

Json run_json(const std::string& args, int expected_exit) {
  const CliRun r = run_netvet(args + " --format json");
  EXPECT_EQ(r.exit_code, expected_exit) << args << "\n" << r.err;
  return Json::parse(r.out);
}

const Json& facility(const Json& doc, const std::string& id) {
  for (const auto& f : doc["facilities"])
    if (f["id"] == id) return f;
  static const Json none;
  ADD_FAILURE() << "no facility " << id;
  return none;
}

Strings strings(const Json& j) { return j.get<Strings>(); }

// The serving operators of a facility object, by id (cli.md: "operators": [{"operator", ...}]).
Strings operator_ids(const Json& f) {
  Strings ids;
  for (const auto& o : f["operators"]) ids.push_back(o["operator"]);
  return ids;
}

const Json& operator_entry(const Json& f, const std::string& op) {
  for (const auto& o : f["operators"])
    if (o["operator"] == op) return o;
  static const Json none;
  ADD_FAILURE() << "no operator " << op;
  return none;
}

const std::string kDualHomed = NETVET_SOURCE_DIR "/tests/fixtures/exposure/dual-homed-embassy";

// examples/london with two more facilities and an isolated cell site:
// F-ELMS (embassy, US) served by C1 alone (Huawei radio, router and aggregation router),
// F-BRIX (military, GB) served by C5 (ZTE end to end), F-CUTOFF (other, FR) served by C9,
// a cell site whose only element has no link.
std::string london_plus(const TempDir& dir) {
  const std::filesystem::path to = dir.path() / "london";
  std::filesystem::copy(kLondon, to, std::filesystem::copy_options::recursive);
  std::ofstream(to / "facilities.csv", std::ios::app) << "F-ELMS,embassy,51.4831,-0.1326,US,C1,Nine Elms annex,\n"
                                                      << "F-BRIX,military,51.4614,-0.1157,GB,C5,Brixton barracks,\n"
                                                      << "F-CUTOFF,other,51.6,-0.2,FR,C9,Cut-off depot,\n";
  std::ofstream(to / "sites.csv", std::ios::app) << "C9,alba,cell,51.6001,-0.2001,Far,London,1000,\n";
  std::ofstream(to / "elements.csv", std::ios::app) << "C9-RU1,C9,ru,Nokia,,,,,,5G,2022-01-01\n";
  return to.string();
}

TEST(ExposureCli, DocksIsASingleHomedMicrowaveSpur) {
  const Json doc = run_json("exposure '" + kLondon + "' --vendors huawei,zte", 0);
  const Json& docks = facility(doc, "F-DOCKS");
  EXPECT_EQ(docks["kind"], "cni");
  EXPECT_EQ(docks["owner"], "GB");
  EXPECT_EQ(strings(docks["served_by"]), (Strings{"C4"}));
  EXPECT_EQ(docks["isolated"], false);
  // C4's small cell, router and microwave, C3's microwave and router, the aggregation
  // router both lead into (AGG1-R1 and the optical ring can be avoided, as can CORE1's
  // optical through the C8 -> Brig -> peering detour), and CORE1-R1 in front of both sinks.
  EXPECT_EQ(strings(docks["unavoidable"]["elements"]),
            (Strings{"AGG1-R2", "C3-CSR", "C3-MW", "C4-CSR", "C4-MW", "C4-SC", "CORE1-R1"}));
  EXPECT_EQ(strings(docks["unavoidable"]["vendors"]), (Strings{"ceragon", "cisco", "juniper", "samsung"}));
  EXPECT_EQ(strings(docks["control_plane"]["vendors"]), (Strings{"ericsson", "mavenir", "nokia", "oracle"}));
  // DC1-NMS (Cisco) manages C3-CSR, AGG1-R2 and CORE1-R1, and DC1-OSS (Netcracker) the
  // NMS; DC1-NFVI (Red Hat) hosts the control plane and DC1-MANO (Ericsson) manages it.
  EXPECT_EQ(strings(docks["influence"]["vendors"]), (Strings{"cisco", "ericsson", "netcracker", "red-hat"}));
  EXPECT_TRUE(docks["exposed_to"].empty());
  const Strings possible = strings(docks["possible"]["vendors"]);
  EXPECT_TRUE(std::find(possible.begin(), possible.end(), "huawei") != possible.end()) << "AGG1-R1 is on a path";
  EXPECT_GT(docks["possible"]["count"].get<int>(), 7);
}

TEST(ExposureCli, TwoOperatorsLeaveTheUsEmbassyNothingUnavoidable) {
  const Json doc = run_json("exposure '" + kLondon + "' --vendors huawei,zte", 0);
  const Json& emb = facility(doc, "F-US-EMB");
  EXPECT_EQ(emb["owner"], "US");
  EXPECT_EQ(strings(emb["served_by"]), (Strings{"C1", "C2", "C6"}));  // the cell sites within 2 km
  EXPECT_EQ(operator_ids(emb), (Strings{"alba", "brig"}));
  EXPECT_EQ(emb["isolated"], false);
  EXPECT_TRUE(emb["unavoidable"]["elements"].empty());
  EXPECT_TRUE(emb["unavoidable"]["vendors"].empty());
  const Strings possible = strings(emb["possible"]["vendors"]);
  EXPECT_TRUE(std::find(possible.begin(), possible.end(), "huawei") != possible.end()) << "C1 is Huawei";
  EXPECT_EQ(strings(emb["control_plane"]["vendors"]), (Strings{"ericsson", "mavenir", "nokia", "oracle"}));
  EXPECT_EQ(strings(emb["influence"]["vendors"]), (Strings{"ericsson", "red-hat"}));
  EXPECT_TRUE(emb["exposed_to"].empty());

  const Json& wh = facility(doc, "F-WHITEHALL");
  EXPECT_EQ(strings(wh["served_by"]), (Strings{"C2", "C7"}));
  EXPECT_TRUE(wh["unavoidable"]["elements"].empty());
  EXPECT_EQ(doc["designated"]["vendors"], (Strings{"huawei", "zte"}));
}

TEST(ExposureCli, JsonKeysAndSortOrderFollowTheContract) {
  const Json doc = run_json("exposure '" + kLondon + "' --designated gb:designated", 0);
  ASSERT_TRUE(doc["facilities"].is_array());
  Strings ids;
  for (const auto& f : doc["facilities"]) {
    ids.push_back(f["id"]);
    for (const char* key : {"id", "kind", "owner", "served_by", "unavoidable", "possible", "control_plane", "influence",
                            "transport_exposed_to", "exposed", "exposed_to", "cut", "operators"})
      EXPECT_TRUE(f.contains(key)) << key;
    EXPECT_TRUE(f["unavoidable"].contains("elements") && f["unavoidable"].contains("vendors"));
    EXPECT_TRUE(f["possible"].contains("vendors") && f["possible"]["count"].is_number_unsigned());
    for (const Json* list : {&f["served_by"], &f["unavoidable"]["elements"], &f["unavoidable"]["vendors"],
                             &f["possible"]["vendors"], &f["control_plane"]["vendors"], &f["influence"]["vendors"],
                             &f["transport_exposed_to"], &f["exposed_to"], &f["cut"]}) {
      const Strings s = strings(*list);
      EXPECT_TRUE(std::is_sorted(s.begin(), s.end())) << f["id"] << " " << list->dump();
    }
  }
  EXPECT_EQ(ids, (Strings{"F-DOCKS", "F-US-EMB", "F-WHITEHALL"}));
  EXPECT_EQ(doc["designated"]["source"], "gb:designated");
  EXPECT_EQ(doc["designated"]["vendors"], (Strings{"huawei"}));
}

// The case issue 10 found: the embassy's cell site is dual-homed to two Huawei routers.
// Element by element nothing Huawei is unavoidable; vendor by vendor its traffic cannot
// avoid Huawei, and the cut names both routers (tests/fixtures/exposure/dual-homed-embassy).
TEST(ExposureCli, TheDualHomedEmbassyIsExposedWithACutOfBothRouters) {
  const Json doc = run_json("exposure '" + kDualHomed + "' --vendors huawei --blast-radius", 1);
  const Json& emb = facility(doc, "F-US-EMB");
  EXPECT_TRUE(emb["unavoidable"]["elements"].size() > 0);
  EXPECT_EQ(std::count(emb["unavoidable"]["vendors"].begin(), emb["unavoidable"]["vendors"].end(), "huawei"), 0);
  EXPECT_EQ(emb["exposed"], true);
  EXPECT_EQ(strings(emb["exposed_to"]), (Strings{"huawei"}));
  EXPECT_EQ(strings(emb["exposed_via"]), (Strings{"transport", "influence"}));
  EXPECT_EQ(strings(emb["cut"]), (Strings{"AGG-H1", "AGG-H2"}));
  EXPECT_EQ(strings(operator_entry(emb, "alba")["cut"]), (Strings{"AGG-H1", "AGG-H2"}));
  // The residence: brig's traffic has a clean way, alba's has not.
  const Json& res = facility(doc, "F-US-RES");
  EXPECT_EQ(res["exposed"], false);
  EXPECT_EQ(operator_entry(res, "alba")["exposed"], true);
  EXPECT_EQ(operator_entry(res, "brig")["exposed"], false);
  EXPECT_TRUE(operator_entry(res, "brig")["cut"].empty());
  EXPECT_EQ(strings(res["cut"]), (Strings{"AGG-H1", "AGG-H2"}));
  EXPECT_EQ(facility(doc, "F-US-CONS")["exposed"], false);
  EXPECT_EQ(doc["summary"]["exposed"], 1);

  // Blast radius is the outage seen from the other side: Huawei's failure cuts off C1.
  const Json outage = run_json("outage '" + kDualHomed + "' --vendor huawei --mode failure", 0);
  std::int64_t cut_off = 0;
  for (const auto& o : outage["scenarios"][0]["operators"])
    cut_off += o["sites_total"].get<std::int64_t>() - o["sites_surviving"].get<std::int64_t>();
  for (const auto& v : doc["vendors"])
    if (v["vendor"] == "huawei") {
      EXPECT_EQ(v["must_cross"]["sites"], cut_off);
    }
  EXPECT_EQ(cut_off, 1);

  // Cell sites' cuts only when asked for (they cost a minute on a national network).
  const Json sites = run_json("exposure '" + kDualHomed + "' --vendors huawei --sites", 1);
  for (const auto& c : sites["cell_sites"]) EXPECT_FALSE(c.contains("cut")) << c["id"];
  const Json cuts = run_json("exposure '" + kDualHomed + "' --vendors huawei --sites --site-cuts", 1);
  for (const auto& c : cuts["cell_sites"])
    if (c["id"] == "C1") {
      EXPECT_EQ(strings(c["cut"]), (Strings{"AGG-H1", "AGG-H2"}));
    }
  EXPECT_EQ(run_netvet("exposure '" + kDualHomed + "' --vendors huawei --site-cuts").exit_code, 2);  // needs --sites

  const CliRun text = run_netvet("exposure '" + kDualHomed + "' --vendors huawei");
  EXPECT_EQ(text.exit_code, 1);
  for (const char* s : {"EXPOSED (transport, influence) to huawei; cut: 2 elements: AGG-H1, AGG-H2",
                        "via brig", "alba: 2 of 2 (100.0%) of the facilities it serves"})
    EXPECT_NE(text.out.find(s), std::string::npos) << s << "\n" << text.out;
}

TEST(ExposureCli, UsColocationFlagsTheDualHomedEmbassyAndTheResidencePerOperator) {
  const CliRun r = run_netvet("check '" + kDualHomed + "' --policy us-colocation --as-of 2026-11-01 --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const Json doc = Json::parse(r.out);
  Strings flagged;
  for (const auto& f : doc["findings"]) {
    flagged.push_back(f["subject"]["id"]);
    EXPECT_EQ(f["vendor"], "huawei");
    EXPECT_EQ(f["operator"], "alba");
    const std::string message = f["message"];
    EXPECT_NE(message.find("AGG-H1"), std::string::npos) << message;
    EXPECT_NE(message.find("AGG-H2"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
    // The residence as a whole is not exposed (its other operator is clean), yet the
    // vendor its alba users are exposed to is named, not "the vendors taken together".
    EXPECT_NE(message.find("is exposed to huawei ("), std::string::npos) << message;
  }
  std::sort(flagged.begin(), flagged.end());
  EXPECT_EQ(flagged, (Strings{"F-US-EMB", "F-US-RES"}));
}

TEST(ExposureCli, VendorNamesGoThroughTheRegistry) {
  const Json a = run_json("exposure '" + kLondon + "' --vendors 'HUAWEI, ZTE Corporation'", 0);
  EXPECT_EQ(a["designated"]["vendors"], (Strings{"huawei", "zte"}));
}

TEST(ExposureCli, ExitCodeFollowsKindAndOwner) {
  TempDir dir;
  const std::string inv = london_plus(dir);
  EXPECT_EQ(run_netvet("exposure '" + inv + "' --vendors huawei,zte").exit_code, 1);
  EXPECT_EQ(run_netvet("exposure '" + inv + "' --vendors zte --kind military").exit_code, 1);  // F-BRIX: zte
  EXPECT_EQ(run_netvet("exposure '" + inv + "' --vendors huawei,zte --owner US").exit_code, 1);        // F-ELMS: huawei
  EXPECT_EQ(run_netvet("exposure '" + inv + "' --vendors huawei,zte --kind government,cni").exit_code, 0);
  EXPECT_EQ(run_netvet("exposure '" + inv + "' --vendors huawei,zte --owner GB --kind embassy").exit_code, 0);
  EXPECT_EQ(run_netvet("exposure '" + inv + "' --vendors zte --owner us").exit_code, 0);
  EXPECT_EQ(run_netvet("exposure '" + inv + "'").exit_code, 0);  // nothing designated: nothing exposed

  const Json doc = run_json("exposure '" + inv + "' --vendors huawei,zte --kind military,embassy", 1);
  Strings ids;
  for (const auto& f : doc["facilities"]) ids.push_back(f["id"]);
  EXPECT_EQ(ids, (Strings{"F-BRIX", "F-ELMS", "F-US-EMB"}));
  // ZTE from the cell site to its router, then AGG1-R1, a Huawei router, in front of the core.
  EXPECT_EQ(strings(facility(doc, "F-BRIX")["exposed_to"]), (Strings{"huawei", "zte"}));
  EXPECT_EQ(strings(facility(doc, "F-BRIX")["unavoidable"]["elements"]),
            (Strings{"AGG1-R1", "C5-CSR", "C5-GNB", "CORE1-R1"}));
  EXPECT_EQ(strings(facility(doc, "F-ELMS")["exposed_to"]), (Strings{"huawei"}));
}

TEST(ExposureCli, AFacilityThatCannotReachTheCoreIsIsolated) {
  TempDir dir;
  const std::string inv = london_plus(dir);
  const Json doc = run_json("exposure '" + inv + "' --vendors huawei --owner FR", 0);
  const Json& cut = facility(doc, "F-CUTOFF");
  EXPECT_EQ(cut["isolated"], true);
  EXPECT_TRUE(cut["unavoidable"]["elements"].empty());
  EXPECT_TRUE(cut["exposed_to"].empty());
  EXPECT_EQ(doc["summary"]["isolated"], 1);
  const CliRun text = run_netvet("exposure '" + inv + "' --vendors huawei --owner FR");
  EXPECT_NE(text.out.find("ISOLATED"), std::string::npos) << text.out;
}

// The embassy has no served_by, so the serving radius decides who serves it: C1 is 113 m
// away, C6 225 m, C2 1.9 km. At 150 m C1 alone serves it, and its chain is Huawei's up to
// the core router; under 113 m nothing serves it, and it is listed all the same, isolated
// (spec: a facility is served by the cell sites within the radius; none leaves it no path).
TEST(ExposureCli, TheServingRadiusDecidesWhoServesTheEmbassy) {
  Json doc = run_json("exposure '" + kLondon + "' --serving-radius 0.15", 0);
  const Json& near = facility(doc, "F-US-EMB");
  EXPECT_EQ(strings(near["served_by"]), (Strings{"C1"}));
  EXPECT_EQ(operator_ids(near), (Strings{"alba"}));
  EXPECT_EQ(near["isolated"], false);
  // C1's antenna, radio and gNodeB are all sources: the gNodeB is the first element every
  // path crosses, then C1's router, AGG1-R1 (both ways out of it) and CORE1-R1.
  EXPECT_EQ(strings(near["unavoidable"]["elements"]), (Strings{"AGG1-R1", "C1-CSR", "C1-GNB", "CORE1-R1"}));
  EXPECT_EQ(strings(near["unavoidable"]["vendors"]), (Strings{"cisco", "huawei"}));
  doc = run_json("exposure '" + kLondon + "' --serving-radius 0.15 --vendors huawei", 1);
  EXPECT_EQ(strings(facility(doc, "F-US-EMB")["exposed_to"]), (Strings{"huawei"}));

  for (const char* radius : {"0.1", "0"}) {
    doc = run_json(std::string("exposure '") + kLondon + "' --serving-radius " + radius + " --vendors huawei", 0);
    ASSERT_EQ(doc["facilities"].size(), 3U) << radius;
    const Json& far = facility(doc, "F-US-EMB");
    EXPECT_TRUE(far["served_by"].empty()) << radius;
    EXPECT_EQ(far["isolated"], true) << radius;
    EXPECT_TRUE(far["unavoidable"]["elements"].empty());
    EXPECT_TRUE(far["control_plane"]["vendors"].empty()) << "no serving operator, no control plane";
    EXPECT_EQ(doc["summary"]["isolated"], 1) << radius;
  }
  const CliRun text = run_netvet("exposure '" + kLondon + "' --serving-radius 0.1");
  EXPECT_NE(text.out.find("no site (no served_by, and no cell site reaches it: by its range_km, or within 0.1 km without one)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("ISOLATED: no site serves it"), std::string::npos) << text.out;

  const CliRun negative = run_netvet("exposure '" + kLondon + "' --serving-radius -1");
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_NE(negative.err.find("'-1' is not a distance in km: expected a number, 0 or more"), std::string::npos)
      << negative.err;
}

TEST(ExposureCli, TextShowsEachFacilityAndTheBlastRadius) {
  const CliRun r = run_netvet("exposure '" + kLondon + "' --designated gb:designated --blast-radius --sites");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* s : {"F-DOCKS  cni, owner GB", "F-US-EMB  embassy, owner US", "alba, brig", "gb:designated (huawei)",
                        "Cell sites: 8", "Blast radius per vendor", "huawei *", "C4-SC"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  // Every path of C1 and C5 crosses AGG1-R1 (Huawei): C1 itself is Huawei too.
  const Json doc = run_json("exposure '" + kLondon + "' --designated gb:designated --blast-radius --sites", 0);
  ASSERT_EQ(doc["cell_sites"].size(), 8u);
  EXPECT_EQ(doc["cell_sites"][0]["id"], "C1");
  EXPECT_EQ(doc["blast_radius"]["sites_total"], 8);
  for (const auto& b : doc["blast_radius"]["vendors"]) {
    if (b["vendor"] == "huawei") {
      EXPECT_EQ(b["sites_crossing"], 2);  // C1, C5
      EXPECT_EQ(b["subscribers_crossing"], 4200 + 3900);
      EXPECT_EQ(b["designated"], true);
    }
    if (b["vendor"] == "cisco") { EXPECT_EQ(b["sites_crossing"], 6); }  // CORE1-R1: every alba site
  }
}

TEST(ExposureCli, BadInputExitsTwoAndSaysWhatExists) {
  CliRun r = run_netvet("exposure '" + kLondon + "' --designated xx:designated");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("built-in packs:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gb"), std::string::npos) << r.err;
  r = run_netvet("exposure '" + kLondon + "' --designated gb:nope");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("it has: designated"), std::string::npos) << r.err;
  r = run_netvet("exposure '" + kLondon + "' --designated gb");
  EXPECT_EQ(r.exit_code, 2);
  r = run_netvet("exposure '" + kLondon + "' --vendors huawie-nope");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("vendors in this inventory:"), std::string::npos) << r.err;
  r = run_netvet("exposure '" + kLondon + "' --vendors huawei --designated gb:designated");
  EXPECT_EQ(r.exit_code, 2);
  r = run_netvet("exposure '" + kLondon + "' --kind palace");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("embassy"), std::string::npos) << r.err;
  TempDir dir;
  r = run_netvet("exposure '" + kLondon + "' --vendors nope --format json --output '" + (dir / "x.json") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.json"));
}

TEST(ExposureCli, HtmlIsSelfContainedWithChainsAndOutageChart) {
  TempDir dir;
  const std::string out = dir / "exposure.html";
  const CliRun r = run_netvet("exposure '" + kLondon + "' --designated gb:designated --serving-radius 0.15 --format html --output '" + out + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string html = read_file(out);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos) << "a placeholder left unfilled";
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // F-DOCKS's chain in path order, from the small cell to the core router.
  const auto docks = html.find("id=\"fac-F-DOCKS\"");
  ASSERT_NE(docks, std::string::npos);
  std::size_t at = docks;
  for (const char* e : {"C4-SC", "C4-CSR", "C4-MW", "C3-MW", "C3-CSR", "AGG1-R2", "CORE1-R1"}) {
    const auto next = html.find(std::string(">") + e + "<", at);
    ASSERT_NE(next, std::string::npos) << e;
    at = next;
  }
  EXPECT_NE(html.find("exposed to huawei"), std::string::npos);
  EXPECT_NE(html.find("chip designated"), std::string::npos);
  // The outage chart: Huawei's group, with alba's bars.
  EXPECT_NE(html.find("data-vendors=\"huawei\""), std::string::npos);
  EXPECT_NE(html.find("data-operator=\"alba\""), std::string::npos);
}

}  // namespace
}  // namespace netvet::testing
