#include "model/functions.h"

#include <gtest/gtest.h>

namespace netvet {
namespace {

TEST(Functions, BuiltinVocabularyHasEverySpecFunctionInItsDomain) {
  const auto& v = FunctionVocabulary::builtin();
  const std::vector<std::pair<std::string, Domain>> spec = {
      {"ru", Domain::ran}, {"du", Domain::ran}, {"cu", Domain::ran}, {"gnb", Domain::ran},
      {"enb", Domain::ran}, {"small_cell", Domain::ran}, {"antenna", Domain::ran},
      {"csr", Domain::transport}, {"router", Domain::transport}, {"switch", Domain::transport},
      {"optical", Domain::transport}, {"microwave", Domain::transport}, {"upf", Domain::core},
      {"sgw", Domain::core}, {"pgw", Domain::core}, {"amf", Domain::core}, {"smf", Domain::core},
      {"ausf", Domain::core}, {"udm", Domain::core}, {"udr", Domain::core}, {"pcf", Domain::core},
      {"nrf", Domain::core}, {"nssf", Domain::core}, {"nef", Domain::core}, {"scp", Domain::core},
      {"chf", Domain::core}, {"mme", Domain::core}, {"hss", Domain::core}, {"pcrf", Domain::core},
      {"ims", Domain::core}, {"sepp", Domain::interconnect}, {"ipx", Domain::interconnect},
      {"peering", Domain::interconnect}, {"sbc", Domain::interconnect}, {"dea", Domain::interconnect},
      {"oss", Domain::management}, {"ems", Domain::management}, {"nms", Domain::management},
      {"mano", Domain::management}, {"nfvi", Domain::management}, {"li", Domain::management},
      {"remote_access", Domain::management}, {"firewall", Domain::management}};
  EXPECT_EQ(v.size(), spec.size());
  for (const auto& [name, domain] : spec) {
    const auto id = v.find(name);
    ASSERT_TRUE(id) << name;
    EXPECT_EQ(v[*id].id, name);
    EXPECT_EQ(v[*id].domain, domain) << name;
  }
}

TEST(Functions, SinksAndControlPlaneFollowTheSpec) {
  const auto& v = FunctionVocabulary::builtin();
  std::vector<std::string> sinks, control;
  for (const auto& f : v.all()) {
    if (f.sink) sinks.push_back(f.id);
    if (f.plane == Plane::control) control.push_back(f.id);
  }
  EXPECT_EQ(sinks, (std::vector<std::string>{"upf", "pgw"}));
  EXPECT_EQ(control, (std::vector<std::string>{"amf", "smf", "ausf", "udm", "udr", "pcf", "nrf", "nssf",
                                               "nef", "scp", "chf", "mme", "hss", "pcrf", "ims"}));
}

TEST(Functions, AliasesAreMatchedIgnoringCaseAndSeparators) {
  const auto& v = FunctionVocabulary::builtin();
  EXPECT_EQ(v[*v.find("gNodeB")].id, "gnb");
  EXPECT_EQ(v[*v.find("E-NODEB")].id, "enb");
  EXPECT_EQ(v[*v.find("BBU")].id, "du");
  EXPECT_EQ(v[*v.find("AAU")].id, "ru");
  EXPECT_EQ(v[*v.find("RRU")].id, "ru");
  EXPECT_EQ(v[*v.find("Small Cell")].id, "small_cell");
  EXPECT_FALSE(v.find("toaster"));
}

TEST(Functions, SuggestsTheClosestNamesForAnUnknownOne) {
  const auto& v = FunctionVocabulary::builtin();
  const auto s = v.suggestions("gnbb");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "gnb");
}

TEST(Functions, BadVocabularyFilesAreRejectedWithTheirLine) {
  const auto bad = FunctionVocabulary::from_yaml("functions:\n  - id: x\n    domain: radio\n", "f.yaml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().front().line, 2);
  EXPECT_NE(bad.error().front().message.find("unknown domain 'radio'"), std::string::npos);
  const auto broken = FunctionVocabulary::from_yaml("functions: [\n", "f.yaml");
  ASSERT_FALSE(broken);
  EXPECT_GT(broken.error().front().line, 0);
}

}  // namespace
}  // namespace netvet
