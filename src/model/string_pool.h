#pragma once
// Interned strings with dense ids. Every text cell of an inventory (ids, models, tags,
// vendor spellings) is stored once; columns hold 4-byte StrIds, so a million elements
// stay compact and comparisons are integer comparisons.

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>
#include <absl/strings/string_view.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace netvet {

// Hashes a std::string_view with abseil's own string hash. Debian builds abseil with its
// own string_view type, so absl::Hash<std::string_view> falls back to std::hash: an
// out-of-line call, 7% of loading a million-element network.
struct ViewHash {
  std::size_t operator()(std::string_view text) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(text.data(), text.size()));
  }
};

using StrId = std::uint32_t;
inline constexpr StrId kEmptyStr = 0;  // the empty string; also "absent" for optional text

class StringPool {
 public:
  StringPool();
  StringPool(StringPool&&) noexcept = default;
  StringPool& operator=(StringPool&&) noexcept = default;
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  // The id of `text`, adding it when new. Views returned earlier stay valid.
  StrId intern(std::string_view text);
  // The id of `text` when it was interned before.
  std::optional<StrId> find(std::string_view text) const;
  // Starts loading the part of the index find(text) or intern(text) will read, so that a
  // batch of lookups can overlap their cache misses (prefetch a few ahead, then find).
  void prefetch(std::string_view text) const { index_.prefetch(text); }
  // Room for `strings` strings in all, so that a big load does not regrow the index.
  void reserve(std::size_t strings);
  std::string_view operator[](StrId id) const { return views_[id]; }
  std::size_t size() const { return views_.size(); }
  // Bytes held by the text itself (not the index), for memory reports.
  std::size_t text_bytes() const { return text_bytes_; }

 private:
  std::string_view store(std::string_view text);

  static constexpr std::size_t kChunkSize = 1 << 20;
  std::vector<std::unique_ptr<char[]>> chunks_;  // owners: chunks of kChunkSize and long texts
  char* current_ = nullptr;  // the kChunkSize chunk short texts are going into (in chunks_)
  std::size_t chunk_used_ = 0;  // bytes of current_ in use
  std::size_t text_bytes_ = 0;
  std::vector<std::string_view> views_;
  absl::flat_hash_map<std::string_view, StrId, ViewHash> index_;
};

}  // namespace netvet
