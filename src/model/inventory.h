#pragma once
// The inventory: operators, sites, elements, links, facilities and evidence of one
// national network, as columnar tables (struct of arrays). This is the one in-memory
// form every reader produces and every analysis reads (shared/spec/inventory.md).
//
// Rows are dense indices (Index); text is interned (StrId) in one StringPool; enums are
// bytes. References between tables are resolved to row indices when the inventory is
// built, so analyses never look an id up. Build an inventory with InventoryBuilder
// (model/builder.h); read one with io/.

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "model/functions.h"
#include "model/string_pool.h"
#include "model/tables.h"
#include "model/vendors.h"
#include "util/date.h"

namespace netvet {

enum class SiteKind : std::uint8_t { cell, hub, aggregation, metro, core, datacenter, exchange };
enum class LinkKind : std::uint8_t { transport, manages, hosts };
enum class FacilityKind : std::uint8_t { embassy, military, government, nuclear, cni, other };
enum class EvidenceType : std::uint8_t { certification, approval, attestation, sbom, declaration };
enum class SubjectKind : std::uint8_t { element, model, vendor };

// Radio generations as a bit set: an element can be 4G and 5G at once.
using Generations = std::uint8_t;
inline constexpr Generations kGen2G = 1, kGen3G = 2, kGen4G = 4, kGen5G = 8;

// Names of enum values, as written in files; parse_* return nothing for unknown names.
std::string_view name_of(SiteKind v);
std::string_view name_of(LinkKind v);
std::string_view name_of(FacilityKind v);
std::string_view name_of(EvidenceType v);
std::optional<SiteKind> parse_site_kind(std::string_view s);
std::optional<LinkKind> parse_link_kind(std::string_view s);
std::optional<FacilityKind> parse_facility_kind(std::string_view s);
std::optional<EvidenceType> parse_evidence_type(std::string_view s);
std::optional<Generations> parse_generation(std::string_view s);  // one of 2G/3G/4G/5G
std::vector<std::string_view> generation_names(Generations g);    // {"4G", "5G"}
// Every valid name, for error messages.
std::vector<std::string> site_kind_names();
std::vector<std::string> link_kind_names();
std::vector<std::string> facility_kind_names();
std::vector<std::string> evidence_type_names();

// An ISO 3166-1 alpha-2 country code ("GB"), or absent.
using Country = std::array<char, 2>;
inline constexpr Country kNoCountry = {0, 0};
std::optional<Country> parse_country(std::string_view s);  // two letters, any case -> upper
std::string_view name_of(const Country& c);                // "" for kNoCountry

struct Meta {
  StrId name = kEmptyStr;
  Country country = kNoCountry;
  Date as_of = kNoDate;
  ExtraColumns extra;  // other key/value rows (one row)
};

struct OperatorTable {
  std::vector<StrId> id, name;
  std::vector<Country> country;
  std::vector<std::int64_t> subscribers;  // kNoCount when absent
  ExtraColumns extra;
  std::size_t size() const { return id.size(); }
};

struct SiteTable {
  std::vector<StrId> id;
  std::vector<Index> op;  // operators row
  std::vector<SiteKind> kind;
  std::vector<double> lat, lon;  // NaN when absent
  std::vector<StrId> name, region;
  std::vector<std::int64_t> subscribers;  // kNoCount when absent
  ListColumn<StrId> tags;
  std::vector<double> range_km;  // a cell site's coverage radius, km; NaN when absent
  ExtraColumns extra;
  std::size_t size() const { return id.size(); }
};

// The vendors an inventory mentions: every registry vendor it uses, and every unknown
// spelling as a vendor of its own (id = VendorRegistry::slug of the text).
struct VendorTable {
  std::vector<StrId> id;                  // canonical id
  std::vector<std::optional<RegistryVendorId>> known;  // registry entry, if any
  std::size_t size() const { return id.size(); }
};

struct ElementTable {
  std::vector<StrId> id;
  std::vector<Index> site;
  std::vector<FunctionId> function;
  std::vector<Index> vendor;       // VendorTable row
  std::vector<StrId> vendor_text;  // the vendor as written, kept for round trips
  std::vector<Index> op;           // operators row (the site's unless written)
  std::vector<StrId> model, software, serial;
  ListColumn<StrId> tags;
  std::vector<Generations> generation;  // 0 when absent
  std::vector<Date> installed;          // kNoDate when absent
  ExtraColumns extra;
  std::size_t size() const { return id.size(); }
};

struct LinkTable {
  std::vector<Index> a, b;  // elements rows; for manages/hosts, a acts on b
  std::vector<LinkKind> kind;
  ExtraColumns extra;
  std::size_t size() const { return a.size(); }
};

struct FacilityTable {
  std::vector<StrId> id;
  std::vector<FacilityKind> kind;
  std::vector<double> lat, lon;
  std::vector<Country> owner;        // kNoCountry when absent
  ListColumn<Index> served_by;       // sites rows; empty: the cell sites covering it (model/coverage.h)
  std::vector<StrId> name;
  ListColumn<StrId> tags;
  ExtraColumns extra;
  std::size_t size() const { return id.size(); }
};

struct EvidenceTable {
  std::vector<SubjectKind> subject_kind;
  std::vector<StrId> subject_text;    // as written: "E12", "model:huawei/AAU5613", "vendor:zte"
  std::vector<Index> subject_element; // elements row when subject_kind == element
  std::vector<Index> subject_vendor;  // vendors row when subject_kind is model or vendor
  std::vector<StrId> subject_model;   // the model when subject_kind == model
  std::vector<EvidenceType> type;
  std::vector<StrId> scheme, evidence_id, issuer, digest, uri;
  std::vector<Date> issued, expires;  // kNoDate when absent
  ExtraColumns extra;
  std::size_t size() const { return type.size(); }
};

struct Inventory {
  // The vocabularies the inventory was read with.
  const FunctionVocabulary* functions = &FunctionVocabulary::builtin();
  const VendorRegistry* registry = &VendorRegistry::builtin();

  StringPool strings;
  Meta meta;
  OperatorTable operators;
  SiteTable sites;
  VendorTable vendors;
  ElementTable elements;
  LinkTable links;
  FacilityTable facilities;
  EvidenceTable evidence;

  std::string_view str(StrId id) const { return strings[id]; }
  const FunctionInfo& function_of(Index element) const { return (*functions)[elements.function[element]]; }
  Domain domain_of(Index element) const { return function_of(element).domain; }
  std::string_view vendor_id(Index vendor) const { return strings[vendors.id[vendor]]; }

  // Row lookups by id (built by InventoryBuilder; kept current by it).
  std::optional<Index> find_operator(std::string_view id) const;
  std::optional<Index> find_site(std::string_view id) const;
  std::optional<Index> find_element(std::string_view id) const;
  std::optional<Index> find_vendor(std::string_view id) const;  // canonical id
  std::optional<Index> find_facility(std::string_view id) const;

  // Indexed by StrId of an id; kNoIndex where the string is not an id of that table.
  std::vector<Index> operator_by_str, site_by_str, element_by_str, vendor_by_str, facility_by_str;
};

}  // namespace netvet
