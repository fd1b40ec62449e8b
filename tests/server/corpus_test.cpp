// The inventory fuzz corpus (tests/fuzz/corpus/json: every shape of broken and odd JSON
// the reader has been fuzzed with) replayed through POST /v1/submissions: never a 5xx,
// and whatever is refused leaves nothing stored.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "service_fixture.h"

namespace netvet::testing {
namespace {

class CorpusTest : public ServiceTest {};

TEST_P(CorpusTest, TheFuzzCorpusThroughTheApiGetsNoServerError) {
  const std::filesystem::path corpus = std::filesystem::path(NETVET_SOURCE_DIR) / "tests/fuzz/corpus/json";
  std::size_t files = 0, stored = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    for (const std::string& token : {admin_, operator_a_}) {
      const auto answer = call("POST", "/v1/submissions", token, body.str());
      EXPECT_LT(answer.status, 500) << entry.path().filename() << ": " << answer.body;
      EXPECT_TRUE(answer.status == 201 || answer.status == 400 || answer.status == 403) << entry.path().filename();
      if (answer.status != 201) {
        EXPECT_NE(answer.body.find("\"message\""), std::string::npos) << entry.path().filename();
      } else {
        ++stored;
      }
    }
    ++files;
  }
  EXPECT_GT(files, 10U);
  // What was stored is exactly what was acknowledged.
  const auto listed = nlohmann::json::parse(call("GET", "/v1/submissions?limit=500", admin_).body);
  EXPECT_EQ(listed["items"].size(), stored);
}

INSTANTIATE_TEST_SUITE_P(Stores, CorpusTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
