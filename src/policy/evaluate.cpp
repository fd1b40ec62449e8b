#include "policy/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>

#include "policy/rule_context.h"
#include "util/parallel.h"
#include "util/text.h"

namespace netvet::policy {

std::string percent(double share) {
  std::string text = fmt::format("{:.1f}", share * 100.0);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text + "%";
}

struct FindingListAccess {
  static void prepare(FindingList& list, const Inventory& inventory, std::size_t rules) {
    list.inventory_ = &inventory;
    list.flagged_.assign(rules, RowMask());
    list.reasons_.assign(rules, {});
  }
  static RowMask& flagged(FindingList& list, std::uint32_t rule) { return list.flagged_[rule]; }
  static std::vector<SiteReason>& reasons(FindingList& list, std::uint32_t rule) { return list.reasons_[rule]; }
  static std::vector<Finding>& aggregates(FindingList& list) { return list.aggregates_; }
};

Finding FindingList::element(std::uint32_t rule, Index e) const {
  const Inventory& inv = *inventory_;
  const ElementTable& el = inv.elements;
  Finding f;
  f.rule = rule;
  f.kind = SubjectType::element;
  f.row = e;
  f.subject = el.id[e];
  f.op = inv.operators.id[el.op[e]];
  f.vendor = inv.vendors.id[el.vendor[e]];
  if (const auto& why = reasons_[rule]; !why.empty()) {
    const SiteReason& r = why[el.site[e]];
    f.facility = r.facility;
    f.km = r.km;
    f.serving = r.serving;
  }
  return f;
}

std::size_t FindingList::size() const {
  std::size_t n = aggregates_.size();
  for (const auto& mask : flagged_) n += mask.count();
  return n;
}

FindingList::iterator FindingList::begin() const {
  iterator it;
  it.list_ = this;
  it.settle();
  return it;
}

FindingList::iterator FindingList::end() const {
  iterator it;
  it.list_ = this;
  it.rule_ = static_cast<std::uint32_t>(flagged_.size());
  it.aggregate_ = aggregates_.size();
  return it;
}

Finding FindingList::iterator::operator*() const {
  return row_ == kAggregates ? list_->aggregates_[aggregate_] : list_->element(rule_, static_cast<Index>(row_));
}

FindingList::iterator& FindingList::iterator::operator++() {
  if (row_ == kAggregates) ++aggregate_;
  else ++row_;
  settle();
  return *this;
}

// Moves to the next finding at or after the current position: the rule's next flagged
// element, then its aggregates, then the next rule.
void FindingList::iterator::settle() {
  const auto rules = static_cast<std::uint32_t>(list_->flagged_.size());
  const auto& aggregates = list_->aggregates_;
  while (rule_ < rules) {
    if (row_ != kAggregates) {
      const RowMask& mask = list_->flagged_[rule_];
      row_ = mask.next(row_);
      if (row_ < mask.rows()) return;
      row_ = kAggregates;
    }
    if (aggregate_ < aggregates.size() && aggregates[aggregate_].rule == rule_) return;
    ++rule_;
    row_ = 0;
  }
  row_ = 0;
  aggregate_ = aggregates.size();
}

Finding& RuleContext::aggregate_finding(SubjectType kind, Index row, StrId subject, StrId op, StrId vendor,
                                        std::uint8_t domain, std::string message, std::string clause,
                                        std::size_t subject_words) {
  Finding f;
  f.rule = rule_index;
  f.kind = kind;
  f.row = row;
  f.subject = subject;
  f.op = op;
  f.vendor = vendor;
  f.domain = domain;
  f.note = static_cast<std::uint32_t>(result.notes.size());
  result.notes.push_back(std::move(message));
  result.clauses.push_back(std::move(clause));
  result.subject_words.push_back(subject_words);
  result.aggregates.push_back(f);
  return result.aggregates.back();
}

Measure RuleContext::measure(std::string op, std::string unit, double value, double limit, bool ok) const {
  Measure m;
  m.policy = pack.id;
  m.rule = rule.id;
  m.op = std::move(op);
  m.unit = std::move(unit);
  m.value = value;
  m.limit = limit;
  m.ok = ok;
  return m;
}

namespace {

RuleOutcome outcome_of(const Pack& pack, const Rule& rule, Date as_of) {
  RuleOutcome o;
  o.policy = pack.id;
  o.rule = rule.id;
  o.title = one_line(fill_parameters(rule.title, pack));
  o.description = one_line(fill_parameters(rule.description, pack));
  o.remediation = one_line(fill_parameters(rule.remediation, pack));
  o.kind = rule.kind();
  o.severity = rule.severity;
  o.effective = rule.effective;
  o.end = rule.end;
  o.in_force = rule.in_force(as_of);
  o.selector = one_line(rule.select.selector.text);
  std::string titles;
  for (const auto& id : rule.sources) {
    if (const auto* source = pack.source(id)) {
      titles += (titles.empty() ? "" : "; ") + source->title;
      o.sources.push_back(*source);
    }
  }
  o.citation = fmt::format("[{} {}; source: {}]", pack.id, rule.id, titles);
  if (const auto* require = std::get_if<RequireRule>(&rule.spec)) {
    o.evidence = require->schemes.empty() ? std::string(name_of(require->type))
                                          : fmt::format("{} under {}", name_of(require->type), join_or(require->schemes));
  }
  if (const auto* near = std::get_if<ProximityRule>(&rule.spec)) o.radius_km = value_of(near->radius_km, pack).number;
  if (const auto* exposure = std::get_if<ExposureRule>(&rule.spec)) o.selector = exposure_clause(*exposure);
  return o;
}

// The facilities' exposure, for the exposure rules: given (a timeline's earlier date),
// computed once here per designated set the rules name, or not needed.
Result<std::shared_ptr<const PolicyExposure>> exposure_for(std::span<const Pack> packs, const Inventory& inv,
                                                            const EvaluationOptions& options, bool needed) {
  if (options.exposure || !needed) return options.exposure;
  auto out = std::make_shared<PolicyExposure>();
  ExposureOptions eo;
  eo.serving_radius_km = options.serving_radius_km;
  eo.threads = std::max(1U, options.threads);
  eo.possible = false;  // no rule reads possible paths; the check HTML report computes its own
  eo.every_vendor = false;  // nor transport exposure to vendors outside the designation
  // Only the facilities some exposure rule asks about, in force today or not (a timeline
  // reuses this exposure on every date).
  eo.facilities.emplace();
  for (Index f = 0; f < inv.facilities.size(); ++f) {
    const auto asked = [&](const Rule& rule) {
      const auto* spec = std::get_if<ExposureRule>(&rule.spec);
      return spec && concerns(*spec, inv, f);
    };
    if (std::ranges::any_of(packs, [&](const Pack& pack) { return std::ranges::any_of(pack.rules, asked); }))
      eo.facilities->push_back(f);
  }
  // Per set, only the ways its rules count: each way costs passes over the network. The
  // element-level explanations are needed only to name what a control-plane or
  // influence exposure acts on (exposure_witnesses).
  std::vector<std::uint8_t> ways;
  for (const Pack& pack : packs)
    for (const Rule& rule : pack.rules)
      if (const auto* spec = std::get_if<ExposureRule>(&rule.spec)) {
        std::vector<Index> set = designated_rows(pack, spec->vendors, inv);
        auto it = std::ranges::find(out->designated, set);
        if (it == out->designated.end()) {
          out->designated.push_back(std::move(set));
          ways.push_back(0);
          it = out->designated.end() - 1;
        }
        ways[static_cast<std::size_t>(it - out->designated.begin())] |= way_bits(spec->via);
      }
  for (std::size_t i = 0; i < out->designated.size(); ++i) {
    eo.designated_vendors = out->designated[i];
    eo.ways = ways[i];
    eo.element_level = (ways[i] & (kViaInfluence | kViaControlPlane)) != 0;
    auto report = analyse_exposure(inv, eo);
    if (!report) return std::unexpected(report.error());
    out->reports.push_back(std::move(*report));
  }
  return std::shared_ptr<const PolicyExposure>(std::move(out));
}

}  // namespace

const ExposureReport* PolicyExposure::of(std::span<const Index> set) const {
  for (std::size_t i = 0; i < designated.size(); ++i)
    if (std::ranges::equal(designated[i], set)) return &reports[i];
  return nullptr;
}

std::vector<Index> designated_rows(const Pack& pack, const std::string& name, const Inventory& inv) {
  std::vector<Index> rows;
  if (const auto it = pack.designations.find(name); it != pack.designations.end())
    for (const auto& id : it->second)
      if (const auto row = inv.find_vendor(id)) rows.push_back(*row);
  std::ranges::sort(rows);
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

namespace {

void run_rule(RuleContext& ctx) {
  std::visit(
      [&](const auto& spec) {
        using Spec = std::decay_t<decltype(spec)>;
        if constexpr (std::is_same_v<Spec, ForbidRule>) run_forbid(ctx);
        else if constexpr (std::is_same_v<Spec, CapRule>) run_cap(ctx, spec);
        else if constexpr (std::is_same_v<Spec, ProximityRule>) run_proximity(ctx, spec);
        else if constexpr (std::is_same_v<Spec, RequireRule>) run_require(ctx, spec);
        else if constexpr (std::is_same_v<Spec, DiversityRule>) run_diversity(ctx, spec);
        else run_exposure(ctx, spec);
      },
      ctx.rule.spec);
}

}  // namespace

Result<Evaluation> evaluate(std::span<const Pack> packs, const Inventory& inventory, const EvaluationOptions& options) {
  auto configured = with_parameters(std::vector<Pack>(packs.begin(), packs.end()), options.params);
  if (!configured) return std::unexpected(configured.error());
  Evaluation out;
  out.as_of = options.as_of;
  struct Task {
    const Pack* pack;
    const Rule* rule;
    std::uint32_t index;
  };
  std::vector<Task> tasks;
  bool exposure_needed = false;
  for (const Pack& pack : *configured) {
    for (const Rule& rule : pack.rules) {
      const auto index = static_cast<std::uint32_t>(out.rules.size());
      out.rules.push_back(outcome_of(pack, rule, options.as_of));
      if (!out.rules.back().in_force) continue;
      tasks.push_back({&pack, &rule, index});
      exposure_needed |= rule.kind() == RuleKind::exposure;
    }
  }
  // The exposure graph work is most of an evaluation with an exposure rule, and only
  // those rules read it: it runs beside the other rules, which go first; an exposure
  // rule waits for it. Its errors are the evaluation's.
  std::stable_partition(tasks.begin(), tasks.end(), [](const Task& t) { return t.rule->kind() != RuleKind::exposure; });
  const bool beside = exposure_needed && !options.exposure;
  std::shared_future<Result<std::shared_ptr<const PolicyExposure>>> exposure =
      std::async(beside ? std::launch::async : std::launch::deferred,
                 [&] { return exposure_for(*configured, inventory, options, exposure_needed); });
  out.serving_radius_km = options.serving_radius_km;
  std::vector<RuleResult> results(out.rules.size());
  FindingListAccess::prepare(out.findings, inventory, out.rules.size());
  std::optional<SelectorEvaluator> own;
  if (options.selectors == nullptr || &options.selectors->inventory() != &inventory) own.emplace(inventory, options.as_of);
  SelectorEvaluator& selectors = own ? *own : *options.selectors;
  selectors.set_as_of(options.as_of);
  // Rules are independent once their selectors are known (the selector memo is shared
  // and locked), so they spread over threads; each writes only its own slot.
  // The exposure, when it runs beside them, has a thread of its own.
  const auto threads = std::max(1U, options.threads - (beside && options.threads > 1 ? 1 : 0));
  parallel_for(tasks.size(), threads, [&](std::size_t t) {
    const Task& task = tasks[t];
    const auto start = std::chrono::steady_clock::now();
    RuleContext ctx{*task.pack,
                    *task.rule,
                    task.index,
                    inventory,
                    selectors,
                    options,
                    out.rules[task.index],
                    results[task.index],
                    FindingListAccess::flagged(out.findings, task.index),
                    FindingListAccess::reasons(out.findings, task.index),
                    nullptr};
    if (task.rule->kind() == RuleKind::exposure) {
      const auto& analysed = exposure.get();
      if (!analysed) return;  // reported below
      ctx.exposure = analysed->get();
    }
    run_rule(ctx);
    out.rules[task.index].seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  });
  if (!exposure.get()) return std::unexpected(exposure.get().error());
  out.exposure = *exposure.get();
  for (std::uint32_t r = 0; r < out.rules.size(); ++r) {
    RuleResult& result = results[r];
    const auto base = static_cast<std::uint32_t>(out.notes.size());
    for (Finding f : result.aggregates) {
      f.note += base;
      FindingListAccess::aggregates(out.findings).push_back(f);
    }
    for (auto& note : result.notes) out.notes.push_back(std::move(note));
    for (auto& clause : result.clauses) out.clauses.push_back(std::move(clause));
    out.subject_words.insert(out.subject_words.end(), result.subject_words.begin(), result.subject_words.end());
    for (auto& m : result.measures) out.measures.push_back(std::move(m));
    out.rules[r].findings = result.aggregates.size() + out.findings.flagged(r).count();
  }
  return out;
}

RuleSeverity severity_of(const Evaluation& ev, const Finding& f) {
  return f.severity == kRuleSeverity ? ev.rules[f.rule].severity : static_cast<RuleSeverity>(f.severity);
}

const std::string& clause_of(const Evaluation& ev, const Finding& f) {
  if (f.note != kNoNote && f.note < ev.clauses.size() && !ev.clauses[f.note].empty()) return ev.clauses[f.note];
  return ev.rules[f.rule].selector;
}

// rule_exposure.cpp gives an isolated facility's finding this clause.
bool unvetted(const Evaluation& ev, const Finding& f) {
  return f.kind == SubjectType::facility && clause_of(ev, f) == kIsolatedClause;
}

std::size_t vetted_findings(const Evaluation& ev, std::uint32_t rule) {
  std::size_t n = 0;
  ev.findings.for_each_of(rule, [&](const Finding& f) { n += !unvetted(ev, f); });
  return n;
}

}  // namespace netvet::policy
