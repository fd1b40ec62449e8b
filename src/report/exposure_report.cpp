// `netvet exposure` as text and JSON (report/exposure_report.h).
#include "report/exposure_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

#include "report/text_table.h"
#include "util/saturating.h"

namespace netvet::report {

namespace {

constexpr std::size_t kExposedListed = 10;  // exposed facilities named in the text summary
constexpr std::string_view kBold = "\033[1m", kRed = "\033[31m", kYellow = "\033[33m", kReset = "\033[0m";

std::string paint(bool style, std::string_view code, std::string_view text) {
  return style ? fmt::format("{}{}{}", code, text, kReset) : std::string(text);
}

// Ids of element, site or vendor rows, sorted.
template <typename IdOf>
std::vector<std::string> sorted_ids(std::span<const Index> rows, IdOf id_of) {
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const Index r : rows) ids.emplace_back(id_of(r));
  std::sort(ids.begin(), ids.end());
  return ids;
}

struct Ids {
  const Inventory& inv;
  std::vector<std::string> vendors(std::span<const Index> rows) const {
    return sorted_ids(rows, [&](Index v) { return inv.vendor_id(v); });
  }
  std::vector<std::string> elements(std::span<const Index> rows) const {
    return sorted_ids(rows, [&](Index e) { return inv.str(inv.elements.id[e]); });
  }
  std::vector<std::string> sites(std::span<const Index> rows) const {
    return sorted_ids(rows, [&](Index s) { return inv.str(inv.sites.id[s]); });
  }
  // The operators of the serving sites, by id.
  std::vector<std::string> operators(std::span<const Index> sites) const {
    std::vector<std::string> ids;
    for (const Index s : sites) ids.emplace_back(inv.str(inv.operators.id[inv.sites.op[s]]));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }
};

std::string joined(const std::vector<std::string>& items, std::string_view none = "-") {
  return items.empty() ? std::string(none) : fmt::format("{}", fmt::join(items, ", "));
}

// At most `max` items, then "and N more".
std::string joined_capped(const std::vector<std::string>& items, std::size_t max) {
  if (items.size() <= max) return joined(items);
  std::vector<std::string> head(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(max));
  return fmt::format("{}, and {} more", fmt::join(head, ", "), group_digits(static_cast<long long>(items.size() - max)));
}

nlohmann::ordered_json ways_json(std::uint8_t ways) { return exposure_way_names(ways); }

// One subject's cli.md object (without id, kind, owner: the caller adds those first).
void subject_json(nlohmann::ordered_json& j, const Ids& ids, const ExposureTable& t, Index r, bool cuts = true) {
  j["isolated"] = t.isolated[r] != 0;
  j["unavoidable"] = {{"elements", ids.elements(t.unavoidable_elements[r])},
                      {"vendors", ids.vendors(t.unavoidable_vendors[r])}};
  j["possible"] = {{"vendors", ids.vendors(t.possible_vendors[r])}, {"count", t.possible_count[r]}};
  j["control_plane"] = {{"vendors", ids.vendors(t.control_plane_vendors[r])}};
  j["influence"] = {{"vendors", ids.vendors(t.influence_vendors[r])}};
  j["transport_exposed_to"] = ids.vendors(t.transport_exposed_to[r]);
  j["exposed"] = t.exposed[r] != 0;
  j["exposed_via"] = ways_json(t.exposed[r]);
  j["exposed_to"] = ids.vendors(t.exposed_to[r]);
  if (cuts) j["cut"] = ids.elements(t.cut[r]);
  auto operators = nlohmann::ordered_json::array();
  const auto& per = t.per_operator;
  for (const Index k : t.operator_rows[r])
  {
    nlohmann::ordered_json o = {{"operator", ids.inv.str(ids.inv.operators.id[per.op[k]])},
                                {"isolated", per.isolated[k] != 0},
                                {"transport_exposed_to", ids.vendors(per.transport_exposed_to[k])},
                                {"exposed", per.exposed[k] != 0},
                                {"exposed_via", ways_json(per.exposed[k])},
                                {"exposed_to", ids.vendors(per.exposed_to[k])}};
    if (cuts) o["cut"] = ids.elements(per.cut[k]);
    operators.push_back(std::move(o));
  }
  j["operators"] = std::move(operators);
}

std::vector<Index> rows_by_site_id(const Inventory& inv, const ExposureTable& t) {
  std::vector<Index> rows(t.size());
  std::iota(rows.begin(), rows.end(), Index{0});
  std::sort(rows.begin(), rows.end(), [&](Index a, Index b) {
    return inv.str(inv.sites.id[t.subject[a]]) < inv.str(inv.sites.id[t.subject[b]]);
  });
  return rows;
}

}  // namespace

