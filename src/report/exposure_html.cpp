// The HTML pages of `netvet exposure` and `netvet outage`: self-contained, like the check
// report (report/check_html.cpp), whose styles, country outlines and decoder they reuse.
// What reads without script — each facility's chain of unavoidable elements and the
// outage chart — is written here as HTML; report/html/exposure.js draws the map.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <set>

#include "report/check_report.h"
#include "report/exposure_report.h"
#include "report/html/assets.h"
#include "report/html/html_text.h"
#include "report/outage_report.h"
#include "report/text_table.h"

namespace netvet::report {

using html::esc;
using html::fill;
using html::package_version;
using html::script_safe;

namespace {





std::string count(std::size_t n) { return group_digits(static_cast<long long>(n)); }

// Vendor colours: designated vendors in reds, the others from a palette without red,
// each in the order of its id so that a vendor keeps its colour across facilities.
class VendorColours {
 public:
  VendorColours(std::vector<std::string> vendors, const std::vector<std::string>& designated) {
    std::sort(vendors.begin(), vendors.end());
    vendors.erase(std::unique(vendors.begin(), vendors.end()), vendors.end());
    static constexpr std::string_view kReds[] = {"#b3261e", "#7f1d1d", "#d9480f", "#9d174d"};
    static constexpr std::string_view kOthers[] = {"#2c6bb0", "#1e7f4f", "#6b4fa0", "#0f766e", "#8a6a00", "#3d5a80",
                                                   "#a14d8c", "#4d7c0f", "#5b6675", "#0e7490", "#7c5c2b", "#475569"};
    std::size_t reds = 0, others = 0;
    for (const auto& v : vendors) {
      const bool d = std::binary_search(designated.begin(), designated.end(), v);
      colour_[v] = std::string(d ? kReds[reds++ % std::size(kReds)] : kOthers[others++ % std::size(kOthers)]);
      designated_[v] = d;
    }
  }
  const std::string& operator()(const std::string& vendor) const { return colour_.at(vendor); }
  bool designated(const std::string& vendor) const { return designated_.at(vendor); }
  std::string key() const {
    std::string out;
    for (const auto& [v, c] : colour_)
      out += fmt::format("<span><i style=\"background:{}\"></i>{}{}</span>", c, esc(v), designated_.at(v) ? " (designated)" : "");
    return out;
  }

