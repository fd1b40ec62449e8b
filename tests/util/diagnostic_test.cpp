#include "util/diagnostic.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace netvet {
namespace {

TEST(Diagnostic, NamesFileLineColumnAndValue) {
  Diagnostic d{.file = "net/elements.csv", .row = 12, .column = "function", .value = "gnodebb",
               .message = "unknown function"};
  EXPECT_EQ(d.to_string(), "net/elements.csv:13: column 'function': unknown function (value 'gnodebb')");
  Diagnostic j{.file = "net.json", .pointer = "/elements/3/vendor", .message = "expected a string"};
  EXPECT_EQ(j.to_string(), "net.json at /elements/3/vendor: expected a string");
}

// Terminal escapes from the input are shown escaped; a long value is cut, and echoed once.
TEST(Diagnostic, RendersControlBytesEscapedAndLongValuesOnce) {
  Diagnostic d{.file = "net/elements.csv", .row = 1, .column = "function", .value = "\x1b]0;pwned\x07",
               .message = "unknown function '\x1b]0;pwned\x07'"};
  EXPECT_EQ(d.to_string(),
            "net/elements.csv:2: column 'function': unknown function '\\x1b]0;pwned\\x07' (value '\\x1b]0;pwned\\x07')");
  const std::string huge(1'000'000, 'g');
  Diagnostic big{.file = "e.csv", .row = 1, .column = "function", .value = huge,
                 .message = fmt::format("unknown function '{}'; expected one of gnb, enb", huge)};
  const std::string text = big.to_string();
  EXPECT_LT(text.size(), 400u) << text.size();
  EXPECT_NE(text.find("\u2026 (1000000 bytes)'; expected one of gnb, enb"), std::string::npos) << text;
  EXPECT_EQ(text.find("(value"), std::string::npos) << "a long value is echoed once";
  const Diagnostic shown = big.for_display();
  EXPECT_TRUE(shown.value.empty());
  // A long value the message does not quote is shown once, cut.
  Diagnostic other{.file = "e.csv", .value = huge, .message = "too long"};
  EXPECT_NE(other.to_string().find("(value 'ggg"), std::string::npos);
  EXPECT_LT(other.to_string().size(), 200u);
}

TEST(Diagnostic, FoldsRepeatsIntoTheFirstFewWithATotal) {
  Diagnostics many;
  for (int i = 1; i <= 40; ++i)
    many.push_back({.file = "links.csv", .row = i, .column = "a", .value = fmt::format("E{}", i),
                    .message = "unknown element 'x'"});
  many.push_back({.file = "links.csv", .row = 41, .column = "kind", .message = "unknown link kind"});
  const auto folded = fold_repeats(many, 5);
  ASSERT_EQ(folded.size(), 6u);
  EXPECT_EQ(folded[4].count, 40);  // the last one shown carries the group's total
  EXPECT_NE(folded[4].to_string().find("[40 instances in total]"), std::string::npos);
  EXPECT_EQ(folded[5].column, "kind");
}

}  // namespace
}  // namespace netvet
