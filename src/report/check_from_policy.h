#pragma once
// The policy engine's results as a plain CheckReport (report/check_report.h), the one
// input of every `check` renderer. The renderers never read the engine; this mapping is
// the one place that knows both.
//
// Each finding keeps the engine's fingerprint (policy::fingerprint_hex), so SARIF
// partial fingerprints, waivers and baselines name a finding the same way.
//
// The report borrows: findings view the inventory's strings and the evaluation's clauses,
// and their messages are worded from the evaluation as they are written (report.messages),
// so each of a million findings takes about 160 bytes instead of a kilobyte. Keep the
// evaluation, the inventory and the waivers' texts alive while the report is.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "model/inventory.h"
#include "policy/evaluate.h"
#include "report/check_report.h"

namespace netvet::report {

// What becomes of one finding: reported, reported as waived (with the waiver's text), or
// left out (a baseline already knows it).
struct Disposition {
  enum class Kind : std::uint8_t { report, waive, drop };
  Kind kind = Kind::report;
  // For waive: the reason, approver and expiry, as the report shows them; text that
  // outlives the report (one per waiver, not one per finding it waives).
  std::string_view waiver;
};

// Decides a finding's disposition from the compact finding and its fingerprint.
using DecideFn = std::function<Disposition(const policy::Finding&, std::uint64_t fingerprint)>;

struct FromPolicyOptions {
  std::string inventory_name;  // for headings; empty: the inventory's meta name
  DecideFn decide;             // empty: every finding is reported
  unsigned threads = 2;  // rules are mapped on this many threads (0: the hardware's); `decide` must allow it
  // Facilities redacted, for readers who may not see them (the service's analysts): each
  // facility a finding names is a pseudonym ("facility-1", in order of first mention);
  // no facility id, name, owner or coordinate is written, nor any distance to a facility.
  // Everything else is as in the full report. The renderers that draw from the inventory
  // itself (HTML's map and exposure sections) must not be given a redacted report.
  bool redact_facilities = false;
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
