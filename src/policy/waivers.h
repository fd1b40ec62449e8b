#pragma once
// Waivers: findings an approver has accepted for a while. A waived finding is still
// reported (marked waived, with the waiver's reason), never hidden, and does not count
// against compliance; on the waiver's expiry date it counts again.
//
// The file (YAML; docs/waivers.md):
//
//   waivers:
//     - fingerprint: 3f2a9c0d1e4b5a67     # one finding, by the fingerprint `check` prints
//       reason: Replacement booked in change CHG-1234
//       approver: J. Smith (CISO)
//       expires: 2026-12-31              # applies while as-of < expires
//     - rule: gb/core-exclusion           # or a rule (PACK/RULE, or RULE when unambiguous)
//       selector: site == "C1"            # optional: only the elements it selects
//       operator: ee                      # optional: only this operator's findings
//       reason: ...
//       approver: ...
//       expires: 2026-06-30
//
// A rule waiver with a selector covers element findings only (a selector selects
// elements); without one it covers every finding of the rule (for the operator, when
// given). Every problem is reported as file:line:column.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/inventory.h"
#include "policy/evaluate.h"
#include "policy/pack.h"

namespace netvet::policy {

struct Waiver {
  std::optional<std::uint64_t> fingerprint;  // a single finding
  std::string policy, rule;                  // or every finding of a rule ...
  std::optional<PackSelector> selector;      // ... at the elements this selects
  std::string op;                            // ... of this operator
  std::string reason, approver;
  Date expires = kNoDate;
  Location at;  // the entry in the file

  bool active(Date date) const { return date < expires; }
  // "Replacement booked (approved by J. Smith; expires 2026-12-31)"
  std::string describe() const;
};

struct WaiverSet {
  std::string file;
  std::vector<Waiver> waivers;
};

// Parses a waiver file; rules and selectors are checked against `packs`.
Result<WaiverSet> parse_waivers(std::string_view text, std::string_view file, std::span<const Pack> packs);
// A waiver file is read only when it is a regular file of at most kMaxWaiverBytes (tens of
// thousands of waivers).
inline constexpr std::size_t kMaxWaiverBytes = 16u << 20;
Result<WaiverSet> load_waivers(const std::filesystem::path& path, std::span<const Pack> packs);

// The waivers in force on the evaluation's date, matched against its findings.
class WaiverMatcher {
 public:
  WaiverMatcher(const WaiverSet& set, std::span<const Pack> packs, const Evaluation& evaluation,
                const Inventory& inventory);

  // The waiver covering a finding (its fingerprint given), or nothing.
  const Waiver* match(const Finding& finding, std::uint64_t fingerprint) const;
  // The element findings of rule `rule` (an index into the evaluation's rules) it covers.
  RowMask waived_elements(std::uint32_t rule) const;
  bool empty() const { return active_.empty(); }

 private:
  struct Active {
    const Waiver* waiver;
    std::uint32_t rule = 0;  // rule waivers: the rule's index
    RowMask selected;        // with a selector: the elements it selects
  };
  const Evaluation& evaluation_;
  const Inventory& inventory_;
  std::vector<Active> active_;
  std::vector<std::pair<std::uint64_t, const Waiver*>> by_fingerprint_;  // in force, sorted
};

// The waivers' expiry dates (sorted, distinct): when waived findings come back.
std::vector<Date> waiver_expiries(const WaiverSet& set);

}  // namespace netvet::policy
