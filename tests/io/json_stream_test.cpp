// A JSON document big enough to be read in many runs of rows, each parsed on a helper
// thread while the last is loaded: every row must come back as written, including an
// unknown key that first appears in a late run and values with escapes.

#include <gtest/gtest.h>

#include "gen/generate.h"
#include "io/inventory_io.h"
#include "io_test_util.h"

namespace netvet::io {
namespace {

TEST(JsonStream, ManyRunsOfRowsReadBackAsWritten) {
  auto generated = gen::generate({.country = "NZ", .sites = 3000, .seed = 3});
  ASSERT_TRUE(generated.has_value());
  Inventory& inv = *generated;
  // An attribute only the last element has (so the key is new in the last run), and one
  // on a link halfway down, with quotes and a backslash that JSON escapes.
  const std::size_t audit = inv.elements.extra.column("audit", inv.elements.size());
  inv.elements.extra.values[audit].back() = inv.strings.intern("checked \"2026\" by C:\\ops");
  const std::size_t circuit = inv.links.extra.column("circuit", inv.links.size());
  inv.links.extra.values[circuit][inv.links.size() / 2] = inv.strings.intern("LON-7\t\"dark\"");

  testing::ScratchDir dir;
  const auto first = dir.path() / "first.json", second = dir.path() / "second.json";
  ASSERT_TRUE(write_json(inv, first).has_value());
  const std::string written = testing::slurp(first);
  ASSERT_GT(written.size(), 4u << 20) << "the document must span several runs of rows";

  auto read = read_json(first);
  ASSERT_TRUE(read.has_value()) << testing::describe(read.error());
  ASSERT_EQ(read->elements.size(), inv.elements.size());
  ASSERT_EQ(read->links.size(), inv.links.size());
  const auto& names = read->elements.extra.names;
  const auto at = static_cast<std::size_t>(std::ranges::find(names, "audit") - names.begin());
  ASSERT_LT(at, names.size());
  EXPECT_EQ(read->str(read->elements.extra.values[at].back()), "checked \"2026\" by C:\\ops");
  EXPECT_EQ(read->str(read->elements.extra.values[at].front()), "");
  // Everything else: written again, the document is the same to the byte.
  ASSERT_TRUE(write_json(*read, second).has_value());
  EXPECT_TRUE(testing::slurp(second) == written);
}

}  // namespace
}  // namespace netvet::io
