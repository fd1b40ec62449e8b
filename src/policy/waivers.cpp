#include "policy/waivers.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "model/yaml_util.h"
#include "policy/source_map.h"
#include "util/text.h"
#include "util/files.h"

namespace netvet::policy {

std::string Waiver::describe() const {
  return fmt::format("{} (approved by {}; expires {})", reason, approver, format_date(expires));
}

namespace {

class WaiverReader {
 public:
  WaiverReader(std::string_view text, std::string_view file, std::span<const Pack> packs)
      : text_(text), file_(file), packs_(packs), map_(text) {}

  Result<WaiverSet> read() {
    auto root = parse_yaml(text_, file_);
    if (!root) return std::unexpected(root.error());
    YAML::Node list = *root;
    if (root->IsMap()) {
      for (const auto& entry : *root) {
        const std::string key = entry.first.Scalar();
        if (key != "waivers") problem(entry.first, key, fmt::format("unknown key '{}' (expected 'waivers')", key));
      }
      list = (*root)["waivers"];
    }
    WaiverSet set;
    set.file = file_;
    if (root->IsNull() || (list && list.IsNull())) {
      // An empty file waives nothing.
    } else if (!list || !list.IsSequence()) {
      problem(*root, "waivers", "expected a list of waivers (or a map with the key 'waivers')");
    } else {
      for (const auto& node : list) {
        if (auto w = read_waiver(node)) set.waivers.push_back(std::move(*w));
      }
    }
    if (!problems_.empty()) return std::unexpected(std::move(problems_));
    return set;
  }

 private:
  void problem(const YAML::Node& at, std::string_view key, std::string message) {
    problems_.push_back(yaml_problem(at, file_, key, std::move(message)));
  }

  std::optional<std::string> text(const YAML::Node& map, const char* key, bool required) {
    const YAML::Node value = map[key];
    if (!value) {
      if (required) problem(map, key, fmt::format("missing '{}'", key));
      return std::nullopt;
    }
    if (!value.IsScalar() || value.Scalar().empty()) {
      problem(value, key, fmt::format("'{}' must be a non-empty text", key));
      return std::nullopt;
    }
    return value.Scalar();
  }

  std::optional<Waiver> read_waiver(const YAML::Node& node) {
    if (!node.IsMap()) {
      problem(node, "", "expected a waiver: {fingerprint | rule [, selector, operator], reason, approver, expires}");
      return std::nullopt;
    }
    static constexpr std::string_view kKeys[] = {"fingerprint", "rule", "selector", "operator", "reason", "approver", "expires"};
    const std::size_t before = problems_.size();
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (std::ranges::find(kKeys, key) != std::end(kKeys)) continue;
      const auto near = did_you_mean(key, std::vector<std::string>(std::begin(kKeys), std::end(kKeys)));
      problem(entry.first, key, fmt::format("unknown key '{}'{}", key, near ? fmt::format(" (did you mean '{}'?)", *near) : ""));
    }
    Waiver w;
    const YAML::Mark mark = node.Mark();
    w.at = map_.location(mark);
    const auto fingerprint = text(node, "fingerprint", false);
    const auto rule = text(node, "rule", false);
    if (fingerprint && rule) problem(node["rule"], "rule", "a waiver names a finding by 'fingerprint' or by 'rule', not both");
    if (!fingerprint && !rule) problem(node, "", "a waiver needs a 'fingerprint' or a 'rule'");
    if (fingerprint) {
      const bool hex = fingerprint->size() == 16 && std::ranges::all_of(*fingerprint, [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      });
      if (!hex) problem(node["fingerprint"], "fingerprint", fmt::format("'{}' is not a fingerprint (16 hex digits, as `check` prints)", *fingerprint));
      else w.fingerprint = std::stoull(*fingerprint, nullptr, 16);
      if (node["selector"]) problem(node["selector"], "selector", "'selector' goes with 'rule', not with 'fingerprint'");
      if (node["operator"]) problem(node["operator"], "operator", "'operator' goes with 'rule', not with 'fingerprint'");
    }
    const Pack* pack = nullptr;
    if (rule) pack = find_rule(node["rule"], *rule, w);
    if (const auto op = text(node, "operator", false)) w.op = *op;
    if (const YAML::Node sel = node["selector"]; sel && pack) {
      if (!sel.IsScalar()) {
        problem(sel, "selector", "'selector' must be a selector expression");
      } else {
        auto compiled = compile_selector(sel.Scalar(), pack->scope());
        const auto positions = map_.scalar_positions(sel.Mark(), sel.Scalar());
        if (!compiled) {
          const Location at = positions[std::min(compiled.error().offset, positions.size() - 1)];
          Diagnostic d;
          d.file = file_;
          d.line = at.line;
          d.col = at.col;
          d.column = "selector";
          d.value = sel.Scalar();
          d.message = compiled.error().message;
          problems_.push_back(std::move(d));
        } else {
          w.selector = PackSelector{std::move(*compiled), positions};
        }
      }
    }
    if (const auto reason = text(node, "reason", true)) w.reason = *reason;
    if (const auto approver = text(node, "approver", true)) w.approver = *approver;
    if (const auto expires = text(node, "expires", true)) {
      if (const auto d = parse_date(*expires)) w.expires = *d;
      else problem(node["expires"], "expires", fmt::format("'{}' is not a date: {}", *expires, date_problem(*expires)));
    }
    if (problems_.size() != before) return std::nullopt;
    return w;
  }

