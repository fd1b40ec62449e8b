#include "util/text.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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

// The one strict validator (RFC 3629): what the old check let through.
TEST(Text, RefusesOverlongSurrogatesAndBeyondU10FFFF) {
  // Boundaries that are valid: U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF.
  for (const char* ok : {"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
                         "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf"})
    EXPECT_FALSE(find_non_text_byte(ok)) << ok;
  const std::pair<const char*, const char*> bad[] = {
      {"a\xc0\xaf", "overlong"},         {"a\xc1\xbf", "overlong"},  // 2-byte overlong ('/', DEL)
      {"a\xe0\x80\xaf", "overlong"},     {"a\xe0\x9f\xbf", "overlong"},
      {"a\xf0\x80\x80\xaf", "overlong"}, {"a\xf0\x8f\xbf\xbf", "overlong"},
      {"a\xed\xa0\x80", "surrogate"},    {"a\xed\xbf\xbf", "surrogate"},  // U+D800, U+DFFF
      {"a\xf4\x90\x80\x80", "above U+10FFFF"}, {"a\xf5\x80\x80\x80", "above U+10FFFF"},
      {"a\xff", "above U+10FFFF"},         {"a\x80", "does not start"},
      {"a\x1b[31m", "control byte 0x1B"},  {"a\xe2\x82", "truncated"}};
  for (const auto& [text, why] : bad) {
    EXPECT_EQ(find_non_text_byte(text), 1u) << text;
    EXPECT_NE(describe_non_text_byte(text, 1).find(why), std::string::npos) << describe_non_text_byte(text, 1);
  }
}

TEST(Text, PrintableEscapesControlsAndCutsLongValues) {
  EXPECT_EQ(printable("red\x1b[31m!\x07"), "red\\x1b[31m!\\x07");
  EXPECT_EQ(printable("csi\xc2\x9b" "2J"), "csi\\xc2\\x9b" "2J");  // the C1 CSI a terminal obeys
  EXPECT_EQ(printable("bad\xff\xed\xa0\x80"), "bad\\xff\\xed\\xa0\\x80");
  EXPECT_EQ(printable("Zürich\tline\nnext"), "Zürich\\x09line\\x0anext");
  EXPECT_EQ(printable("a\nb", 200, true), "a\nb");
  const std::string long_value(1'000'000, 'x');
  EXPECT_EQ(printable(long_value, 10), "xxxxxxxxxx\u2026 (1000000 bytes)");
  // Cut at a character boundary, never inside "ü".
  EXPECT_EQ(printable("üüüüü", 3), "üü\u2026 (10 bytes)");
}

// 20 rows with a 1 MB unknown name took 55 s: long words get no suggestion, at once.
TEST(Text, NoSuggestionsForLongWords) {
  const std::vector<std::string> names{"gnb", "enb", "upf", "amf"};
  EXPECT_EQ(closest("gnbb", names).front(), "gnb");
  EXPECT_TRUE(closest(std::string(1'000'000, 'g'), names).empty());
}

}  // namespace
}  // namespace netvet
