// The column-wise evaluator against a naive per-element interpreter, written here from the
// language's definition (expression.h), on random inventories and random expressions.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "policy/parser.h"
#include "test_net.h"

namespace netvet::policy {
namespace {

using testing::Net;

const std::vector<std::string> kVendors = {"huawei", "zte", "ericsson", "nokia", "Acme Radio"};
const std::vector<std::string> kFunctions = {"gnb", "ru", "amf", "upf", "router", "ems", "sepp", "smf"};
const std::vector<std::string> kKinds = {"cell", "hub", "core", "metro"};

struct World {
  Inventory inv;
  Date as_of;
};

World random_world(std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  Net n;
  std::vector<Index> ops;
  for (int o = 0; o < 3; ++o) ops.push_back(n.b.add_operator({.id = fmt::format("op{}", o), .country = o == 2 ? *parse_country("DE") : *parse_country("GB")}).value());
  std::vector<Index> sites;
  for (int s = 0; s < 40; ++s) {
    const std::string tag = fmt::format("x{}", pick(3));
    const std::string_view tags[] = {tag};
    sites.push_back(*n.b.add_site({.id = fmt::format("S{}", s), .op = ops[pick(3)], .kind = *parse_site_kind(kKinds[pick(4)]),
                                   .region = pick(4) == 0 ? "" : fmt::format("r{}", pick(3)),
                                   .subscribers = pick(5) == 0 ? kNoCount : static_cast<std::int64_t>(pick(5000)),
                                   .tags = pick(2) ? std::span<const std::string_view>(tags) : std::span<const std::string_view>()}));
  }
  const auto rows = 200 + pick(200);  // crosses 64-bit word boundaries at odd places
  for (std::size_t e = 0; e < rows; ++e) {
    const std::string t1 = fmt::format("t{}", pick(4)), t2 = fmt::format("t{}", pick(4));
    const std::string_view tags[] = {t1, t2};
    const std::string model = fmt::format("M{}", pick(4));
    n.b.add_element({.id = fmt::format("E{}", e), .site = sites[pick(sites.size())],
                     .function = *FunctionVocabulary::builtin().find(kFunctions[pick(kFunctions.size())]),
                     .vendor = kVendors[pick(kVendors.size())], .op = pick(6) == 0 ? ops[pick(3)] : kNoIndex,
                     .model = pick(5) == 0 ? std::string_view() : std::string_view(model),
                     .tags = std::span<const std::string_view>(tags, pick(3)),
                     .generation = static_cast<Generations>(pick(16)),
                     .installed = pick(4) == 0 ? kNoDate : date_from_ymd(2018 + static_cast<int>(pick(6)), 1 + static_cast<unsigned>(pick(12)), 1)});
  }
  for (int k = 0; k < 30; ++k) {
    const Date issued = date_from_ymd(2019 + static_cast<int>(pick(4)), 1, 1);
    EvidenceRow row{.type = pick(3) ? EvidenceType::certification : EvidenceType::approval,
                    .scheme = pick(2) ? "S1" : "S2", .issued = pick(4) ? issued : kNoDate,
                    .expires = pick(3) ? issued + static_cast<Date>(pick(1500)) : kNoDate};
    const std::string model = fmt::format("M{}", pick(4));
    switch (pick(3)) {
      case 0: row.subject_kind = SubjectKind::element; row.element = static_cast<Index>(pick(rows)); break;
      case 1: row.subject_kind = SubjectKind::model; row.vendor = n.b.vendor(kVendors[pick(kVendors.size())]); row.model = model; break;
      default: row.subject_kind = SubjectKind::vendor; row.vendor = n.b.vendor(kVendors[pick(kVendors.size())]); break;
    }
    n.b.add_evidence(row);
  }
  return {std::move(n).finish(), date_from_ymd(2020 + static_cast<int>(pick(4)), 6, 1)};
}

std::string random_leaf(std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const char* ops[] = {"==", "!=", "<", "<=", ">", ">="};
  const char* sets[] = {"in", "not-in"};
  switch (pick(17)) {
    case 0: return fmt::format("vendor {} hrv", sets[pick(2)]);
    case 1: return fmt::format("vendor {} \"{}\"", ops[pick(2)], kVendors[pick(4)]);
    case 2: return fmt::format("domain {} {}", ops[pick(2)], std::vector<std::string>{"ran", "core", "transport", "management", "interconnect"}[pick(5)]);
    case 3: return fmt::format("function {} [{}, \"{}\"]", sets[pick(2)], kFunctions[pick(8)], kFunctions[pick(8)]);
    case 4: return fmt::format("plane {} {}", ops[pick(2)], std::vector<std::string>{"none", "user", "control"}[pick(3)]);
    case 5: return fmt::format("generation has \"{}G\"", 2 + pick(4));
    case 6: return fmt::format("generation {} [\"{}G\", \"{}G\"]", sets[pick(2)], 2 + pick(4), 2 + pick(4));
    case 7: return fmt::format("installed {} {}-0{}-01", ops[pick(6)], 2018 + pick(6), 1 + pick(9));
    case 8: return fmt::format("operator {} \"op{}\"", ops[pick(2)], pick(3));
    case 9: return fmt::format("model {} \"M{}\"", ops[pick(2)], pick(5));
    case 10: return fmt::format("tags {} \"t{}\"", pick(2) ? "has" : "not-in", pick(5));
    case 11: return fmt::format("site.kind {} [{}]", sets[pick(2)], kKinds[pick(4)]);
    case 12: return fmt::format("site.region {} \"r{}\"", ops[pick(2)], pick(3));
    case 13: return fmt::format("site.tags has \"x{}\"", pick(3));
    case 14: return fmt::format("site.subscribers {} {}", ops[pick(6)], pick(5000));
    case 15: return pick(2) ? "evidence(certification)" : fmt::format("evidence(certification, \"S{}\")", 1 + pick(2));
    default: return fmt::format("vendor.country {} {}", ops[pick(2)], pick(2) ? "CN" : "SE");
  }
}

std::string random_expr(std::mt19937& rng, int depth) {
  const auto r = rng() % 10;
  if (depth == 0 || r < 3) return random_leaf(rng);
  if (r < 5) return rng() % 2 ? fmt::format("not ({})", random_expr(rng, depth - 1)) : fmt::format("not {}", random_leaf(rng));
  const char* join = r < 8 ? "and" : "or";
  const std::string left = random_expr(rng, depth - 1);
  return fmt::format("({} {} {})", left, join, random_expr(rng, depth - 1));
}

// ---- The naive interpreter: one element at a time, straight from the definitions. ----

struct Naive {
  const Inventory& inv;
  Date as_of;
  const Designations& designations;

