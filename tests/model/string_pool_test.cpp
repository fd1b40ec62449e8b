#include "model/string_pool.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// A long text gets a chunk of its own; the short texts after it must go on in the chunk
// being filled, not into the long text's chunk at the old offset (a heap overflow that
// corrupted the long text in a release build).
TEST(StringPool, ShortTextsAfterALongOneDoNotOverwriteIt) {
  StringPool pool;
  const StrId small = pool.intern("op-1");
  const std::string long_text(300000, 'L');
  const StrId big = pool.intern(long_text);
  std::vector<StrId> after;
  for (int i = 0; i < 20000; ++i) after.push_back(pool.intern(fmt::format("E{:06}", i)));
  EXPECT_EQ(pool[small], "op-1");
  EXPECT_EQ(pool[big], long_text);
  for (int i = 0; i < 20000; ++i) EXPECT_EQ(pool[after[static_cast<std::size_t>(i)]], fmt::format("E{:06}", i));
  // A long text as the very first string, then short ones.
  StringPool first_long;
  const StrId b = first_long.intern(long_text);
  const StrId s = first_long.intern("x");
  EXPECT_EQ(first_long[b], long_text);
  EXPECT_EQ(first_long[s], "x");
}

}  // namespace
}  // namespace netvet
