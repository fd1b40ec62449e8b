// The CSV bundle submitted as multipart/form-data: the parser's rules one by one, then on
// both stores — the same inventory as its JSON document in everything the service derives,
// stored and answered byte for byte, every malformed body a 400 saying where, another
// operator's rows a 403, and its assessment the offline `netvet check FOLDER/` exactly.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/inventory_io.h"
#include "server/multipart.h"
#include "service_fixture.h"
#include "store/digest.h"

namespace netvet::testing {
namespace {

using nlohmann::json;

constexpr const char* kType = "multipart/form-data; boundary=XyZ";

std::string part(const std::string& filename, const std::string& body, const std::string& name = "file") {
  return fmt::format("--XyZ\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n"
                     "Content-Type: text/csv\r\n\r\n{}\r\n",
                     name, filename, body);
}

std::string parse_error(const std::string& content_type, const std::string& body) {
  auto parts = server::parse_form_data(content_type, body);
  EXPECT_FALSE(parts) << "expected " << body << " to be refused";
  return parts ? std::string() : parts.error();
}

#define EXPECT_SAYS(text, words) EXPECT_NE((text).find(words), std::string::npos) << (text)

TEST(FormData, PartsWithPreambleEpilogueAndTransportPadding) {
  const std::string body = "a preamble, ignored\r\n" + part("operators.csv", "id\r\nop-a") +
                           "--XyZ \t\r\nContent-Disposition: form-data; name=meta\r\n\r\nkey,value\n\r\n--XyZ--\r\nepilogue";
  auto parts = server::parse_form_data(kType, body);
  ASSERT_TRUE(parts) << parts.error();
  ASSERT_EQ(parts->size(), 2U);
  EXPECT_EQ((*parts)[0].name, "file");
  EXPECT_EQ((*parts)[0].filename, "operators.csv");
  EXPECT_EQ((*parts)[0].content_type, "text/csv");
  EXPECT_EQ((*parts)[0].body, "id\r\nop-a");  // a CRLF inside a part is the part's
  EXPECT_EQ((*parts)[1].name, "meta");
  EXPECT_FALSE((*parts)[1].filename);
  EXPECT_EQ((*parts)[1].body, "key,value\n");
  // A quoted boundary, parameters in any case, an empty part, the close at the very end.
  auto quoted = server::parse_form_data("Multipart/Form-Data; BOUNDARY=\"XyZ\"", part("a.csv", "") + "--XyZ--");
  ASSERT_TRUE(quoted) << quoted.error();
  EXPECT_EQ((*quoted)[0].body, "");
}

TEST(FormData, EveryMalformedBodySaysWhereAndWhatWasExpected) {
  const std::string good = part("operators.csv", "id\nop-a\n");
  EXPECT_SAYS(parse_error("multipart/form-data", good), "no boundary parameter");
  EXPECT_SAYS(parse_error("multipart/form-data; boundary=", good), "has no value");
  EXPECT_SAYS(parse_error("multipart/form-data; boundary=\"a\x01\"", good), "is not an RFC 2046 boundary");
  EXPECT_SAYS(parse_error("multipart/form-data; boundary=" + std::string(71, 'b'), good), "1 to 70");
  EXPECT_SAYS(parse_error("multipart/mixed; boundary=XyZ", good), "expected multipart/form-data");
  EXPECT_SAYS(parse_error("multipart/form-data; boundary=\"XyZ", good), "not closed");
  EXPECT_SAYS(parse_error(kType, "no delimiter here"), "holds no line '--XyZ'");
  EXPECT_SAYS(parse_error(kType, ""), "holds no line '--XyZ'");
  EXPECT_SAYS(parse_error(kType, good), "part 1 ('operators.csv'): the body ends inside the part (truncated?)");
  EXPECT_SAYS(parse_error(kType, good.substr(0, 30)), "part 1: the body ends in its headers");
  EXPECT_SAYS(parse_error(kType, "--XyZ--\r\n"), "no parts");
  EXPECT_SAYS(parse_error(kType, good + "--XyZ--junk"), "after the closing '--XyZ--', 'junk'");
  EXPECT_SAYS(parse_error(kType, good + "--XyZjunk"), "the delimiter after part 1 ('operators.csv') ('--XyZ') is followed by 'junk'");
  EXPECT_SAYS(parse_error(kType, "--XyZ\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--XyZ--"),
              "the first delimiter ('--XyZ') is followed by '\\n");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\n\r\n\r\n--XyZ--"), "bare LF");
  EXPECT_SAYS(parse_error(kType, good + "--XyZ\r\nContent-Type: text/csv\r\n\r\nx\r\n--XyZ--"),
              "part 2 has no Content-Disposition header");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nContent-Disposition: form-data; filename=\"x.csv\"\r\n\r\n\r\n--XyZ--"),
              "part 1: Content-Disposition 'form-data; filename=\"x.csv\"' has no name parameter");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\n\r\n--XyZ--"),
              "expected Content-Disposition: form-data");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n\r\n--XyZ--"),
              "parameter 'name' comes twice");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n folded\r\n\r\n\r\n--XyZ--"),
              "folded");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nno colon\r\n\r\n\r\n--XyZ--"), "is not 'Name: value'");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Transfer-Encoding: "
                                 "base64\r\n\r\n\r\n--XyZ--"),
              "RFC 7578 senders do not encode");
  EXPECT_SAYS(parse_error(kType, "--XyZ\r\nX-Long: " + std::string(9000, 'x') + "\r\n\r\n\r\n--XyZ--"), "exceed 8192");
  std::string many;
  for (int i = 0; i < 33; ++i) many += part(fmt::format("t{}.csv", i), "x");
  EXPECT_SAYS(parse_error(kType, many + "--XyZ--"), "more than 32 parts");
}

