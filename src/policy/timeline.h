#pragma once
// Timelines: the dates on which findings appear or clear, and what each operator must do
// by when (`netvet timeline`).
//
// What changes a verdict over time, with the inventory held fixed: rules taking effect
// (`effective`) or lapsing (`end`), evidence being issued or expiring (for packs that
// require evidence), and waivers expiring. The timeline evaluates the packs on the start
// date and on every such key date after it, reusing the date-independent selector masks
// (only evidence masks are recomputed), and compares each date's open findings (waived
// ones excluded) with the previous date's: element findings as mask differences,
// aggregates (cap, diversity) as sets.
//
// Obligations ("what must be done by when") are the findings that appear on a date, per
// rule and operator: they must be gone by then. Findings already open on the start date
// are obligations that are overdue since the rule took effect.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "policy/evaluate.h"
#include "policy/pack.h"
#include "policy/waivers.h"

namespace netvet::policy {

struct TimelineOptions {
  Date from = kNoDate;   // required: the state on this date is the starting point
  Date until = kNoDate;  // the last date looked at (kNoDate: every key date)
  std::vector<ParamOverride> params;
  double serving_radius_km = 2.0;
  const WaiverSet* waivers = nullptr;  // waived findings are not open until the waiver expires
  std::size_t samples = 5;             // subjects listed per change
};

// What happened to one rule's findings for one operator on a date.
struct TimelineChange {
  std::uint32_t rule = 0;  // into Timeline::rules
  std::string op;          // the operator ("" for findings without one)
  std::size_t appear = 0, clear = 0;
  std::size_t sites_appear = 0, sites_clear = 0;  // distinct sites of element findings
  std::vector<std::string> vendors_appear;        // vendors of the appearing findings, sorted
  std::vector<std::string> sample_appear, sample_clear;  // "element:E12", up to `samples`
};

// Why a date is on the timeline.
struct TimelineEvent {
  enum class Kind : std::uint8_t { effective, end, evidence_issued, evidence_expires, waiver_expires };
  Kind kind = Kind::effective;
  std::string text;  // "gb/5g-removal takes effect", "certification CERT-7 (vendor:ericsson) expires"
};
std::string_view name_of(TimelineEvent::Kind kind);

struct TimelineDate {
  Date date = kNoDate;
  std::vector<TimelineEvent> events;
  std::vector<TimelineChange> changes;  // rule order, then operator
  std::size_t appear = 0, clear = 0;
  std::size_t open = 0;  // open findings from this date on
};

// "By DATE, OPERATOR must clear these findings of a rule."
struct Obligation {
  std::string op;
  Date due = kNoDate;
  bool overdue = false;  // open on the start date: due since the rule took effect
  std::uint32_t rule = 0;
  std::size_t count = 0;  // subjects
  std::size_t sites = 0;  // distinct sites (element findings)
  std::vector<std::string> vendors;
  std::string action;  // "remove 1,234 huawei elements at 456 sites"
};

struct Timeline {
  Date from = kNoDate, until = kNoDate;
  std::vector<RuleOutcome> rules;  // every rule of the packs (in_force as of `from`)
  std::size_t open = 0;            // open findings on `from`
  std::vector<TimelineDate> dates; // key dates after `from` (changes may be empty)
  std::vector<Obligation> obligations;  // by operator, then due date, then rule
};

// Fails only on bad parameter overrides.
Result<Timeline> build_timeline(std::span<const Pack> packs, const Inventory& inventory, const TimelineOptions& options);

}  // namespace netvet::policy
