// The listener over real sockets: the same answers as the API, limits that hold against
// oversized bodies and slow clients, and TLS.
#include <boost/asio.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "io/inventory_io.h"
#include "server/client.h"
#include "server/multipart.h"
#include "server/server.h"
#include "store/digest.h"
#include "service_fixture.h"

namespace netvet::testing {
namespace {

namespace asio = boost::asio;
using nlohmann::json;

class NetworkTest : public ServiceTest {
 protected:
  void start(server::ServerOptions options = {}) {
    options.port = 0;
    options.max_body_bytes = 64 * 1024;
    if (options.request_timeout == std::chrono::milliseconds(30000)) options.request_timeout = std::chrono::milliseconds(400);
    options.workers = 4;
    auto running = server::Server::start(*api_, options);
    ASSERT_TRUE(running) << running.error().front().to_string();
    server_ = std::move(*running);
    base_ = fmt::format("{}://127.0.0.1:{}", server_->tls() ? "https" : "http", server_->port());
  }
  void TearDown() override {
    server_.reset();
    ServiceTest::TearDown();
  }
  // Sends raw bytes and returns what the server answers before it closes (or `wait` ends).
  std::string raw(const std::string& bytes, std::chrono::milliseconds wait) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), server_->port()});
    asio::write(socket, asio::buffer(bytes));
    std::string answer;
    const auto until = std::chrono::steady_clock::now() + wait;
    socket.non_blocking(true);
    while (std::chrono::steady_clock::now() < until) {
      char chunk[4096];
      boost::system::error_code ec;
      const std::size_t got = socket.read_some(asio::buffer(chunk), ec);
      if (ec == asio::error::would_block) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      if (ec) break;
      answer.append(chunk, got);
    }
    return answer;
  }
  std::unique_ptr<server::Server> server_;
  std::string base_;
};

TEST_P(NetworkTest, ASubmissionOverHttpIsStoredAndReadBackByteForByte) {
  start();
  const std::string document = small_inventory("op-a", "alpha");
  auto created = server::send(base_, {.method = "POST", .target = "/v1/submissions", .token = operator_a_,
                                      .content_type = "application/json", .body = document, .headers = {}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["id"];
  auto stored = server::send(base_, {.method = "GET", .target = "/v1/submissions/" + id + "/inventory",
                                     .token = operator_a_, .content_type = {}, .body = {}, .headers = {}});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, 200);
  EXPECT_EQ(stored->body, document);
  auto health = server::send(base_, {});
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  const auto& migrations = made_.kind == "sqlite" ? store::sqlite_migrations() : store::postgresql_migrations();
  EXPECT_EQ(json::parse(health->body)["store"]["schema_version"], migrations.back().version);
}

// `netvet submit FOLDER/`: the bundle's table files go as multipart/form-data (a stray
// file in the folder stays behind), the receipt comes back, and the service keeps exactly
// the body sent; a JSON file still goes as JSON.
TEST_P(NetworkTest, NetvetSubmitSendsAFolderAsItsTableFiles) {
  start();
  auto inventory = io::read_json_text(small_inventory("op-a", "alpha"), "alpha.json");
  ASSERT_TRUE(inventory);
  const std::string bundle = folder_ + "/alpha";
  ASSERT_TRUE(io::write_csv_bundle(*inventory, bundle));
  { std::ofstream(bundle + "/README.txt") << "not a table\n"; }
  const auto submit = [&](const std::string& what, const std::string& token_text) {
    const std::string command = fmt::format("NETVET_TOKEN='{}' '{}' submit '{}' --server '{}' -o '{}/receipt.json' "
                                            "2>'{}/submit.err'",
                                            token_text, NETVET_BINARY, what, base_, folder_, folder_);
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  ASSERT_EQ(submit(bundle + "/", operator_a_), 0) << read(folder_ + "/submit.err");
  const json receipt = json::parse(read(folder_ + "/receipt.json"));
  const std::string id = receipt["submission"];
  auto stored = server::send(base_, {.method = "GET", .target = "/v1/submissions/" + id + "/inventory",
                                     .token = operator_a_, .content_type = {}, .body = {}, .headers = {}});
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->status, 200);
  EXPECT_TRUE(stored->content_type.starts_with("multipart/form-data; boundary=")) << stored->content_type;
  auto parts = server::parse_form_data(stored->content_type, stored->body);
  ASSERT_TRUE(parts) << parts.error();
  std::vector<std::string> names;
  for (const auto& part : *parts) {
    names.push_back(*part.filename);
    EXPECT_EQ(part.body, read(bundle + "/" + *part.filename)) << *part.filename;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"operators.csv", "sites.csv", "elements.csv", "links.csv",
                                             "facilities.csv"}));  // those the folder holds
  EXPECT_EQ(receipt["digest"], "sha256:" + store::sha256_hex(stored->body));
  // Refused: another operator's bundle, said with the service's words; exit 2.
  EXPECT_EQ(submit(bundle, operator_b_), 2);
  EXPECT_NE(read(folder_ + "/submit.err").find("rows of operator 'op-a'"), std::string::npos)
      << read(folder_ + "/submit.err");
  // A CSV problem is printed with its file and line.
  {
    std::string elements = read(bundle + "/elements.csv");
    elements.replace(elements.find("upf"), 3, "warp-drive");
    std::ofstream(bundle + "/elements.csv", std::ios::binary) << elements;
  }
  EXPECT_EQ(submit(bundle, operator_a_), 2);
  EXPECT_NE(read(folder_ + "/submit.err").find("elements.csv"), std::string::npos) << read(folder_ + "/submit.err");
  EXPECT_NE(read(folder_ + "/submit.err").find("warp-drive"), std::string::npos) << read(folder_ + "/submit.err");
  // A JSON file goes as JSON.
  { std::ofstream(folder_ + "/alpha.json", std::ios::binary) << small_inventory("op-a", "alpha"); }
  ASSERT_EQ(submit(folder_ + "/alpha.json", operator_a_), 0) << read(folder_ + "/submit.err");
  const json second = json::parse(read(folder_ + "/receipt.json"));
  auto meta = server::send(base_, {.method = "GET", .target = "/v1/submissions/" + second["submission"].get<std::string>(),
                                   .token = operator_a_, .content_type = {}, .body = {}, .headers = {}});
  ASSERT_TRUE(meta);
  EXPECT_EQ(json::parse(meta->body)["media_type"], "application/json");
}