TEST(FormData, WhatIsWrittenReadsBackWithABoundaryInNoFile) {
  const std::vector<server::FormFile> files = {{"operators.csv", "text/csv", "id\r\n--netvet-\r\n"},
                                               {"sites.csv", "text/csv", ""}};
  const auto written = server::write_form_data(files);
  EXPECT_TRUE(written.content_type.starts_with("multipart/form-data; boundary=netvet-"));
  auto parts = server::parse_form_data(written.content_type, written.body);
  ASSERT_TRUE(parts) << parts.error();
  ASSERT_EQ(parts->size(), 2U);
  EXPECT_EQ((*parts)[0].filename, "operators.csv");
  EXPECT_EQ((*parts)[0].body, files[0].body);
  EXPECT_EQ((*parts)[1].body, "");
}

class MultipartTest : public ServiceTest {
 protected:
  // The CSV bundle of a JSON document, as `netvet convert --to csv` writes it.
  std::filesystem::path bundle_of(const std::string& document, const std::string& name) {
    auto inventory = io::read_json_text(document, "doc.json");
    EXPECT_TRUE(inventory);
    const auto folder = std::filesystem::path(folder_) / name;
    EXPECT_TRUE(io::write_csv_bundle(*inventory, folder));
    return folder;
  }
  // The folder's table files as multipart/form-data, as `netvet submit FOLDER/` sends them.
  static server::FormData form_of(const std::filesystem::path& folder) {
    std::vector<server::FormFile> files;
    for (const auto& name : io::csv_bundle_files())
      if (std::filesystem::exists(folder / name)) files.push_back({name, "text/csv", slurp(folder / name)});
    return server::write_form_data(files);
  }
  server::Response submit(const std::string& token_text, const server::FormData& form) {
    return call("POST", "/v1/submissions", token_text, form.body, form.content_type);
  }
  static json body_of(const server::Response& answer) { return json::parse(answer.body); }
  static std::string message_of(const server::Response& answer) {
    const json body = json::parse(answer.body, nullptr, false);
    return body.is_object() && body.contains("error") ? body["error"].value("message", "") : std::string();
  }
  json assess(const std::string& id) {
    const auto made = call("POST", "/v1/assessments", analyst_,
                           json{{"submission", id}, {"policies", {"gb", "us-colocation"}}, {"as_of", "2028-01-01"}}.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return body_of(made);
  }
};

TEST_P(MultipartTest, ACsvBundleIsTheSameInventoryAsItsJsonDocument) {
  const std::string document = small_inventory("op-a", "alpha");
  const auto form = form_of(bundle_of(document, "alpha"));
  const auto as_csv = submit(operator_a_, form);
  ASSERT_EQ(as_csv.status, 201) << as_csv.body;
  const auto as_json = call("POST", "/v1/submissions", operator_a_, document);
  ASSERT_EQ(as_json.status, 201) << as_json.body;
  const json csv = body_of(as_csv), plain = body_of(as_json);
  EXPECT_EQ(csv["operator"], "op-a");
  EXPECT_EQ(csv["media_type"], form.content_type);
  EXPECT_EQ(plain["media_type"], "application/json");
  EXPECT_EQ(csv["size"], form.body.size());
  EXPECT_EQ(csv["digest"], "sha256:" + store::sha256_hex(form.body));  // over the bytes stored

  // Stored byte for byte, answered with its own Content-Type.
  const auto stored = call("GET", "/v1/submissions/" + csv["id"].get<std::string>() + "/inventory", operator_a_);
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, form.body);
  EXPECT_EQ(stored.content_type, form.content_type);

