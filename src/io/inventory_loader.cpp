// InventoryLoader's rows: one function per table that checks a row's fields, resolves its
// references and hands it to the InventoryBuilder; meta entries; the final verdict.

#include "io/inventory_loader.h"

#include <fmt/format.h>

#include <algorithm>

#include "io/lookahead.h"
#include "io/parallel.h"
#include "util/text.h"

namespace netvet::io {

namespace {
// "unknown site kind 'x'; expected cell, hub, ... or exchange"
std::string unknown_name(std::string_view what, std::string_view value, const std::vector<std::string>& valid) {
  return fmt::format("unknown {} '{}'; expected {}", what, value, join_or(valid));
}

constexpr std::size_t kParallelLinks = 1u << 20;

ExtraColumns& extras_of(Inventory& inv, TableId table) {
  switch (table) {
    case TableId::operators: return inv.operators.extra;
    case TableId::sites: return inv.sites.extra;
    case TableId::elements: return inv.elements.extra;
    case TableId::links: return inv.links.extra;
    case TableId::facilities: return inv.facilities.extra;
    case TableId::evidence: return inv.evidence.extra;
  }
  return inv.operators.extra;
}
}  // namespace

InventoryLoader::InventoryLoader(const FunctionVocabulary& functions, const VendorRegistry& registry)
    : builder_(functions, registry) {}

std::uint32_t InventoryLoader::declare_extra(TableId table, const std::string& name) {
  return static_cast<std::uint32_t>(extras_of(builder_.inventory(), table).column(name, 0));
}

void InventoryLoader::add_extras(TableId table, const RowCells& r, std::size_t row) {
  if (r.extras.empty()) return;
  auto& extra = extras_of(builder_.inventory(), table);
  for (const auto& e : r.extras) {
    if (e.value.empty()) continue;
    auto& column = extra.values[e.column];
    if (column.size() <= row) column.resize(row + 1, kEmptyStr);
    column[row] = builder_.intern(e.value);
  }
}

void InventoryLoader::add_row(TableId table, const TableSource& source, const RowCells& row) {
  switch (table) {
    case TableId::operators: return add_operator(source, row);
    case TableId::sites: return add_site(source, row);
    case TableId::elements: return add_element(source, row);
    case TableId::links: return add_link(source, row);
    case TableId::facilities: return add_facility(source, row);
    case TableId::evidence: return add_evidence(source, row);
  }
}

void InventoryLoader::add_operator(const TableSource& s, const RowCells& r) {
  if (!required(s, r, op_col::id)) return;
  const OperatorRow row{.id = r.cell[op_col::id], .name = r.cell[op_col::name],
                        .country = country(s, r, op_col::country),
                        .subscribers = count(s, r, op_col::subscribers)};
  const auto index = builder_.add_operator(row);
  if (!index) return duplicate(s, r, op_col::id, builder_.inventory().operator_by_str);
  add_extras(TableId::operators, r, *index);
}

void InventoryLoader::add_site(const TableSource& s, const RowCells& r) {
  if (!required(s, r, site_col::id)) return;
  SiteRow row{.id = r.cell[site_col::id], .name = r.cell[site_col::name],
              .region = r.cell[site_col::region], .tags = r.items[site_col::tags]};
  if (required(s, r, site_col::op))
    row.op = reference(s, r, site_col::op, r.cell[site_col::op], builder_.inventory().operator_by_str,
                       "operators").value_or(kNoIndex);
  if (const auto kind = r.cell[site_col::kind]; !kind.empty()) {
    if (const auto k = parse_site_kind(kind)) row.kind = *k;
    else report(s.at(r.index, "kind", kind, unknown_name("site kind", kind, site_kind_names())));
  }
  row.lat = coordinate(s, r, site_col::lat, 90);
  row.lon = coordinate(s, r, site_col::lon, 180);
  if (r.cell[site_col::lat].empty() != r.cell[site_col::lon].empty()) {
    const auto missing = r.cell[site_col::lat].empty() ? "lat" : "lon";
    report(s.at(r.index, missing, "", fmt::format("{} is missing; a site has both lat and lon or neither", missing)));
  }
  row.subscribers = count(s, r, site_col::subscribers);
  row.range_km = distance(s, r, site_col::range_km);
  const auto index = builder_.add_site(row);
  if (!index) return duplicate(s, r, site_col::id, builder_.inventory().site_by_str);
  add_extras(TableId::sites, r, *index);
}

void InventoryLoader::add_element(const TableSource& s, const RowCells& r) {
  if (!required(s, r, element_col::id)) return;
  const Inventory& inv = builder_.inventory();
  ElementRow row{.id = r.cell[element_col::id], .vendor = r.cell[element_col::vendor],
                 .model = r.cell[element_col::model], .software = r.cell[element_col::software],
                 .serial = r.cell[element_col::serial], .tags = r.items[element_col::tags]};
  const bool has_site = required(s, r, element_col::site);
  const auto site = has_site ? cached_site(s, r) : std::nullopt;
  if (const auto op = r.cell[element_col::op]; !op.empty())
    row.op = reference(s, r, element_col::op, op, inv.operator_by_str, "operators").value_or(kNoIndex);
  row.site = site.value_or(kNoIndex);
  // Without a site the builder cannot default the operator: any operator row will do,
  // since a problem was reported and the inventory will not be handed out.
  if (!site && row.op == kNoIndex) row.op = 0;
  if (required(s, r, element_col::function)) {
    const auto text = r.cell[element_col::function];
    if (const auto f = function(text)) {
      row.function = *f;
    } else {
      const auto near = inv.functions->suggestions(text);
      report(s.at(r.index, "function", text,
                  near.empty() ? fmt::format("unknown function '{}'; expected a function of the vocabulary "
                                             "(ru, du, cu, gnb, enb, csr, router, upf, amf, ...)", text)
                               : fmt::format("unknown function '{}'; did you mean {}?", text, join_or(near))));
    }
  }
  required(s, r, element_col::vendor);
  for (const auto g : r.items[element_col::generation]) {
    if (const auto bit = parse_generation(g)) row.generation = static_cast<Generations>(row.generation | *bit);
    else report(s.at(r.index, "generation", g, fmt::format("unknown generation '{}'; expected 2G, 3G, 4G or 5G", g)));
  }
  row.installed = date(s, r, element_col::installed);
  const auto index = builder_.add_element(row);
  if (!index) return duplicate(s, r, element_col::id, inv.element_by_str);
  add_extras(TableId::elements, r, *index);
}

std::optional<Index> InventoryLoader::cached_site(const TableSource& s, const RowCells& r) {
  const std::string_view text = r.cell[element_col::site];
  if (last_site_ && text == last_site_text_) return last_site_;
  const auto site = reference(s, r, element_col::site, text, builder_.inventory().site_by_str, "sites");
  if (site) last_site_text_ = builder_.inventory().strings[builder_.inventory().sites.id[*site]];
  last_site_ = site;
  return site;
}

bool InventoryLoader::link_fields(const TableSource& s, const RowCells& r, LinkKind& kind) {
  const bool a = required(s, r, link_col::a), b = required(s, r, link_col::b);
  if (!a || !b) return false;
  kind = LinkKind::transport;
  if (const auto text = r.cell[link_col::kind]; !text.empty()) {
    if (const auto k = parse_link_kind(text)) kind = *k;
    else report(s.at(r.index, "kind", text, unknown_name("link kind", text, link_kind_names())));
  }
  return true;
}

void InventoryLoader::add_link(const TableSource& s, const RowCells& r) {
  LinkKind kind{};
  if (!link_fields(s, r, kind)) return;
  links_.source = &s;
  links_.a.push_back(r.cell[link_col::a]);
  links_.b.push_back(r.cell[link_col::b]);
  links_.kind.push_back(kind);
  links_.index.push_back(static_cast<std::uint32_t>(r.index));
  // Most links have no extra columns: keep the extras index only once one does.
  if (!r.extras.empty() && links_.extras_end.empty()) links_.extras_end.resize(links_.a.size() - 1, 0);
  links_.extras.insert(links_.extras.end(), r.extras.begin(), r.extras.end());
  if (!links_.extras_end.empty()) links_.extras_end.push_back(static_cast<std::uint32_t>(links_.extras.size()));
}

void InventoryLoader::add_resolved_link(const TableSource& s, const RowCells& r, Index a, Index b) {
  LinkKind kind{};
  if (!link_fields(s, r, kind)) return;
  if (a == kNoIndex) link_problems_.push_back(unknown_reference(s, r, link_col::a, r.cell[link_col::a], "elements"));
  if (b == kNoIndex) link_problems_.push_back(unknown_reference(s, r, link_col::b, r.cell[link_col::b], "elements"));
  if (a == kNoIndex || b == kNoIndex) return;
  add_extras(TableId::links, r, builder_.add_link(a, b, kind));
}

void InventoryLoader::resolve_links() {
  const std::size_t n = links_.a.size();
  if (n == 0) return;
  // Looking ids up is most of the work and only reads the pool: two threads share it,
  // each loading the hash slots of the ids a few links ahead (io/lookahead.h).
  std::vector<Index> a(n), b(n);
  const auto prefetch = [&](std::size_t i) {
    prefetch_element(links_.a[i]);
    prefetch_element(links_.b[i]);
  };
  const auto resolve = [&](std::size_t begin, std::size_t end) {
    with_lookahead(begin, end, prefetch, [&](std::size_t i) {
      a[i] = element_row(links_.a[i]);
      b[i] = element_row(links_.b[i]);
    });
  };
  if (n < kParallelLinks) {
    resolve(0, n);  // a thread would cost more than it saves
  } else {
    std::vector<std::function<void()>> halves{[&] { resolve(0, n / 2); }, [&] { resolve(n / 2, n); }};
    run_in_parallel(halves);
  }
  const TableSource& s = *links_.source;
  RowCells r;
  for (std::size_t i = 0; i < n; ++i) {
    r.index = links_.index[i];
    if (a[i] == kNoIndex) link_problems_.push_back(unknown_reference(s, r, link_col::a, links_.a[i], "elements"));
    if (b[i] == kNoIndex) link_problems_.push_back(unknown_reference(s, r, link_col::b, links_.b[i], "elements"));
    if (a[i] == kNoIndex || b[i] == kNoIndex) continue;
    const Index row = builder_.add_link(a[i], b[i], links_.kind[i]);
    if (links_.extras_end.empty()) continue;
    const std::uint32_t first = i == 0 ? 0 : links_.extras_end[i - 1];
    r.extras = std::span(links_.extras).subspan(first, links_.extras_end[i] - first);
    add_extras(TableId::links, r, row);
  }
  links_ = PendingLinks{};
}

void InventoryLoader::flush_links() {
  resolve_links();
  for (auto& d : link_problems_) report(std::move(d));
  link_problems_.clear();
}

void InventoryLoader::add_facility(const TableSource& s, const RowCells& r) {
  if (!required(s, r, facility_col::id)) return;
  FacilityRow row{.id = r.cell[facility_col::id], .name = r.cell[facility_col::name],
                  .tags = r.items[facility_col::tags]};
  if (required(s, r, facility_col::kind)) {
    const auto text = r.cell[facility_col::kind];
    if (const auto k = parse_facility_kind(text)) row.kind = *k;
    else report(s.at(r.index, "kind", text, unknown_name("facility kind", text, facility_kind_names())));
  }
  if (required(s, r, facility_col::lat)) row.lat = coordinate(s, r, facility_col::lat, 90);
  if (required(s, r, facility_col::lon)) row.lon = coordinate(s, r, facility_col::lon, 180);
  row.owner = country(s, r, facility_col::owner);
  served_by_scratch_.clear();
  for (const auto site : r.items[facility_col::served_by])
    if (const auto i = reference(s, r, facility_col::served_by, site, builder_.inventory().site_by_str, "sites"))
      served_by_scratch_.push_back(*i);
  row.served_by = served_by_scratch_;
  const auto index = builder_.add_facility(row);
  if (!index) return duplicate(s, r, facility_col::id, builder_.inventory().facility_by_str);
  add_extras(TableId::facilities, r, *index);
}

void InventoryLoader::resolve_subject(const TableSource& s, const RowCells& r, EvidenceRow& row) {
  const std::string_view text = r.cell[evidence_col::subject];
  const Inventory& inv = builder_.inventory();
  const auto bad = [&](std::string message) { report(s.at(r.index, "subject", text, std::move(message))); };
  if (text.starts_with("vendor:")) {
    row.subject_kind = SubjectKind::vendor;
    const auto vendor = trim(text.substr(7));
    if (const auto v = vendor_row(vendor)) row.vendor = *v;
    else bad(fmt::format("unknown vendor '{}' in subject; no element of the inventory has this vendor", vendor));
    return;
  }
  if (text.starts_with("model:")) {
    row.subject_kind = SubjectKind::model;
    const auto rest = text.substr(6);
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || trim(rest.substr(slash + 1)).empty()) {
      return bad(fmt::format("malformed subject '{}'; expected model:VENDOR/MODEL", text));
    }
    const auto vendor = trim(rest.substr(0, slash));
    row.model = trim(rest.substr(slash + 1));
    const auto v = vendor_row(vendor);
    if (!v) return bad(fmt::format("unknown vendor '{}' in subject; no element of the inventory has this vendor", vendor));
    row.vendor = *v;
    if (!vendor_models_built_) {
      for (Index e = 0; e < inv.elements.size(); ++e)
        vendor_models_.insert(std::uint64_t{inv.elements.vendor[e]} << 32 | inv.elements.model[e]);
      vendor_models_built_ = true;
    }
    const auto model = inv.strings.find(row.model);
    if (!model || !vendor_models_.contains(std::uint64_t{*v} << 32 | *model))
      bad(fmt::format("unknown model '{}' in subject; no element of vendor '{}' has this model", row.model, vendor));
    return;
  }
  row.subject_kind = SubjectKind::element;
  if (const auto e = reference(s, r, evidence_col::subject, text, inv.element_by_str, "elements")) row.element = *e;
}

