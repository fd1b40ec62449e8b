// SelectorEvaluator: selectors evaluated column by column. Each leaf turns its values into
// a lookup table over a small table (vendors, functions, operators, sites) and then runs
// one pass over the element column that points into it; `and`, `or` and `not` combine
// whole masks word by word. No per-element string work, no per-element allocation.

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>

#include "policy/expression.h"
#include "policy/values.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

bool is_negated(CompareOp op) { return op == CompareOp::ne || op == CompareOp::not_in; }
bool is_ordered(CompareOp op) {
  return op == CompareOp::lt || op == CompareOp::le || op == CompareOp::gt || op == CompareOp::ge;
}

bool compare_ordered(CompareOp op, double a, double b) {
  switch (op) {
    case CompareOp::lt: return a < b;
    case CompareOp::le: return a <= b;
    case CompareOp::gt: return a > b;
    case CompareOp::ge: return a >= b;
    default: return a == b;
  }
}

// Text values as the StrIds the inventory knows; text no cell holds can match nothing.
std::vector<StrId> interned(const Inventory& inv, const std::vector<Item>& items) {
  std::vector<StrId> ids;
  for (const auto& item : items) {
    if (auto id = inv.strings.find(item.text)) ids.push_back(*id);
  }
  std::ranges::sort(ids);
  return ids;
}

bool contains(const std::vector<StrId>& sorted, StrId id) {
  return sorted.size() <= 8 ? std::ranges::find(sorted, id) != sorted.end() : std::ranges::binary_search(sorted, id);
}

bool any_in(std::span<const StrId> list, const std::vector<StrId>& sorted) {
  return std::ranges::any_of(list, [&](StrId s) { return contains(sorted, s); });
}

// A table over rows of `size` whose entry is pred(row).
template <typename Pred>
std::vector<std::uint8_t> table_of(std::size_t size, Pred&& pred) {
  std::vector<std::uint8_t> table(size);
  for (std::size_t r = 0; r < size; ++r) table[r] = pred(static_cast<Index>(r)) ? 1 : 0;
  return table;
}

// The elements whose `column` entry is set in `table`.
template <typename Key>
RowMask gather(const std::vector<Key>& column, const std::vector<std::uint8_t>& table) {
  const Key* keys = column.data();
  const std::uint8_t* t = table.data();
  return RowMask::build(column.size(), [=](std::size_t i) { return t[keys[i]] != 0; });
}

// Whether an ordered or membership test holds for a value; absent values hold nothing.
bool holds(CompareOp op, double value, const std::vector<Item>& items) {
  if (is_ordered(op)) return compare_ordered(op, value, items.front().number);
  return std::ranges::any_of(items, [&](const Item& item) { return item.number == value; });
}

std::string memo_key(FieldId field, CompareOp op, const std::vector<Item>& items) {
  std::string key = std::to_string(static_cast<int>(field)) + "\x1f" + std::to_string(static_cast<int>(op));
  for (const auto& item : items) key += "\x1f" + item.text + "\x1e" + std::to_string(item.number);
  return key;
}

