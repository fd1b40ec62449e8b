#include "report/stats_report.h"

#include <fmt/format.h>

#include "report/text_table.h"

namespace netvet::report {

namespace {

std::string counts_line(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  std::string out;
  for (const auto& [name, n] : counts) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", group_digits(n), name);
  return out.empty() ? "none" : out;
}

nlohmann::ordered_json counts_object(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (const auto& [name, n] : counts) o[name] = n;
  return o;
}

double ratio(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

std::string stats_text(const Inventory& inv, const InventoryStats& s, bool style) {
  std::string out;
  const auto title = [&](const std::string& t) { return style ? fmt::format("\033[1m{}\033[0m\n", t) : t + "\n"; };
  const std::string name(inv.str(inv.meta.name));
  out += title(fmt::format("Inventory{}{}", name.empty() ? "" : fmt::format(" {}", name),
                           inv.meta.country == kNoCountry ? "" : fmt::format(" ({})", name_of(inv.meta.country))));
  out += fmt::format("  {} operators, {} sites, {} elements, {} links, {} facilities, {} evidence records\n",
                     group_digits(s.operators), group_digits(s.sites), group_digits(s.elements),
                     group_digits(s.links), group_digits(s.facilities), group_digits(s.evidence));
  out += fmt::format("  sites:      {}\n", counts_line(s.sites_by_kind));
  out += fmt::format("  elements:   {}\n", counts_line(s.elements_by_domain));
  out += fmt::format("  links:      {}\n", counts_line(s.links_by_kind));
  if (!s.facilities_by_kind.empty()) out += fmt::format("  facilities: {}\n", counts_line(s.facilities_by_kind));
  out += '\n';
  out += title("Elements by vendor");
  TextTable vendors({"vendor", "elements", "known"}, {Align::left, Align::right, Align::left});
  for (const auto& [vendor, n] : s.elements_by_vendor) {
    const auto row = inv.find_vendor(vendor);
    vendors.add_row({vendor, share_text(n, s.elements), row && inv.vendors.known[*row] ? "" : "not in registry"});
  }
  out += vendors.render(2, false);

  for (const auto& o : s.per_operator) {
    const std::string op_name(inv.str(inv.operators.name[o.op]));
    out += '\n';
    out += title(fmt::format("Operator {}{}: {} sites ({} cell), {} elements, {} subscribers",
                                    inv.str(inv.operators.id[o.op]), op_name.empty() ? "" : fmt::format(" ({})", op_name),
                                    group_digits(o.sites), group_digits(o.cell_sites), group_digits(o.elements),
                                    group_digits(o.subscribers)));
    TextTable table({"domain", "vendor", "elements", "sites"}, {Align::left, Align::left, Align::right, Align::right});
    for (const auto& d : o.domains) {
      bool first = true;
      for (const auto& v : d.vendors) {
        table.add_row({first ? std::string(domain_name(d.domain)) : "", std::string(inv.vendor_id(v.vendor)),
                       share_text(v.count, d.elements), share_text(v.sites, d.sites)});
        first = false;
      }
    }
    out += table.render(2, false);
  }
  return out;
}

nlohmann::ordered_json domain_shares_json(const Inventory& inv, const DomainShares& d) {
  nlohmann::ordered_json dj = {{"domain", domain_name(d.domain)}, {"elements", d.elements}, {"sites", d.sites}};
  auto& vendors = dj["vendors"] = nlohmann::ordered_json::array();
  for (const auto& v : d.vendors)
    vendors.push_back({{"vendor", inv.vendor_id(v.vendor)}, {"elements", v.count},
                       {"share", ratio(v.count, d.elements)}, {"sites", v.sites},
                       {"site_share", ratio(v.sites, d.sites)}});
  return dj;
}

nlohmann::ordered_json stats_json(const Inventory& inv, const InventoryStats& s) {
  nlohmann::ordered_json j;
  j["inventory"] = {{"name", inv.str(inv.meta.name)},
                    {"country", name_of(inv.meta.country)},
                    {"as_of", format_date(inv.meta.as_of)}};
  j["counts"] = {{"operators", s.operators}, {"sites", s.sites}, {"elements", s.elements},
                 {"links", s.links}, {"facilities", s.facilities}, {"evidence", s.evidence},
                 {"vendors", inv.vendors.size()}};
  j["sites_by_kind"] = counts_object(s.sites_by_kind);
  j["elements_by_domain"] = counts_object(s.elements_by_domain);
  j["elements_by_function"] = counts_object(s.elements_by_function);
  j["elements_by_vendor"] = counts_object(s.elements_by_vendor);
  j["links_by_kind"] = counts_object(s.links_by_kind);
  j["facilities_by_kind"] = counts_object(s.facilities_by_kind);
  auto& ops = j["operators"] = nlohmann::ordered_json::array();
  for (const auto& o : s.per_operator) {
    nlohmann::ordered_json op = {{"id", inv.str(inv.operators.id[o.op])},
                                 {"name", inv.str(inv.operators.name[o.op])},
                                 {"sites", o.sites}, {"cell_sites", o.cell_sites},
                                 {"elements", o.elements}, {"subscribers", o.subscribers}};
    auto& domains = op["domains"] = nlohmann::ordered_json::array();
    for (const auto& d : o.domains) domains.push_back(domain_shares_json(inv, d));
    ops.push_back(std::move(op));
  }
  return j;
}

}  // namespace netvet::report