void InventoryLoader::add_evidence(const TableSource& s, const RowCells& r) {
  EvidenceRow row{.subject_text = r.cell[evidence_col::subject], .scheme = r.cell[evidence_col::scheme],
                  .evidence_id = r.cell[evidence_col::id], .issuer = r.cell[evidence_col::issuer],
                  .digest = r.cell[evidence_col::digest], .uri = r.cell[evidence_col::uri]};
  if (required(s, r, evidence_col::subject)) resolve_subject(s, r, row);
  if (required(s, r, evidence_col::type)) {
    const auto text = r.cell[evidence_col::type];
    if (const auto t = parse_evidence_type(text)) row.type = *t;
    else report(s.at(r.index, "type", text, unknown_name("evidence type", text, evidence_type_names())));
  }
  row.issued = date(s, r, evidence_col::issued);
  row.expires = date(s, r, evidence_col::expires);
  add_extras(TableId::evidence, r, builder_.add_evidence(row));
}

void InventoryLoader::add_meta(const TableSource& s, std::int64_t row, std::string_view key, std::string_view value) {
  const auto at = [&](std::string message) {
    report(s.json ? s.at(-1, key, value, std::move(message)) : s.at(row, "value", value, std::move(message)));
  };
  if (std::ranges::find(meta_seen_, key) != meta_seen_.end())
    return at(fmt::format("duplicate meta key '{}'; each key may appear once", key));
  meta_seen_.push_back(builder_.inventory().strings[builder_.intern(key)]);
  Meta& meta = builder_.inventory().meta;
  if (key == "name") {
    meta.name = builder_.intern(value);
  } else if (key == "country") {
    if (value.empty()) return;
    if (const auto c = parse_country(value)) meta.country = *c;
    else at(fmt::format("malformed country '{}'; expected an ISO 3166-1 alpha-2 code such as GB", value));
  } else if (key == "as_of") {
    if (value.empty()) return;
    if (const auto d = parse_date(value)) meta.as_of = *d;
    else at(fmt::format("malformed date '{}'; expected an ISO date YYYY-MM-DD such as 2024-03-31", value));
  } else {
    const auto column = meta.extra.column(std::string(key), 1);
    meta.extra.values[column][0] = builder_.intern(value);
  }
}

Result<Inventory> InventoryLoader::finish() && {
  if (!problems_.empty()) return std::unexpected(fold_repeats(std::move(problems_)));
  return std::move(builder_).finish();
}

}  // namespace netvet::io
