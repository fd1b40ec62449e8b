// diff_inventories: match by element id, then compare each field's canonical text.
#include "model/diff.h"

#include <array>

#include "util/date.h"

namespace netvet {

std::string_view name_of(ElementField field) {
  static constexpr std::array<std::string_view, kElementFieldCount> kNames = {
      "function", "vendor", "site", "operator", "generation", "model", "software", "installed"};
  return kNames[static_cast<std::size_t>(field)];
}

std::string element_field_text(const Inventory& inv, Index e, ElementField field) {
  const auto& els = inv.elements;
  switch (field) {
    case ElementField::function: return inv.function_of(e).id;
    case ElementField::vendor: return std::string(inv.vendor_id(els.vendor[e]));
    case ElementField::site: return std::string(inv.str(inv.sites.id[els.site[e]]));
    case ElementField::operator_: return std::string(inv.str(inv.operators.id[els.op[e]]));
    case ElementField::generation: {
      std::string text;
      for (std::string_view g : generation_names(els.generation[e])) {
        if (!text.empty()) text += ';';
        text += g;
      }
      return text;
    }
    case ElementField::model: return std::string(inv.str(els.model[e]));
    case ElementField::software: return std::string(inv.str(els.software[e]));
    case ElementField::installed: return els.installed[e] == kNoDate ? std::string() : format_date(els.installed[e]);
  }
  return {};
}

InventoryDiff diff_inventories(const Inventory& before, const Inventory& after) {
  InventoryDiff diff;
  std::vector<bool> matched(before.elements.size(), false);
  for (Index e = 0; e < after.elements.size(); ++e) {
    const auto old = before.find_element(after.str(after.elements.id[e]));
    if (!old) {
      diff.added.push_back(e);
      continue;
    }
    matched[*old] = true;
    FieldSet fields = 0;
    for (std::size_t f = 0; f < kElementFieldCount; ++f) {
      const auto field = static_cast<ElementField>(f);
      if (element_field_text(before, *old, field) != element_field_text(after, e, field)) fields |= field_bit(field);
    }
    if (fields == 0) ++diff.unchanged;
    else diff.changed.push_back({.before = *old, .after = e, .fields = fields});
  }
  for (Index e = 0; e < before.elements.size(); ++e)
    if (!matched[e]) diff.removed.push_back(e);
  return diff;
}

}  // namespace netvet
