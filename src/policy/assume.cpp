#include "policy/assume.h"

#include <fmt/format.h>

#include "policy/lexer.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

Diagnostic problem_at(std::string_view text, std::size_t offset, std::string message) {
  Diagnostic d;
  d.file = "--assume";
  d.line = 1;
  d.col = static_cast<std::int64_t>(offset + 1);
  d.value = std::string(text);
  d.message = std::move(message);
  return d;
}

// The vendor ids a written vendor names: a designation's members, a registry vendor, or
// the id an unknown vendor gets in inventories.
std::vector<std::string> vendor_ids(const Token& t, const SelectorScope& scope) {
  if (t.kind == TokenKind::identifier && scope.designations) {
    if (auto it = scope.designations->find(t.text); it != scope.designations->end()) return it->second;
  }
  if (const auto known = scope.registry->find(t.text)) return {(*scope.registry)[*known].id};
  return {VendorRegistry::slug(t.text)};
}

bool is_vendor_token(const Token& t) { return t.kind == TokenKind::identifier || t.kind == TokenKind::string; }

}  // namespace

Result<Assumption> parse_assumption(std::string_view text, const SelectorScope& scope) {
  if (text.size() > kMaxAssumptionBytes)
    return fail(problem_at(text, kMaxAssumptionBytes,
                           fmt::format("the assumption is {} bytes long; expected at most {}", text.size(),
                                       kMaxAssumptionBytes)));
  if (const auto bad = find_non_text_byte(text))
    return fail(problem_at(text, *bad, fmt::format("not UTF-8 text: {}; expected text without control characters",
                                                   describe_non_text_byte(text, *bad))));
  auto tokens = tokenize(text);
  if (!tokens) return fail(problem_at(text, tokens.error().offset, tokens.error().message));
  const auto& t = *tokens;
  Assumption a;
  a.text = std::string(text);
  std::size_t i = 0;
  if (t[0].kind == TokenKind::identifier && t[0].text == "replace") {
    a.kind = Assumption::Kind::replace;
  } else if (t[0].kind == TokenKind::identifier && t[0].text == "remove") {
    a.kind = Assumption::Kind::remove;
  } else {
    return fail(problem_at(text, t[0].offset, "expected 'replace VENDOR with VENDOR [where ...]' or 'remove VENDOR [where ...]'"));
  }
  ++i;
  if (!is_vendor_token(t[i])) return fail(problem_at(text, t[i].offset, "expected a vendor"));
  a.from = vendor_ids(t[i++], scope);
  if (a.kind == Assumption::Kind::replace) {
    if (!(t[i].kind == TokenKind::identifier && t[i].text == "with")) {
      return fail(problem_at(text, t[i].offset, "expected 'with' and the vendor that replaces it"));
    }
    ++i;
    if (!is_vendor_token(t[i])) return fail(problem_at(text, t[i].offset, "expected the vendor that replaces it"));
    a.to = t[i++].text;
    if (!scope.registry->find(a.to)) {
      const auto near = scope.registry->closest(a.to);
      return fail(problem_at(text, t[i - 1].offset,
                             fmt::format("unknown vendor '{}'{}", a.to, near ? fmt::format(" (did you mean '{}'?)", (*scope.registry)[*near].id) : "")));
    }
  }
  if (t[i].kind == TokenKind::end) return a;
  if (!(t[i].kind == TokenKind::identifier && t[i].text == "where")) {
    return fail(problem_at(text, t[i].offset, fmt::format("expected 'where' or the end, found '{}'", t[i].text)));
  }
  const std::size_t start = t[i].offset + t[i].length;
  auto selector = compile_selector(text.substr(start), scope);
  if (!selector) return fail(problem_at(text, start + selector.error().offset, selector.error().message));
  a.where = std::move(*selector);
  return a;
}

Inventory clone_inventory(const Inventory& from) {
  Inventory to;
  to.functions = from.functions;
  to.registry = from.registry;
  // Interning every string in id order gives each the id it had.
  for (StrId s = 1; s < from.strings.size(); ++s) to.strings.intern(from.strings[s]);
  to.meta = from.meta;
  to.operators = from.operators;
  to.sites = from.sites;
  to.vendors = from.vendors;
  to.elements = from.elements;
  to.links = from.links;
  to.facilities = from.facilities;
  to.evidence = from.evidence;
  to.operator_by_str = from.operator_by_str;
  to.site_by_str = from.site_by_str;
  to.element_by_str = from.element_by_str;
  to.vendor_by_str = from.vendor_by_str;
  to.facility_by_str = from.facility_by_str;
  return to;
}