std::size_t cell_sites_total(const Inventory& inv) {
  return static_cast<std::size_t>(std::count(inv.sites.kind.begin(), inv.sites.kind.end(), SiteKind::cell));
}

std::int64_t cell_subscribers_total(const Inventory& inv) {
  std::int64_t n = 0;
  for (Index s = 0; s < inv.sites.size(); ++s)
    if (inv.sites.kind[s] == SiteKind::cell) n = saturating_add(n, std::max<std::int64_t>(0, inv.sites.subscribers[s]));
  return n;
}

std::vector<VendorBlastRadius> ranked_blast_radius(const Inventory& inv, const ExposureReport& report) {
  std::vector<VendorBlastRadius> all = report.blast_radius;
  std::erase_if(all, [](const VendorBlastRadius& b) { return b.sites_crossing == 0 && b.sites_influenced == 0; });
  std::sort(all.begin(), all.end(), [&](const VendorBlastRadius& a, const VendorBlastRadius& b) {
    if (a.sites_crossing != b.sites_crossing) return a.sites_crossing > b.sites_crossing;
    if (a.sites_influenced != b.sites_influenced) return a.sites_influenced > b.sites_influenced;
    return inv.vendor_id(a.vendor) < inv.vendor_id(b.vendor);
  });
  return all;
}

namespace {

// "EXPOSED (transport, influence) to huawei; cut: 2 elements: R1, R2" or "no: ...".
std::string exposure_words(const Ids& ids, std::uint8_t ways, std::span<const Index> exposed_to,
                           std::span<const Index> cut, bool style) {
  if (!ways) return "no: a way to the core avoids every designated vendor, and none runs the control plane";
  std::string words = paint(style, kRed, fmt::format("EXPOSED ({})", fmt::join(exposure_way_names(ways, true), ", ")));
  words += exposed_to.empty() ? std::string(" to the designated vendors taken together (to none alone)")
                              : fmt::format(" to {}", joined(ids.vendors(exposed_to)));
  if (!cut.empty())
    words += fmt::format("; cut: {} element{}: {}", cut.size(), cut.size() == 1 ? "" : "s",
                         joined_capped(ids.elements(cut), 8));
  return words;
}

// Per serving operator: how many of the listed facilities it serves, and how many of those
// its traffic exposes (whatever the other operators offer).
std::string per_operator_summary(const Inventory& inv, const ExposureTable& t, std::span<const Index> rows, bool style) {
  std::vector<std::size_t> served(inv.operators.size(), 0), exposed(inv.operators.size(), 0);
  for (const Index r : rows)
    for (const Index k : t.operator_rows[r]) {
      ++served[t.per_operator.op[k]];
      exposed[t.per_operator.op[k]] += t.per_operator.exposed[k] != 0;
    }
  std::vector<std::pair<std::string_view, Index>> ops;
  for (Index op = 0; op < inv.operators.size(); ++op)
    if (served[op]) ops.emplace_back(inv.str(inv.operators.id[op]), op);
  if (ops.empty()) return "";
  std::sort(ops.begin(), ops.end());
  std::string out = "Exposed per serving operator (its traffic cannot avoid the designated vendors):\n";
  for (const auto& [id, op] : ops)
    out += fmt::format("  {}: {} of the facilities it serves\n", id,
                       paint(style, exposed[op] ? kRed : "", share_text(static_cast<long long>(exposed[op]),
                                                                       static_cast<long long>(served[op]))));
  return out;
}

bool is_designated(const ExposureContext& c, std::string_view vendor) {
  return std::binary_search(c.designated.begin(), c.designated.end(), vendor);
}

}  // namespace

