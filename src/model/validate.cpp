#include "model/validate.h"

#include <fmt/format.h>

#include <filesystem>

#include "model/coverage.h"

namespace netvet {

namespace {

// Points a warning at row `row` of `table`, in the spelling of the input format.
class Locator {
 public:
  explicit Locator(const ValidateOptions& options) : options_(options) {}

  Diagnostic at(std::string_view table, Index row, std::string_view column) const {
    Diagnostic d;
    d.severity = Severity::warning;
    d.column = std::string(column);
    if (options_.json) {
      d.file = options_.source;
      d.pointer = fmt::format("/{}/{}{}{}", table, row, column.empty() ? "" : "/", column);
    } else {
      d.file = (std::filesystem::path(options_.source) / fmt::format("{}.csv", table)).string();
      d.row = static_cast<std::int64_t>(row) + 1;
    }
    return d;
  }

 private:
  const ValidateOptions& options_;
};

void unknown_vendors(const Inventory& inv, const Locator& locate, Diagnostics& out) {
  const auto& el = inv.elements;
  std::vector<Index> first(inv.vendors.size(), kNoIndex);
  std::vector<std::int64_t> count(inv.vendors.size(), 0);
  for (Index e = 0; e < el.size(); ++e) {
    const Index v = el.vendor[e];
    if (inv.vendors.known[v]) continue;
    if (count[v]++ == 0) first[v] = e;
  }
  for (Index v = 0; v < inv.vendors.size(); ++v) {
    if (count[v] == 0) continue;
    Diagnostic d = locate.at("elements", first[v], "vendor");
    d.value = std::string(inv.str(el.vendor_text[first[v]]));
    d.count = count[v];
    const auto near = inv.registry->closest(d.value);
    d.message = fmt::format("vendor not in the vendor registry; kept as vendor '{}'{}", inv.vendor_id(v),
                            near ? fmt::format(" (closest known vendor: '{}')", (*inv.registry)[*near].id) : "");
    out.push_back(std::move(d));
  }
}

void operators_without_core(const Inventory& inv, const Locator& locate, Diagnostics& out) {
  std::vector<std::int64_t> cell_sites(inv.operators.size(), 0);
  std::vector<bool> has_sink(inv.operators.size(), false);
  for (Index s = 0; s < inv.sites.size(); ++s)
    if (inv.sites.kind[s] == SiteKind::cell) ++cell_sites[inv.sites.op[s]];
  for (Index e = 0; e < inv.elements.size(); ++e)
    if (inv.function_of(e).sink) has_sink[inv.elements.op[e]] = true;
  for (Index o = 0; o < inv.operators.size(); ++o) {
    if (cell_sites[o] == 0 || has_sink[o]) continue;
    Diagnostic d = locate.at("operators", o, "id");
    d.value = std::string(inv.str(inv.operators.id[o]));
    d.message = fmt::format("operator has {} cell sites but no core user plane (upf or pgw): "
                            "none of its traffic can reach a core", cell_sites[o]);
    out.push_back(std::move(d));
  }
}

void sites_and_elements_without_traffic(const Inventory& inv, const Locator& locate, Diagnostics& out) {
  std::vector<std::uint8_t> has_ran(inv.sites.size(), 0), linked(inv.elements.size(), 0);
  for (Index e = 0; e < inv.elements.size(); ++e)
    if (inv.domain_of(e) == Domain::ran) has_ran[inv.elements.site[e]] = 1;
  for (Index l = 0; l < inv.links.size(); ++l) {
    // A hosted function (a virtual core function on NFVI) carries traffic through its host.
    if (inv.links.kind[l] == LinkKind::hosts) linked[inv.links.b[l]] = 1;
    if (inv.links.kind[l] != LinkKind::transport) continue;
    linked[inv.links.a[l]] = linked[inv.links.b[l]] = 1;
    if (inv.links.a[l] == inv.links.b[l]) {
      Diagnostic d = locate.at("links", l, "b");
      d.value = std::string(inv.str(inv.elements.id[inv.links.b[l]]));
      d.message = "link joins an element to itself";
      out.push_back(std::move(d));
    }
  }
  for (Index s = 0; s < inv.sites.size(); ++s) {
    if (inv.sites.kind[s] != SiteKind::cell || has_ran[s]) continue;
    Diagnostic d = locate.at("sites", s, "id");
    d.value = std::string(inv.str(inv.sites.id[s]));
    d.message = "cell site has no ran element: it carries no traffic";
    out.push_back(std::move(d));
  }
  for (Index e = 0; e < inv.elements.size(); ++e) {
    // Management systems and hosted functions may sit outside the traffic graph.
    const Domain domain = inv.domain_of(e);
    if (linked[e] || domain == Domain::management) continue;
    Diagnostic d = locate.at("elements", e, "id");
    d.value = std::string(inv.str(inv.elements.id[e]));
    d.message = fmt::format("{} element has no transport link: traffic cannot cross it", domain_name(domain));
    out.push_back(std::move(d));
  }
}

void facilities_served_by_nobody(const Inventory& inv, const ValidateOptions& options,
                                 const Locator& locate, Diagnostics& out) {
  const auto& f = inv.facilities;
  std::vector<Index> all(f.size());
  for (Index i = 0; i < f.size(); ++i) all[i] = i;
  const ListColumn<Index> covering = covering_sites(inv, options.serving_radius_km, all);
  for (Index i = 0; i < f.size(); ++i) {
    if (!f.served_by[i].empty() || !covering[i].empty()) continue;
    Diagnostic d = locate.at("facilities", i, "served_by");
    d.value = std::string(inv.str(f.id[i]));
    const auto name = inv.str(f.name[i]);
    d.message = fmt::format("no cell site covers facility '{}'{} (by its range_km, or within {} km where a site has "
                            "none) and it lists no serving sites: analyses will report it as served by nobody",
                            d.value, name.empty() ? "" : fmt::format(" ({})", name), options.serving_radius_km);
    out.push_back(std::move(d));
  }
}

}  // namespace

Diagnostics validate(const Inventory& inventory, const ValidateOptions& options) {
  const Locator locate(options);
  Diagnostics out;
  unknown_vendors(inventory, locate, out);
  operators_without_core(inventory, locate, out);
  sites_and_elements_without_traffic(inventory, locate, out);
  facilities_served_by_nobody(inventory, options, locate, out);
  return fold_repeats(std::move(out), 5);
}

}  // namespace netvet
