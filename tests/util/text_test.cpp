#include "util/text.h"

#include <gtest/gtest.h>

namespace netvet {
namespace {

TEST(Text, OneLineCollapsesBlanksAndLineBreaks) {
  EXPECT_EQ(one_line("vendor in designated\n  and domain in [core, management]\n"),
            "vendor in designated and domain in [core, management]");
  EXPECT_EQ(one_line("  a\t\tb\r\nc  "), "a b c");
  EXPECT_EQ(one_line(""), "");
}

TEST(Text, SplitListTrimsAndDropsEmptyParts) {
  EXPECT_EQ(split_list(" a; b ;;c; "), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_TRUE(split_list("").empty());
}

TEST(Text, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("gnb", "gnb"), 0u);
}

TEST(Text, ClosestSuggestsPlausibleTyposOnly) {
  const std::vector<std::string> names{"gnb", "enb", "upf", "router", "microwave"};
  const auto got = closest("gnbb", names);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.front(), "gnb");
  EXPECT_TRUE(closest("zzzzzzzz", names).empty());
  EXPECT_EQ(closest("rooter", names).front(), "router");
}

TEST(Text, NumbersRejectStrayCharacters) {
  EXPECT_EQ(parse_integer("1200"), 1200);
  EXPECT_FALSE(parse_integer("12a"));
  EXPECT_FALSE(parse_integer(""));
  EXPECT_DOUBLE_EQ(*parse_number("-0.1276"), -0.1276);
  EXPECT_FALSE(parse_number("51.5x"));
  EXPECT_FALSE(parse_number("nan"));
}

TEST(Text, FindsBinaryBytesAndBadUtf8) {
  EXPECT_FALSE(find_non_text_byte("Zürich,München\n"));
  EXPECT_EQ(find_non_text_byte(std::string_view("ab\0c", 4)), 2u);
  EXPECT_EQ(find_non_text_byte("ok\xff"), 2u);
  EXPECT_EQ(find_non_text_byte("\xc3"), 0u);  // truncated sequence
}

}  // namespace
}  // namespace netvet