bool FacilityFilter::matches(const Inventory& inv, Index f) const {
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), inv.facilities.kind[f]) == kinds.end()) return false;
  if (!owners.empty() && std::find(owners.begin(), owners.end(), inv.facilities.owner[f]) == owners.end()) return false;
  return true;
}

std::vector<Index> listed_rows(const Inventory& inv, const ExposureTable& t, const FacilityFilter& filter) {
  std::vector<Index> rows;
  for (Index r = 0; r < t.size(); ++r)
    if (filter.matches(inv, t.subject[r])) rows.push_back(r);
  std::sort(rows.begin(), rows.end(), [&](Index a, Index b) {
    return inv.str(inv.facilities.id[t.subject[a]]) < inv.str(inv.facilities.id[t.subject[b]]);
  });
  return rows;
}

bool any_exposed(const Inventory& inv, const ExposureTable& t, const FacilityFilter& filter) {
  for (Index r = 0; r < t.size(); ++r)
    if (t.exposed[r] && filter.matches(inv, t.subject[r])) return true;
  return false;
}

std::string exposure_text(const Inventory& inv, const ExposureReport& report, const ExposureContext& c, bool style) {
  const Ids ids{inv};
  const ExposureTable& t = report.facilities;
  const std::vector<Index> rows = listed_rows(inv, t, c.filter);
  std::string out = paint(style, kBold, fmt::format("Exposure of {}", c.inventory.empty() ? "the inventory" : c.inventory));
  out += "\n";
  out += fmt::format("  designated vendors: {}\n",
                     c.designation.empty() ? std::string("none given (use --designated PACK:SET or --vendors V,V)")
                                           : fmt::format("{} ({})", c.designation, joined(c.designated)));
  out += fmt::format("  facilities without served_by are served by the cell sites whose range_km reaches them (within {:g} km for sites without one)\n", c.serving_radius_km);
  if (c.filter.any())
    out += fmt::format("  showing {} of {} facilities (--kind/--owner)\n", group_digits(static_cast<long long>(rows.size())),
                       group_digits(static_cast<long long>(t.size())));
  out += "\n";
  std::size_t exposed = 0, isolated = 0;
  for (const Index r : rows) {
    const Index f = t.subject[r];
    const bool iso = t.isolated[r] != 0;
    exposed += t.exposed[r] != 0;
    isolated += iso;
    std::string head = fmt::format("{}  {}", inv.str(inv.facilities.id[f]), name_of(inv.facilities.kind[f]));
    if (inv.facilities.owner[f] != kNoCountry) head += fmt::format(", owner {}", name_of(inv.facilities.owner[f]));
    if (inv.facilities.name[f] != kEmptyStr) head += fmt::format(" - {}", inv.str(inv.facilities.name[f]));
    out += paint(style, kBold, head) + "\n";
    TextTable table({"", ""});
    const auto served = t.served_by[r];
    table.add_row({"served by", served.empty() ? fmt::format("no site (no served_by, and no cell site reaches it: by its range_km, or within {:g} km without one)",
                                                             c.serving_radius_km)
                                               : fmt::format("{} site{}: {}", served.size(),
                                                                                  served.size() == 1 ? "" : "s",
                                                                                  joined_capped(ids.sites(served), 12))});
    table.add_row({"operators", joined(ids.operators(served))});
    if (iso) {
      table.add_row({"unavoidable", paint(style, kYellow, served.empty() ? "ISOLATED: no site serves it"
                                                                        : "ISOLATED: no serving cell reaches its operator's core")});
    } else {
      const auto& elements = t.unavoidable_elements[r];
      table.add_row({"unavoidable", elements.empty() ? "none (every element can be avoided)"
                                                     : fmt::format("{} element{}: {}", elements.size(),
                                                                   elements.size() == 1 ? "" : "s",
                                                                   joined_capped(ids.elements(elements), 16))});
      table.add_row({"  vendors", joined(ids.vendors(t.unavoidable_vendors[r]))});
      table.add_row({"possible", fmt::format("{} element{}; vendors {}", group_digits(static_cast<long long>(t.possible_count[r])),
                                             t.possible_count[r] == 1 ? "" : "s", joined(ids.vendors(t.possible_vendors[r])))});
    }
    table.add_row({"control plane", joined(ids.vendors(t.control_plane_vendors[r]))});
    table.add_row({"influence", joined(ids.vendors(t.influence_vendors[r]))});
    table.add_row({"must cross", t.transport_exposed_to[r].empty()
                                     ? std::string("no vendor (each vendor's failure leaves it a way to the core)")
                                     : fmt::format("{} (each one's failure cuts it off)",
                                                   joined(ids.vendors(t.transport_exposed_to[r])))});
    if (!c.designation.empty()) {
      table.add_row({"exposed", exposure_words(ids, t.exposed[r], t.exposed_to[r], t.cut[r], style)});
      const auto& per = t.per_operator;
      for (const Index k : t.operator_rows[r])
        table.add_row({fmt::format("  via {}", inv.str(inv.operators.id[per.op[k]])),
                       per.isolated[k] && !per.exposed[k]
                           ? paint(style, kYellow, "isolated: none of its serving cells reaches its core")
                           : exposure_words(ids, per.exposed[k], per.exposed_to[k], per.cut[k], style)});
    }
    // The header row of two blanks is left out: a key/value table reads without it.
    std::string body = table.render(2, false);
    body.erase(0, body.find('\n') + 1);
    out += body + "\n";
  }
  const auto n = static_cast<long long>(rows.size());
  out += fmt::format("{} facilit{}: {} isolated", group_digits(n), n == 1 ? "y" : "ies",
                     group_digits(static_cast<long long>(isolated)));
  if (!c.designation.empty())
    out += fmt::format(", {} exposed to the designated vendors", paint(style, exposed ? kRed : "", group_digits(static_cast<long long>(exposed))));
  out += ".\n";
  if (!c.designation.empty()) {
    // The exposed ones by name, with what to replace: the first few, then a count.
    std::size_t listed = 0;
    for (const Index r : rows) {
      if (!t.exposed[r]) continue;
      if (++listed > kExposedListed) continue;
      out += fmt::format("  {} ({}): cut {}\n", inv.str(inv.facilities.id[t.subject[r]]),
                         fmt::join(exposure_way_names(t.exposed[r], true), ", "),
                         t.cut[r].empty() ? std::string("none (the control plane)") : joined_capped(ids.elements(t.cut[r]), 6));
    }
    if (listed > kExposedListed) out += fmt::format("  and {} more\n", group_digits(static_cast<long long>(listed - kExposedListed)));
    out += per_operator_summary(inv, t, rows, style);
  }

  const ExposureTable& cells = report.cell_sites;
  if (c.cell_sites) {
    std::size_t cells_isolated = 0, cells_exposed = 0;
    for (Index r = 0; r < cells.size(); ++r) {
      cells_isolated += cells.isolated[r];
      cells_exposed += cells.exposed[r] != 0;
    }
    const auto total = static_cast<long long>(cells.size());
    out += fmt::format("\n{}\n  {} isolated\n", paint(style, kBold, fmt::format("Cell sites: {}", group_digits(total))),
                       share_text(static_cast<long long>(cells_isolated), total));
    if (!c.designation.empty())
      out += fmt::format("  {} exposed to a designated vendor\n", share_text(static_cast<long long>(cells_exposed), total));
  }
  if (c.blast_radius) {
    const auto total = static_cast<long long>(cell_sites_total(inv));
    const std::int64_t subscribers = cell_subscribers_total(inv);
    out += fmt::format("\n{}\n", paint(style, kBold, "Blast radius per vendor (cell sites)"));
    out += "  must cross: the vendor's failure cuts the site off from its core (every path crosses its elements);\n"
           "              the same as `netvet outage --vendor V --mode failure`\n"
           "  influenced: its kill-switch cuts the site off (it also stops what its elements manage or host);\n"
           "              the same as `netvet outage --vendor V --mode kill-switch`\n";
    TextTable table({"vendor", "must cross (sites)", "subscribers", "influenced (sites)", "subscribers"},
                    {Align::left, Align::right, Align::right, Align::right, Align::right});
    for (const VendorBlastRadius& b : ranked_blast_radius(inv, report)) {
      const std::string_view id = inv.vendor_id(b.vendor);
      table.add_row({is_designated(c, id) ? fmt::format("{} *", id) : std::string(id),
                     share_text(static_cast<long long>(b.sites_crossing), total),
                     share_text(b.subscribers_crossing, subscribers),
                     share_text(static_cast<long long>(b.sites_influenced), total),
                     share_text(b.subscribers_influenced, subscribers)});
    }
    out += table.empty() ? "  no vendor: every cell site is isolated\n" : table.render(2, style);
    if (!c.designated.empty()) out += "  * designated\n";
  }
  return out;
}

