#pragma once
// The fields a selector can test: properties of an element and of its site, vendor and
// operator. This table is the language's vocabulary; the checker, the evaluator and the
// documentation all read it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netvet::policy {

enum class FieldId : std::uint8_t {
  id, vendor, vendor_country, function, domain, plane, generation, installed, op, op_country,
  model, software, serial, tags, site, site_kind, site_region, site_tags, site_subscribers,
};

// What a field's values are, which decides the operators and literals it accepts.
enum class FieldType : std::uint8_t {
  text,       // free text compared exactly (id, model, software, ...)
  vendor,     // a registry vendor: any spelling, or a designation
  country,    // ISO 3166-1 alpha-2
  function,   // the function vocabulary (aliases allowed)
  domain,     // ran, transport, core, interconnect, management
  plane,      // none, user, control
  site_kind,  // cell, hub, ...
  generation, // 2G, 3G, 4G, 5G
  date,       // compared as dates; an absent date never compares true (but != is true)
  number,     // compared as numbers; an absent number never compares true (but != is true)
};

struct FieldInfo {
  FieldId id;
  std::string_view name;
  FieldType type;
  bool list;  // list-valued: tested with `has` and `in` (any of), never `==`
  std::string_view meaning;
};

std::span<const FieldInfo> all_fields();
const FieldInfo& field_info(FieldId id);
std::optional<FieldId> find_field(std::string_view name);
std::vector<std::string> field_names();
std::string_view name_of(FieldType type);

}  // namespace netvet::policy