  std::vector<std::string> texts(const Value& v) const {
    std::vector<std::string> out;
    if (v.kind == Value::Kind::list) {
      for (const auto& item : v.items) {
        for (auto& t : texts(item)) out.push_back(std::move(t));
      }
    } else if (v.kind == Value::Kind::word && designations.contains(v.text)) {
      out = designations.at(v.text);
    } else {
      out.push_back(v.text);
    }
    return out;
  }

  bool member(std::string_view field_text, const Value& v, FieldType type) const {
    for (const auto& t : texts(v)) {
      std::string want = t;
      if (type == FieldType::vendor) {
        const auto known = inv.registry->find(t);
        want = known ? (*inv.registry)[*known].id : VendorRegistry::slug(t);
      }
      if (type == FieldType::function) want = (*inv.functions)[*inv.functions->find(t)].id;
      if (field_text == want) return true;
    }
    return false;
  }

  bool evidence(Index e, std::string_view type, std::string_view scheme) const {
    const auto& ev = inv.evidence;
    for (std::size_t r = 0; r < ev.size(); ++r) {
      if (name_of(ev.type[r]) != type) continue;
      if (!scheme.empty() && inv.str(ev.scheme[r]) != scheme) continue;
      if (ev.issued[r] != kNoDate && ev.issued[r] > as_of) continue;
      if (ev.expires[r] != kNoDate && ev.expires[r] <= as_of) continue;
      const bool applies = (ev.subject_kind[r] == SubjectKind::element && ev.subject_element[r] == e) ||
                           (ev.subject_kind[r] == SubjectKind::vendor && ev.subject_vendor[r] == inv.elements.vendor[e]) ||
                           (ev.subject_kind[r] == SubjectKind::model && ev.subject_vendor[r] == inv.elements.vendor[e] &&
                            ev.subject_model[r] == inv.elements.model[e]);
      if (applies) return true;
    }
    return false;
  }

  bool eval(const Expr& x, Index e) const {
    switch (x.kind) {
      case Expr::Kind::constant: return x.constant;
      case Expr::Kind::negation: return !eval(x.children[0], e);
      case Expr::Kind::all_of:
        for (const auto& c : x.children) {
          if (!eval(c, e)) return false;
        }
        return true;
      case Expr::Kind::any_of:
        for (const auto& c : x.children) {
          if (eval(c, e)) return true;
        }
        return false;
      case Expr::Kind::evidence: return evidence(e, x.evidence_type, x.evidence_scheme);
      case Expr::Kind::compare: break;
    }
    const bool negated = x.op == CompareOp::ne || x.op == CompareOp::not_in;
    return negated != positive(x, e);
  }

