// Baselines: the fingerprints of an earlier `check --format json` document.

#include <gtest/gtest.h>

#include "policy/baseline.h"

namespace netvet::policy {
namespace {

TEST(Baseline, ReadsTheFingerprintsOfTheFindings) {
  const auto b = parse_baseline(R"({"as_of": "2026-01-01", "summary": {"fingerprint": "ffffffffffffffff"},
    "findings": [{"rule": "x", "subject": {"kind": "element", "id": "E1"}, "fingerprint": "00000000000000ff"},
                 {"rule": "y", "fingerprint": "0000000000000001", "measured": {"value": 1}}],
    "measures": [{"fingerprint": "000000000000abcd"}]})", "old.json");
  ASSERT_TRUE(b) << b.error().front().to_string();
  EXPECT_EQ(b->fingerprints, (std::vector<std::uint64_t>{1, 255}));
  EXPECT_TRUE(b->contains(255));
  EXPECT_FALSE(b->contains(0xffffffffffffffffULL)) << "only findings[] count";
  EXPECT_FALSE(b->contains(0xabcd));
}

TEST(Baseline, AnEmptyRunIsABaselineWithoutFindings) {
  const auto b = parse_baseline(R"({"findings": []})", "old.json");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->fingerprints.empty());
}

TEST(Baseline, RejectsWhatIsNotACheckDocument) {
  auto b = parse_baseline("{\n  \"findings\": [\n    {\"fingerprint\": 12,}\n  ]\n}", "old.json");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().front().file, "old.json");
  EXPECT_EQ(b.error().front().line, 3);
  EXPECT_NE(b.error().front().message.find("not a JSON document"), std::string::npos);
  b = parse_baseline(R"({"operators": []})", "old.json");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().front().message.find("no \"findings\" list"), std::string::npos);
  b = parse_baseline(R"({"findings": [{"rule": "x"}]})", "old.json");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().front().message.find("1 of 1 findings have no \"fingerprint\""), std::string::npos)
      << b.error().front().message;
  b = parse_baseline(R"({"findings": [{"fingerprint": "nothex"}]})", "old.json");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().front().value, "nothex");
}

}  // namespace
}  // namespace netvet::policy
