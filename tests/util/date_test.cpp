#include "util/date.h"

#include <gtest/gtest.h>

namespace netvet {
namespace {

TEST(Date, ParsesIsoDatesAndFormatsThemBack) {
  const auto d = parse_date("2027-12-31");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2027-12-31");
  EXPECT_EQ(*parse_date("1970-01-02"), 1);
  EXPECT_LT(*parse_date("2020-12-31"), *parse_date("2021-01-01"));
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-13-01"));
  EXPECT_FALSE(parse_date("31/12/2027"));
  EXPECT_FALSE(parse_date("2027-1-31"));
  EXPECT_FALSE(parse_date(""));
}

}  // namespace
}  // namespace netvet