  // The pack of "PACK/RULE" or of a RULE id only one pack has; fills w.policy and w.rule.
  const Pack* find_rule(const YAML::Node& at, const std::string& written, Waiver& w) {
    const auto slash = written.find('/');
    std::vector<std::string> known;
    const Pack* found = nullptr;
    int matches = 0;
    for (const Pack& p : packs_) {
      for (const Rule& r : p.rules) {
        known.push_back(p.id + "/" + r.id);
        const bool hit = slash == std::string::npos ? r.id == written : (p.id == written.substr(0, slash) && r.id == written.substr(slash + 1));
        if (hit) {
          found = &p;
          ++matches;
          w.policy = p.id;
          w.rule = r.id;
        }
      }
    }
    if (matches == 1) return found;
    if (matches > 1) {
      problem(at, "rule", fmt::format("rule '{}' is in several packs: write PACK/{}", written, written));
    } else {
      const auto near = did_you_mean(written, known);
      problem(at, "rule", fmt::format("no rule '{}' in the packs checked{}", written,
                                      near ? fmt::format(" (did you mean '{}'?)", *near) : ""));
    }
    return nullptr;
  }

  std::string_view text_;
  std::string file_;
  std::span<const Pack> packs_;
  SourceMap map_;
  Diagnostics problems_;
};

}  // namespace

Result<WaiverSet> parse_waivers(std::string_view text, std::string_view file, std::span<const Pack> packs) {
  return WaiverReader(text, file, packs).read();
}

Result<WaiverSet> load_waivers(const std::filesystem::path& path, std::span<const Pack> packs) {
  const auto text = read_input_file(path, path.string(), "a waiver file (YAML)", kMaxWaiverBytes);
  if (!text) return std::unexpected(text.error());
  return parse_waivers(*text, path.string(), packs);
}

WaiverMatcher::WaiverMatcher(const WaiverSet& set, std::span<const Pack> packs, const Evaluation& evaluation,
                             const Inventory& inventory)
    : evaluation_(evaluation), inventory_(inventory) {
  SelectorEvaluator selectors(inventory, evaluation.as_of);
  for (const Waiver& w : set.waivers) {
    if (!w.active(evaluation.as_of)) continue;
    if (w.fingerprint) {
      by_fingerprint_.emplace_back(*w.fingerprint, &w);
      continue;
    }
    for (std::uint32_t r = 0; r < evaluation.rules.size(); ++r) {
      const RuleOutcome& rule = evaluation.rules[r];
      if (rule.policy != w.policy || rule.rule != w.rule) continue;
      Active a{&w, r, {}};
      if (w.selector) {
        for (const Pack& p : packs) {
          if (p.id == w.policy) a.selected = selectors.elements(w.selector->selector.expr, p.scope());
        }
      }
      active_.push_back(std::move(a));
    }
  }
  std::ranges::sort(by_fingerprint_, {}, &std::pair<std::uint64_t, const Waiver*>::first);
}

const Waiver* WaiverMatcher::match(const Finding& f, std::uint64_t fingerprint) const {
  const auto it = std::ranges::lower_bound(by_fingerprint_, fingerprint, {}, &std::pair<std::uint64_t, const Waiver*>::first);
  if (it != by_fingerprint_.end() && it->first == fingerprint) return it->second;
  for (const Active& a : active_) {
    if (a.rule != f.rule) continue;
    if (!a.waiver->op.empty() && inventory_.str(f.op) != a.waiver->op) continue;
    if (a.waiver->selector && (f.kind != SubjectType::element || !a.selected.test(f.row))) continue;
    return a.waiver;
  }
  return nullptr;
}

RowMask WaiverMatcher::waived_elements(std::uint32_t rule) const {
  const RowMask& flagged = evaluation_.findings.flagged(rule);
  RowMask waived(flagged.rows());
  if (flagged.rows() == 0) return waived;
  const RuleOutcome& outcome = evaluation_.rules[rule];
  const ElementTable& el = inventory_.elements;
  for (const Active& a : active_) {
    if (a.rule != rule) continue;
    RowMask covered = a.waiver->selector ? a.selected : RowMask(flagged.rows(), true);
    if (!a.waiver->op.empty()) {
      const auto op = inventory_.find_operator(a.waiver->op);
      const Index* ops = el.op.data();
      const Index want = op ? *op : kNoIndex;
      covered &= RowMask::build(el.size(), [=](std::size_t e) { return ops[e] == want; });
    }
    waived |= covered;
  }
  if (!by_fingerprint_.empty()) {
    flagged.for_each([&](std::size_t row) {
      const std::uint64_t fp = fingerprint_of(outcome.policy, outcome.rule, SubjectType::element,
                                              inventory_.str(el.id[row]), "");
      const auto it = std::ranges::lower_bound(by_fingerprint_, fp, {}, &std::pair<std::uint64_t, const Waiver*>::first);
      if (it != by_fingerprint_.end() && it->first == fp) waived.set(row);
    });
  }
  waived &= flagged;
  return waived;
}

std::vector<Date> waiver_expiries(const WaiverSet& set) {
  std::vector<Date> dates;
  for (const Waiver& w : set.waivers) dates.push_back(w.expires);
  std::ranges::sort(dates);
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

}  // namespace netvet::policy
