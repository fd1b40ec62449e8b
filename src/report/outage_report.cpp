// `netvet outage` as text and JSON (report/outage_report.h).
#include "report/outage_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

#include "report/text_table.h"

namespace netvet::report {

namespace {

constexpr std::string_view kBold = "\033[1m", kReset = "\033[0m";

std::string bold(bool style, std::string_view text) {
  return style ? fmt::format("{}{}{}", kBold, text, kReset) : std::string(text);
}

// The rows of result.operators ordered by operator id.
std::vector<std::size_t> by_operator_id(const Inventory& inv, const OutageResult& r) {
  std::vector<std::size_t> order(r.operators.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return inv.str(inv.operators.id[r.operators[a].op]) < inv.str(inv.operators.id[r.operators[b].op]);
  });
  return order;
}

nlohmann::ordered_json operators_json(const Inventory& inv, const OutageResult& r) {
  auto list = nlohmann::ordered_json::array();
  for (const std::size_t i : by_operator_id(inv, r)) {
    const OperatorSurvival& o = r.operators[i];
    list.push_back({{"operator", inv.str(inv.operators.id[o.op])},
                    {"sites_total", o.sites_total},
                    {"sites_surviving", o.sites_surviving},
                    {"subscribers_total", o.subscribers_total},
                    {"subscribers_surviving", o.subscribers_surviving}});
  }
  return list;
}

std::string operators_table(const Inventory& inv, const OutageResult& r, bool style) {
  TextTable table({"operator", "cell sites that reach the core", "subscribers"}, {Align::left, Align::right, Align::right});
  for (const std::size_t i : by_operator_id(inv, r)) {
    const OperatorSurvival& o = r.operators[i];
    table.add_row({std::string(inv.str(inv.operators.id[o.op])),
                   share_text(static_cast<long long>(o.sites_surviving), static_cast<long long>(o.sites_total)),
                   share_text(o.subscribers_surviving, o.subscribers_total)});
  }
  return table.render(2, style);
}

}  // namespace

std::vector<std::string> scenario_vendor_ids(const Inventory& inv, const OutageResult& r, const OutageContext& c) {
  std::vector<std::string> ids(c.absent_vendors);
  for (const Index v : r.scenario.vendors) ids.emplace_back(inv.vendor_id(v));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string outage_text(const Inventory& inv, std::span<const OutageResult> results, const OutageResult& baseline,
                        const OutageContext& c, bool style) {
  std::string out = bold(style, fmt::format("Outage of {}", c.inventory.empty() ? "the inventory" : c.inventory)) + "\n";
  out += "  failure: the vendors' elements stop; kill-switch: so does every element they manage or host\n";
  out += "  a cell site survives when one of its remaining radio elements reaches a remaining sink of its operator\n";
  if (!c.absent_vendors.empty())
    out += fmt::format("  no element in this inventory: {}\n", fmt::join(c.absent_vendors, ", "));
  out += fmt::format("\n{}\n{}", bold(style, "As it stands (no vendor out)"), operators_table(inv, baseline, style));
  for (const OutageResult& r : results) {
    const std::string title = fmt::format("{} - {}", fmt::join(scenario_vendor_ids(inv, r, c), ", "), name_of(r.scenario.mode));
    out += fmt::format("\n{}\n{}", bold(style, title), operators_table(inv, r, style));
  }
  return out;
}

nlohmann::ordered_json outage_json(const Inventory& inv, std::span<const OutageResult> results,
                                   const OutageResult& baseline, const OutageContext& c) {
  nlohmann::ordered_json j;
  j["inventory"] = c.inventory;
  auto scenarios = nlohmann::ordered_json::array();
  for (const OutageResult& r : results)
    scenarios.push_back({{"vendors", scenario_vendor_ids(inv, r, c)},
                         {"mode", name_of(r.scenario.mode)},
                         {"operators", operators_json(inv, r)}});
  j["scenarios"] = std::move(scenarios);
  j["baseline"] = {{"operators", operators_json(inv, baseline)}};
  return j;
}

}  // namespace netvet::report