TEST_P(NetworkTest, ABodyOverTheLimitIsRefusedFromItsHeaderBeforeItIsSent) {
  start();
  // Only the header is sent: the answer comes without the 100 MB the header announces.
  const std::string answer = raw(fmt::format("POST /v1/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n"
                                             "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n",
                                             operator_a_),
                                 std::chrono::milliseconds(1500));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer;
  EXPECT_NE(answer.find("larger than the 65536 bytes"), std::string::npos) << answer;
  auto listed = made_.store->submissions({.role = store::Role::admin, .operator_id = {}, .actor_id = "t", .actor_name = "t"}, {});
  ASSERT_TRUE(listed && listed->has_value());
  EXPECT_TRUE((*listed)->items.empty());
}

TEST_P(NetworkTest, AWholeBodyOverTheLimitIsRefused) {
  start();
  auto answer = server::send(base_, {.method = "POST", .target = "/v1/submissions", .token = operator_a_,
                                     .content_type = "application/json", .body = std::string(200 * 1024, ' '),
                                     .headers = {}});
  ASSERT_TRUE(answer) << answer.error().front().to_string();
  EXPECT_EQ(answer->status, 413);
}

TEST_P(NetworkTest, ASlowClientGets408AndTheConnectionIsClosed) {
  start();
  const auto began = std::chrono::steady_clock::now();
  const std::string answer = raw("GET /v1/health HTTP/1.1\r\nHost: x\r\n", std::chrono::milliseconds(3000));
  const auto waited = std::chrono::steady_clock::now() - began;
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << answer;
  EXPECT_NE(answer.find("not received within 0.4 s"), std::string::npos) << answer;
  EXPECT_LT(waited, std::chrono::milliseconds(2500));  // closed by the server, not by our wait
}

TEST_P(NetworkTest, GarbageIsABadRequest) {
  start();
  const std::string answer = raw("HELLO\r\n\r\n", std::chrono::milliseconds(1500));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
}

TEST_P(NetworkTest, OverTlsWithTheServersCertificateTrusted) {
  const std::string cert = folder_ + "/cert.pem";
  const std::string key = folder_ + "/tls-key.pem";
  const std::string make = fmt::format(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout {} -out {} -days 2 "
      "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null",
      key, cert);
  ASSERT_EQ(std::system(make.c_str()), 0) << make;
  server::ServerOptions options;
  options.tls_certificate = cert;
  options.tls_key = key;
  start(options);
  ASSERT_TRUE(base_.starts_with("https://"));
  auto trusted = server::send(base_, {.method = "GET", .target = "/v1/submissions", .token = admin_,
                                      .content_type = {}, .body = {}, .headers = {}},
                              {.timeout = std::chrono::seconds(10), .ca_file = cert});
  ASSERT_TRUE(trusted) << trusted.error().front().to_string();
  EXPECT_EQ(trusted->status, 200);
  // Without the certificate trusted, the client refuses the server.
  auto untrusted = server::send(base_, {});
  ASSERT_FALSE(untrusted);
  EXPECT_NE(untrusted.error().front().message.find("TLS handshake failed"), std::string::npos);
  // Plain HTTP to the TLS port gets no answer.
  auto plain = server::send(fmt::format("http://127.0.0.1:{}", server_->port()), {});
  EXPECT_TRUE(!plain || plain->status == 0 || plain->status >= 400);
}

TEST_P(NetworkTest, ManyClientsAtOnceAllGetTheirAnswers) {
  start();
  constexpr int kClients = 24;
  std::vector<std::thread> clients;
  std::atomic<int> created{0};
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      auto answer = server::send(base_, {.method = "POST", .target = "/v1/submissions", .token = operator_a_,
                                         .content_type = "application/json",
                                         .body = small_inventory("op-a", "c" + std::to_string(c)), .headers = {}});
      if (answer && answer->status == 201) ++created;
    });
  for (auto& client : clients) client.join();
  EXPECT_EQ(created.load(), kClients);
  auto chain = made_.store->verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_FALSE(chain->broken_at.has_value());
}

INSTANTIATE_TEST_SUITE_P(Stores, NetworkTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