 private:
  std::map<std::string, std::string> colour_;
  std::map<std::string, bool> designated_;
};

std::string vendor_list(const Inventory& inv, std::span<const Index> rows) {
  std::vector<std::string> ids;
  for (const Index v : rows) ids.emplace_back(inv.vendor_id(v));
  std::sort(ids.begin(), ids.end());
  return ids.empty() ? "none" : esc(fmt::format("{}", fmt::join(ids, ", ")));
}

int status_of(const ExposureTable& t, Index r) { return t.isolated[r] ? 2 : t.exposed_to[r].empty() ? 0 : 1; }

std::string facility_block(const Inventory& inv, const ExposureTable& t, Index r, std::span<const Index> chain,
                           const VendorColours& colours) {
  const Index f = t.subject[r];
  const std::string id(inv.str(inv.facilities.id[f]));
  std::string badge;
  if (t.isolated[r]) badge += "<span class=\"badge isolated\">isolated</span>";
  if (!t.exposed_to[r].empty()) badge += fmt::format("<span class=\"badge exposed\">exposed to {}</span>", vendor_list(inv, t.exposed_to[r]));
  if (badge.empty()) badge = "<span class=\"badge clean\">not exposed</span>";
  std::set<std::string> site_ids, op_ids;
  for (const Index s : t.served_by[r]) {
    site_ids.emplace(inv.str(inv.sites.id[s]));
    op_ids.emplace(inv.str(inv.operators.id[inv.sites.op[s]]));
  }
  std::string about = std::string(name_of(inv.facilities.kind[f]));
  if (inv.facilities.owner[f] != kNoCountry) about += fmt::format(" &middot; owner {}", esc(name_of(inv.facilities.owner[f])));
  if (site_ids.empty()) {
    about += " &middot; no serving cell site";
  } else {
    std::vector<std::string> shown(site_ids.begin(), site_ids.end());
    const std::size_t more = shown.size() > 12 ? shown.size() - 12 : 0;
    shown.resize(shown.size() - more);
    about += fmt::format(" &middot; served by {}{} ({})", esc(fmt::format("{}", fmt::join(shown, ", "))),
                         more ? fmt::format(" and {} more", more) : "", esc(fmt::format("{}", fmt::join(op_ids, ", "))));
  }
  std::string chain_html;
  if (t.isolated[r]) {
    chain_html = "<p class=\"note\">No serving cell reaches its operator's core: the facility is cut off as it stands.</p>";
  } else if (chain.empty()) {
    chain_html = fmt::format("<p class=\"note\">No element is unavoidable: every element on a path to the core can be "
                             "avoided{}.</p>", op_ids.size() > 1 ? " (the operators' paths share none)" : "");
  } else {
    chain_html = "<div class=\"chain\"><span class=\"end\">cells</span>";
    for (std::size_t i = 0; i < chain.size(); ++i) {
      const Index e = chain[i];
      const std::string vendor(inv.vendor_id(inv.elements.vendor[e]));
      if (i) chain_html += "<span class=\"arrow\">&rarr;</span>";
      chain_html += fmt::format(
          "<span class=\"chip{}\" style=\"background:{}\" title=\"{} at site {}\"><span class=\"id\">{}</span>"
          "<span class=\"what\">{} &middot; {}</span></span>",
          colours.designated(vendor) ? " designated" : "", colours(vendor), esc(inv.function_of(e).description),
          esc(inv.str(inv.sites.id[inv.elements.site[e]])), esc(inv.str(inv.elements.id[e])), esc(inv.function_of(e).id),
          esc(vendor));
    }
    chain_html += "<span class=\"arrow\">&rarr;</span><span class=\"end\">core</span></div>";
  }
  std::string name;
  if (inv.facilities.name[f] != kEmptyStr) name = fmt::format(" {}", esc(inv.str(inv.facilities.name[f])));
  return fmt::format(
      "<div class=\"facility\" id=\"fac-{0}\"><h3><span class=\"mono\">{0}</span>{1}{2}</h3><div class=\"about\">{3}</div>{4}"
      "<dl class=\"facts\"><dt>Possible</dt><dd>{5} elements; vendors {6}</dd><dt>Control plane</dt><dd>{7}</dd>"
      "<dt>Influence</dt><dd>{8}</dd></dl></div>",
      esc(id), name, badge, about, chain_html, count(t.possible_count[r]), vendor_list(inv, t.possible_vendors[r]),
      vendor_list(inv, t.control_plane_vendors[r]), vendor_list(inv, t.influence_vendors[r]));
}

double share(const OperatorSurvival& o) {
  return o.sites_total ? static_cast<double>(o.sites_surviving) / static_cast<double>(o.sites_total) : 1.0;
}

// One group of bars per vendor set: per operator, the share of its cell sites that
// survive failure and kill-switch, against the network as it stands. Vendors whose outage
// changes nothing are named in one line below.
std::string survival_chart(const Inventory& inv, std::span<const OutageResult> results, const OutageResult& baseline,
                           const std::vector<std::string>& designated, const OutageContext& context) {
  struct Group {
    std::vector<std::string> vendors;
    const OutageResult* fail = nullptr;
    const OutageResult* kill = nullptr;
    double worst = 1.0;
    bool designated = false;
  };
  std::map<std::string, Group> groups;
  for (const OutageResult& r : results) {
    auto ids = scenario_vendor_ids(inv, r, context);
    Group& g = groups[fmt::format("{}", fmt::join(ids, ","))];
    g.vendors = ids;
    (r.scenario.mode == OutageMode::failure ? g.fail : g.kill) = &r;
  }
  std::vector<Group> order;
  std::vector<std::string> no_effect;
  for (auto& [key, g] : groups) {
    bool effect = false;
    for (const OutageResult* r : {g.fail, g.kill}) {
      if (!r) continue;
      for (std::size_t i = 0; i < r->operators.size(); ++i) {
        effect |= r->operators[i].sites_surviving != baseline.operators[i].sites_surviving;
        if (r->operators[i].sites_total) g.worst = std::min(g.worst, share(r->operators[i]));
      }
    }
    for (const auto& v : g.vendors) g.designated |= std::binary_search(designated.begin(), designated.end(), v);
    if (effect) order.push_back(g);
    else no_effect.push_back(key);
  }
  std::sort(order.begin(), order.end(), [](const Group& a, const Group& b) {
    if (a.designated != b.designated) return a.designated;
    if (a.worst != b.worst) return a.worst < b.worst;
    return a.vendors < b.vendors;
  });
  std::vector<std::size_t> ops(baseline.operators.size());
  for (std::size_t i = 0; i < ops.size(); ++i) ops[i] = i;
  std::sort(ops.begin(), ops.end(), [&](std::size_t a, std::size_t b) {
    return inv.str(inv.operators.id[baseline.operators[a].op]) < inv.str(inv.operators.id[baseline.operators[b].op]);
  });
  std::string out;
  for (const Group& g : order) {
    out += fmt::format("<div class=\"surv\" data-vendors=\"{0}\"><h3><span class=\"mono\">{0}</span>{1}</h3>",
                       esc(fmt::format("{}", fmt::join(g.vendors, ", "))),
                       g.designated ? " <span class=\"badge exposed\">designated</span>" : "");
    for (const std::size_t i : ops) {
      const OperatorSurvival& base = baseline.operators[i];
      if (!base.sites_total) continue;
      std::string bars, values;
      for (const auto& [r, cls, label] : {std::tuple{g.fail, "fail", "failure"}, std::tuple{g.kill, "kill", "kill-switch"}}) {
        if (!r) continue;
        const OperatorSurvival& o = r->operators[i];
        bars += fmt::format("<div class=\"b {}\" style=\"width:{:.2f}%\"></div>", cls, 100.0 * share(o));
        values += fmt::format("<div>{}: <b>{:.1f}%</b> ({} of {})</div>", label, 100.0 * share(o),
                              count(o.sites_surviving), count(o.sites_total));
      }
      out += fmt::format(
          "<div class=\"surv-row\" data-operator=\"{0}\"><div class=\"bar-label\">{0}</div><div class=\"surv-track\">{1}"
          "<div class=\"base\" style=\"left:{2:.2f}%\" title=\"as it stands: {3:.1f}%\"></div></div><div class=\"v\">{4}</div></div>",
          esc(inv.str(inv.operators.id[base.op])), bars, 100.0 * share(base), 100.0 * share(base), values);
    }
    out += "</div>";
  }
  if (order.empty()) out += "<p class=\"note\">No vendor's outage cuts any cell site off.</p>";
  if (!no_effect.empty())
    out += fmt::format("<p class=\"note\">No cell site is cut off by the outage of: {}.</p>",
                       esc(fmt::format("{}", fmt::join(no_effect, "; "))));
  return out;
}

struct Page {
  std::string brand, title, heading, meta, designated, cards_class, cards, facilities, outage, data = "{}";
};

std::string render(const Inventory& inv, const Page& p) {
  const std::string footer = fmt::format(
      "Generated by netvet {}. Country outlines: Natural Earth, 1:50m, via world-atlas {} (ISC), decoded with "
      "topojson-client {} (ISC). This page is self-contained and fetches nothing.",
      esc(netvet_version()), esc(package_version(html::asset("world-atlas/package.json"))),
      esc(package_version(html::asset("topojson-client/package.json"))));
  std::string topojson(html::asset("topojson-client.min.js"));
  for (std::size_t at; (at = topojson.find("</")) != std::string::npos;) topojson.replace(at, 2, "<\\/");
  const bool map = !p.facilities.empty();
  std::string meta = p.meta;
  meta += fmt::format("<span>{} operators</span><span>{} sites</span><span>{} elements</span>", count(inv.operators.size()),
                      count(inv.sites.size()), count(inv.elements.size()));
  return fill(html::asset("exposure.html"),
              {{"version", esc(netvet_version())},
               {"brand", esc(p.brand)},
               {"title", esc(p.title)},
               {"heading", esc(p.heading)},
               {"meta", meta},
               {"designated", p.designated},
               {"cards_class", p.cards_class},
               {"cards", p.cards},
               {"facilities_section", p.facilities},
               {"outage", p.outage},
               {"footer", footer},
               {"data", script_safe(p.data)},
               {"atlas", map ? script_safe(html::asset("countries-50m.json")) : std::string("{}")},
               {"topojson", map ? topojson : std::string()},
               {"css", std::string(html::asset("report.css"))},
               {"exposure_css", std::string(html::asset("exposure.css"))},
               {"script", std::string(html::asset("exposure.js"))}});
}

std::string card(std::string_view cls, std::string_view label, std::string_view n, std::string_view sub = {}) {
  return fmt::format("<div class=\"card {}\"><div class=\"label\">{}</div><div class=\"n\">{}</div>{}</div>", cls, label, n,
                     sub.empty() ? std::string() : fmt::format("<div class=\"sub\">{}</div>", sub));
}

std::string inventory_name(const Inventory& inv, const std::string& given) {
  if (inv.meta.name != kEmptyStr) return std::string(inv.str(inv.meta.name));
  return given.empty() ? "Inventory" : given;
}

}  // namespace

std::string exposure_html(const Inventory& inv, const ExposureReport& report, const ExposureContext& c,
                          std::span<const OutageResult> outage, const OutageResult* baseline,
                          const ExposureHtmlOptions& options) {
  const ExposureTable& t = report.facilities;
  std::vector<Index> rows = listed_rows(inv, t, c.filter);
  // Exposed first, then isolated, then the others; by id within each.
  std::stable_sort(rows.begin(), rows.end(), [&](Index a, Index b) {
    static constexpr int rank[] = {2, 0, 1};
    return rank[status_of(t, a)] < rank[status_of(t, b)];
  });
  std::size_t exposed = 0, isolated = 0;
  for (const Index r : rows) {
    exposed += !t.exposed_to[r].empty();
    isolated += t.isolated[r];
  }
  const std::size_t drawn = std::min(rows.size(), options.max_facilities);
  ExposureTable shown_table;  // the drawn rows only, for the chain order
  for (std::size_t i = 0; i < drawn; ++i) {
    const Index r = rows[i];
    shown_table.subject.push_back(t.subject[r]);
    shown_table.served_by.push_row(t.served_by[r]);
    shown_table.unavoidable_elements.push_row(t.unavoidable_elements[r]);
  }
  const ListColumn<Index> chains = unavoidable_in_path_order(inv, shown_table);
  std::vector<std::string> chain_vendors;
  for (std::size_t i = 0; i < drawn; ++i)
    for (const Index e : chains[static_cast<Index>(i)]) chain_vendors.emplace_back(inv.vendor_id(inv.elements.vendor[e]));
  const VendorColours colours(chain_vendors, c.designated);

  std::string blocks;
  for (std::size_t i = 0; i < drawn; ++i) blocks += facility_block(inv, t, rows[i], chains[static_cast<Index>(i)], colours);
  if (rows.empty()) blocks = "<p class=\"note\">The inventory lists no facility (facilities.csv).</p>";
  if (drawn < rows.size())
    blocks += fmt::format("<p class=\"note\">The page draws {} of {} facilities (exposed and isolated first); the JSON "
                          "output lists all.</p>", count(drawn), count(rows.size()));

  // The map: facilities with coordinates and the cell sites that serve the drawn ones.
  nlohmann::json data = {{"facilities", nlohmann::json::array()}, {"sites", nlohmann::json::array()}};
  std::set<Index> serving;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Index r = rows[i], f = t.subject[r];
    if (std::isfinite(inv.facilities.lat[f]) && std::isfinite(inv.facilities.lon[f]))
      data["facilities"].push_back({inv.facilities.lon[f], inv.facilities.lat[f], status_of(t, r), inv.str(inv.facilities.id[f])});
    if (i < drawn)
      for (const Index s : t.served_by[r]) serving.insert(s);
  }
  for (const Index s : serving)
    if (std::isfinite(inv.sites.lat[s]) && std::isfinite(inv.sites.lon[s]))
      data["sites"].push_back({inv.sites.lon[s], inv.sites.lat[s], inv.str(inv.sites.id[s])});

