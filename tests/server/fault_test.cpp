// Faults: `netvet serve` is killed with SIGKILL at random instants while clients submit
// concurrently, many times over. After each restart every acknowledged submission is
// there, byte-identical; whatever else was stored is whole (its digest matches its bytes
// and its audit entry is in the chain); and the audit chain verifies.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "server/client.h"
#include "store/digest.h"
#include "support/test_store.h"
#include "service_fixture.h"

extern char** environ;

namespace netvet::testing {
namespace {

using nlohmann::json;

class FaultTest : public ServiceTest {
 protected:
  // Starts `netvet serve` on the test's store; its URL, or empty when it did not come up.
  std::string start_server(pid_t& pid, const std::string& name = "ready") {
    const std::string ready = folder_ + "/" + name;
    std::filesystem::remove(ready);
    std::vector<std::string> args = {NETVET_BINARY, "serve", "--store", made_.url, "--listen", "127.0.0.1:0",
                                     "--ready-file", ready, "--signing-key", folder_ + "/key.pem", "--workers", "4"};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return {};
    for (int i = 0; i < 500; ++i) {
      std::ifstream in(ready);
      std::string url;
      if (in >> url && url.starts_with("http")) return url;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return {};
  }
};

TEST_P(FaultTest, KilledAtRandomInstantsLosesNothingAcknowledgedAndHalfWritesNothing) {
  constexpr int kRounds = 8;
  constexpr int kClients = 4;
  std::mt19937 rng(20261207);
  std::map<std::string, std::string> acknowledged;  // id -> the bytes sent
  std::mutex guard;
  std::size_t attempts = 0;
  for (int round = 0; round < kRounds; ++round) {
    pid_t pid = 0;
    const std::string url = start_server(pid);
    ASSERT_FALSE(url.empty()) << "netvet serve did not start (round " << round << ")";
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c)
      clients.emplace_back([&, c] {
        for (int n = 0; !stop; ++n) {
          const std::string body = small_inventory("op-a", fmt::format("r{}-c{}-n{}", round, c, n));
          auto answer = server::send(url, {.method = "POST", .target = "/v1/submissions", .token = operator_a_,
                                           .content_type = "application/json", .body = body, .headers = {}},
                                     {.timeout = std::chrono::seconds(5), .ca_file = {}});
          std::lock_guard lock(guard);
          ++attempts;
          if (!answer) break;  // the server is gone
          if (answer->status == 201) acknowledged[json::parse(answer->body)["id"]] = body;
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(60, 400)(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    stop = true;
    for (auto& client : clients) client.join();
    ASSERT_TRUE(WIFSIGNALED(status)) << "round " << round;

    // What the store holds now, read directly.
    auto reopened = made_.open_again();
    ASSERT_NE(reopened, nullptr);
    const store::Caller admin{.role = store::Role::admin, .operator_id = {}, .actor_id = "t", .actor_name = "t"};
    for (const auto& [id, body] : acknowledged) {
      auto stored = reopened->submission_body(admin, id);
      ASSERT_TRUE(stored && stored->has_value()) << "acknowledged " << id << " is missing after round " << round;
      ASSERT_EQ(**stored, body) << id;
    }
    std::map<std::int64_t, std::string> entries;  // audit index -> object
    for (store::PageRequest page{.limit = 500, .cursor = {}};;) {
      auto log = reopened->audit_log(admin, page);
      ASSERT_TRUE(log && log->has_value());
      for (const auto& entry : (*log)->items) entries[entry.index] = entry.object;
      if ((*log)->next.empty()) break;
      page.cursor = (*log)->next;
    }
    for (store::PageRequest page{.limit = 500, .cursor = {}};;) {
      auto listed = reopened->submissions(admin, page);
      ASSERT_TRUE(listed && listed->has_value());
      for (const auto& meta : (*listed)->items) {
        auto body = reopened->submission_body(admin, meta.id);
        ASSERT_TRUE(body && body->has_value());
        EXPECT_EQ(meta.digest, "sha256:" + store::sha256_hex(**body)) << meta.id << " is not whole";
        EXPECT_EQ(entries[meta.audit_index], meta.id) << meta.id << " has no audit entry of its own";
      }
      if ((*listed)->next.empty()) break;
      page.cursor = (*listed)->next;
    }
    auto chain = reopened->verify_audit();
    ASSERT_TRUE(chain);
    ASSERT_FALSE(chain->broken_at.has_value()) << "round " << round << ": " << chain->reason;
  }
  EXPECT_GT(acknowledged.size(), static_cast<std::size_t>(kRounds));  // the clients did get through
  RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
  RecordProperty("attempts", static_cast<int>(attempts));
}

TEST_P(FaultTest, SeveralServeProcessesOverOneStoreKeepOneChain) {
  constexpr int kServers = 3;
  constexpr int kEach = 12;
  std::vector<pid_t> pids(kServers);
  std::vector<std::string> urls;
  for (int s = 0; s < kServers; ++s) {
    urls.push_back(start_server(pids[static_cast<std::size_t>(s)], "ready-" + std::to_string(s)));
    ASSERT_FALSE(urls.back().empty()) << "netvet serve " << s << " did not start";
  }
  std::vector<std::thread> clients;
  std::mutex guard;
  std::vector<std::int64_t> indexes;
  for (int s = 0; s < kServers; ++s)
    for (int c = 0; c < 2; ++c)
      clients.emplace_back([&, s, c] {
        for (int n = 0; n < kEach; ++n) {
          auto answer = server::send(urls[static_cast<std::size_t>(s)],
                                     {.method = "POST", .target = "/v1/submissions", .token = operator_a_,
                                      .content_type = "application/json",
                                      .body = small_inventory("op-a", fmt::format("p{}-c{}-n{}", s, c, n)), .headers = {}});
          ASSERT_TRUE(answer && answer->status == 201);
          std::lock_guard lock(guard);
          indexes.push_back(json::parse(answer->body)["receipt"]["audit_index"]);
        }
      });
  for (auto& client : clients) client.join();
  for (pid_t pid : pids) {
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  // Every receipt names its own entry, and the entries form one unbroken chain.
  std::sort(indexes.begin(), indexes.end());
  EXPECT_EQ(std::adjacent_find(indexes.begin(), indexes.end()), indexes.end());
  EXPECT_EQ(indexes.size(), static_cast<std::size_t>(kServers * 2 * kEach));
  auto chain = made_.open_again()->verify_audit();
  ASSERT_TRUE(chain);
  EXPECT_FALSE(chain->broken_at.has_value()) << chain->reason;
  EXPECT_GE(chain->entries, static_cast<std::int64_t>(indexes.size()));
}

INSTANTIATE_TEST_SUITE_P(Stores, FaultTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
