// diversity: per operator and domain, among the selected elements, at least min_vendors
// vendors and no vendor above max_share of the elements (EU 5G Toolbox SM05-style).

#include <fmt/format.h>

#include "policy/rule_context.h"

namespace netvet::policy {

void run_diversity(RuleContext& ctx, const DiversityRule& diversity) {
  const Inventory& inv = ctx.inventory;
  const ElementTable& el = inv.elements;
  const RowMask selected = ctx.select(ctx.rule.select);
  const std::size_t vendors = inv.vendors.size();
  const std::size_t cells = inv.operators.size() * kDomainCount;
  // counts[(operator * domains + domain) * vendors + vendor]: operators and vendors are
  // few (tens), so a dense table beats hashing a million times.
  std::vector<std::uint32_t> counts(cells * vendors, 0);
  const FunctionVocabulary& vocabulary = *inv.functions;
  std::vector<std::uint8_t> domain_of_function(vocabulary.size());
  for (std::size_t f = 0; f < vocabulary.size(); ++f) {
    domain_of_function[f] = static_cast<std::uint8_t>(vocabulary[static_cast<FunctionId>(f)].domain);
  }
  selected.for_each([&](std::size_t row) {
    const std::size_t cell = std::size_t{el.op[row]} * kDomainCount + domain_of_function[el.function[row]];
    ++counts[cell * vendors + el.vendor[row]];
  });

  const double min_vendors = value_of(diversity.min_vendors, ctx.pack).number;
  const double max_share = value_of(diversity.max_share, ctx.pack).number;
  for (std::size_t cell = 0; cell < cells; ++cell) {
    const std::uint32_t* row = counts.data() + cell * vendors;
    std::uint64_t total = 0;
    std::size_t present = 0, top = 0;
    for (std::size_t v = 0; v < vendors; ++v) {
      total += row[v];
      if (row[v] > 0) ++present;
      if (row[v] > row[top]) top = v;
    }
    if (total == 0) continue;
    const auto op_row = static_cast<Index>(cell / kDomainCount);
    const std::string op(inv.str(inv.operators.id[op_row]));
    const std::string domain(domain_name(static_cast<Domain>(cell % kDomainCount)));
    const double share = static_cast<double>(row[top]) / static_cast<double>(total);
    const bool enough = static_cast<double>(present) >= min_vendors;
    const bool spread = share <= max_share + 1e-12;
    if (min_vendors > 1) {
      Measure m = ctx.measure(op, "vendors", static_cast<double>(present), min_vendors, enough);
      m.scope = domain;
      m.at_least = true;
      ctx.result.measures.push_back(std::move(m));
    }
    if (max_share < 1) {
      Measure m = ctx.measure(op, "elements", share, max_share, spread);
      m.scope = domain;
      m.count = static_cast<double>(row[top]);
      m.total = static_cast<double>(total);
      ctx.result.measures.push_back(std::move(m));
    }
    if (enough && spread) continue;
    const std::string top_vendor(inv.vendor_id(static_cast<Index>(top)));
    std::string message = fmt::format("operator {}, {} domain: {} vendor{} among {} matching elements; {} has {}", op,
                                      domain, present, present == 1 ? "" : "s", total, top_vendor, percent(share));
    if (!enough) message += fmt::format("; at least {} vendors required", min_vendors);
    if (!spread) message += fmt::format("; no vendor may exceed {}", percent(max_share));
    const StrId op_id = inv.operators.id[op_row];
    ctx.aggregate_finding(SubjectType::op, op_row, op_id, op_id, spread ? kEmptyStr : inv.vendors.id[top],
                          static_cast<std::uint8_t>(cell % kDomainCount), message + " " + ctx.outcome().citation);
  }
}

}  // namespace netvet::policy
