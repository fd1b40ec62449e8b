#pragma once
// Loops over rows that look strings up in big hash tables (interning ids, resolving
// link ends): each lookup is a cache miss, so the slots of the row a few ahead are
// loaded while this one is handled, and the misses of successive rows overlap.

#include <algorithm>
#include <cstddef>

namespace netvet::io {

// Calls body(i) for i in [begin, end), each after prefetch(i + kLookahead) (while that is
// below end); prefetch(i) has been called for the first rows before.
template <typename Prefetch, typename Body>
void with_lookahead(std::size_t begin, std::size_t end, const Prefetch& prefetch, const Body& body) {
  constexpr std::size_t kLookahead = 8;
  for (std::size_t i = begin; i < std::min(end, begin + kLookahead); ++i) prefetch(i);
  for (std::size_t i = begin; i < end; ++i) {
    if (i + kLookahead < end) prefetch(i + kLookahead);
    body(i);
  }
}

}  // namespace netvet::io
