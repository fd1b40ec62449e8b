#pragma once
// Building an inventory row by row: the one way readers and the generator put data into
// the model. The builder interns text, resolves vendor spellings through the registry,
// keeps the id lookups current and refuses duplicate ids; parsing text and reporting
// where a bad value sits stays with the readers, which know the file and row.

#include <cmath>
#include <limits>
#include <span>
#include <string_view>

#include <absl/container/flat_hash_map.h>

#include "model/inventory.h"

namespace netvet {

inline constexpr double kNoCoordinate = std::numeric_limits<double>::quiet_NaN();

struct OperatorRow {
  std::string_view id, name;
  Country country = kNoCountry;
  std::int64_t subscribers = kNoCount;
};

struct SiteRow {
  std::string_view id;
  Index op = kNoIndex;
  SiteKind kind = SiteKind::cell;
  double lat = kNoCoordinate, lon = kNoCoordinate;
  std::string_view name, region;
  std::int64_t subscribers = kNoCount;
  std::span<const std::string_view> tags;
  double range_km = kNoCoordinate;  // NaN: no range of its own (finite and >= 0 otherwise)
};

struct ElementRow {
  std::string_view id;
  Index site = kNoIndex;
  FunctionId function = 0;
  std::string_view vendor;  // as written; normalised by the registry
  Index op = kNoIndex;      // kNoIndex: the site's operator
  std::string_view model, software, serial;
  std::span<const std::string_view> tags;
  Generations generation = 0;
  Date installed = kNoDate;
};

struct FacilityRow {
  std::string_view id;
  FacilityKind kind = FacilityKind::other;
  double lat = kNoCoordinate, lon = kNoCoordinate;
  Country owner = kNoCountry;
  std::span<const Index> served_by;
  std::string_view name;
  std::span<const std::string_view> tags;
};

struct EvidenceRow {
  SubjectKind subject_kind = SubjectKind::element;
  std::string_view subject_text;
  Index element = kNoIndex;  // with subject_kind element
  Index vendor = kNoIndex;   // with subject_kind model or vendor
  std::string_view model;    // with subject_kind model
  EvidenceType type = EvidenceType::certification;
  std::string_view scheme, evidence_id, issuer, digest, uri;
  Date issued = kNoDate, expires = kNoDate;
};

class InventoryBuilder {
 public:
  InventoryBuilder();
  InventoryBuilder(const FunctionVocabulary& functions, const VendorRegistry& registry);

  // Each add returns the new row, or nothing when the id is already in that table.
  std::optional<Index> add_operator(const OperatorRow& row);
  std::optional<Index> add_site(const SiteRow& row);
  std::optional<Index> add_element(const ElementRow& row);
  Index add_link(Index a, Index b, LinkKind kind);
  std::optional<Index> add_facility(const FacilityRow& row);
  Index add_evidence(const EvidenceRow& row);

  // The vendors row for a spelling: a registry vendor, or an unknown vendor of its own.
  Index vendor(std::string_view text);
  StrId intern(std::string_view text) { return inventory_.strings.intern(text); }
  void reserve(std::size_t sites, std::size_t elements, std::size_t links);

  // The inventory so far (for lookups while reading: find_site, find_element, ...).
  Inventory& inventory() { return inventory_; }
  const Inventory& inventory() const { return inventory_; }

  // Hands over the finished inventory; extra columns are padded to their table's size.
  Inventory finish() &&;

 private:
  bool claim(std::vector<Index>& by_str, StrId id, Index row);
  Index vendor(StrId spelling, std::string_view text);  // `spelling` is text's StrId
  void intern_tags(std::span<const std::string_view> tags, ListColumn<StrId>& column);

  Inventory inventory_;
  absl::flat_hash_map<StrId, Index> vendor_by_text_;
  std::vector<StrId> tag_scratch_;
};

}  // namespace netvet
