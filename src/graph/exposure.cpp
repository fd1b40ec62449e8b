#include "graph/exposure.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <string>
#include <thread>

#include "graph/exposure_index.h"
#include "util/parallel.h"
#include "graph/serving.h"
#include "graph/traffic_graph.h"
#include "graph/vendor_exposure.h"
#include "graph/vendor_set.h"
#include "util/saturating.h"

namespace netvet {
namespace {

using graph::ExposureIndex;
using graph::ExposureScratch;
using graph::SubjectExposure;
using graph::SubjectVerdict;
using graph::VendorExposure;
using graph::VerdictScratch;

// Less work than this per thread (subjects plus their serving sites) is not worth a thread.
constexpr std::size_t kMinShare = 1024;
// Up to this many subjects, influencers are searched per subject rather than indexed.
constexpr std::size_t kFewSubjects = 256;

void push_vendors(ListColumn<Index>& column, graph::ConstVendorBits bits, std::vector<Index>& scratch) {
  graph::vendor_list(bits, scratch);
  column.push_row(scratch);
}

void append(ExposureTable& t, Index subject, std::span<const Index> served, const SubjectExposure& e,
            const SubjectVerdict& v, std::vector<Index>& scratch) {
  t.subject.push_back(subject);
  t.served_by.push_row(served);
  t.isolated.push_back(e.isolated ? 1 : 0);
  t.unavoidable_elements.push_row(e.unavoidable);
  t.unavoidable_chain.push_row(e.chain);
  push_vendors(t.unavoidable_vendors, e.unavoidable_vendors, scratch);
  push_vendors(t.possible_vendors, e.possible_vendors, scratch);
  t.possible_count.push_back(e.possible_count);
  push_vendors(t.control_plane_vendors, e.control_plane_vendors, scratch);
  push_vendors(t.influence_vendors, e.influence_vendors, scratch);
  t.transport_exposed_to.push_row(v.transport_exposed_to);
  t.exposed_to.push_row(v.exposed_to);
  t.cut.push_row(v.cut);
  t.exposed.push_back(v.ways);
  auto& per = t.per_operator;
  scratch.clear();
  for (const graph::OperatorVerdict& o : v.operators) {
    scratch.push_back(static_cast<Index>(per.size()));
    per.op.push_back(o.op);
    per.isolated.push_back(o.isolated ? 1 : 0);
    per.exposed.push_back(o.ways);
    per.transport_exposed_to.push_row(o.transport_exposed_to);
    per.exposed_to.push_row(o.exposed_to);
    per.cut.push_row(o.cut);
  }
  t.operator_rows.push_row(scratch);
}

void append_rows(ExposureTable& into, const ExposureTable& from) {
  std::vector<Index> rows;
  for (Index r = 0; r < from.size(); ++r) {
    into.subject.push_back(from.subject[r]);
    into.served_by.push_row(from.served_by[r]);
    into.isolated.push_back(from.isolated[r]);
    into.unavoidable_elements.push_row(from.unavoidable_elements[r]);
    into.unavoidable_chain.push_row(from.unavoidable_chain[r]);
    into.unavoidable_vendors.push_row(from.unavoidable_vendors[r]);
    into.possible_vendors.push_row(from.possible_vendors[r]);
    into.possible_count.push_back(from.possible_count[r]);
    into.control_plane_vendors.push_row(from.control_plane_vendors[r]);
    into.influence_vendors.push_row(from.influence_vendors[r]);
    into.transport_exposed_to.push_row(from.transport_exposed_to[r]);
    into.exposed_to.push_row(from.exposed_to[r]);
    into.cut.push_row(from.cut[r]);
    into.exposed.push_back(from.exposed[r]);
    rows.clear();
    for (const Index k : from.operator_rows[r]) {
      rows.push_back(static_cast<Index>(into.per_operator.size()));
      const auto& f = from.per_operator;
      auto& t = into.per_operator;
      t.op.push_back(f.op[k]);
      t.isolated.push_back(f.isolated[k]);
      t.exposed.push_back(f.exposed[k]);
      t.transport_exposed_to.push_row(f.transport_exposed_to[k]);
      t.exposed_to.push_row(f.exposed_to[k]);
      t.cut.push_row(f.cut[k]);
    }
    into.operator_rows.push_row(rows);
  }
}

// Per-thread working memory of one subject's evaluation.
struct SubjectScratch {
  ExposureScratch index;
  VerdictScratch verdict;
  SubjectExposure e;
  SubjectVerdict v;
  std::vector<Index> list;
};

// Evaluates one subject served by `sites` and appends its row to `t`. Without an index
// (ExposureOptions::element_level off) the element-level columns stay empty.
void evaluate_one(const ExposureIndex* index, const VendorExposure& vendors, Index subject,
                  std::span<const Index> sites, bool cuts, SubjectScratch& s, ExposureTable& t) {
  vendors.judge(sites, s.verdict, s.v, cuts);
  if (index) {
    index->evaluate(sites, s.index, s.e);
  } else {  // vendor level only: isolated when no operator reaches its core
    s.e = {};
    s.e.isolated = std::ranges::all_of(s.v.operators, [](const auto& o) { return o.isolated; });
  }
  append(t, subject, sites, s.e, s.v, s.list);
}

// The exposure of subjects[i], served by served(i). Many subjects (cell sites): one
// contiguous share per thread, so that joining the shares copies all but the first;
// shares are even in serving sites, not subjects, since a facility in a city centre can
// have thousands. A few (a policy's facilities): one task each, taken by whichever
// thread is free, since a subject's cuts can cost a thousand times another's.
template <typename ServedBy>
ExposureTable evaluate_all(const ExposureIndex* index, const VendorExposure& vendors, std::span<const Index> subjects,
                           ServedBy served, unsigned threads, bool cuts) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (subjects.size() <= kFewSubjects) {
    std::vector<ExposureTable> rows(subjects.size());
    std::atomic<std::size_t> next{0};
    parallel_for(std::min<std::size_t>(threads, subjects.size()), threads, [&](std::size_t) {
      SubjectScratch s;
      for (std::size_t i = next++; i < subjects.size(); i = next++)
        evaluate_one(index, vendors, subjects[i], served(i), cuts, s, rows[i]);
    });
    ExposureTable all;
    for (const ExposureTable& row : rows) append_rows(all, row);
    return all;
  }
  std::vector<std::size_t> weight_before{0};
  weight_before.reserve(subjects.size() + 1);
  for (std::size_t i = 0; i < subjects.size(); ++i) weight_before.push_back(weight_before.back() + 1 + served(i).size());
  const std::size_t total = weight_before.back();
  const std::size_t shares = std::clamp<std::size_t>(total / kMinShare, 1, threads);
  const auto boundary = [&](std::size_t p) {
    return static_cast<std::size_t>(
        std::lower_bound(weight_before.begin(), weight_before.end(), total * p / shares) - weight_before.begin());
  };
  std::vector<ExposureTable> parts(shares);
  parallel_for(shares, threads, [&](std::size_t p) {
    SubjectScratch s;
    const std::size_t end = p + 1 == shares ? subjects.size() : boundary(p + 1);
    for (std::size_t i = p == 0 ? 0 : boundary(p); i < end; ++i) evaluate_one(index, vendors, subjects[i], served(i), cuts, s, parts[p]);
  });
  ExposureTable all = std::move(parts[0]);
  for (std::size_t p = 1; p < shares; ++p) append_rows(all, parts[p]);
  return all;
}

// Per vendor: the cell sites its failure and its kill-switch cut off (graph/exposure.h).
std::vector<VendorBlastRadius> blast_radius(const Inventory& inv, const VendorExposure& vendors) {
  std::vector<VendorBlastRadius> out(inv.vendors.size());
  for (Index v = 0; v < out.size(); ++v) {
    VendorBlastRadius& b = out[v];
    b.vendor = v;
    const graph::SiteBits& failure = vendors.reaching_after_failure(v);
    const graph::SiteBits& kill_switch = vendors.reaching_after_kill_switch(v);
    for (Index s = 0; s < inv.sites.size(); ++s) {
      if (inv.sites.kind[s] != SiteKind::cell || !vendors.reaching().test(s)) continue;
      const std::int64_t subscribers = std::max<std::int64_t>(0, inv.sites.subscribers[s]);
      if (!failure.test(s)) ++b.sites_crossing, b.subscribers_crossing = saturating_add(b.subscribers_crossing, subscribers);
      if (!kill_switch.test(s))
        ++b.sites_influenced, b.subscribers_influenced = saturating_add(b.subscribers_influenced, subscribers);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string_view> exposure_way_names(std::uint8_t ways, bool words) {
  std::vector<std::string_view> names;
  if (ways & kViaTransport) names.emplace_back("transport");
  if (ways & kViaInfluence) names.emplace_back("influence");
  if (ways & kViaControlPlane) names.emplace_back(words ? "control plane" : "control_plane");
  return names;
}

Result<ExposureReport> analyse_exposure(const Inventory& inv, const ExposureOptions& options) {
  if (!std::isfinite(options.serving_radius_km) || options.serving_radius_km < 0)
    return fail({.column = "serving_radius_km", .value = std::to_string(options.serving_radius_km),
                 .message = "the serving radius must be a finite number of kilometres, 0 or more"});
  for (const Index v : options.designated_vendors)
    if (v >= inv.vendors.size())
      return fail({.column = "designated_vendors", .value = std::to_string(v),
                   .message = "a designated vendor must be a row of the inventory's vendors"});
  if (options.facilities)
    for (std::size_t i = 0; i < options.facilities->size(); ++i)
      if ((*options.facilities)[i] >= inv.facilities.size() || (i > 0 && (*options.facilities)[i] <= (*options.facilities)[i - 1]))
        return fail({.column = "facilities", .value = std::to_string((*options.facilities)[i]),
                     .message = "the facilities to analyse must be rows of the inventory's facilities, ascending"});

  std::vector<Index> facilities;
  if (options.facilities) {
    facilities = *options.facilities;
  } else {
    facilities.reserve(inv.facilities.size());  // (resize + iota: GCC 12's -Wnull-dereference misfires)
    for (Index f = 0; f < inv.facilities.size(); ++f) facilities.push_back(f);
  }
  const bool influence_index = options.cell_sites || facilities.size() > kFewSubjects;
  const TrafficGraph g =
      build_traffic_graph(inv, {.threads = options.threads,
                                .influence_reversed = !influence_index,
                                // Transport alone, without explanations, never follows influence.
                                .influence = options.element_level || (options.ways & ~kViaTransport) != 0 ||
                                             options.blast_radius});
  std::vector<Index> designated = options.designated_vendors;
  std::sort(designated.begin(), designated.end());
  designated.erase(std::unique(designated.begin(), designated.end()), designated.end());
  const VendorExposure::Options vendor_options{
      .designated = std::move(designated),
      .every_kill_switch = options.blast_radius,
      .every_vendor = options.every_vendor,
      .ways = options.ways,
      // A few subjects (no cell sites, no blast radius, designated vendors only: a
      // policy's facilities) are searched from rather than passed over.
      .reach_by_search = !options.cell_sites && !options.blast_radius && !options.every_vendor,
      .cut_subject_side_arcs = options.cut_subject_side_arcs,
      .threads = options.threads};
  // The serving sites need no graph: they are found beside the index (itself on two
  // threads), or beside the vendor level when there is no index to build.
  std::optional<ExposureIndex> index;
  std::optional<VendorExposure> vendors;
  ListColumn<Index> served;
  parallel_for(2, options.threads, [&](std::size_t task) {
    if (task == 1)
      served = graph::serving_sites(inv, options.serving_radius_km, facilities);
    else if (options.element_level)
      index.emplace(g, ExposureIndex::Options{.possible = options.possible,
                                           .threads = options.threads,
                                           .influence_index = influence_index});
    else
      vendors.emplace(g, vendor_options);
  });
  if (!vendors) vendors.emplace(g, vendor_options);
  ExposureReport report;
  report.possible = options.possible;

  const ExposureIndex* element_level = index ? &*index : nullptr;
  report.facilities = evaluate_all(element_level, *vendors, facilities, [&](std::size_t i) { return served[static_cast<Index>(i)]; },
                                   options.threads, true);
  if (options.cell_sites) {
    std::vector<Index> cells;
    for (Index s = 0; s < inv.sites.size(); ++s)
      if (inv.sites.kind[s] == SiteKind::cell) cells.push_back(s);
    report.cell_sites = evaluate_all(
        element_level, *vendors, cells, [&](std::size_t i) { return std::span<const Index>(&cells[i], 1); }, options.threads,
        options.cell_site_cuts);
  }
  report.cell_site_cuts = options.cell_sites && options.cell_site_cuts;
  if (options.blast_radius) report.blast_radius = blast_radius(inv, *vendors);
  return report;
}

}  // namespace netvet