  // What the service derives is the same: operators, assessment summaries, and a diff
  // between the two that finds nothing.
  const json operators = body_of(call("GET", "/v1/operators", admin_));
  ASSERT_EQ(operators["items"].size(), 1U) << operators.dump();
  EXPECT_EQ(operators["items"][0]["id"], "op-a");
  const json csv_assessment = assess(csv["id"]), json_assessment = assess(plain["id"]);
  EXPECT_EQ(csv_assessment["summary"], json_assessment["summary"]);
  EXPECT_EQ(csv_assessment["summary"]["compliant"], false);  // a Huawei gnb: the gb pack finds it
  const auto diff = call("GET", fmt::format("/v1/submissions/{}/diff?against={}", csv["id"].get<std::string>(),
                                            plain["id"].get<std::string>()),
                         analyst_);
  ASSERT_EQ(diff.status, 200) << diff.body;
  const json changes = body_of(diff);
  EXPECT_EQ(changes["summary"]["added"], 0) << diff.body;
  EXPECT_EQ(changes["summary"]["removed"], 0);
  EXPECT_EQ(changes["summary"]["changed"], 0);
  EXPECT_EQ(changes["summary"]["unchanged"], 4);
  for (const auto& domain : changes["shares"][0]["domains"]) EXPECT_EQ(domain["before"], domain["after"]) << diff.body;
}

TEST_P(MultipartTest, TheAssessmentOfACsvSubmissionIsTheOfflineCheckOfItsFolder) {
  const auto created = submit(operator_a_, form_of(bundle_of(small_inventory("op-a", "alpha"), "alpha")));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = body_of(created)["id"];
  const json assessment = assess(id);
  // Made by an analyst, who reads the check with facilities redacted: its offline command says so.
  EXPECT_EQ(assessment["reproduce"],
            "netvet check " + id + "/ --policy gb,us-colocation --as-of 2028-01-01 --format json --redact facilities");

  // Offline: the document as downloaded, each part saved under its filename in ID/.
  const auto document = call("GET", "/v1/submissions/" + id + "/inventory", agency_);
  ASSERT_EQ(document.status, 200);
  auto parts = server::parse_form_data(document.content_type, document.body);
  ASSERT_TRUE(parts) << parts.error();
  std::filesystem::create_directories(std::filesystem::path(folder_) / id);
  for (const auto& p : *parts) std::ofstream(std::filesystem::path(folder_) / id / *p.filename, std::ios::binary) << p.body;
  const auto stored = call("GET", "/v1/assessments/" + assessment["id"].get<std::string>() + "/check", operator_a_);
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, offline_check(id + "/"));
  // And the analyst's, redacted, is the offline command it was given.
  const auto analysts = call("GET", "/v1/assessments/" + assessment["id"].get<std::string>() + "/check", analyst_);
  ASSERT_EQ(analysts.status, 200);
  EXPECT_EQ(analysts.body, offline_check(id + "/", "--redact facilities"));
}

