#include "model/builder.h"

namespace netvet {

InventoryBuilder::InventoryBuilder()
    : InventoryBuilder(FunctionVocabulary::builtin(), VendorRegistry::builtin()) {}

InventoryBuilder::InventoryBuilder(const FunctionVocabulary& functions, const VendorRegistry& registry) {
  inventory_.functions = &functions;
  inventory_.registry = &registry;
}

void InventoryBuilder::reserve(std::size_t sites, std::size_t elements, std::size_t links) {
  auto& s = inventory_.sites;
  s.id.reserve(sites); s.op.reserve(sites); s.kind.reserve(sites); s.lat.reserve(sites);
  s.lon.reserve(sites); s.name.reserve(sites); s.region.reserve(sites); s.subscribers.reserve(sites); s.range_km.reserve(sites);
  s.tags.reserve(sites, sites);
  auto& e = inventory_.elements;
  e.id.reserve(elements); e.site.reserve(elements); e.function.reserve(elements);
  e.vendor.reserve(elements); e.vendor_text.reserve(elements); e.op.reserve(elements);
  e.model.reserve(elements); e.software.reserve(elements); e.serial.reserve(elements);
  e.tags.reserve(elements, 0); e.generation.reserve(elements); e.installed.reserve(elements);
  auto& l = inventory_.links;
  l.a.reserve(links); l.b.reserve(links); l.kind.reserve(links);
}

// Records that string `id` names `row` in a table; false when it already names a row.
bool InventoryBuilder::claim(std::vector<Index>& by_str, StrId id, Index row) {
  if (by_str.size() <= id) by_str.resize(std::max<std::size_t>(inventory_.strings.size(), id + 1) + 1024, kNoIndex);
  if (by_str[id] != kNoIndex) return false;
  by_str[id] = row;
  return true;
}

void InventoryBuilder::intern_tags(std::span<const std::string_view> tags, ListColumn<StrId>& column) {
  tag_scratch_.clear();
  for (auto t : tags) tag_scratch_.push_back(intern(t));
  column.push_row(tag_scratch_);
}

std::optional<Index> InventoryBuilder::add_operator(const OperatorRow& row) {
  auto& t = inventory_.operators;
  const StrId id = intern(row.id);
  const auto index = static_cast<Index>(t.size());
  if (!claim(inventory_.operator_by_str, id, index)) return std::nullopt;
  t.id.push_back(id);
  t.name.push_back(intern(row.name));
  t.country.push_back(row.country);
  t.subscribers.push_back(row.subscribers);
  return index;
}

std::optional<Index> InventoryBuilder::add_site(const SiteRow& row) {
  auto& t = inventory_.sites;
  const StrId id = intern(row.id);
  const auto index = static_cast<Index>(t.size());
  if (!claim(inventory_.site_by_str, id, index)) return std::nullopt;
  t.id.push_back(id);
  t.op.push_back(row.op);
  t.kind.push_back(row.kind);
  t.lat.push_back(row.lat);
  t.lon.push_back(row.lon);
  t.name.push_back(intern(row.name));
  t.region.push_back(intern(row.region));
  t.subscribers.push_back(row.subscribers);
  intern_tags(row.tags, t.tags);
  t.range_km.push_back(row.range_km);
  return index;
}

Index InventoryBuilder::vendor(std::string_view text) { return vendor(intern(text), text); }

Index InventoryBuilder::vendor(StrId spelling, std::string_view text) {
  if (auto it = vendor_by_text_.find(spelling); it != vendor_by_text_.end()) return it->second;
  auto& t = inventory_.vendors;
  const auto known = inventory_.registry->find(text);
  const StrId id = intern(known ? std::string_view((*inventory_.registry)[*known].id)
                                : std::string_view(VendorRegistry::slug(text)));
  Index index = static_cast<Index>(t.size());
  if (id < inventory_.vendor_by_str.size() && inventory_.vendor_by_str[id] != kNoIndex) {
    index = inventory_.vendor_by_str[id];  // another spelling of a vendor already seen
  } else {
    claim(inventory_.vendor_by_str, id, index);
    t.id.push_back(id);
    t.known.push_back(known);
  }
  vendor_by_text_.emplace(spelling, index);
  return index;
}

std::optional<Index> InventoryBuilder::add_element(const ElementRow& row) {
  auto& t = inventory_.elements;
  const StrId id = intern(row.id);
  const auto index = static_cast<Index>(t.size());
  if (!claim(inventory_.element_by_str, id, index)) return std::nullopt;
  t.id.push_back(id);
  t.site.push_back(row.site);
  t.function.push_back(row.function);
  const StrId spelling = intern(row.vendor);
  t.vendor.push_back(vendor(spelling, row.vendor));
  t.vendor_text.push_back(spelling);
  t.op.push_back(row.op != kNoIndex ? row.op : inventory_.sites.op[row.site]);
  t.model.push_back(intern(row.model));
  t.software.push_back(intern(row.software));
  t.serial.push_back(intern(row.serial));
  intern_tags(row.tags, t.tags);
  t.generation.push_back(row.generation);
  t.installed.push_back(row.installed);
  return index;
}

Index InventoryBuilder::add_link(Index a, Index b, LinkKind kind) {
  auto& t = inventory_.links;
  t.a.push_back(a);
  t.b.push_back(b);
  t.kind.push_back(kind);
  return static_cast<Index>(t.size() - 1);
}

std::optional<Index> InventoryBuilder::add_facility(const FacilityRow& row) {
  auto& t = inventory_.facilities;
  const StrId id = intern(row.id);
  if (!claim(inventory_.facility_by_str, id, static_cast<Index>(t.size()))) return std::nullopt;
  t.id.push_back(id);
  t.kind.push_back(row.kind);
  t.lat.push_back(row.lat);
  t.lon.push_back(row.lon);
  t.owner.push_back(row.owner);
  t.served_by.push_row(row.served_by);
  t.name.push_back(intern(row.name));
  intern_tags(row.tags, t.tags);
  return static_cast<Index>(t.size() - 1);
}

Index InventoryBuilder::add_evidence(const EvidenceRow& row) {
  auto& t = inventory_.evidence;
  t.subject_kind.push_back(row.subject_kind);
  t.subject_text.push_back(intern(row.subject_text));
  t.subject_element.push_back(row.element);
  t.subject_vendor.push_back(row.vendor);
  t.subject_model.push_back(intern(row.model));
  t.type.push_back(row.type);
  t.scheme.push_back(intern(row.scheme));
  t.evidence_id.push_back(intern(row.evidence_id));
  t.issuer.push_back(intern(row.issuer));
  t.digest.push_back(intern(row.digest));
  t.uri.push_back(intern(row.uri));
  t.issued.push_back(row.issued);
  t.expires.push_back(row.expires);
  return static_cast<Index>(t.size() - 1);
}

Inventory InventoryBuilder::finish() && {
  auto& inv = inventory_;
  inv.operators.extra.pad_to(inv.operators.size());
  inv.sites.extra.pad_to(inv.sites.size());
  inv.elements.extra.pad_to(inv.elements.size());
  inv.links.extra.pad_to(inv.links.size());
  inv.facilities.extra.pad_to(inv.facilities.size());
  inv.evidence.extra.pad_to(inv.evidence.size());
  inv.meta.extra.pad_to(1);
  return std::move(inventory_);
}

}  // namespace netvet
