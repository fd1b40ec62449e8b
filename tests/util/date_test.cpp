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

// What a user is told about a date that does not parse: what exactly is wrong.
TEST(Date, SaysWhatIsWrongWithADate) {
  EXPECT_EQ(date_problem("2026-11-22"), "");
  EXPECT_EQ(date_problem("2024-02-29"), "");
  EXPECT_EQ(date_problem("2026-13-01"), "month 13 is out of range (01-12)");
  EXPECT_EQ(date_problem("2026-00-10"), "month 00 is out of range (01-12)");
  EXPECT_EQ(date_problem("2026-02-30"), "day 30 does not exist in February 2026, which has 28 days");
  EXPECT_EQ(date_problem("2023-02-29"), "day 29 does not exist in February 2023, which has 28 days");
  EXPECT_EQ(date_problem("2026-04-31"), "day 31 does not exist in April 2026, which has 30 days");
  EXPECT_EQ(date_problem("2026-04-00"), "day 00 does not exist in April 2026, which has 30 days");
  EXPECT_NE(date_problem("31/12/2027").find("expected YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(date_problem("2027-1-31").find("two-digit month and day"), std::string::npos);
  EXPECT_NE(date_problem("2027-ab-31").find("digits only"), std::string::npos);
  EXPECT_NE(date_problem("").find("expected YYYY-MM-DD"), std::string::npos);
}

}  // namespace
}  // namespace netvet
