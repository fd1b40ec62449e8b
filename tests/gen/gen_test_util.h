#pragma once
// Helpers shared by the gen tests: small generated networks (cached: generating is the
// slow part) and a plain breadth-first search over transport links, written here so the
// tests do not depend on any netvet graph code.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "gen/generate.h"

namespace netvet::gen::testing {

// A generated network, built once per (country, sites, seed) for the whole test run.
inline const Inventory& network(const std::string& country, std::size_t sites, std::uint64_t seed = 7) {
  static std::map<std::tuple<std::string, std::size_t, std::uint64_t>, Inventory> cache;
  auto key = std::make_tuple(country, sites, seed);
  auto it = cache.find(key);
  if (it == cache.end()) {
    auto inv = generate({.country = country, .sites = sites, .seed = seed});
    if (!inv) {
      ADD_FAILURE() << inv.error().front().to_string();
      std::abort();
    }
    it = cache.emplace(key, std::move(*inv)).first;
  }
  return it->second;
}

// Undirected adjacency of the transport links.
inline std::vector<std::vector<Index>> transport_adjacency(const Inventory& inv) {
  std::vector<std::vector<Index>> adj(inv.elements.size());
  for (Index l = 0; l < inv.links.size(); ++l) {
    if (inv.links.kind[l] != LinkKind::transport) continue;
    adj[inv.links.a[l]].push_back(inv.links.b[l]);
    adj[inv.links.b[l]].push_back(inv.links.a[l]);
  }
  return adj;
}

// For each element: which operators' sinks (upf, pgw) it can reach over transport links,
// avoiding `removed` (kNoIndex: none); only for operator `only` when given. A
// multi-source BFS from each operator's sinks.
inline std::vector<std::vector<bool>> reaches_sink(const Inventory& inv, const std::vector<std::vector<Index>>& adj,
                                                   Index removed = kNoIndex, Index only = kNoIndex) {
  std::vector<std::vector<bool>> reach(inv.operators.size(), std::vector<bool>(inv.elements.size(), false));
  for (Index op = 0; op < inv.operators.size(); ++op) {
    if (only != kNoIndex && op != only) continue;
    std::vector<Index> queue;
    for (Index e = 0; e < inv.elements.size(); ++e)
      if (e != removed && inv.elements.op[e] == op && inv.function_of(e).sink) {
        reach[op][e] = true;
        queue.push_back(e);
      }
    for (std::size_t head = 0; head < queue.size(); ++head)
      for (Index next : adj[queue[head]])
        if (next != removed && !reach[op][next]) {
          reach[op][next] = true;
          queue.push_back(next);
        }
  }
  return reach;
}

}  // namespace netvet::gen::testing
