#pragma once
// What the policy commands (check, timeline) read besides the inventory: packs (built-in
// ids or files), the as-of date, parameter overrides and what-if assumptions. Each reader
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

// --param overrides, checked against the packs (an unknown parameter or a value that does
// not fit is an error).
std::optional<std::vector<policy::ParamOverride>> read_params(const std::vector<std::string>& params,
                                                              const std::vector<policy::Pack>& packs);

// The designations of every pack together (a name several packs use names all their
// vendors), so that `--assume 'remove designated'` reads as the packs do.
struct MergedScope {
  policy::Designations designations;
  policy::Parameters parameters;
  policy::SelectorScope scope() const { return {&VendorRegistry::builtin(), &FunctionVocabulary::builtin(), &designations, &parameters}; }
};
MergedScope merged_scope(const std::vector<policy::Pack>& packs);

// --waivers FILE (empty path: no waivers). The outer optional is empty on error; the
// inner one when no file was given.
std::optional<std::optional<policy::WaiverSet>> read_waivers(const std::string& path,
                                                             const std::vector<policy::Pack>& packs);

// --assume texts.
std::optional<std::vector<policy::Assumption>> read_assumptions(const std::vector<std::string>& texts,
                                                                const policy::SelectorScope& scope);

}  // namespace netvet::cli