// The elements for which `field op items` holds, for the positive operators (==, in, has,
// <, <=, >, >=); != and not-in are their complements.
RowMask positive(const Inventory& inv, FieldId field, CompareOp op, const std::vector<Item>& items) {
  const ElementTable& el = inv.elements;
  const std::size_t n = el.size();
  switch (field) {
    case FieldId::id:
    case FieldId::model:
    case FieldId::software:
    case FieldId::serial: {
      const auto& column = field == FieldId::id ? el.id : field == FieldId::model ? el.model
                           : field == FieldId::software ? el.software : el.serial;
      const auto ids = interned(inv, items);
      if (ids.empty()) return RowMask(n);
      const StrId* col = column.data();
      if (ids.size() == 1) {
        const StrId only = ids.front();
        return RowMask::build(n, [=](std::size_t i) { return col[i] == only; });
      }
      return RowMask::build(n, [&](std::size_t i) { return contains(ids, col[i]); });
    }
    case FieldId::tags: {
      const auto ids = interned(inv, items);
      if (ids.empty() || !el.tags.any()) return RowMask(n);
      return RowMask::build(n, [&](std::size_t i) { return any_in(el.tags[static_cast<Index>(i)], ids); });
    }
    case FieldId::vendor: {
      const auto ids = interned(inv, items);
      return gather(el.vendor, table_of(inv.vendors.size(), [&](Index v) { return contains(ids, inv.vendors.id[v]); }));
    }
    case FieldId::vendor_country:
      return gather(el.vendor, table_of(inv.vendors.size(), [&](Index v) {
        const auto& known = inv.vendors.known[v];
        return known && std::ranges::any_of(items, [&](const Item& item) {
          return (*inv.registry)[*known].country == item.text;
        });
      }));
    case FieldId::function:
    case FieldId::domain:
    case FieldId::plane: {
      const FunctionVocabulary& vocabulary = *inv.functions;
      std::vector<FunctionId> wanted;
      if (field == FieldId::function) {
        for (const auto& item : items) {
          if (auto f = vocabulary.find(item.text)) wanted.push_back(*f);
        }
      }
      return gather(el.function, table_of(vocabulary.size(), [&](Index f) {
        const FunctionInfo& info = vocabulary[static_cast<FunctionId>(f)];
        if (field == FieldId::function) return std::ranges::find(wanted, f) != wanted.end();
        return holds(CompareOp::in, static_cast<double>(field == FieldId::domain ? static_cast<int>(info.domain) : static_cast<int>(info.plane)), items);
      }));
    }
    case FieldId::generation: {
      Generations bits = 0;
      for (const auto& item : items) bits = static_cast<Generations>(bits | static_cast<Generations>(item.number));
      const Generations* col = el.generation.data();
      return RowMask::build(n, [=](std::size_t i) { return (col[i] & bits) != 0; });
    }
    case FieldId::installed: {
      const Date* col = el.installed.data();
      if (items.size() == 1) {
        const double value = items.front().number;
        return RowMask::build(n, [=](std::size_t i) {
          return col[i] != kNoDate && compare_ordered(op, static_cast<double>(col[i]), value);
        });
      }
      return RowMask::build(n, [&](std::size_t i) { return col[i] != kNoDate && holds(op, col[i], items); });
    }
    case FieldId::op: {
      const auto ids = interned(inv, items);
      return gather(el.op, table_of(inv.operators.size(), [&](Index o) { return contains(ids, inv.operators.id[o]); }));
    }
    case FieldId::op_country:
      return gather(el.op, table_of(inv.operators.size(), [&](Index o) {
        const auto country = netvet::name_of(inv.operators.country[o]);
        return std::ranges::any_of(items, [&](const Item& item) { return item.text == country; });
      }));
    case FieldId::site:
    case FieldId::site_region:
    case FieldId::site_tags: {
      const auto ids = interned(inv, items);
      const SiteTable& sites = inv.sites;
      return gather(el.site, table_of(sites.size(), [&](Index s) {
        if (field == FieldId::site_tags) return any_in(sites.tags[s], ids);
        return contains(ids, field == FieldId::site ? sites.id[s] : sites.region[s]);
      }));
    }
    case FieldId::site_kind:
      return gather(el.site, table_of(inv.sites.size(), [&](Index s) {
        return holds(CompareOp::in, static_cast<double>(inv.sites.kind[s]), items);
      }));
    case FieldId::site_subscribers:
      return gather(el.site, table_of(inv.sites.size(), [&](Index s) {
        const auto subscribers = inv.sites.subscribers[s];
        return subscribers != kNoCount && holds(op, static_cast<double>(subscribers), items);
      }));
  }
  return RowMask(n);
}

}  // namespace

SelectorEvaluator::SelectorEvaluator(const Inventory& inventory, Date as_of) : inventory_(inventory), as_of_(as_of) {}
SelectorEvaluator::~SelectorEvaluator() = default;

constexpr std::string_view kEvidenceKey = "evidence\x1f";

void SelectorEvaluator::set_as_of(Date as_of) {
  const std::lock_guard lock(memo_mutex_);
  if (as_of == as_of_) return;
  as_of_ = as_of;
  std::erase_if(memo_, [](const auto& entry) { return entry.first.starts_with(kEvidenceKey); });
}

std::optional<RowMask> SelectorEvaluator::remembered(const std::string& key) {
  const std::lock_guard lock(memo_mutex_);
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  return std::nullopt;
}

void SelectorEvaluator::remember(std::string key, const RowMask& mask) {
  const std::lock_guard lock(memo_mutex_);
  memo_.emplace(std::move(key), mask);
}

