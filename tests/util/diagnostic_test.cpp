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
