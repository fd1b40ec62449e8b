#pragma once
// Equipment names per vendor (data/gen/equipment.yaml): the product models and software
// releases a generated element carries, so that a synthetic inventory reads like a real
// one ("Ericsson AIR 6449 running 23.Q2"). Internal to gen.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace netvet::gen {

class EquipmentCatalog {
 public:
  static Result<EquipmentCatalog> from_yaml(std::string_view text, std::string_view file);
  // The catalog built into the binary.
  static Result<EquipmentCatalog> builtin();

  // Models `vendor` sells for `function` (a canonical function id), falling back to the
  // vendor's `default` models, then to a generic name; never empty.
  std::vector<std::string> models(std::string_view vendor, std::string_view function) const;
  // Software releases of `vendor` for a domain ("ran", "transport", "core",
  // "management", ...), falling back to `default`; may be empty.
  std::vector<std::string> software(std::string_view vendor, std::string_view domain) const;

 private:
  struct VendorEquipment {
    std::map<std::string, std::vector<std::string>, std::less<>> models, software;
  };
  std::map<std::string, VendorEquipment, std::less<>> vendors_;
};

}  // namespace netvet::gen