RowMask SelectorEvaluator::elements(const Expr& expr, const SelectorScope& scope) {
  const std::size_t n = inventory_.elements.size();
  switch (expr.kind) {
    case Expr::Kind::constant: return RowMask(n, expr.constant);
    case Expr::Kind::negation: {
      RowMask mask = elements(expr.children.front(), scope);
      mask.invert();
      return mask;
    }
    case Expr::Kind::all_of: {
      RowMask mask = elements(expr.children.front(), scope);
      for (std::size_t c = 1; c < expr.children.size() && mask.any(); ++c) mask &= elements(expr.children[c], scope);
      return mask;
    }
    case Expr::Kind::any_of: {
      RowMask mask = elements(expr.children.front(), scope);
      for (std::size_t c = 1; c < expr.children.size(); ++c) mask |= elements(expr.children[c], scope);
      return mask;
    }
    case Expr::Kind::compare:
    case Expr::Kind::evidence: return leaf(expr, scope);
  }
  return RowMask(n);
}

RowMask SelectorEvaluator::leaf(const Expr& expr, const SelectorScope& scope) {
  const Inventory& inv = inventory_;
  const std::size_t n = inv.elements.size();
  if (expr.kind == Expr::Kind::evidence) {
    const std::string key = std::string(kEvidenceKey) + expr.evidence_type + "\x1f" + expr.evidence_scheme;
    if (auto known = remembered(key)) return std::move(*known);
    RowMask mask = evidence(expr.evidence_type, expr.evidence_scheme);
    remember(key, mask);
    return mask;
  }
  auto resolved = resolve_items(expr, scope);
  if (!resolved) return RowMask(n);  // unchecked input: callers check first
  const std::vector<Item>& items = *resolved;

  // The memo key is the resolved test (parameters substituted), not the text: two packs
  // may give one parameter different values.
  const CompareOp op = expr.op == CompareOp::ne ? CompareOp::eq : expr.op == CompareOp::not_in ? CompareOp::in : expr.op;
  std::string key = memo_key(expr.field, op, items);
  RowMask mask;
  if (auto known = remembered(key)) {
    mask = std::move(*known);
  } else {
    mask = positive(inv, expr.field, op, items);
    remember(std::move(key), mask);
  }
  if (is_negated(expr.op)) mask.invert();
  return mask;
}

}  // namespace netvet::policy

namespace netvet::policy {

// Evidence valid on the as-of date, for an element directly, its model or its vendor.
RowMask SelectorEvaluator::evidence(std::string_view type_name, std::string_view scheme) {
  const Inventory& inv = inventory_;
  const EvidenceTable& ev = inv.evidence;
  const std::size_t n = inv.elements.size();
  const auto type = parse_evidence_type(type_name);
  // Schemes compare ignoring case and surrounding blanks ("Common Criteria", "common
  // criteria"); each distinct scheme string of the evidence is compared once.
  const std::string wanted = to_lower(trim(scheme));
  absl::flat_hash_map<StrId, bool> scheme_ok;
  auto scheme_matches = [&](StrId id) {
    if (wanted.empty()) return true;
    const auto [it, added] = scheme_ok.try_emplace(id, false);
    if (added) it->second = to_lower(trim(inv.str(id))) == wanted;
    return it->second;
  };
  RowMask direct(n);
  std::vector<std::uint8_t> vendor_ok(inv.vendors.size(), 0);
  absl::flat_hash_set<std::uint64_t> model_ok;  // vendor row << 32 | model StrId
  for (std::size_t r = 0; r < ev.size(); ++r) {
    if (!type || ev.type[r] != *type) continue;
    if (!scheme_matches(ev.scheme[r])) continue;
    if (ev.issued[r] != kNoDate && ev.issued[r] > as_of_) continue;
    if (ev.expires[r] != kNoDate && ev.expires[r] <= as_of_) continue;
    switch (ev.subject_kind[r]) {
      case SubjectKind::element:
        if (ev.subject_element[r] != kNoIndex) direct.set(ev.subject_element[r]);
        break;
      case SubjectKind::vendor:
        if (ev.subject_vendor[r] != kNoIndex) vendor_ok[ev.subject_vendor[r]] = 1;
        break;
      case SubjectKind::model:
        if (ev.subject_vendor[r] != kNoIndex) {
          model_ok.insert(std::uint64_t{ev.subject_vendor[r]} << 32 | ev.subject_model[r]);
        }
        break;
    }
  }
  RowMask mask = gather(inv.elements.vendor, vendor_ok);
  mask |= direct;
  if (!model_ok.empty()) {
    const Index* vendor = inv.elements.vendor.data();
    const StrId* model = inv.elements.model.data();
    mask |= RowMask::build(n, [&](std::size_t i) {
      return model_ok.contains(std::uint64_t{vendor[i]} << 32 | model[i]);
    });
  }
  return mask;
}

}  // namespace netvet::policy
