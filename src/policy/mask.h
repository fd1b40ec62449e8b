#pragma once
// A set of inventory rows as a bit set, one bit per row: what a selector evaluates to.
// Selectors are evaluated column by column, so every operation here is one pass over
// 64-bit words — a million elements are 15,625 words.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace netvet::policy {

class RowMask {
 public:
  RowMask() = default;
  explicit RowMask(std::size_t rows, bool value = false)
      : rows_(rows), words_((rows + 63) / 64, value ? ~std::uint64_t{0} : 0) {
    clear_tail();
  }

  std::size_t rows() const { return rows_; }
  bool test(std::size_t row) const { return (words_[row / 64] >> (row % 64)) & 1U; }
  void set(std::size_t row) { words_[row / 64] |= std::uint64_t{1} << (row % 64); }
  void reset(std::size_t row) { words_[row / 64] &= ~(std::uint64_t{1} << (row % 64)); }

  std::vector<std::uint64_t>& words() { return words_; }
  const std::vector<std::uint64_t>& words() const { return words_; }

  RowMask& operator&=(const RowMask& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
    return *this;
  }
  RowMask& operator|=(const RowMask& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
    return *this;
  }
  // this AND NOT other
  RowMask& subtract(const RowMask& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= ~other.words_[w];
    return *this;
  }
  void invert() {
    for (auto& w : words_) w = ~w;
    clear_tail();
  }

  std::size_t count() const {
    std::size_t n = 0;
    for (const auto w : words_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
  }
  bool any() const {
    for (const auto w : words_) {
      if (w != 0) return true;
    }
    return false;
  }

  // The first set row at or after `from`, or rows() when there is none.
  std::size_t next(std::size_t from) const {
    if (from >= rows_) return rows_;
    std::size_t w = from / 64;
    std::uint64_t bits = words_[w] & (~std::uint64_t{0} << (from % 64));
    while (bits == 0) {
      if (++w == words_.size()) return rows_;
      bits = words_[w];
    }
    return w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
  }

  // Calls fn(row) for every set row, in ascending order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      std::uint64_t bits = words_[w];
      while (bits != 0) {
        const auto bit = static_cast<std::size_t>(std::countr_zero(bits));
        fn(w * 64 + bit);
        bits &= bits - 1;
      }
    }
  }

  // Sets bit i to lookup(i) for every row: the one loop every leaf of a selector runs.
  // Builds each word in a register, so the column is read once and the mask written once.
  template <typename Lookup>
  static RowMask build(std::size_t rows, Lookup&& lookup) {
    RowMask mask(rows);
    const std::size_t full = rows / 64;
    for (std::size_t w = 0; w < full; ++w) {
      std::uint64_t word = 0;
      const std::size_t base = w * 64;
      for (std::size_t b = 0; b < 64; ++b) word |= std::uint64_t{lookup(base + b) ? 1U : 0U} << b;
      mask.words_[w] = word;
    }
    for (std::size_t row = full * 64; row < rows; ++row) {
      if (lookup(row)) mask.set(row);
    }
    return mask;
  }

  friend bool operator==(const RowMask&, const RowMask&) = default;

 private:
  void clear_tail() {
    if (rows_ % 64 != 0 && !words_.empty()) words_.back() &= (std::uint64_t{1} << (rows_ % 64)) - 1;
  }

  std::size_t rows_ = 0;
  std::vector<std::uint64_t> words_;
};

}  // namespace netvet::policy
