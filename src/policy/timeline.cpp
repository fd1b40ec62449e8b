#include "policy/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>

namespace netvet::policy {

std::string_view name_of(TimelineEvent::Kind kind) {
  static constexpr std::string_view kNames[] = {"effective", "end", "evidence_issued", "evidence_expires", "waiver_expires"};
  return kNames[static_cast<std::size_t>(kind)];
}

namespace {

// An aggregate finding as a comparable key.
struct AggregateKey {
  SubjectType kind;
  StrId subject;
  StrId op;
  std::uint8_t domain;
  auto operator<=>(const AggregateKey&) const = default;
};

// The open (unwaived) findings of every rule on one date.
struct State {
  std::vector<RowMask> elements;                   // per rule
  std::vector<std::vector<AggregateKey>> aggregates;  // per rule, sorted
  std::size_t open = 0;
};

std::string subject_text(const Inventory& inv, SubjectType kind, StrId subject) {
  if (kind == SubjectType::region && subject == kEmptyStr) return "(no region)";
  return std::string(inv.str(subject));
}

State state_of(const Evaluation& ev, const Inventory& inv, std::span<const Pack> packs, const WaiverSet* waivers) {
  State s;
  const std::size_t rules = ev.rules.size();
  s.elements.assign(rules, RowMask(inv.elements.size()));
  s.aggregates.resize(rules);
  std::optional<WaiverMatcher> matcher;
  if (waivers != nullptr && !waivers->waivers.empty()) matcher.emplace(*waivers, packs, ev, inv);
  for (std::uint32_t r = 0; r < rules; ++r) {
    const RowMask& flagged = ev.findings.flagged(r);
    if (flagged.rows() == 0) continue;
    s.elements[r] = flagged;
    if (matcher) s.elements[r].subtract(matcher->waived_elements(r));
    s.open += s.elements[r].count();
  }
  for (const Finding& f : ev.findings.aggregates()) {
    if (matcher) {
      const RuleOutcome& rule = ev.rules[f.rule];
      const std::string scope = f.domain == kNoDomain ? "" : std::string(domain_name(static_cast<Domain>(f.domain)));
      const auto fp = fingerprint_of(rule.policy, rule.rule, f.kind, subject_text(inv, f.kind, f.subject), scope);
      if (matcher->match(f, fp)) continue;
    }
    s.aggregates[f.rule].push_back({f.kind, f.subject, f.op, f.domain});
    ++s.open;
  }
  for (auto& keys : s.aggregates) std::ranges::sort(keys);
  return s;
}

// Findings of one rule grouped by operator: counts, distinct sites, vendors, a sample.
struct Group {
  std::size_t count = 0;
  std::vector<Index> sites;
  std::vector<std::uint8_t> vendors;
  std::vector<std::string> sample;
};

std::map<std::string, Group> group_elements(const Inventory& inv, const RowMask& rows, std::size_t samples) {
  const ElementTable& el = inv.elements;
  std::vector<Group> by_op(inv.operators.size());
  rows.for_each([&](std::size_t row) {
    Group& g = by_op[el.op[row]];
    ++g.count;
    g.sites.push_back(el.site[row]);
    if (g.vendors.empty()) g.vendors.assign(inv.vendors.size(), 0);
    g.vendors[el.vendor[row]] = 1;
    if (g.sample.size() < samples) g.sample.push_back(fmt::format("element:{}", inv.str(el.id[row])));
  });
  std::map<std::string, Group> out;
  for (Index o = 0; o < by_op.size(); ++o) {
    if (by_op[o].count == 0) continue;
    Group& g = by_op[o];
    std::ranges::sort(g.sites);
    g.sites.erase(std::unique(g.sites.begin(), g.sites.end()), g.sites.end());
    out.emplace(std::string(inv.str(inv.operators.id[o])), std::move(g));
  }
  return out;
}

std::map<std::string, Group> group_aggregates(const Inventory& inv, const std::vector<AggregateKey>& keys,
                                              std::size_t samples) {
  std::map<std::string, Group> out;
  for (const AggregateKey& k : keys) {
    Group& g = out[std::string(inv.str(k.op))];
    ++g.count;
    if (g.sample.size() < samples) {
      std::string subject = fmt::format("{}:{}", name_of(k.kind), subject_text(inv, k.kind, k.subject));
      if (k.domain != kNoDomain) subject += fmt::format(" ({})", domain_name(static_cast<Domain>(k.domain)));
      g.sample.push_back(std::move(subject));
    }
  }
  return out;
}

std::vector<std::string> vendor_names(const Inventory& inv, const Group& g) {
  std::vector<std::string> names;
  for (Index v = 0; v < g.vendors.size(); ++v) {
    if (g.vendors[v]) names.emplace_back(inv.vendor_id(v));
  }
  std::ranges::sort(names);
  return names;
}

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", grouped(n), word, n == 1 ? "" : "s");
}

// "remove 1,234 huawei elements at 456 sites"
std::string action_of(const RuleOutcome& rule, const Obligation& o) {
  std::string vendors;
  for (const auto& v : o.vendors) vendors += (vendors.empty() ? "" : "/") + v;
  const std::string elements = vendors.empty() ? fmt::format("{} {}", grouped(o.count), o.count == 1 ? "element" : "elements")
                                               : fmt::format("{} {} {}", grouped(o.count), vendors, o.count == 1 ? "element" : "elements");
  switch (rule.kind) {
    case RuleKind::forbid:
    case RuleKind::proximity: return fmt::format("remove {} at {}", elements, plural(o.sites, "site"));
    case RuleKind::require:
      return fmt::format("hold valid {} for {} at {}", rule.evidence, elements, plural(o.sites, "site"));
    case RuleKind::cap:
      return fmt::format("bring the designated vendors' share under the limit in {}", plural(o.count, "scope"));
    case RuleKind::diversity: return fmt::format("diversify vendors in {}", plural(o.count, "domain"));
    case RuleKind::exposure:
      return fmt::format("free {} {} from exposure to the designated vendors", grouped(o.count),
                         o.count == 1 ? "facility" : "facilities");
  }
  return {};
}

bool uses_evidence(std::span<const Pack> packs) {
  for (const Pack& p : packs) {
    for (const Rule& r : p.rules) {
      if (r.kind() == RuleKind::require || r.select.selector.text.find("evidence") != std::string::npos) return true;
      if (const auto* cap = std::get_if<CapRule>(&r.spec); cap && cap->within.selector.text.find("evidence") != std::string::npos) return true;
    }
  }
  return false;
}

std::map<Date, std::vector<TimelineEvent>> key_dates(std::span<const Pack> packs, const Inventory& inv,
                                                     const TimelineOptions& options) {
  std::map<Date, std::vector<TimelineEvent>> dates;
  auto add = [&](Date d, TimelineEvent::Kind kind, std::string text) {
    if (d == kNoDate || d <= options.from) return;
    if (options.until != kNoDate && d > options.until) return;
    dates[d].push_back({kind, std::move(text)});
  };
  for (const Pack& p : packs) {
    for (const Rule& r : p.rules) {
      add(r.effective, TimelineEvent::Kind::effective, fmt::format("{}/{} takes effect", p.id, r.id));
      add(r.end, TimelineEvent::Kind::end, fmt::format("{}/{} ends", p.id, r.id));
    }
  }
  if (uses_evidence(packs)) {
    const EvidenceTable& ev = inv.evidence;
    for (std::size_t r = 0; r < ev.size(); ++r) {
      const std::string what =
          ev.evidence_id[r] == kEmptyStr
              ? fmt::format("{} for {}", name_of(ev.type[r]), inv.str(ev.subject_text[r]))
              : fmt::format("{} {} for {}", name_of(ev.type[r]), inv.str(ev.evidence_id[r]), inv.str(ev.subject_text[r]));
      add(ev.issued[r], TimelineEvent::Kind::evidence_issued, what + " issued");
      add(ev.expires[r], TimelineEvent::Kind::evidence_expires, what + " expires");
    }
  }
  if (options.waivers != nullptr) {
    for (const Waiver& w : options.waivers->waivers) {
      const std::string what = w.fingerprint ? fmt::format("finding {}", fingerprint_hex(*w.fingerprint))
                                             : fmt::format("{}/{}", w.policy, w.rule);
      add(w.expires, TimelineEvent::Kind::waiver_expires, fmt::format("waiver for {} expires ({})", what, w.reason));
    }
  }
  return dates;
}

}  // namespace

