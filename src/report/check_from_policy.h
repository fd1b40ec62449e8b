#pragma once
// The policy engine's results as a plain CheckReport (report/check_report.h), the one
// input of every `check` renderer. The renderers never read the engine; this mapping is
// the one place that knows both.
//
// Each finding keeps the engine's fingerprint (policy::fingerprint_hex), so SARIF
// partial fingerprints, waivers and baselines name a finding the same way.

#include <cstddef>
#include <functional>
#include <span>
#include <string>

#include "model/inventory.h"
#include "policy/evaluate.h"
#include "report/check_report.h"

namespace netvet::report {

// What becomes of one finding: reported, reported as waived (with the waiver's text), or
// left out (a baseline already knows it).
struct Disposition {
  enum class Kind : std::uint8_t { report, waive, drop };
  Kind kind = Kind::report;
  std::string waiver;  // for waive: the reason, approver and expiry, as the report shows them
};

// Decides a finding's disposition from the compact finding and its fingerprint.
using DecideFn = std::function<Disposition(const policy::Finding&, std::uint64_t fingerprint)>;

struct FromPolicyOptions {
  std::string inventory_name;  // for headings; empty: the inventory's meta name
  DecideFn decide;             // empty: every finding is reported
  // Messages for at most this many findings per rule (0: every finding). The rest keep
  // their subject, operator and vendor (counts stay exact) but no text, which is what a
  // summarising text report of a million findings needs.
  std::size_t messages_per_rule = 0;
  unsigned threads = 2;  // rules are mapped on this many threads (0: the hardware's); `decide` must allow it
};

struct FromPolicyResult {
  CheckReport report;
  std::size_t dropped = 0;  // findings the decision left out
};

FromPolicyResult check_report_of(std::span<const policy::Pack> packs, const policy::Evaluation& evaluation,
                                 const Inventory& inventory, const FromPolicyOptions& options = {});

// The engine's fingerprint of a compact finding: policy, rule, subject kind, id and scope.
std::uint64_t fingerprint_of(const policy::Evaluation& evaluation, const Inventory& inventory,
                             const policy::Finding& finding);

}  // namespace netvet::report