nlohmann::ordered_json exposure_json(const Inventory& inv, const ExposureReport& report, const ExposureContext& c) {
  const Ids ids{inv};
  const ExposureTable& t = report.facilities;
  nlohmann::ordered_json j;
  j["inventory"] = c.inventory;
  j["designated"] = {{"source", c.designation}, {"vendors", c.designated}};
  j["serving_radius_km"] = c.serving_radius_km;
  const std::vector<Index> rows = listed_rows(inv, t, c.filter);
  auto facilities = nlohmann::ordered_json::array();
  std::size_t exposed = 0, isolated = 0;
  for (const Index r : rows) {
    const Index f = t.subject[r];
    nlohmann::ordered_json o;
    o["id"] = inv.str(inv.facilities.id[f]);
    o["kind"] = name_of(inv.facilities.kind[f]);
    o["owner"] = inv.facilities.owner[f] == kNoCountry ? nlohmann::ordered_json() : nlohmann::ordered_json(name_of(inv.facilities.owner[f]));
    o["name"] = inv.str(inv.facilities.name[f]);
    o["served_by"] = ids.sites(t.served_by[r]);
    subject_json(o, ids, t, r);
    exposed += t.exposed[r] != 0;
    isolated += t.isolated[r];
    facilities.push_back(std::move(o));
  }
  j["summary"] = {{"facilities", rows.size()}, {"isolated", isolated}, {"exposed", exposed}};
  j["facilities"] = std::move(facilities);

  const ExposureTable& cells = report.cell_sites;
  if (c.cell_sites) {
    auto list = nlohmann::ordered_json::array();
    for (const Index r : rows_by_site_id(inv, cells)) {
      const Index s = cells.subject[r];
      nlohmann::ordered_json o;
      o["id"] = inv.str(inv.sites.id[s]);
      o["operator"] = inv.str(inv.operators.id[inv.sites.op[s]]);
      subject_json(o, ids, cells, r, report.cell_site_cuts);
      list.push_back(std::move(o));
    }
    j["cell_sites"] = std::move(list);
  }
  if (c.blast_radius) {
    auto vendors = nlohmann::ordered_json::array();
    std::vector<VendorBlastRadius> all = ranked_blast_radius(inv, report);
    std::sort(all.begin(), all.end(),
              [&](const auto& a, const auto& b) { return inv.vendor_id(a.vendor) < inv.vendor_id(b.vendor); });
    for (const VendorBlastRadius& b : all)
      vendors.push_back({{"vendor", inv.vendor_id(b.vendor)},
                         {"designated", is_designated(c, inv.vendor_id(b.vendor))},
                         {"sites_crossing", b.sites_crossing},
                         {"subscribers_crossing", b.subscribers_crossing},
                         {"sites_influenced", b.sites_influenced},
                         {"subscribers_influenced", b.subscribers_influenced}});
    auto spec_vendors = nlohmann::ordered_json::array();  // cli.md's shape, every vendor, by id
    std::vector<VendorBlastRadius> every = report.blast_radius;
    std::sort(every.begin(), every.end(),
              [&](const auto& a, const auto& b) { return inv.vendor_id(a.vendor) < inv.vendor_id(b.vendor); });
    for (const VendorBlastRadius& b : every)
      spec_vendors.push_back({{"vendor", inv.vendor_id(b.vendor)},
                              {"must_cross", {{"sites", b.sites_crossing}, {"subscribers", b.subscribers_crossing}}},
                              {"influenced", {{"sites", b.sites_influenced}, {"subscribers", b.subscribers_influenced}}}});
    j["vendors"] = std::move(spec_vendors);
    j["blast_radius"] = {{"sites_total", cell_sites_total(inv)},
                         {"subscribers_total", cell_subscribers_total(inv)},
                         {"vendors", std::move(vendors)}};
  }
  return j;
}

}  // namespace netvet::report
