#pragma once
// Sums of numbers a user wrote (subscribers per site, per operator, per vendor): a
// network's totals must not wrap around into negative counts when an inventory holds
// absurd values, so they stop at the largest representable count instead.

#include <cstdint>
#include <limits>

namespace netvet {

// a + b for counts that are 0 or more, stopping at INT64_MAX.
inline std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::int64_t>::max() : sum;
}

}  // namespace netvet
