#pragma once
// Policy packs: a jurisdiction's high-risk-vendor regime as data (data/policies/ID.yaml).
// This header is the door for loading packs; evaluate.h is the door for running them.
// The format is documented in data/policies/README.md.
//
// A pack is loaded once, checked completely (unknown keys, bad expressions, unknown
// designations or vendors, bad dates, references to unknown sources or parameters: each
// problem with file:line:column) and then evaluated against any number of inventories.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/inventory.h"
#include "policy/expression.h"
#include "policy/sharing.h"
#include "util/diagnostic.h"

namespace netvet::policy {

enum class RuleSeverity : std::uint8_t { critical, high, medium, low };
enum class RuleKind : std::uint8_t { forbid, cap, proximity, require, diversity, exposure };
// How an exposure rule's facility may meet a vendor (shared/spec/inventory.md): its traffic
// must cross the vendor's element, the vendor runs its operators' core control plane, or
// the vendor's element manages or hosts one of those.
// How a facility meets a designation (graph/exposure.h): their failure cuts it off
// (transport; "unavoidable" in packs written before exposure was judged by vendor),
// they run or manage its control plane, or their kill-switch cuts it off (influence).
enum class ExposureVia : std::uint8_t { transport, control_plane, influence };
enum class CapScope : std::uint8_t { op, region };
enum class CapUnit : std::uint8_t { sites, elements, subscribers };

std::string_view name_of(RuleSeverity severity);
std::string_view name_of(RuleKind kind);
std::string_view name_of(CapScope scope);
std::string_view name_of(CapUnit unit);
std::string_view name_of(ExposureVia via);  // "transport", "control_plane", "influence"
std::optional<ExposureVia> parse_exposure_via(std::string_view name);
std::optional<CapUnit> parse_cap_unit(std::string_view name);

// A place in the pack file (1-based), kept for problems found after loading, such as a
// --param override that does not fit where the parameter is used.
struct Location {
  std::int64_t line = 0;
  std::int64_t col = 0;
};

struct PackSource {
  std::string id, title, url;
};

struct Parameter {
  std::string name, description;
  ParamValue value;                  // the default
  std::vector<std::string> allowed;  // for text parameters: the values an override may take
  Location at;
};

// A number or word a rule sets, written literally or as $parameter.
struct Setting {
  std::string param;  // the parameter's name when written as $name
  ParamValue value;   // the literal (ignored when param is set)
  Location at;
};

// A selector and the file position of each of its bytes, for errors found at evaluation.
struct PackSelector {
  Selector selector;
  std::vector<Location> positions;  // positions[offset], one extra for the end
  Location at(std::size_t offset) const;
};

struct ForbidRule {};
struct CapRule {
  PackSelector within;  // the scope's elements ("of what"): default every element
  CapScope per = CapScope::op;
  Setting unit;   // sites | elements | subscribers
  Setting limit;  // a share, 0..1
};
// The facilities a proximity or exposure rule names: `facilities: {kinds, owners,
// located_in}`. Where a facility lies is the country of the network it is listed with (the
// inventory's `country`): an inventory describes one national network and the facilities
// it serves. An inventory that names no country counts as lying in every country
// `located_in` lists (whoever checks it against a pack takes it for that jurisdiction's).
struct FacilitySelection {
  std::vector<FacilityKind> kinds;    // empty: every kind
  std::vector<Country> owners;        // empty: any owner
  std::vector<Country> located_in;    // empty: anywhere

  bool matches(const Inventory& inventory, Index facility) const;
};

struct ProximityRule : FacilitySelection {
  Setting radius_km;                // sites within this distance of a facility
  bool serving = false;             // also the sites serving the facility
};
// Evidence of `type` under any of `schemes` (the certificates a regime recognises: de's
// TR-03163 takes NESAS CCS-GI, Common Criteria or BSZ); schemes compare ignoring case.
struct RequireRule {
  EvidenceType type = EvidenceType::certification;
  std::vector<std::string> schemes;  // empty: any scheme
};
struct DiversityRule {
  Setting min_vendors;  // at least this many vendors per operator and domain
  Setting max_share;    // no vendor above this share of the operator's elements in a domain
};
// Facilities of the given kinds, owners and location must not be exposed to the
// designated vendors, taken together, in any of the ways `via` lists: as a whole (no
// serving operator offers a clean way) or, with per_operator, through any one serving
// operator's traffic. Isolated facilities (no serving cell reaches the core) cannot be
// vetted and are findings of their own, at low severity (evaluate.h).
struct ExposureRule : FacilitySelection {
  std::string vendors;              // a designation of the pack
  std::vector<ExposureVia> via;     // in this order: transport, control_plane, influence
  bool per_operator = false;        // any serving operator's traffic, not the facility's as a whole
};

struct Rule {
  std::string id, title, description, remediation;
  RuleSeverity severity = RuleSeverity::high;
  Date effective = kNoDate;  // in force from this date
  Date end = kNoDate;        // no longer in force from this date (kNoDate: open)
  std::vector<std::string> sources;  // PackSource ids
  PackSelector select;
  std::variant<ForbidRule, CapRule, ProximityRule, RequireRule, DiversityRule, ExposureRule> spec;
  // A sharing pack's rule: what its findings mean for a country (sharing.h). Present in
  // every rule of a sharing pack and in no rule of a regime pack.
  std::optional<SharingTerms> sharing;
  Location at;

