// extract_operator: rows are copied through InventoryBuilder, the one way rows enter an
// inventory, so the extraction's ids, vendors and lookups are built as a reader's are.
#include "model/extract.h"

#include <set>
#include <utility>

#include "model/builder.h"

namespace netvet {
namespace {

// The strings of a tags-like list, as views into the source inventory's pool.
std::vector<std::string_view> texts(const Inventory& from, std::span<const StrId> ids) {
  std::vector<std::string_view> out;
  out.reserve(ids.size());
  for (StrId id : ids) out.push_back(from.str(id));
  return out;
}

// Copies row `from_row`'s extra (unknown) columns to row `to_row` of `to`.
void copy_extras(const Inventory& from, const ExtraColumns& source, Index from_row, InventoryBuilder& builder,
                 ExtraColumns& to, Index to_row) {
  for (std::size_t c = 0; c < source.names.size(); ++c) {
    const auto& column = source.values[c];
    if (from_row >= column.size() || column[from_row] == kEmptyStr) continue;
    auto& values = to.values[to.column(source.names[c], 0)];
    values.resize(to_row, kEmptyStr);
    values.push_back(builder.intern(from.str(column[from_row])));
  }
}

}  // namespace

Extraction extract_operator(const Inventory& inv, Index op) {
  Extraction out;
  InventoryBuilder builder(*inv.functions, *inv.registry);
  Inventory& to = builder.inventory();

  to.meta.name = builder.intern(inv.str(inv.meta.name));
  to.meta.country = inv.meta.country;
  to.meta.as_of = inv.meta.as_of;
  copy_extras(inv, inv.meta.extra, 0, builder, to.meta.extra, 0);

  const auto& ops = inv.operators;
  const Index new_op = *builder.add_operator({.id = inv.str(ops.id[op]),
                                              .name = inv.str(ops.name[op]),
                                              .country = ops.country[op],
                                              .subscribers = ops.subscribers[op]});
  copy_extras(inv, ops.extra, op, builder, to.operators.extra, new_op);

  const auto& sites = inv.sites;
  std::vector<Index> site_map(sites.size(), kNoIndex);
  for (Index s = 0; s < sites.size(); ++s) {
    if (sites.op[s] != op) continue;
    const auto tags = texts(inv, sites.tags[s]);
    site_map[s] = *builder.add_site({.id = inv.str(sites.id[s]),
                                     .op = new_op,
                                     .kind = sites.kind[s],
                                     .lat = sites.lat[s],
                                     .lon = sites.lon[s],
                                     .name = inv.str(sites.name[s]),
                                     .region = inv.str(sites.region[s]),
                                     .subscribers = sites.subscribers[s],
                                     .tags = tags,
                                     .range_km = sites.range_km[s]});
    copy_extras(inv, sites.extra, s, builder, to.sites.extra, site_map[s]);
  }

  const auto& els = inv.elements;
  std::vector<Index> element_map(els.size(), kNoIndex);
  for (Index e = 0; e < els.size(); ++e) {
    if (els.op[e] != op) continue;
    const Index site = site_map[els.site[e]];
    if (site == kNoIndex) {
      ++out.elements_on_shared_sites;
      continue;
    }
    const auto tags = texts(inv, els.tags[e]);
    element_map[e] = *builder.add_element({.id = inv.str(els.id[e]),
                                           .site = site,
                                           .function = els.function[e],
                                           .vendor = inv.str(els.vendor_text[e]),
                                           .op = new_op,
                                           .model = inv.str(els.model[e]),
                                           .software = inv.str(els.software[e]),
                                           .serial = inv.str(els.serial[e]),
                                           .tags = tags,
                                           .generation = els.generation[e],
                                           .installed = els.installed[e]});
    copy_extras(inv, els.extra, e, builder, to.elements.extra, element_map[e]);
  }

  const auto& links = inv.links;
  for (Index l = 0; l < links.size(); ++l) {
    const Index a = element_map[links.a[l]], b = element_map[links.b[l]];
    if (a == kNoIndex || b == kNoIndex) {
      if (a != b) ++out.links_left_out;  // one end kept: a link out of the part
      continue;
    }
    copy_extras(inv, links.extra, l, builder, to.links.extra, builder.add_link(a, b, links.kind[l]));
  }

  const auto& facilities = inv.facilities;
  std::vector<Index> served;
  for (Index f = 0; f < facilities.size(); ++f) {
    served.clear();
    for (Index s : facilities.served_by[f])
      if (site_map[s] != kNoIndex) served.push_back(site_map[s]);
    if (served.empty() && !facilities.served_by[f].empty()) {
      ++out.facilities_left_out;
      continue;
    }
    const auto tags = texts(inv, facilities.tags[f]);
    const Index row = *builder.add_facility({.id = inv.str(facilities.id[f]),
                                             .kind = facilities.kind[f],
                                             .lat = facilities.lat[f],
                                             .lon = facilities.lon[f],
                                             .owner = facilities.owner[f],
                                             .served_by = served,
                                             .name = inv.str(facilities.name[f]),
                                             .tags = tags});
    copy_extras(inv, facilities.extra, f, builder, to.facilities.extra, row);
  }

  // The (vendor, model) pairs of the kept elements, for evidence about a model.
  std::set<std::pair<Index, StrId>> kept_models;
  for (Index e = 0; e < to.elements.size(); ++e) kept_models.emplace(to.elements.vendor[e], to.elements.model[e]);
  const auto& ev = inv.evidence;
  for (Index i = 0; i < ev.size(); ++i) {
    EvidenceRow row{.subject_kind = ev.subject_kind[i],
                    .subject_text = inv.str(ev.subject_text[i]),
                    .model = inv.str(ev.subject_model[i]),
                    .type = ev.type[i],
                    .scheme = inv.str(ev.scheme[i]),
                    .evidence_id = inv.str(ev.evidence_id[i]),
                    .issuer = inv.str(ev.issuer[i]),
                    .digest = inv.str(ev.digest[i]),
                    .uri = inv.str(ev.uri[i]),
                    .issued = ev.issued[i],
                    .expires = ev.expires[i]};
    if (ev.subject_kind[i] == SubjectKind::element) {
      row.element = element_map[ev.subject_element[i]];
      if (row.element == kNoIndex) {
        ++out.evidence_left_out;
        continue;
      }
    } else {
      // A reader refuses evidence about a vendor or model no element has (io's loader).
      const auto vendor = to.find_vendor(inv.vendor_id(ev.subject_vendor[i]));
      const auto model = to.strings.find(row.model);
      const bool kept = vendor && (ev.subject_kind[i] == SubjectKind::vendor ||
                                   (model && kept_models.contains(std::pair{*vendor, *model})));
      if (!kept) {
        ++out.evidence_left_out;
        continue;
      }
      row.vendor = *vendor;
    }
    copy_extras(inv, ev.extra, i, builder, to.evidence.extra, builder.add_evidence(row));
  }

  out.inventory = std::move(builder).finish();
  return out;
}

}  // namespace netvet
