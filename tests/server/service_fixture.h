#pragma once
// A service over a fresh store of each kind, with a token per role and operator, and
// small valid inventories that carry marker strings (canaries) in every text field.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "server/api.h"
#include "store/receipt.h"
#include "support/test_store.h"

namespace netvet::testing {

// A valid one-operator inventory JSON document: sites, a radio, a core function and a
// facility, each named with `marker`.
// A file's bytes (an offline command's output, a fixture), for byte-for-byte comparisons.
std::string slurp(const std::filesystem::path& path);

std::string small_inventory(const std::string& operator_id, const std::string& marker,
                            const std::string& vendor = "Huawei");

class ServiceTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A token of `role` (and operator) made in the store: its text.
  std::string token(store::Role role, const std::string& operator_id = {}, const std::string& expires = {});
  server::Response call(const std::string& method, const std::string& target, const std::string& token_text,
                        const std::string& body = {}, const std::string& content_type = "application/json");
  // What `netvet check TARGET --policy gb,us-colocation --as-of 2028-01-01 --format json
  // EXTRA` writes, run in folder_ as an assessment's `reproduce` says; a failure unless it
  // exits 1 (findings).
  std::string offline_check(const std::string& target, const std::string& extra = {});

  TestStore made_;
  std::string folder_;
  std::unique_ptr<store::Signer> signer_;
  std::unique_ptr<server::Api> api_;
  std::string admin_, analyst_, agency_, operator_a_, operator_b_;
};

}  // namespace netvet::testing
