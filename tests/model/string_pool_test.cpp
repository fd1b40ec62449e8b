#include "model/string_pool.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

namespace netvet {
namespace {

TEST(StringPool, InternsEachTextOnceWithDenseIds) {
  StringPool pool;
  EXPECT_EQ(pool.intern(""), kEmptyStr);
  const StrId a = pool.intern("huawei");
  const StrId b = pool.intern("zte");
  EXPECT_EQ(pool.intern("huawei"), a);
  EXPECT_NE(a, b);
  EXPECT_EQ(pool[a], "huawei");
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool.find("zte"), b);
  EXPECT_FALSE(pool.find("nokia"));
}

TEST(StringPool, ViewsSurviveGrowthAcrossChunksAndMoves) {
  StringPool pool;
  const StrId first = pool.intern("E0000000");
  const std::string_view view = pool[first];
  for (int i = 1; i < 300000; ++i) pool.intern(fmt::format("E{}", i));
  pool.intern(std::string(600000, 'x'));  // a text larger than a chunk
  StringPool moved = std::move(pool);
  EXPECT_EQ(view, "E0000000");
  EXPECT_EQ(moved[first], "E0000000");
  EXPECT_EQ(moved[*moved.find("E299999")], "E299999");
}

}  // namespace
}  // namespace netvet
