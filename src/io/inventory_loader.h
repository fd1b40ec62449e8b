#pragma once
// Turns rows of text into an inventory, whatever format they came in: checks required
// values, numbers, dates, coordinates, countries and vocabularies, resolves references
// to earlier tables, and collects every problem with its place. Both readers feed it
// rows table by table, in the order of table_specs() (each table after those it refers
// to). A row with a bad field is still added (with a default) so that one mistake does
// not cascade into "unknown site" errors on every row that refers to it.

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <string>

#include "io/row_cells.h"
#include "model/builder.h"

namespace netvet::io {

class InventoryLoader {
 public:
  InventoryLoader(const FunctionVocabulary& functions, const VendorRegistry& registry);

  void reserve(std::size_t sites, std::size_t elements, std::size_t links) {
    builder_.reserve(sites, elements, links);
    // Ids of sites and elements, site names, and a little text shared by many rows.
    builder_.inventory().strings.reserve(2 * sites + elements + 4096);
  }
  // Registers an unknown column of `table`; rows refer to it by the returned handle.
  std::uint32_t declare_extra(TableId table, const std::string& name);

  void add_row(TableId table, const TableSource& source, const RowCells& row);
  // Links fed by add_row are resolved in bulk, on two threads. resolve_links: call when
  // part of a links table has been fed, before the buffers its cells point into go away;
  // flush_links when the whole table has (it resolves the rest, then reports the unknown
  // ends, after the table's other problems, in row order).
  void resolve_links();
  void flush_links();
  // A links row whose ends the reader looked up itself with element_row (kNoIndex: not
  // found): checked and added like add_row's, without the pending copy. Call flush_links
  // after the table.
  void add_resolved_link(const TableSource& s, const RowCells& r, Index a, Index b);
  // The elements row of an id, or kNoIndex. Only reads: several threads may call it while
  // no row is being added. prefetch_element starts loading what element_row(id) will read.
  Index element_row(std::string_view id) const {
    const Inventory& inv = builder_.inventory();
    const auto str = inv.strings.find(id);
    return str && *str < inv.element_by_str.size() ? inv.element_by_str[*str] : kNoIndex;
  }
  void prefetch_element(std::string_view id) const { prefetch_string(id); }
  void prefetch_string(std::string_view text) const { builder_.inventory().strings.prefetch(text); }
  // A meta entry (meta.csv 0-based data row `row`, or a key of the JSON "meta" object).
  void add_meta(const TableSource& source, std::int64_t row, std::string_view key, std::string_view value);
  void report(Diagnostic d) { problems_.push_back(std::move(d)); }
  bool failed() const { return !problems_.empty(); }
  const Inventory& inventory() const { return builder_.inventory(); }

  // The inventory, or every problem found (repeats folded): never half an inventory.
  Result<Inventory> finish() &&;

 private:
  void add_operator(const TableSource& s, const RowCells& r);
  void add_site(const TableSource& s, const RowCells& r);
  void add_element(const TableSource& s, const RowCells& r);
  void add_link(const TableSource& s, const RowCells& r);
  void add_facility(const TableSource& s, const RowCells& r);
  void add_evidence(const TableSource& s, const RowCells& r);
  void add_extras(TableId table, const RowCells& r, std::size_t row);

  // Field checks: each reports its problem and returns a usable default.
  bool required(const TableSource& s, const RowCells& r, std::size_t c);
  std::int64_t count(const TableSource& s, const RowCells& r, std::size_t c);
  double coordinate(const TableSource& s, const RowCells& r, std::size_t c, double limit);
  // A distance in km: finite and 0 or more; NaN when the cell is empty.
  double distance(const TableSource& s, const RowCells& r, std::size_t c);
  Date date(const TableSource& s, const RowCells& r, std::size_t c);
  Country country(const TableSource& s, const RowCells& r, std::size_t c);
  std::optional<FunctionId> function(std::string_view text);
  // The row of id `text` in a table already loaded, or a dangling-reference problem.
  std::optional<Index> reference(const TableSource& s, const RowCells& r, std::size_t c,
                                 std::string_view text, const std::vector<Index>& by_str,
                                 std::string_view target);
  Diagnostic unknown_reference(const TableSource& s, const RowCells& r, std::size_t c, std::string_view text,
                               std::string_view target) const;
  // The checks add_link and add_resolved_link share; false when the row cannot be a link.
  bool link_fields(const TableSource& s, const RowCells& r, LinkKind& kind);
  void duplicate(const TableSource& s, const RowCells& r, std::size_t c, const std::vector<Index>& by_str);
  void resolve_subject(const TableSource& s, const RowCells& r, EvidenceRow& row);
  std::optional<Index> vendor_row(std::string_view text) const;
  std::optional<Index> cached_site(const TableSource& s, const RowCells& r);

  // Links waiting for flush_links: their cells, and the extra cells of each.
  struct PendingLinks {
    const TableSource* source = nullptr;
    std::vector<std::string_view> a, b;
    std::vector<LinkKind> kind;
    std::vector<std::uint32_t> index;       // data row
    std::vector<ExtraCell> extras;
    std::vector<std::uint32_t> extras_end;  // per link, one past its last extra (once any has one)
  };

  InventoryBuilder builder_;
  Diagnostics problems_;
  absl::flat_hash_map<std::string, std::optional<FunctionId>> function_cache_;
  absl::flat_hash_set<std::uint64_t> vendor_models_;  // (vendors row << 32 | model StrId)
  bool vendor_models_built_ = false;
  std::vector<Index> served_by_scratch_;
  std::vector<std::string_view> meta_seen_;
  PendingLinks links_;
  Diagnostics link_problems_;  // unknown ends, reported by flush_links
  // Exports list a site's elements together: the last site looked up is usually next.
  std::string_view last_site_text_;
  std::optional<Index> last_site_;
};

}  // namespace netvet::io
