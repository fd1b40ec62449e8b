#pragma once
// Exposure: for every facility (and, on request, every cell site), the elements its
// traffic cannot avoid, the vendors on some path to the core, the vendors of its
// operators' core control plane and the vendors that influence any of those elements
// (shared/spec/inventory.md, "Semantics the analyses share"). The door of src/graph for
// `netvet exposure`; results are row-indexed tables, easy to serialise into cli.md's JSON.
//
// Definitions, as implemented:
// * Serving sites: `served_by`, or the `cell` sites that cover the facility: their
//   `range_km`, or `serving_radius_km` for sites without one (see graph/serving.h). A
//   cell site subject is served by itself.
// * Sources: the `ran` elements of the serving sites. A source belongs to its *site's*
//   operator, whatever the element's own operator column says (spec: "a sink of the
//   operator of the source's site"). Sinks of operator o: elements of a sink function
//   (upf, pgw) whose element operator is o.
// * A path: a simple path over transport links from a source of operator o to a sink of
//   o, through any operator's elements. A source that is itself such a sink is a path.
// * Isolated: no source has a path. Then unavoidable and possible are empty; control
//   plane and influence are still reported (they do not depend on paths), so an isolated
//   facility can be exposed to a designated vendor through its operators' control plane.
// * Unavoidable: elements on every path, sources and sinks included — equivalently, the
//   elements whose removal leaves no path (a removed source starts none).
// * Possible: elements on at least one path; reported as vendors and an element count.
// * Control plane: elements of a core control-plane function (plane: control) whose
//   element operator is one of the serving sites' operators (all of them, connected or
//   not).
// * Influence: vendors of the elements that influence (graph/influence.h: a chain of one
//   or more manages/hosts links) an unavoidable or control-plane element.
// * Vendor level (graph/vendor_exposure.h, the test of exposure): per serving operator
//   and for the subject as a whole, whether D's failure (transport), D's kill-switch
//   (influence) cuts it off, or D is or influences its operators' control plane; every
//   vendor whose failure alone cuts it off (transport_exposed_to); whether the designated
//   set as a whole exposes it (exposed, with the ways), each designated vendor that does
//   alone (exposed_to), and the cut: a smallest set of designated elements every path
//   crosses (graph/vertex_cut.h). One site-reach computation per removal serves these,
//   the blast radius and graph/outage.h alike, so their numbers agree.
//
// Algorithm, for the element level: one block forest of the transport graph, each
// operator's core located in it, and per subject the ways from its sources to the cores (graph/exposure_index.h,
// graph/block_forest.h, graph/operator_cores.h); never a search per subject. Complexity:
// O(V + E + V W) to build, then per subject work linear in the nodes its ways cross
// before they meet (about its unavoidable elements). W = ceil(vendors / 64).

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "model/inventory.h"
#include "util/diagnostic.h"

namespace netvet {

// The ways a subject meets the designated vendors (ExposureTable::exposed bits).
enum ExposureWay : std::uint8_t { kViaTransport = 1, kViaInfluence = 2, kViaControlPlane = 4 };
// Their names, in that order: "transport", "influence", "control_plane" (cli.md), or
// with `words` "control plane" for people.
std::vector<std::string_view> exposure_way_names(std::uint8_t ways, bool words = false);

struct ExposureOptions {
  double serving_radius_km = 2.0;
  bool cell_sites = false;                // also report every `cell` site
  std::vector<Index> designated_vendors;  // vendors rows: exposed, exposed_to and cut are about them
  bool blast_radius = false;              // also ExposureReport::blast_radius (every vendor's kill-switch)
  // transport_exposed_to over every vendor; false: over the designated ones only (what
  // policy rules read: each vendor costs a pass over the network).
  bool every_vendor = true;
  // Also each exposed cell site's cut (with cell_sites). Facilities always get theirs; a
  // national network's exposed cell sites number 150,000 and their cuts cost over a
  // minute (docs/performance.md), so they are computed only when asked for.
  bool cell_site_cuts = true;
  unsigned threads = 0;                   // 0: one per hardware thread
  // The facilities to analyse (rows, ascending); every one when unset. Policy rules that
  // concern a few kinds of facility need not pay for the rest.
  std::optional<std::vector<Index>> facilities;
  // Also the possible vendors and count. Policy rules do not read them: without, the
  // shared block tree and the path unions of multi-operator subjects are skipped.
  bool possible = true;
  // The ways of exposure to judge (ExposureWay bits); the others never appear in
  // `exposed`. Each costs passes over the network: influence, a kill-switch pass per
  // designated vendor and for the set; the control plane, a search of the influence links.
  std::uint8_t ways = kViaTransport | kViaInfluence | kViaControlPlane;
  // The element-level columns: unavoidable elements, vendors and chain, possible paths,
  // control-plane and influence vendors (the explanations). Without, they are left empty,
  // the block forest is not built, and `isolated` comes from the vendor-level verdicts.
  bool element_level = true;
  // How many arcs a cut's search scans on the subject's side before it also searches from
  // the core, whose side gives the cut when it is the smaller (graph/vertex_cut.h). A
  // tuning knob: every value gives a smallest cut (tests use 0 to cover both sides).
  std::size_t cut_subject_side_arcs = std::size_t{1} << 16;
};

// One row per subject (a facility, or a cell site). Lists are rows of the inventory's
// tables (elements, sites, vendors), ascending by row; serialisers map them to ids.
struct ExposureTable {
  std::vector<Index> subject;  // facility rows, or site rows
  ListColumn<Index> served_by;
  std::vector<std::uint8_t> isolated;
  ListColumn<Index> unavoidable_elements, unavoidable_vendors;
  // The unavoidable elements in path order, from the cells to the core: every path from
  // a source crosses them in this order (each separates the ones before it from the
  // core). With several serving operators, the order of the highest-numbered one's paths
  // (in a contrived network two operators' traffic can cross the same elements in
  // opposite orders).
  ListColumn<Index> unavoidable_chain;
  ListColumn<Index> possible_vendors;
  std::vector<std::uint64_t> possible_count;  // elements on at least one path
  ListColumn<Index> control_plane_vendors, influence_vendors;

