#pragma once
// The first of a few given bytes in a text, found eight bytes at a time: the inner loop
// of the CSV and JSON scanners, which look for a handful of separators and quotes in
// hundreds of megabytes. (A word-at-a-time "has zero byte" test: Hacker's Delight,
// section 6-1; no SIMD intrinsics, so it builds for any 64-bit little-endian target.)

#include <bit>
#include <cstdint>
#include <cstring>

namespace netvet {

namespace byte_scan_detail {
inline constexpr std::uint64_t kOnes = 0x0101'0101'0101'0101u;
inline constexpr std::uint64_t kHighs = 0x8080'8080'8080'8080u;

// High bit set in each byte of `word` equal to `byte`. Borrows can set bits above the
// first true match, never below it: the lowest bit set is exact, which is all we read.
constexpr std::uint64_t bytes_equal(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kOnes * byte);
  return (x - kOnes) & ~x & kHighs;
}
}  // namespace byte_scan_detail

// The first byte in [p, end) that is one of kBytes, or end.
template <unsigned char... kBytes>
const char* find_first_of(const char* p, const char* end) {
  static_assert(std::endian::native == std::endian::little, "the word scan reads the first byte lowest");
  using byte_scan_detail::bytes_equal;
  for (; end - p >= 8; p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    const std::uint64_t hits = (bytes_equal(word, kBytes) | ...);
    if (hits != 0) return p + std::countr_zero(hits) / 8;
  }
  while (p < end && ((static_cast<unsigned char>(*p) != kBytes) && ...)) ++p;
  return p;
}

}  // namespace netvet
