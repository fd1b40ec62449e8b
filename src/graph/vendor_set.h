#pragma once
// Sets of vendors as bit sets. An inventory names a few dozen vendors, so a set is one or
// two 64-bit words and a union is a handful of ORs: cheap enough to keep one set per
// element or per tree node, which is what lets exposure answer every facility without a
// search per facility.

#include <bit>
#include <cstdint>
#include <span>
#include <vector>

#include "model/tables.h"

namespace netvet::graph {

using Word = std::uint64_t;
using VendorBits = std::span<Word>;
using ConstVendorBits = std::span<const Word>;

inline std::size_t words_for(std::size_t vendors) { return (vendors + 63) / 64; }

inline void set_vendor(VendorBits bits, Index vendor) { bits[vendor / 64] |= Word{1} << (vendor % 64); }
inline bool has_vendor(ConstVendorBits bits, Index vendor) {
  return (bits[vendor / 64] >> (vendor % 64)) & 1U;
}
inline void or_into(VendorBits into, ConstVendorBits from) {
  for (std::size_t w = 0; w < into.size(); ++w) into[w] |= from[w];
}
inline bool any_vendor(ConstVendorBits bits) {
  for (Word w : bits)
    if (w) return true;
  return false;
}

// The vendors rows in a set, ascending, into `out` (cleared first).
inline void vendor_list(ConstVendorBits bits, std::vector<Index>& out) {
  out.clear();
  for (std::size_t w = 0; w < bits.size(); ++w)
    for (Word x = bits[w]; x; x &= x - 1)
      out.push_back(static_cast<Index>(w * 64 + static_cast<std::size_t>(std::countr_zero(x))));
}

// One vendor set per row, stored flat.
class VendorSets {
 public:
  VendorSets() = default;
  VendorSets(std::size_t rows, std::size_t vendors) : words_(words_for(vendors)), bits_(rows * words_, 0) {}
  VendorBits operator[](std::size_t row) { return {bits_.data() + row * words_, words_}; }
  ConstVendorBits operator[](std::size_t row) const { return {bits_.data() + row * words_, words_}; }
  std::size_t words() const { return words_; }
  std::size_t rows() const { return words_ ? bits_.size() / words_ : 0; }

 private:
  std::size_t words_ = 0;
  std::vector<Word> bits_;
};

}  // namespace netvet::graph