  // Vendor level (graph/vendor_exposure.h): the answer to "can this traffic reach the
  // core without touching D's equipment?". `exposed` holds ExposureWay bits for the
  // designated set as a whole (0: not exposed); `cut` is the union of the operators' cuts.
  ListColumn<Index> transport_exposed_to, exposed_to, cut;
  std::vector<std::uint8_t> exposed;
  // The serving operators of each subject, as rows of `per_operator` (by operator row).
  ListColumn<Index> operator_rows;
  struct PerOperator {
    std::vector<Index> op;
    std::vector<std::uint8_t> isolated, exposed;
    ListColumn<Index> transport_exposed_to, exposed_to, cut;
    std::size_t size() const { return op.size(); }
  } per_operator;

  std::size_t size() const { return subject.size(); }
};

// Blast radius of a vendor: the cell sites (and their subscribers) that its failure cuts
// off from their core — whose traffic must cross its elements — and those its kill-switch
// cuts off. Exactly the differences between graph/outage.h's scenario with nothing
// removed and its failure and kill-switch scenarios: one computation serves both.
struct VendorBlastRadius {
  Index vendor = kNoIndex;
  std::uint64_t sites_crossing = 0;
  std::int64_t subscribers_crossing = 0;
  std::uint64_t sites_influenced = 0;
  std::int64_t subscribers_influenced = 0;
};

struct ExposureReport {
  bool possible = true;      // possible vendors and counts were computed (ExposureOptions::possible)
  ExposureTable facilities;  // every facility (or those of ExposureOptions::facilities), by row
  ExposureTable cell_sites;  // every `cell` site, by row (empty unless options.cell_sites)
  std::vector<VendorBlastRadius> blast_radius;  // one per vendors row, with options.blast_radius
  bool cell_site_cuts = false;                  // cell_sites' cuts were computed (else left empty)
};

// Errors: a designated vendor that is not a vendors row; a radius that is negative or not
// finite.
Result<ExposureReport> analyse_exposure(const Inventory& inventory, const ExposureOptions& options);

// What shows that row `row` of an exposure table meets vendor `vendor` other than on its
// unavoidable chain: an element of the vendor among the control-plane elements of the
// row's serving operators, and an element of the vendor that influences one of the row's
// unavoidable or control-plane elements together with the element it influences (one
// with the fewest manages/hosts links between them). kNoIndex where there is none.
struct WitnessQuery {
  Index row = 0;
  Index vendor = kNoIndex;
};
struct ExposureWitness {
  Index control_plane = kNoIndex;
  Index influencer = kNoIndex, influenced = kNoIndex;
};
// One backward breadth-first search over the influence links per query, from the row's
// unavoidable and control-plane elements: O(V + E) to build, then O(what reaches them).
std::vector<ExposureWitness> exposure_witnesses(const Inventory& inventory, const ExposureTable& table,
                                                std::span<const WitnessQuery> queries);

}  // namespace netvet
