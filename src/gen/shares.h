#pragma once
// Meeting vendor shares with whole contracts. Operators buy a region, a function or a
// router pair from one vendor, so shares cannot be met element by element; this hands
// each lump to the vendor furthest below its target, which lands the totals within about
// half the largest lump of the profile (largest lumps first makes that the smallest).

#include <cstddef>
#include <vector>

#include "gen/profile.h"

namespace netvet::gen {

class ShareBalancer {
 public:
  ShareBalancer() = default;
  explicit ShareBalancer(const Shares& shares) : count_(shares.size(), 0.0) {
    for (const auto& s : shares) target_.push_back(s.share);
  }

  // The vendor (index into the shares) for a lump of `weight` elements.
  std::size_t pick(double weight) {
    const std::size_t best = choose(weight, [](std::size_t) { return true; });
    add(best, weight);
    return best;
  }

  // pick() in two steps, for lumps that are not all one vendor's (a region whose 5G
  // another vendor builds, gen/cutoffs.cpp): the vendor furthest below its target among
  // those `eligible` accepts (the first vendor when it accepts none), not yet counted;
  // then each part of the lump add()ed to whoever supplies it.
  template <typename Eligible>
  std::size_t choose(double weight, Eligible eligible) const {
    std::size_t best = 0;
    double best_deficit = -1e300;
    for (std::size_t i = 0; i < target_.size(); ++i) {
      if (target_[i] <= 0 || !eligible(i)) continue;
      const double deficit = target_[i] * (total_ + weight) - count_[i];
      if (deficit > best_deficit) {
        best_deficit = deficit;
        best = i;
      }
    }
    return best;
  }

  void add(std::size_t vendor, double weight) {
    if (!count_.empty()) count_[vendor] += weight;
    total_ += weight;
  }

  bool empty() const { return target_.empty(); }

 private:
  std::vector<double> target_, count_;
  double total_ = 0;
};

}  // namespace netvet::gen
