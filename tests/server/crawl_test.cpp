// The canary crawl: operator B's data carries marker strings; with A's token every
// operation of the OpenAPI document is called — lists, pages, objects, documents, errors —
// with B's real ids, guessed ids and A's own. No marker, id or operator name of B's may
// appear in any answer, and B's ids must answer exactly as ids that do not exist. The
// same crawl runs on PostgreSQL with the store's own operator filter removed: row-level
// security alone must hold.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/inventory_io.h"
#include "server/multipart.h"
#include "service_fixture.h"

namespace netvet::testing {
namespace {

using nlohmann::json;

class CrawlTest : public ServiceTest {};

struct Leak {
  std::string call, found;
};

TEST_P(CrawlTest, OperatorAFindsNothingOfOperatorBs) {
  // Policies in force, so that every submission is assessed by the service as well (its
  // assessments of B's are B's too).
  ASSERT_EQ(call("PUT", "/v1/policies", admin_, R"({"policies": ["gb"], "as_of": "2028-01-01"})").status, 200);
  // B's data, with markers everywhere a text can go; A's own, plainly named.
  // The last of B's is its CSV bundle, as multipart/form-data.
  std::vector<std::string> b_ids, b_assessments;
  for (int i = 0; i < 3; ++i) {
    const std::string document = small_inventory("op-b", "CANARY-B-" + std::to_string(i));
    server::Response created;
    if (i < 2) {
      created = call("POST", "/v1/submissions", operator_b_, document);
    } else {
      auto inventory = io::read_json_text(document, "b.json");
      ASSERT_TRUE(inventory);
      const auto bundle = std::filesystem::path(folder_) / "b-bundle";
      ASSERT_TRUE(io::write_csv_bundle(*inventory, bundle));
      std::vector<server::FormFile> files;
      for (const auto& name : io::csv_bundle_files()) {
        if (!std::filesystem::exists(bundle / name)) continue;
        std::ifstream in(bundle / name, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        files.push_back({name, "text/csv", text.str()});
      }
      const auto form = server::write_form_data(files);
      created = call("POST", "/v1/submissions", operator_b_, form.body, form.content_type);
    }
    ASSERT_EQ(created.status, 201) << created.body;
    b_ids.push_back(json::parse(created.body)["id"]);
    ASSERT_TRUE(json::parse(created.body)["assessment"].is_object()) << created.body;
    b_assessments.push_back(json::parse(created.body)["assessment"]["id"]);
  }
  const auto mine = call("POST", "/v1/submissions", operator_a_, small_inventory("op-a", "alpha"));
  ASSERT_EQ(mine.status, 201);
  const std::string a_id = json::parse(mine.body)["id"];
  std::vector<std::string> markers = {"CANARY-B", "op-b"};
  markers.insert(markers.end(), b_ids.begin(), b_ids.end());
  markers.insert(markers.end(), b_assessments.begin(), b_assessments.end());
  // Guessed ids, one per real one: the same shape, never issued.
  std::vector<std::string> guessed;
  for (const auto& id : b_ids) guessed.push_back("s-" + std::string(id.size() - 2, 'f'));

  const json openapi = json::parse(call("GET", "/v1/openapi.json", "").body);
  std::vector<Leak> leaks;
  std::size_t calls = 0;
  // Scans an answer; `echo` is the id the request itself named, which an error message may
  // repeat (and does alike for an id that does not exist): replaced before the scan.
  const auto scan = [&](const std::string& what, const server::Response& answer, const std::string& echo = {},
                        const std::string& stand_in = {}) {
    ++calls;
    std::string body = answer.body;
    if (!echo.empty())
      for (auto at = body.find(echo); at != std::string::npos; at = body.find(echo)) body.replace(at, echo.size(), stand_in);
    for (const auto& marker : markers)
      if (body.find(marker) != std::string::npos) leaks.push_back({what, marker});
    for (const auto& [name, value] : answer.headers)
      for (const auto& marker : markers)
        if (value.find(marker) != std::string::npos) leaks.push_back({what + " header " + name, marker});
  };
  const std::vector<std::string> query_variants = {"", "?limit=1", "?limit=500"};
  for (const auto& [path, methods] : openapi["paths"].items()) {
    for (const auto& [method_lower, operation] : methods.items()) {
      std::string method = method_lower;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const bool has_id = path.find("{id}") != std::string::npos;
      const auto concrete = [&](const std::string& id) {
        std::string target = path;
        if (has_id) target.replace(target.find("{id}"), 4, id);
        return target;
      };
      // A's own object and plain calls.
      for (const auto& query : query_variants) {
        const std::string target = concrete(a_id) + query;
        scan(method + " " + target, call(method, target, operator_a_, small_inventory("op-a", "beta")));
        scan(method + " " + target + " (malformed body)", call(method, target, operator_a_, "{\"operators\": ["));
      }
      // Query parameters that can name a submission — a cursor on every operation, and each
      // one the operation declares (a diff's `against`) — with B's ids and guessed ones:
      // refused alike, byte for byte but for the id.
      std::vector<std::string> names = {"cursor"};
      if (operation.contains("parameters"))
        for (const auto& parameter : operation["parameters"])
          if (parameter["in"] == "query" && parameter["name"] != "cursor" && parameter["name"] != "limit")
            names.push_back(parameter["name"]);
      for (const auto& name : names) {
        scan(method + " " + path + " " + name + "=A", call(method, concrete(a_id) + "?" + name + "=" + a_id, operator_a_));
        for (std::size_t i = 0; i < b_ids.size(); ++i) {
          const auto real = call(method, concrete(a_id) + "?" + name + "=" + b_ids[i], operator_a_);
          const auto fake = call(method, concrete(a_id) + "?" + name + "=" + guessed[i], operator_a_);
          scan(method + " " + path + " " + name + "=B", real, b_ids[i], guessed[i]);
          std::string normalised = real.body;
          for (auto at = normalised.find(b_ids[i]); at != std::string::npos; at = normalised.find(b_ids[i]))
            normalised.replace(at, b_ids[i].size(), guessed[i]);
          EXPECT_EQ(real.status, fake.status) << method << " " << path << " " << name;
          EXPECT_EQ(normalised, fake.body) << method << " " << path << " " << name;
        }
      }
      if (!has_id) continue;
      // B's real ids against guessed ones: the same answer, byte for byte, but for the id.
      for (std::size_t i = 0; i < b_ids.size(); ++i) {
        const auto real = call(method, concrete(b_ids[i]), operator_a_, "{}");
        const auto fake = call(method, concrete(guessed[i]), operator_a_, "{}");
        scan(method + " " + concrete(b_ids[i]), real, b_ids[i], guessed[i]);
        std::string normalised = real.body;
        for (auto at = normalised.find(b_ids[i]); at != std::string::npos; at = normalised.find(b_ids[i]))
          normalised.replace(at, b_ids[i].size(), guessed[i]);
        EXPECT_EQ(real.status, fake.status) << method << " " << path;
        EXPECT_EQ(normalised, fake.body) << method << " " << path;
      }
    }
  }
  for (const auto& leak : leaks) ADD_FAILURE() << leak.call << " shows '" << leak.found << "'";
  EXPECT_GT(calls, 100U);
  RecordProperty("calls", static_cast<int>(calls));
  // A's list counts A's alone.
  std::size_t as_own = 0;
  const json everything = json::parse(call("GET", "/v1/submissions?limit=500", admin_).body);
  for (const auto& item : everything["items"]) as_own += item["operator"] == "op-a";
  EXPECT_EQ(json::parse(call("GET", "/v1/submissions?limit=500", operator_a_).body)["items"].size(), as_own);
  EXPECT_GT(as_own, 1U);
}

INSTANTIATE_TEST_SUITE_P(Stores, CrawlTest,
                         ::testing::Values("sqlite", "postgresql", "postgresql-without-filter"));

}  // namespace
}  // namespace netvet::testing
