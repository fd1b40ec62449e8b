#include "graph/influence.h"

#include <algorithm>

namespace netvet::graph {
namespace {

// Tarjan's SCC, iterative. Returns the component of every node; components are numbered
// in the order they complete, which is a reverse topological order of the condensation.
std::vector<Index> strongly_connected_components(const Csr& g, Index& count) {
  const auto n = static_cast<Index>(g.nodes());
  std::vector<Index> index(n, kNoIndex), low(n, 0), component(n, kNoIndex), stack;
  struct Frame {
    Index vertex;
    std::uint32_t next_arc;
  };
  std::vector<Frame> frames;
  Index time = 0;
  count = 0;
  for (Index s = 0; s < n; ++s) {
    if (index[s] != kNoIndex) continue;
    index[s] = low[s] = time++;
    stack.push_back(s);
    frames.push_back({s, g.offsets[s]});
    while (!frames.empty()) {
      Frame& f = frames.back();
      const Index u = f.vertex;
      if (f.next_arc < g.offsets[u + 1]) {
        const Index w = g.targets[f.next_arc++];
        if (index[w] == kNoIndex) {
          index[w] = low[w] = time++;
          stack.push_back(w);
          frames.push_back({w, g.offsets[w]});
        } else if (component[w] == kNoIndex) {  // w still on the stack
          low[u] = std::min(low[u], index[w]);
        }
        continue;
      }
      frames.pop_back();
      if (!frames.empty()) low[frames.back().vertex] = std::min(low[frames.back().vertex], low[u]);
      if (low[u] == index[u]) {
        Index x = kNoIndex;
        do {
          x = stack.back();
          stack.pop_back();
          component[x] = count;
        } while (x != u);
        ++count;
      }
    }
  }
  return component;
}

}  // namespace

InfluenceIndex::InfluenceIndex(const Csr& influence, std::span<const Index> vendor_of, std::size_t vendors) {
  Index count = 0;
  component_ = strongly_connected_components(influence, count);
  const auto n = static_cast<Index>(influence.nodes());

  // Members of each component, grouped, for a pass component by component.
  std::vector<std::uint32_t> start(std::size_t{count} + 1, 0);
  for (Index v = 0; v < n; ++v) ++start[component_[v] + 1];
  for (Index c = 0; c < count; ++c) start[c + 1] += start[c];
  std::vector<Index> members(n);
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (Index v = 0; v < n; ++v) members[next[component_[v]]++] = v;
  }

  influencers_ = VendorSets(count, vendors);
  std::vector<Word> own(words_for(vendors));
  for (Index c = count; c-- > 0;) {  // topological order: every predecessor already done
    std::fill(own.begin(), own.end(), 0);
    bool cyclic = false;
    for (std::uint32_t i = start[c]; i < start[c + 1]; ++i) {
      set_vendor(own, vendor_of[members[i]]);
      for (const Index w : influence[members[i]]) cyclic |= component_[w] == c;
    }
    if (cyclic) or_into(influencers_[c], own);
    for (std::uint32_t i = start[c]; i < start[c + 1]; ++i) {
      for (const Index w : influence[members[i]]) {
        const Index cw = component_[w];
        if (cw == c) continue;
        or_into(influencers_[cw], influencers_[c]);
        or_into(influencers_[cw], own);
      }
    }
  }
}

void mark_influenced(const Csr& influence, std::span<const Index> from, std::vector<std::uint8_t>& mark) {
  std::vector<Index> queue;
  for (const Index s : from)
    for (const Index w : influence[s])
      if (!mark[w]) {
        mark[w] = 1;
        queue.push_back(w);
      }
  for (std::size_t head = 0; head < queue.size(); ++head)
    for (const Index w : influence[queue[head]])
      if (!mark[w]) {
        mark[w] = 1;
        queue.push_back(w);
      }
}

}  // namespace netvet::graph
