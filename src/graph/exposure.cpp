#include "graph/exposure.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <thread>

#include "graph/exposure_index.h"
#include "util/parallel.h"
#include "graph/serving.h"
#include "graph/traffic_graph.h"
#include "graph/vendor_set.h"

namespace netvet {
namespace {

using graph::ExposureIndex;
using graph::ExposureScratch;
using graph::SubjectExposure;

// Less work than this per thread (subjects plus their serving sites) is not worth a thread.
constexpr std::size_t kMinShare = 1024;
// Up to this many subjects, influencers are searched per subject rather than indexed.
constexpr std::size_t kFewSubjects = 256;

void push_vendors(ListColumn<Index>& column, graph::ConstVendorBits bits, std::vector<Index>& scratch) {
  graph::vendor_list(bits, scratch);
  column.push_row(scratch);
}

void append(ExposureTable& t, Index subject, std::span<const Index> served, const SubjectExposure& e,
            std::vector<Index>& scratch) {
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
  push_vendors(t.exposed_to, e.exposed_to, scratch);
}

void append_rows(ExposureTable& into, const ExposureTable& from) {
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
    into.exposed_to.push_row(from.exposed_to[r]);
  }
}

// The exposure of subjects[i], served by served(i): one contiguous share of the subjects
// per thread, so that joining the shares copies all but the first. Shares are even in
// serving sites, not subjects: a facility in a city centre can have thousands.
template <typename ServedBy>
ExposureTable evaluate_all(const ExposureIndex& index, std::span<const Index> subjects, ServedBy served,
                           unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
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
    ExposureScratch scratch;
    SubjectExposure e;
    std::vector<Index> list;
    const std::size_t end = p + 1 == shares ? subjects.size() : boundary(p + 1);
    for (std::size_t i = p == 0 ? 0 : boundary(p); i < end; ++i) {
      const auto sites = served(i);
      index.evaluate(sites, scratch, e);
      append(parts[p], subjects[i], sites, e, list);
    }
  });
  ExposureTable all = std::move(parts[0]);
  for (std::size_t p = 1; p < shares; ++p) append_rows(all, parts[p]);
  return all;
}

}  // namespace

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
      build_traffic_graph(inv, {.threads = options.threads, .influence_reversed = !influence_index});
  // The index (itself on two threads) and the serving sites, which do not need it.
  std::optional<ExposureIndex> index;
  ListColumn<Index> served;
  parallel_for(2, options.threads, [&](std::size_t task) {
    if (task == 0)
      index.emplace(g, options.designated_vendors,
                    ExposureIndex::Options{.possible = options.possible,
                                           .threads = options.threads,
                                           .influence_index = influence_index});
    else
      served = graph::serving_sites(inv, options.serving_radius_km, facilities);
  });
  ExposureReport report;
  report.possible = options.possible;

  report.facilities = evaluate_all(*index, facilities, [&](std::size_t i) { return served[static_cast<Index>(i)]; },
                                   options.threads);
  if (options.cell_sites) {
    std::vector<Index> cells;
    for (Index s = 0; s < inv.sites.size(); ++s)
      if (inv.sites.kind[s] == SiteKind::cell) cells.push_back(s);
    report.cell_sites = evaluate_all(
        *index, cells, [&](std::size_t i) { return std::span<const Index>(&cells[i], 1); }, options.threads);
  }
  return report;
}

std::vector<VendorBlastRadius> blast_radius(const Inventory& inv, const ExposureTable& cells) {
  std::vector<VendorBlastRadius> out(inv.vendors.size());
  for (Index v = 0; v < out.size(); ++v) out[v].vendor = v;
  for (Index r = 0; r < cells.size(); ++r) {
    if (cells.isolated[r]) continue;
    const std::int64_t subscribers = std::max<std::int64_t>(0, inv.sites.subscribers[cells.subject[r]]);
    for (const Index v : cells.unavoidable_vendors[r]) {
      ++out[v].sites_crossing;
      out[v].subscribers_crossing += subscribers;
    }
    for (const Index v : cells.influence_vendors[r]) {
      ++out[v].sites_influenced;
      out[v].subscribers_influenced += subscribers;
    }
  }
  return out;
}

}  // namespace netvet
