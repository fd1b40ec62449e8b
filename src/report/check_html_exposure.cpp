// The check report's exposure section: the exposure page's chains and outage chart
// (report/html/exposure_sections.h) for the facilities of the inventory checked, at the
// serving radius the check used, and the outage of every vendor.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <numeric>

#include "report/html/exposure_sections.h"
#include "report/html/html_text.h"
#include "report/text_table.h"

namespace netvet::report::html {

namespace {

// The exposure of every facility, with exposed_to filled for the packs' designations.
// Computed here rather than taken from the engine: the engine's, when an exposure rule
// needed it, leaves out the possible paths (for speed) that the section shows.
Result<ExposureReport> exposure_of(const CheckReport& report, const Inventory& inv) {
  ExposureOptions options;
  options.serving_radius_km = report.serving_radius_km;
  for (const auto& id : report.designated)
    if (const auto row = inv.find_vendor(id)) options.designated_vendors.push_back(*row);
  return analyse_exposure(inv, options);
}

std::string not_shown(const Diagnostics& problems) {
  std::string why;
  for (const Diagnostic& d : problems) why += (why.empty() ? "" : "; ") + d.message;
  return fmt::format("<p class=\"note\">Not computed: {}.</p>", esc(why));
}

}  // namespace

std::string check_exposure_section(const CheckReport& report, const Inventory& inv, const HtmlOptions& options) {
  if (inv.facilities.size() == 0) return {};
  std::string chains_html, chart_html;
  const auto exposure = exposure_of(report, inv);
  if (!exposure) {
    chains_html = not_shown(exposure.error());
  } else {
    const ExposureTable& t = exposure->facilities;
    std::vector<Index> rows(t.size());
    std::iota(rows.begin(), rows.end(), Index{0});
    std::sort(rows.begin(), rows.end(), [&](Index a, Index b) {
      return inv.str(inv.facilities.id[t.subject[a]]) < inv.str(inv.facilities.id[t.subject[b]]);
    });
    exposed_first(t, rows);
    const FacilityChains chains = facility_chains(inv, t, rows, report.designated, options.max_facilities);
    chains_html = fmt::format("<div class=\"vendor-key\">{}</div>{}", chains.key, chains.blocks);
  }
  std::vector<OutageScenario> scenarios = every_vendor_scenarios(inv);
  scenarios.push_back({});  // the network as it stands
  auto outage = analyse_outage(inv, scenarios);
  if (!outage) {
    chart_html = not_shown(outage.error());
  } else {
    const OutageResult baseline = outage->back();
    outage->pop_back();
    chart_html = survival_chart(inv, *outage, baseline, report.designated, {});
  }
  const std::string designated =
      report.designated.empty() ? std::string("no designated vendors")
                                : fmt::format("the packs' designated vendors ({})", fmt::join(report.designated, ", "));
  return fmt::format(
      "<section class=\"panel\" id=\"exposure\"><h2>Facilities: unavoidable elements, from the cells to the core</h2>"
      "<p class=\"note\">Every path from a facility's serving cells (its served_by, or the cell sites whose range_km reaches it, within {:g} km for sites without one) to "
      "its operator's core crosses these elements, in this order. Red chips and a black border mark {}.</p>{}</section>"
      "<section class=\"panel\" id=\"outage\"><h2>What survives each vendor's outage</h2>"
      "<p class=\"note\">Share of each operator's cell sites whose traffic still reaches the operator's core when the "
      "vendor's elements fail (<i class=\"k-fail\"></i> failure) or are switched off together with everything they "
      "manage or host (<i class=\"k-kill\"></i> kill-switch). The line marks the network as it stands.</p>{}</section>",
      report.serving_radius_km, esc(designated), chains_html, chart_html);
}

}  // namespace netvet::report::html
