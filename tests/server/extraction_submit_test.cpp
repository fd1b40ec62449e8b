// What `netvet convert --operator` writes is what an operator submits: on a generated
// network, every operator's part (model/extract.h) reads back as a valid inventory of that
// operator alone, the parts and the elements they leave out add up to the whole, and the
// service accepts each part from that operator's token, on both stores.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gen/generate.h"
#include "io/inventory_io.h"
#include "model/extract.h"
#include "model/validate.h"
#include "service_fixture.h"

namespace netvet::testing {
namespace {

class ExtractionTest : public ServiceTest {};

std::string json_text(const Inventory& inventory, const std::string& file) {
  EXPECT_TRUE(io::write_json(inventory, file));
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_P(ExtractionTest, EveryOperatorsPartOfAGeneratedNetworkIsValidAndAccepted) {
  // As `netvet generate --country GB --sites 200 --seed 1` makes it.
  const auto network = gen::generate({.country = "GB", .sites = 200, .seed = 1, .progress = {}});
  ASSERT_TRUE(network);
  const Inventory& whole = *network;
  ASSERT_GE(whole.operators.size(), 2U);
  std::size_t kept = 0, left_out = 0;
  for (Index op = 0; op < whole.operators.size(); ++op) {
    const std::string id(whole.str(whole.operators.id[op]));
    SCOPED_TRACE(id);
    const Extraction part = extract_operator(whole, op);
    kept += part.inventory.elements.size();
    left_out += part.elements_on_shared_sites;
    // Its own rows alone: one operators row, and every site and element of it.
    ASSERT_EQ(part.inventory.operators.size(), 1U);
    EXPECT_EQ(part.inventory.str(part.inventory.operators.id[0]), id);
    for (Index s = 0; s < part.inventory.sites.size(); ++s) EXPECT_EQ(part.inventory.sites.op[s], 0U);
    for (Index e = 0; e < part.inventory.elements.size(); ++e) EXPECT_EQ(part.inventory.elements.op[e], 0U);
    EXPECT_GT(part.inventory.elements.size(), 0U);
    EXPECT_EQ(part.inventory.facilities.size() + part.facilities_left_out, whole.facilities.size());

    // Valid: it reads back without a problem, and validate finds no error.
    const std::string text = json_text(part.inventory, folder_ + "/" + id + ".json");
    const auto read = io::read_json_text(text, id + ".json");
    ASSERT_TRUE(read) << read.error().front().to_string();
    EXPECT_EQ(read->elements.size(), part.inventory.elements.size());
    EXPECT_EQ(read->links.size(), part.inventory.links.size());
    EXPECT_FALSE(has_errors(validate(*read, {.source = id + ".json", .json = true, .serving_radius_km = 2.0})));

    // Accepted from the operator's own token, and refused from another's.
    const std::string mine = token(store::Role::operator_, id);
    const auto created = call("POST", "/v1/submissions", mine, text);
    EXPECT_EQ(created.status, 201) << created.body.substr(0, 2000);
    EXPECT_EQ(call("POST", "/v1/submissions", operator_a_, text).status, 403);
  }
  // Every element is in its operator's part or counted as left out of it.
  EXPECT_EQ(kept + left_out, whole.elements.size());
}

INSTANTIATE_TEST_SUITE_P(Stores, ExtractionTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace netvet::testing