  Page p;
  const std::string name = inventory_name(inv, c.inventory);
  p.brand = "high-risk vendor exposure";
  p.title = fmt::format("netvet exposure - {}", name);
  p.heading = name;
  p.meta = fmt::format("<span>Serving radius {:g} km</span>", c.serving_radius_km);
  p.designated = c.designation.empty()
                     ? std::string("<span class=\"policy\">No designated vendors given</span>")
                     : fmt::format("<span class=\"policy\"><b>{}</b> {}</span>", esc(c.designation),
                                   esc(c.designated.empty() ? std::string("(empty)") : fmt::format("{}", fmt::join(c.designated, ", "))));
  const std::size_t clean = rows.size() - std::min(rows.size(), exposed + isolated);
  p.cards_class = "expo";
  p.cards = card("total", "Facilities", count(rows.size()), c.filter.any() ? "matching --kind/--owner" : "") +
            card("exposed", "Exposed", count(exposed), c.designation.empty() ? "no designated vendors given" : "to a designated vendor") +
            card("isolated", "Isolated", count(isolated), "cannot reach the core") +
            card("clean", "Neither", count(clean));
  p.facilities = fmt::format(
      "<div class=\"expo-grid\"><section class=\"panel\" id=\"chains\"><h2>Unavoidable elements, from the cells to the core</h2>"
      "<p class=\"note\">Every path from the facility's serving cells to its operator's core crosses these elements, in "
      "this order; a black border marks a designated vendor.</p><div class=\"vendor-key\">{}</div>{}</section>"
      "<section class=\"panel\" id=\"map-panel\"><h2>Facilities</h2><div id=\"map\" class=\"map\"><noscript>The map needs "
      "JavaScript.</noscript></div><div id=\"map-legend\" class=\"legend\"></div><p class=\"note\">Click a facility to "
      "see its chain. Grey: the cell sites that serve the facilities drawn.</p></section></div>",
      colours.key(), blocks);
  p.outage = baseline ? survival_chart(inv, outage, *baseline, c.designated, {})
                      : std::string("<p class=\"note\">Not computed.</p>");
  p.data = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return render(inv, p);
}

std::string outage_html(const Inventory& inv, std::span<const OutageResult> results, const OutageResult& baseline,
                        const OutageContext& context) {
  Page p;
  const std::string name = inventory_name(inv, context.inventory);
  p.brand = "vendor outage";
  p.title = fmt::format("netvet outage - {}", name);
  p.heading = name;
  std::uint64_t cells = 0, surviving = 0;
  for (const OperatorSurvival& o : baseline.operators) {
    cells += o.sites_total;
    surviving += o.sites_surviving;
  }
  std::set<std::string> vendors;
  for (const OutageResult& r : results)
    for (const auto& v : scenario_vendor_ids(inv, r, context)) vendors.insert(v);
  p.cards_class = "outage";
  p.cards = card("total", "Operators", count(inv.operators.size())) + card("total", "Cell sites", count(cells)) +
            card("clean", "Reach the core", count(surviving), "as it stands") + card("total", "Vendors", count(vendors.size())) +
            card("total", "Scenarios", count(results.size()));
  p.outage = survival_chart(inv, results, baseline, {}, context);
  return render(inv, p);
}

}  // namespace netvet::report