  bool positive(const Expr& x, Index e) const {
    const ElementTable& el = inv.elements;
    const Index site = el.site[e];
    const FunctionInfo& f = inv.function_of(e);
    auto ordered = [&](double have, double want) {
      switch (x.op) {
        case CompareOp::lt: return have < want;
        case CompareOp::le: return have <= want;
        case CompareOp::gt: return have > want;
        case CompareOp::ge: return have >= want;
        default: return have == want;
      }
    };
    auto list_has = [&](std::span<const StrId> list) {
      for (const auto s : list) {
        if (member(inv.str(s), x.value, FieldType::text)) return true;
      }
      return false;
    };
    switch (x.field) {
      case FieldId::vendor: return member(inv.vendor_id(el.vendor[e]), x.value, FieldType::vendor);
      case FieldId::vendor_country: {
        const auto& known = inv.vendors.known[el.vendor[e]];
        return known && member((*inv.registry)[*known].country, x.value, FieldType::text);
      }
      case FieldId::domain: return member(domain_name(f.domain), x.value, FieldType::text);
      case FieldId::function: return member(f.id, x.value, FieldType::function);
      case FieldId::plane: {
        const char* planes[] = {"none", "user", "control"};
        return member(planes[static_cast<int>(f.plane)], x.value, FieldType::text);
      }
      case FieldId::generation: {
        for (const auto g : generation_names(el.generation[e])) {
          if (member(g, x.value, FieldType::text)) return true;
        }
        return false;
      }
      case FieldId::installed:
        return el.installed[e] != kNoDate && ordered(el.installed[e], x.value.date);
      case FieldId::op: return member(inv.str(inv.operators.id[el.op[e]]), x.value, FieldType::text);
      case FieldId::model: return member(inv.str(el.model[e]), x.value, FieldType::text);
      case FieldId::tags: return list_has(el.tags[e]);
      case FieldId::site_kind: return member(name_of(inv.sites.kind[site]), x.value, FieldType::text);
      case FieldId::site_region: return member(inv.str(inv.sites.region[site]), x.value, FieldType::text);
      case FieldId::site_tags: return list_has(inv.sites.tags[site]);
      case FieldId::site_subscribers:
        return inv.sites.subscribers[site] != kNoCount && ordered(static_cast<double>(inv.sites.subscribers[site]), x.value.number);
      default: ADD_FAILURE() << "field not generated"; return false;
    }
  }
};

TEST(ColumnwiseEvaluation, AgreesWithANaiveInterpreterOnRandomInputs) {
  std::mt19937 rng(20260101);
  const Designations designations{{"hrv", {"huawei", "zte"}}};
  SelectorScope scope;
  scope.designations = &designations;
  std::size_t selected_total = 0, rows_total = 0;
  for (int world = 0; world < 20; ++world) {
    const World w = random_world(rng);
    SelectorEvaluator evaluator(w.inv, w.as_of);
    const Naive naive{w.inv, w.as_of, designations};
    for (int k = 0; k < 60; ++k) {
      const std::string text = random_expr(rng, 4);
      auto selector = compile_selector(text, scope);
      ASSERT_TRUE(selector) << text << ": " << selector.error().message;
      const RowMask mask = evaluator.elements(selector->expr, scope);
      ASSERT_EQ(mask.rows(), w.inv.elements.size());
      for (Index e = 0; e < w.inv.elements.size(); ++e) {
        ASSERT_EQ(mask.test(e), naive.eval(selector->expr, e)) << text << " on element " << e;
      }
      // Round trip through the normal form keeps the meaning.
      auto again = compile_selector(to_string(selector->expr), scope);
      ASSERT_TRUE(again) << to_string(selector->expr);
      ASSERT_EQ(evaluator.elements(again->expr, scope), mask) << text << " vs " << to_string(selector->expr);
      selected_total += mask.count();
      rows_total += mask.rows();
    }
  }
  // The generator must produce both selective and broad expressions, or the test proves little.
  EXPECT_GT(selected_total, rows_total / 10);
  EXPECT_LT(selected_total, rows_total * 9 / 10);
}

}  // namespace
}  // namespace netvet::policy