  RuleKind kind() const { return static_cast<RuleKind>(spec.index()); }
  bool in_force(Date date) const { return effective <= date && (end == kNoDate || date < end); }
};

struct Pack {
  std::string file;  // as given, for messages
  std::string id, title, jurisdiction, version, description;
  PackKind kind = PackKind::regime;
  Country partner = kNoCountry;  // a sharing pack's: the party that shares (ISO code)
  // Other names --policy accepts for the pack: `uk`, `united-kingdom` for gb (lowercase
  // letters, digits and '-'; country names with '-' for blanks).
  std::vector<std::string> aliases;
  Date reflects = kNoDate;  // the date whose legal state the pack reflects
  std::vector<PackSource> sources;
  std::vector<Parameter> parameters;
  Parameters parameter_values;  // name -> current value (defaults, or overrides)
  Designations designations;    // name -> registry vendor ids
  std::vector<Rule> rules;
  const VendorRegistry* registry = &VendorRegistry::builtin();
  const FunctionVocabulary* functions = &FunctionVocabulary::builtin();

  SelectorScope scope() const { return {registry, functions, &designations, &parameter_values}; }
  const PackSource* source(std::string_view source_id) const;
};

struct PackOptions {
  const VendorRegistry* registry = &VendorRegistry::builtin();
  const FunctionVocabulary* functions = &FunctionVocabulary::builtin();
};

// Parses pack YAML; every problem is reported with `file`, line and column.
Result<Pack> parse_pack(std::string_view text, std::string_view file, const PackOptions& options = {});
// Reads and parses a pack file.
// A pack file is read only when it is a regular file of at most kMaxPackBytes: built-in
// packs are ~10 KB, and a pack of tens of megabytes is a mistake that would parse for
// seconds (docs/reliability.md).
inline constexpr std::size_t kMaxPackBytes = 1u << 20;
Result<Pack> load_pack_file(const std::filesystem::path& path, const PackOptions& options = {});
// A built-in pack (data/policies/ID.yaml embedded in the binary), by id or by one of its
// aliases (`uk`, `United Kingdom`: case, blanks and '_' are read as in `united-kingdom`).
Result<Pack> builtin_pack(std::string_view id, const PackOptions& options = {});
// The id of the built-in pack `name` is an id or alias of; nothing when none is.
std::optional<std::string> builtin_pack_id(std::string_view name);
std::vector<std::string> builtin_pack_ids();

// A `--param NAME=VALUE` override; `PACK.NAME=VALUE` limits it to one pack.
struct ParamOverride {
  std::string pack;  // empty: every pack that declares the parameter
  std::string name, value;
};
// "NAME=VALUE" or "PACK.NAME=VALUE".
Result<ParamOverride> parse_param_override(std::string_view text);

// Applies overrides to packs, re-checking every selector and setting that uses them.
// An override no pack declares, or a value that does not fit, is an error.
Result<std::vector<Pack>> with_parameters(std::vector<Pack> packs, const std::vector<ParamOverride>& overrides);

// The value of a setting (its parameter's, when it names one).
const ParamValue& value_of(const Setting& setting, const Pack& pack);

// A parameter's value as people read it in prose: a number as written ("35%", "2"), a
// date as YYYY-MM-DD, a list as "a, b and c" ("none" when empty), text as is.
std::string prose_of(const ParamValue& value);

// `text` (a pack's or rule's title, description or remediation) with every `$name` of a
// parameter the pack declares replaced by its current value (prose_of): the text people
// read says "at most 35%", not "at most $cap_limit". `$` not followed by a declared
// parameter's name ("$5.6bn") is left as written.
std::string fill_parameters(std::string_view text, const Pack& pack);

// The `$name`s in `text` that look like parameters (a letter or `_`, then letters, digits
// or `_`) but that `pack` does not declare: what the pack reader reports as unknown.
std::vector<std::string> unknown_parameters(std::string_view text, const Pack& pack);

}  // namespace netvet::policy