namespace {

Index vendor_row(Inventory& inv, std::string_view written) {
  const auto known = inv.registry->find(written);
  const std::string& id = (*inv.registry)[*known].id;
  if (const auto row = inv.find_vendor(id)) return *row;
  const StrId s = inv.strings.intern(id);
  const auto row = static_cast<Index>(inv.vendors.size());
  inv.vendors.id.push_back(s);
  inv.vendors.known.push_back(*known);
  if (inv.vendor_by_str.size() <= s) inv.vendor_by_str.resize(s + 1, kNoIndex);
  inv.vendor_by_str[s] = row;
  return row;
}

// Keeps the element rows whose `keep` entry is set, renumbering them and everything that
// points at them.
void keep_elements(Inventory& inv, const RowMask& keep) {
  ElementTable& el = inv.elements;
  std::vector<Index> renumber(el.size(), kNoIndex);
  ElementTable kept;
  keep.for_each([&](std::size_t row) {
    const auto e = static_cast<Index>(row);
    renumber[e] = static_cast<Index>(kept.id.size());
    kept.id.push_back(el.id[e]);
    kept.site.push_back(el.site[e]);
    kept.function.push_back(el.function[e]);
    kept.vendor.push_back(el.vendor[e]);
    kept.vendor_text.push_back(el.vendor_text[e]);
    kept.op.push_back(el.op[e]);
    kept.model.push_back(el.model[e]);
    kept.software.push_back(el.software[e]);
    kept.serial.push_back(el.serial[e]);
    kept.tags.push_row(el.tags[e]);
    kept.generation.push_back(el.generation[e]);
    kept.installed.push_back(el.installed[e]);
  });
  kept.extra.names = el.extra.names;
  for (const auto& column : el.extra.values) {
    auto& values = kept.extra.values.emplace_back();
    keep.for_each([&](std::size_t row) { values.push_back(column[row]); });
  }
  for (const auto id : el.id) inv.element_by_str[id] = kNoIndex;
  for (Index e = 0; e < kept.id.size(); ++e) inv.element_by_str[kept.id[e]] = e;
  el = std::move(kept);

  LinkTable links;
  links.extra.names = inv.links.extra.names;
  links.extra.values.resize(inv.links.extra.values.size());
  for (std::size_t l = 0; l < inv.links.size(); ++l) {
    const Index a = renumber[inv.links.a[l]], b = renumber[inv.links.b[l]];
    if (a == kNoIndex || b == kNoIndex) continue;
    links.a.push_back(a);
    links.b.push_back(b);
    links.kind.push_back(inv.links.kind[l]);
    for (std::size_t c = 0; c < links.extra.values.size(); ++c) links.extra.values[c].push_back(inv.links.extra.values[c][l]);
  }
  inv.links = std::move(links);

  // Evidence about a removed element goes with it; the rest is renumbered in place.
  EvidenceTable& ev = inv.evidence;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < ev.size(); ++r) {
    if (ev.subject_kind[r] == SubjectKind::element && ev.subject_element[r] != kNoIndex) {
      ev.subject_element[r] = renumber[ev.subject_element[r]];
      if (ev.subject_element[r] == kNoIndex) continue;
    }
    rows.push_back(r);
  }
  if (rows.size() == ev.size()) return;
  auto pick = [&](auto& column) {
    std::remove_reference_t<decltype(column)> out;
    out.reserve(rows.size());
    for (const auto r : rows) out.push_back(column[r]);
    column = std::move(out);
  };
  pick(ev.subject_kind), pick(ev.subject_text), pick(ev.subject_element), pick(ev.subject_vendor), pick(ev.subject_model);
  pick(ev.type), pick(ev.scheme), pick(ev.evidence_id), pick(ev.issuer), pick(ev.digest), pick(ev.uri);
  pick(ev.issued), pick(ev.expires);
  for (auto& column : ev.extra.values) pick(column);
}

}  // namespace

std::optional<std::size_t> replace_elements(Inventory& inv, std::span<const Index> elements, std::string_view vendor) {
  if (!inv.registry->find(vendor)) return std::nullopt;
  const Index row = vendor_row(inv, vendor);
  const StrId text = inv.strings.intern((*inv.registry)[*inv.registry->find(vendor)].name);
  std::vector<Index> old_vendor(inv.elements.size(), kNoIndex);  // of the replaced elements
  std::size_t changed = 0;
  for (const Index e : elements) {
    if (inv.elements.vendor[e] == row) continue;
    old_vendor[e] = inv.elements.vendor[e];
    inv.elements.vendor[e] = row;
    inv.elements.vendor_text[e] = text;
    ++changed;
  }
  if (changed == 0) return 0;
  // The old vendor's managers let go of what is no longer theirs.
  LinkTable& links = inv.links;
  std::size_t kept = 0;
  for (std::size_t l = 0; l < links.size(); ++l) {
    const Index b = links.b[l];
    const bool dropped = links.kind[l] == LinkKind::manages && old_vendor[b] != kNoIndex &&
                         inv.elements.vendor[links.a[l]] == old_vendor[b];
    if (dropped) continue;
    links.a[kept] = links.a[l];
    links.b[kept] = b;
    links.kind[kept] = links.kind[l];
    for (auto& column : links.extra.values) column[kept] = column[l];
    ++kept;
  }
  links.a.resize(kept);
  links.b.resize(kept);
  links.kind.resize(kept);
  for (auto& column : links.extra.values) column.resize(kept);
  return changed;
}

Inventory apply_assumptions(const Inventory& inventory, std::span<const Assumption> assumptions, Date as_of,
                            const SelectorScope& scope) {
  Inventory inv = clone_inventory(inventory);
  for (const Assumption& a : assumptions) {
    RowMask chosen = [&] {
      // Vendor ids (registry ids or slugs) against each vendor row once, then one pass.
      std::vector<std::uint8_t> named(inv.vendors.size(), 0);
      for (Index v = 0; v < inv.vendors.size(); ++v) named[v] = std::ranges::find(a.from, inv.vendor_id(v)) != a.from.end();
      const Index* vendor = inv.elements.vendor.data();
      RowMask mask = RowMask::build(inv.elements.size(), [&](std::size_t e) { return named[vendor[e]] != 0; });
      if (a.where) {
        SelectorEvaluator selectors(inv, as_of);
        mask &= selectors.elements(a.where->expr, scope);
      }
      return mask;
    }();
    if (a.kind == Assumption::Kind::replace) {
      const Index row = vendor_row(inv, a.to);
      const StrId text = inv.strings.intern((*inv.registry)[*inv.registry->find(a.to)].name);
      chosen.for_each([&](std::size_t e) {
        inv.elements.vendor[e] = row;
        inv.elements.vendor_text[e] = text;
      });
    } else {
      chosen.invert();
      keep_elements(inv, chosen);
    }
  }
  return inv;
}

}  // namespace netvet::policy
