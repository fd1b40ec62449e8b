#pragma once
// The vendor registry: who makes network equipment, under which names. Inventories write
// vendors as free text ("HUAWEI", "Huawei Technologies Co., Ltd.", "huawei"); the
// registry maps every spelling onto one canonical id, so that policies and shares count
// one vendor once. Loaded from data/vendors.yaml, whose entries carry their sources.

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace netvet {

struct Source {
  std::string title;
  std::string url;
};

struct VendorInfo {
  std::string id;                        // canonical id, e.g. "huawei"
  std::string name;                      // display name, e.g. "Huawei"
  std::vector<std::string> legal_names;  // e.g. "Huawei Technologies Co., Ltd."
  std::vector<std::string> aliases;      // other spellings, brands, subsidiaries
  std::string country;                   // headquarters, ISO 3166-1 alpha-2
  std::vector<std::string> segments;     // what they sell: ran, core, transport, cloud, security, ...
  std::vector<Source> sources;
};

using RegistryVendorId = std::uint32_t;

class VendorRegistry {
 public:
  static Result<VendorRegistry> from_yaml(std::string_view text, std::string_view file);
  // The registry built into the binary from data/vendors.yaml.
  static const VendorRegistry& builtin();

  // The registry vendor that `text` names (any spelling of id, name, legal name or alias,
  // ignoring case, punctuation and corporate suffixes such as "Co., Ltd.").
  std::optional<RegistryVendorId> find(std::string_view text) const;
  const VendorInfo& operator[](RegistryVendorId id) const { return vendors_[id]; }
  std::size_t size() const { return vendors_.size(); }
  const std::vector<VendorInfo>& all() const { return vendors_; }

  // The known vendor whose spellings are closest to `text`, for "did you mean" warnings.
  std::optional<RegistryVendorId> closest(std::string_view text) const;

  // The matching key of a vendor spelling: lowercase alphanumerics, corporate suffixes
  // dropped ("Huawei Technologies Co., Ltd." -> "huaweitechnologies").
  static std::string match_key(std::string_view text);
  // The id an unknown vendor gets: lowercase words joined by '-' ("Acme Radio Ltd" ->
  // "acme-radio-ltd"), stable across spellings that differ only in case and punctuation.
  static std::string slug(std::string_view text);

 private:
  std::vector<VendorInfo> vendors_;
  absl::flat_hash_map<std::string, RegistryVendorId> by_key_;
  std::vector<std::pair<std::string, RegistryVendorId>> keys_;  // for closest()
};

}  // namespace netvet
