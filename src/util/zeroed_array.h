#pragma once
// An array that starts all zero without writing its memory: calloc takes large blocks
// fresh from the kernel, whose pages read as zero until first written. A working array
// the size of a national network (millions of entries) then costs only the pages a
// query touches, not a pass over all of them per thread.

#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>

namespace netvet {

template <typename T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>, "all-zero bytes must be a valid T");

 public:
  ZeroedArray() = default;
  // Zero again, `n` entries: a fresh block, the old one freed.
  void reset(std::size_t n) {
    data_.reset(n ? static_cast<T*>(std::calloc(n, sizeof(T))) : nullptr);
    if (n && !data_) throw std::bad_alloc();
    size_ = n;
  }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_.get()[i]; }
  const T& operator[](std::size_t i) const { return data_.get()[i]; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  std::size_t size_ = 0;
};

}  // namespace netvet
