// The exposure page's chains and outage chart (report/html/exposure_sections.h), shared
// by the exposure and outage pages and the check report.
#include "report/html/exposure_sections.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "report/html/html_text.h"
#include "report/text_table.h"

namespace netvet::report::html {

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

std::string element_list(const Inventory& inv, std::span<const Index> rows) {
  std::vector<std::string> ids;
  for (const Index e : rows) ids.emplace_back(inv.str(inv.elements.id[e]));
  std::sort(ids.begin(), ids.end());
  return esc(fmt::format("{}", fmt::join(ids, ", ")));
}

std::string way_list(std::uint8_t ways) { return fmt::format("{}", fmt::join(exposure_way_names(ways, true), ", ")); }

std::string facility_block(const Inventory& inv, const ExposureTable& t, Index r, std::span<const Index> chain,
                           const VendorColours& colours) {
  const Index f = t.subject[r];
  const std::string id(inv.str(inv.facilities.id[f]));
  std::string badge;
  if (t.isolated[r]) badge += "<span class=\"badge isolated\">isolated</span>";
  if (t.exposed[r])
    badge += fmt::format("<span class=\"badge exposed\">exposed to {}</span>",
                         t.exposed_to[r].empty() ? std::string("the designated vendors together") : vendor_list(inv, t.exposed_to[r]));
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
    chain_html = site_ids.empty() ? "<p class=\"note\">No site serves it (no served_by, and no cell site's range, or the serving "
                                    "radius for sites without one, reaches it): the facility is cut off as it stands.</p>"
                                  : "<p class=\"note\">No serving cell reaches its operator's core: the facility is cut off as it stands.</p>";
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
  // Vendor level: per serving operator, whether its traffic can avoid the designated
  // vendors, and the cut that would give it a clean way.
  std::string verdicts = fmt::format("<dt>Must cross</dt><dd>{}</dd>", vendor_list(inv, t.transport_exposed_to[r]));
  const auto& per = t.per_operator;
  for (const Index k : t.operator_rows[r]) {
    std::string what = per.isolated[k] && !per.exposed[k] ? std::string("isolated")
                       : per.exposed[k] ? fmt::format("<b>exposed</b> ({})", esc(way_list(per.exposed[k])))
                                        : std::string("a way avoids the designated vendors");
    if (!per.cut[k].empty()) what += fmt::format("; cut: {}", element_list(inv, per.cut[k]));
    verdicts += fmt::format("<dt>Via {}</dt><dd>{}</dd>", esc(inv.str(inv.operators.id[per.op[k]])), what);
  }
  return fmt::format(
      "<div class=\"facility\" id=\"fac-{0}\"><h3><span class=\"mono\">{0}</span>{1}{2}</h3><div class=\"about\">{3}</div>{4}"
      "<dl class=\"facts\"><dt>Possible</dt><dd>{5} elements; vendors {6}</dd><dt>Control plane</dt><dd>{7}</dd>"
      "<dt>Influence</dt><dd>{8}</dd>{9}</dl></div>",
      esc(id), name, badge, about, chain_html, count(t.possible_count[r]), vendor_list(inv, t.possible_vendors[r]),
      vendor_list(inv, t.control_plane_vendors[r]), vendor_list(inv, t.influence_vendors[r]), verdicts);
}

double share(const OperatorSurvival& o) {
  return o.sites_total ? static_cast<double>(o.sites_surviving) / static_cast<double>(o.sites_total) : 1.0;
}

}  // namespace

int facility_status(const ExposureTable& t, Index r) { return t.exposed[r] ? 1 : t.isolated[r] ? 2 : 0; }

void exposed_first(const ExposureTable& t, std::vector<Index>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [&](Index a, Index b) {
    static constexpr int rank[] = {2, 0, 1};
    return rank[facility_status(t, a)] < rank[facility_status(t, b)];
  });
}

FacilityChains facility_chains(const Inventory& inv, const ExposureTable& t, std::span<const Index> rows,
                               const std::vector<std::string>& designated, std::size_t max) {
  FacilityChains out;
  out.drawn = std::min(rows.size(), max);
  std::vector<std::string> chain_vendors;
  for (std::size_t i = 0; i < out.drawn; ++i)
    for (const Index e : t.unavoidable_chain[rows[i]]) chain_vendors.emplace_back(inv.vendor_id(inv.elements.vendor[e]));
  const VendorColours colours(chain_vendors, designated);
  out.key = colours.key();
  for (std::size_t i = 0; i < out.drawn; ++i) out.blocks += facility_block(inv, t, rows[i], t.unavoidable_chain[rows[i]], colours);
  if (rows.empty()) out.blocks = "<p class=\"note\">The inventory lists no facility (facilities.csv).</p>";
  if (out.drawn < rows.size())
    out.blocks += fmt::format("<p class=\"note\">The page draws {} of {} facilities (exposed and isolated first); the JSON "
                              "output of <code>netvet exposure</code> lists all.</p>", count(out.drawn), count(rows.size()));
  return out;
}

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

}  // namespace netvet::report::html
