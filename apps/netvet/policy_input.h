#pragma once
// What the policy commands (check, timeline) read besides the inventory: packs (built-in
// ids or files), the as-of date, parameter overrides, what-if assumptions and waivers. Each reader
// prints its problems on stderr (file:line:column) and returns nothing on error, so the
// command can exit with code 2 before writing anything.

#include <optional>
#include <string>
#include <vector>

#include "options.h"
#include "policy/assume.h"
#include "policy/pack.h"
#include "policy/waivers.h"
#include "util/diagnostic.h"

namespace netvet::cli {

// Prints problems on stderr, styled for a terminal.
void print_problems(const Diagnostics& problems);

// --policy: built-in ids separated by commas, or pack files (a path that exists, or
// contains '/', or ends in .yaml/.yml).
std::optional<std::vector<policy::Pack>> read_packs(const std::string& spec);

// --as-of (empty: today).
std::optional<Date> read_as_of(const std::string& text, std::string_view flag = "--as-of");

// The designations of every pack together (a name several packs use names all their
// vendors), so that `--assume 'remove designated'` reads as the packs do.
struct MergedScope {
  policy::Designations designations;
  policy::Parameters parameters;
  policy::SelectorScope scope() const { return {&VendorRegistry::builtin(), &FunctionVocabulary::builtin(), &designations, &parameters}; }
};

// What check and timeline read before the inventory, in this order: --policy packs,
// --param overrides (checked against the packs), --assume texts (read with the packs'
// merged designations) and --waivers FILE (none when the path is empty).
struct PolicyInputs {
  std::vector<policy::Pack> packs;
  std::vector<policy::ParamOverride> params;
  MergedScope scope;
  std::vector<policy::Assumption> assumptions;
  std::optional<policy::WaiverSet> waivers;
};
std::optional<PolicyInputs> read_policy_inputs(const PolicyOptions& options, const std::vector<std::string>& assume,
                                               const std::string& waivers);

}  // namespace netvet::cli
