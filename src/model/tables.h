#pragma once
// Column types shared by the inventory tables: dense row indices, list-valued columns in
// compressed form, and the extra (unknown) columns that readers keep as attributes.

#include <cassert>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/string_pool.h"

namespace netvet {

using Index = std::uint32_t;  // a row of one table
inline constexpr Index kNoIndex = std::numeric_limits<Index>::max();
inline constexpr std::int64_t kNoCount = -1;  // an absent `subscribers`

// A list per row (tags, served_by), stored as one flat array with row offsets, the way
// a compressed sparse row matrix is: two allocations for a million rows.
template <typename T>
class ListColumn {
 public:
  ListColumn() : offsets_{0} {}
  // From the compressed form itself: offsets (rows + 1 of them, from 0, ascending, the
  // last one items.size()) and the items of every row in turn.
  ListColumn(std::vector<std::uint32_t> offsets, std::vector<T> items)
      : offsets_(std::move(offsets)), items_(std::move(items)) {
    assert(!offsets_.empty() && offsets_.front() == 0 && offsets_.back() == items_.size());
  }
  void push_row(std::span<const T> items) {
    items_.insert(items_.end(), items.begin(), items.end());
    offsets_.push_back(static_cast<std::uint32_t>(items_.size()));
  }
  void push_empty() { offsets_.push_back(static_cast<std::uint32_t>(items_.size())); }
  std::span<const T> operator[](Index row) const {
    return {items_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]};
  }
  std::size_t rows() const { return offsets_.size() - 1; }
  bool any() const { return !items_.empty(); }
  void reserve(std::size_t rows, std::size_t items) {
    offsets_.reserve(rows + 1);
    items_.reserve(items);
  }
  // For the analyses that rewrite a list in place (resolving ids, for example).
  std::span<T> mutable_items() { return items_; }

 private:
  std::vector<std::uint32_t> offsets_;
  std::vector<T> items_;
};

// Columns a reader did not recognise: kept, so that nothing the user wrote is lost on a
// round trip, and available to selectors later.
struct ExtraColumns {
  std::vector<std::string> names;
  std::vector<std::vector<StrId>> values;  // values[column][row], kEmptyStr when blank

  // The column named `name`, created (blank for `rows` existing rows) when new.
  std::size_t column(const std::string& name, std::size_t rows);
  // Adds a blank to every column so that all columns have `rows` rows.
  void pad_to(std::size_t rows);
};

}  // namespace netvet
