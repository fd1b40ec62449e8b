#pragma once
// An array that starts all zero without writing its memory: an anonymous mapping's pages
// read as zero until first written. A working array the size of a national network
// (millions of entries) then costs only the pages a query touches, not a pass over all
// of them per thread. Large arrays also ask for transparent huge pages (where the kernel
// offers them on request): a search that touches most of a 24 MB array then takes a
// dozen page faults instead of six thousand, which on a virtual machine is most of its
// cost.

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

namespace netvet {

template <typename T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>, "all-zero bytes must be a valid T");

 public:
  ZeroedArray() = default;
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ~ZeroedArray() { release(); }

  // Zero again, `n` entries: a fresh mapping, the old one returned.
  void reset(std::size_t n) {
    release();
    if (n == 0) return;
    const std::size_t bytes = n * sizeof(T);
    const bool huge = bytes >= kHugePage;
    mapped_bytes_ = bytes + (huge ? kHugePage : 0);  // room to start on a huge-page boundary
    void* raw = mmap(nullptr, mapped_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
      mapped_bytes_ = 0;
      throw std::bad_alloc();
    }
    mapped_ = raw;
    auto start = reinterpret_cast<std::uintptr_t>(raw);
    if (huge) {
      start = (start + kHugePage - 1) & ~(std::uintptr_t{kHugePage} - 1);
      madvise(reinterpret_cast<void*>(start), bytes, MADV_HUGEPAGE);  // a hint: without, plain pages
    }
    data_ = reinterpret_cast<T*>(start);
    size_ = n;
  }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  void release() {
    if (mapped_) munmap(mapped_, mapped_bytes_);
    mapped_ = nullptr;
    mapped_bytes_ = 0;
    data_ = nullptr;
    size_ = 0;
  }

  void* mapped_ = nullptr;
  std::size_t mapped_bytes_ = 0;
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace netvet