Result<Timeline> build_timeline(std::span<const Pack> packs, const Inventory& inv, const TimelineOptions& options) {
  SelectorEvaluator selectors(inv, options.from);
  EvaluationOptions eo;
  eo.params = options.params;
  eo.serving_radius_km = options.serving_radius_km;
  eo.selectors = &selectors;
  auto evaluate_on = [&](Date d) {
    eo.as_of = d;
    auto evaluation = evaluate(packs, inv, eo);
    // The facilities' exposure does not depend on the date: computed once, when first needed.
    if (evaluation && !eo.exposure) eo.exposure = evaluation->exposure;
    return evaluation;
  };

  Timeline t;
  t.from = options.from;
  t.until = options.until;
  auto first = evaluate_on(options.from);
  if (!first) return std::unexpected(first.error());
  t.rules = first->rules;
  State previous = state_of(*first, inv, packs, options.waivers);
  t.open = previous.open;

  // Overdue: open on the start date, due since each rule took effect.
  for (std::uint32_t r = 0; r < t.rules.size(); ++r) {
    std::map<std::string, Group> groups = group_elements(inv, previous.elements[r], 0);
    for (auto& [op, g] : group_aggregates(inv, previous.aggregates[r], 0)) groups.emplace(op, std::move(g));
    for (const auto& [op, g] : groups) {
      Obligation o{.op = op, .due = t.rules[r].effective, .overdue = true, .rule = r, .count = g.count,
                   .sites = g.sites.size(), .vendors = vendor_names(inv, g), .action = {}};
      o.action = action_of(t.rules[r], o);
      t.obligations.push_back(std::move(o));
    }
  }

  for (auto& [date, events] : key_dates(packs, inv, options)) {
    auto ev = evaluate_on(date);
    if (!ev) return std::unexpected(ev.error());
    State current = state_of(*ev, inv, packs, options.waivers);
    TimelineDate td;
    td.date = date;
    td.events = std::move(events);
    td.open = current.open;
    for (std::uint32_t r = 0; r < t.rules.size(); ++r) {
      RowMask appear = current.elements[r], clear = previous.elements[r];
      appear.subtract(previous.elements[r]);
      clear.subtract(current.elements[r]);
      std::vector<AggregateKey> agg_appear, agg_clear;
      std::ranges::set_difference(current.aggregates[r], previous.aggregates[r], std::back_inserter(agg_appear));
      std::ranges::set_difference(previous.aggregates[r], current.aggregates[r], std::back_inserter(agg_clear));
      if (!appear.any() && !clear.any() && agg_appear.empty() && agg_clear.empty()) continue;
      std::map<std::string, Group> up = group_elements(inv, appear, options.samples);
      for (auto& [op, g] : group_aggregates(inv, agg_appear, options.samples)) up.emplace(op, std::move(g));
      std::map<std::string, Group> down = group_elements(inv, clear, options.samples);
      for (auto& [op, g] : group_aggregates(inv, agg_clear, options.samples)) down.emplace(op, std::move(g));
      std::vector<std::string> ops;
      for (const auto& [op, g] : up) ops.push_back(op);
      for (const auto& [op, g] : down) ops.push_back(op);
      std::ranges::sort(ops);
      ops.erase(std::unique(ops.begin(), ops.end()), ops.end());
      for (const auto& op : ops) {
        TimelineChange c;
        c.rule = r;
        c.op = op;
        if (auto it = up.find(op); it != up.end()) {
          c.appear = it->second.count;
          c.sites_appear = it->second.sites.size();
          c.vendors_appear = vendor_names(inv, it->second);
          c.sample_appear = std::move(it->second.sample);
          Obligation o{.op = op, .due = date, .overdue = false, .rule = r, .count = c.appear,
                       .sites = c.sites_appear, .vendors = c.vendors_appear, .action = {}};
          o.action = action_of(t.rules[r], o);
          t.obligations.push_back(std::move(o));
        }
        if (auto it = down.find(op); it != down.end()) {
          c.clear = it->second.count;
          c.sites_clear = it->second.sites.size();
          c.sample_clear = std::move(it->second.sample);
        }
        td.appear += c.appear;
        td.clear += c.clear;
        td.changes.push_back(std::move(c));
      }
    }
    t.dates.push_back(std::move(td));
    previous = std::move(current);
  }
  std::ranges::stable_sort(t.obligations, [](const Obligation& a, const Obligation& b) {
    return std::tie(a.op, a.due) < std::tie(b.op, b.due);
  });
  return t;
}

}  // namespace netvet::policy
