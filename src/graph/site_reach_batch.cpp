// SiteReach::reaching_after: many removals in one propagation per operator (see
// graph/site_reach.h for the algorithm and why its answers are reaching()'s).

#include <algorithm>
#include <bit>
#include <cstdint>
#include <thread>

#include "graph/site_reach.h"
#include "util/parallel.h"
#include "util/zeroed_array.h"

namespace netvet::graph {
namespace {

using Word = std::uint64_t;
constexpr std::size_t kBatch = 64;  // removals per propagation: one bit each

// Per element, what the propagation reads and writes together (one cache line per visit,
// not two: a national network's arrays are far larger than the caches).
struct Bits {
  Word gone;     // the removals that take the element away
  Word reached;  // the removals under which it reaches one of the operator's sinks
};

// Per-thread working memory of one operator's propagation.
struct Propagation {
  ZeroedArray<Bits> bits;
  ZeroedArray<std::uint8_t> queued;  // per element: in `next`
  std::vector<Index> now, next;
};

}  // namespace

std::vector<SiteBits> SiteReach::reaching_after(std::span<const Removal> removals, unsigned threads) const {
  std::vector<SiteBits> out(removals.size());
  for (std::size_t first = 0; first < removals.size(); first += kBatch) {
    const std::size_t n = std::min(kBatch, removals.size() - first);
    reaching_after_batch(removals.subspan(first, n), threads, std::span<SiteBits>(out).subspan(first, n));
  }
  return out;
}

void SiteReach::reaching_after_batch(std::span<const Removal> removals, unsigned threads, std::span<SiteBits> out) const {
  // gone[e]: bit k when removal k takes element e away; a kill-switch also takes what the
  // vendors' elements influence (a search over the influence links, stamped per removal).
  std::vector<Word> gone(g_.elements, 0);
  {
    std::vector<Index> stamp(g_.elements, 0), queue;
    for (std::size_t k = 0; k < removals.size(); ++k) {
      const Word bit = Word{1} << k;
      const auto this_removal = static_cast<Index>(k + 1);
      queue.clear();
      for (const Index v : removals[k].vendors)
        for (const Index e : elements_of_vendor_[v]) {
          gone[e] |= bit;
          if (removals[k].kill_switch) queue.push_back(e);
        }
      for (std::size_t head = 0; head < queue.size(); ++head)
        for (const Index w : influence_[queue[head]])
          if (stamp[w] != this_removal) {
            stamp[w] = this_removal;
            gone[w] |= bit;
            queue.push_back(w);
          }
    }
  }
  const Word every = removals.size() == kBatch ? ~Word{0} : (Word{1} << removals.size()) - 1;
  for (SiteBits& bits : out) bits = SiteBits(g_.site_operator.size());
  // Each operator's propagation is independent; each writes its own sites' bits (a site
  // has one operator, but two operators' sites can share a word of a SiteBits, so the
  // bits are gathered per operator and set after).
  std::vector<std::vector<std::pair<Index, Word>>> found(g_.operators);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(threads, g_.operators);
  parallel_for(workers, threads, [&](std::size_t w) {
    Propagation p;
    p.queued.reset(g_.elements);
    for (Index op = static_cast<Index>(w); op < g_.operators; op += static_cast<Index>(workers)) {
      if (p.bits.size() != g_.elements) p.bits.reset(g_.elements);
      for (Index e = 0; e < g_.elements; ++e) p.bits[e] = {.gone = gone[e], .reached = 0};
      const auto push = [&](Index e) {
        if (!p.queued[e]) p.queued[e] = 1, p.next.push_back(e);
      };
      for (const Index sink : g_.sinks_of_operator[op])
        if (const Word alive = every & ~p.bits[sink].gone; alive & ~p.bits[sink].reached) {
          p.bits[sink].reached |= alive;
          push(sink);
        }
      while (!p.next.empty()) {
        std::swap(p.now, p.next);
        p.next.clear();
        for (const Index e : p.now) p.queued[e] = 0;
        for (const Index e : p.now) {
          const Word reached = p.bits[e].reached;
          for (const Index w2 : g_.transport[e]) {
            if (w2 >= g_.elements) continue;  // a super-sink: sinks were seeded above
            Bits& next = p.bits[w2];
            const Word add = reached & ~next.gone & ~next.reached;
            if (!add) continue;
            next.reached |= add;
            // An element with one link passes nothing on (its bits came from there): a
            // national network's radios, antennas and most cell-site nodes are such leaves.
            if (g_.transport[w2].size() > 1) push(w2);
          }
        }
      }
      for (const Index site : sites_of_operator_[op]) {
        Word any = 0;
        for (const Index x : g_.ran_elements_of_site[site]) any |= p.bits[x].reached;
        if (any) found[op].emplace_back(site, any);
      }
    }
  });
  for (const auto& list : found)
    for (const auto& [site, any] : list)
      for (Word bits = any; bits; bits &= bits - 1) out[static_cast<std::size_t>(std::countr_zero(bits))].set(site);
}

}  // namespace netvet::graph
