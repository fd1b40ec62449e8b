#pragma once
// The function vocabulary: what a network element does (ru, gnb, upf, ems, ...), the
// domain it belongs to and the aliases operators write for it. Loaded from
// data/functions.yaml: the vocabulary is data, the analyses only ask it questions
// ("is this a ran function?", "is this a core user-plane sink?").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "util/diagnostic.h"

namespace netvet {

enum class Domain : std::uint8_t { ran, transport, core, interconnect, management };
inline constexpr std::size_t kDomainCount = 5;
std::string_view domain_name(Domain domain);
std::optional<Domain> parse_domain(std::string_view name);

// Whether a core function carries user traffic or controls it (spec: "Core user plane",
// "Control-plane elements").
enum class Plane : std::uint8_t { none, user, control };

using FunctionId = std::uint16_t;

struct FunctionInfo {
  std::string id;           // canonical name, e.g. "gnb"
  std::string description;  // e.g. "integrated 5G baseband"
  Domain domain = Domain::ran;
  Plane plane = Plane::none;
  bool sink = false;        // the core user plane where a cell site's traffic arrives
  std::vector<std::string> aliases;
};

class FunctionVocabulary {
 public:
  // Parses data/functions.yaml text. Problems name `file` and the YAML line.
  static Result<FunctionVocabulary> from_yaml(std::string_view text, std::string_view file);
  // The vocabulary built into the binary from data/functions.yaml.
  static const FunctionVocabulary& builtin();

  // A canonical name or alias, case-insensitively, ignoring '-', '_' and spaces.
  std::optional<FunctionId> find(std::string_view name) const;
  const FunctionInfo& operator[](FunctionId id) const { return functions_[id]; }
  std::size_t size() const { return functions_.size(); }
  const std::vector<FunctionInfo>& all() const { return functions_; }
  // The closest canonical names and aliases to an unknown `name`, for error messages.
  std::vector<std::string> suggestions(std::string_view name) const;

 private:
  std::vector<FunctionInfo> functions_;
  absl::flat_hash_map<std::string, FunctionId> by_key_;  // folded name or alias -> id
  std::vector<std::string> spellings_;                   // every name and alias, for suggestions
};

}  // namespace netvet