TEST_P(MultipartTest, MalformedBodiesAndBadBundlesAre400sSayingWhere) {
  const auto folder = bundle_of(small_inventory("op-a", "alpha"), "alpha");
  const auto form = form_of(folder);
  struct Case {
    std::string what, content_type, body, says;
  };
  const std::string boundary = form.content_type.substr(form.content_type.find('=') + 1);
  std::string unnamed = form.body;
  unnamed.replace(unnamed.find("name=\"operators.csv\"; "), 22, "");
  const std::vector<Case> cases = {
      {"no boundary", "multipart/form-data", form.body, "no boundary parameter"},
      {"a bad boundary", "multipart/form-data; boundary=\"\x7f\"", form.body, "is not an RFC 2046 boundary"},
      {"another boundary", "multipart/form-data; boundary=other", form.body, "holds no line '--other'"},
      {"truncated", form.content_type, form.body.substr(0, form.body.size() - 20), "the body ends inside the part"},
      {"a part without a name", form.content_type, unnamed, "part 1: Content-Disposition"},
      {"a part without a filename", form.content_type,
       "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sites\"\r\n\r\nid\r\n--" + boundary + "--\r\n",
       "part 1 (name 'sites') has no filename"},
  };
  for (const auto& c : cases) {
    const auto answer = call("POST", "/v1/submissions", operator_a_, c.body, c.content_type);
    EXPECT_EQ(answer.status, 400) << c.what << ": " << answer.body;
    const json problems = body_of(answer)["error"]["problems"];
    ASSERT_EQ(problems.size(), 1U) << c.what << ": " << answer.body;
    EXPECT_EQ(problems[0]["file"], "submission") << c.what;
    EXPECT_SAYS(problems[0]["message"].get<std::string>(), "malformed multipart/form-data: ") << c.what;
    EXPECT_SAYS(problems[0]["message"].get<std::string>(), c.says) << c.what;
  }

  // A table twice, a table the bundle has not, a required table missing.
  std::vector<server::FormFile> files;
  for (const auto& name : io::csv_bundle_files())
    if (std::filesystem::exists(folder / name)) files.push_back({name, "text/csv", slurp(folder / name)});
  auto twice = files;
  twice.push_back(files[1]);
  twice.push_back({"routers.csv", "text/csv", "id\nR1\n"});
  const auto refused = submit(operator_a_, server::write_form_data(twice));
  ASSERT_EQ(refused.status, 400) << refused.body;
  const json problems = body_of(refused)["error"]["problems"];
  ASSERT_EQ(problems.size(), 2U) << refused.body;
  EXPECT_EQ(problems[0]["file"], "sites.csv");
  EXPECT_SAYS(problems[0]["message"].get<std::string>(), "given twice");
  EXPECT_EQ(problems[1]["file"], "routers.csv");
  EXPECT_SAYS(problems[1]["message"].get<std::string>(), "unknown table file 'routers.csv'");
  auto without_links = files;
  std::erase_if(without_links, [](const server::FormFile& f) { return f.filename == "links.csv"; });
  const auto missing = submit(operator_a_, server::write_form_data(without_links));
  ASSERT_EQ(missing.status, 400) << missing.body;
  EXPECT_SAYS(missing.body, "missing required table file 'links.csv'");

  // A CSV with an error: the CSV reader's diagnostic, its file named as the part's.
  auto broken = files;
  for (auto& f : broken)
    if (f.filename == "elements.csv") f.body.replace(f.body.find("upf"), 3, "warp-drive");
  const auto bad_csv = submit(operator_a_, server::write_form_data(broken));
  ASSERT_EQ(bad_csv.status, 400) << bad_csv.body;
  const json csv_problems = body_of(bad_csv)["error"]["problems"];
  ASSERT_EQ(csv_problems.size(), 1U) << bad_csv.body;
  EXPECT_EQ(csv_problems[0]["file"], "elements.csv");
  EXPECT_EQ(csv_problems[0]["row"], 3);  // the third data row (the header is row 0)
  EXPECT_EQ(csv_problems[0]["column"], "function");
  EXPECT_EQ(csv_problems[0]["value"], "warp-drive");

  // Nothing was stored.
  EXPECT_TRUE(body_of(call("GET", "/v1/submissions", admin_))["items"].empty());
}

TEST_P(MultipartTest, AnotherOperatorsRowsInCsvAre403) {
  const auto form = form_of(bundle_of(small_inventory("op-a", "alpha"), "alpha"));
  const auto refused = submit(operator_b_, form);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_SAYS(message_of(refused), "rows of operator 'op-a'");
  EXPECT_SAYS(message_of(refused), "this token submits for operator 'op-b' only");
  EXPECT_EQ(submit(admin_, form).status, 201);  // an admin submits for any one operator
  EXPECT_TRUE(body_of(call("GET", "/v1/submissions", operator_b_))["items"].empty());
}

TEST_P(MultipartTest, TheOpenApiDocumentDeclaresBothBodies) {
  const json openapi = body_of(call("GET", "/v1/openapi.json", ""));
  const json content = openapi["paths"]["/v1/submissions"]["post"]["requestBody"]["content"];
  ASSERT_TRUE(content.contains("application/json")) << content.dump();
  ASSERT_TRUE(content.contains("multipart/form-data")) << content.dump();
  const json form = content["multipart/form-data"];
  EXPECT_EQ(form["schema"]["required"], json({"operators.csv", "sites.csv", "elements.csv", "links.csv"}));
  EXPECT_EQ(form["schema"]["properties"]["meta.csv"]["format"], "binary");
  EXPECT_EQ(form["encoding"]["sites.csv"]["contentType"], "text/csv");
  // Assessments take JSON alone.
  EXPECT_EQ(openapi["paths"]["/v1/assessments"]["post"]["requestBody"]["content"].size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Stores, MultipartTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
