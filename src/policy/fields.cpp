#include "policy/fields.h"

#include <array>

namespace netvet::policy {
namespace {

using enum FieldType;
constexpr std::array kFields = {
    FieldInfo{FieldId::id, "id", text, false, "the element's id"},
    FieldInfo{FieldId::vendor, "vendor", vendor, false, "the element's vendor (registry id; any spelling; designations)"},
    FieldInfo{FieldId::vendor_country, "vendor.country", country, false, "the vendor's headquarters country (registry)"},
    FieldInfo{FieldId::function, "function", function, false, "the element's function (canonical name or alias)"},
    FieldInfo{FieldId::domain, "domain", domain, false, "the domain of the element's function"},
    FieldInfo{FieldId::plane, "plane", plane, false, "user or control for core functions, none otherwise"},
    FieldInfo{FieldId::generation, "generation", generation, true, "the radio generations of the element"},
    FieldInfo{FieldId::installed, "installed", date, false, "the date the element went into service"},
    FieldInfo{FieldId::op, "operator", text, false, "the element's operator id"},
    FieldInfo{FieldId::op_country, "operator.country", country, false, "the operator's country"},
    FieldInfo{FieldId::model, "model", text, false, "the element's model"},
    FieldInfo{FieldId::software, "software", text, false, "the element's software version"},
    FieldInfo{FieldId::serial, "serial", text, false, "the element's serial number"},
    FieldInfo{FieldId::tags, "tags", text, true, "the element's tags"},
    FieldInfo{FieldId::site, "site", text, false, "the element's site id"},
    FieldInfo{FieldId::site_kind, "site.kind", site_kind, false, "the kind of the element's site"},
    FieldInfo{FieldId::site_region, "site.region", text, false, "the region of the element's site"},
    FieldInfo{FieldId::site_tags, "site.tags", text, true, "the tags of the element's site"},
    FieldInfo{FieldId::site_subscribers, "site.subscribers", number, false, "users served by the element's site"},
};

}  // namespace

std::span<const FieldInfo> all_fields() { return kFields; }

const FieldInfo& field_info(FieldId id) { return kFields[static_cast<std::size_t>(id)]; }

std::optional<FieldId> find_field(std::string_view name) {
  for (const auto& f : kFields) {
    if (f.name == name) return f.id;
  }
  return std::nullopt;
}

std::vector<std::string> field_names() {
  std::vector<std::string> names;
  for (const auto& f : kFields) names.emplace_back(f.name);
  return names;
}

std::string_view name_of(FieldType type) {
  switch (type) {
    case text: return "text";
    case vendor: return "vendor";
    case country: return "country";
    case function: return "function";
    case domain: return "domain";
    case plane: return "plane";
    case site_kind: return "site kind";
    case generation: return "generation";
    case date: return "date";
    case number: return "number";
  }
  return "?";
}

}  // namespace netvet::policy
