#include "model/string_pool.h"

#include <cstring>

namespace netvet {

StringPool::StringPool() {
  views_.emplace_back();
  index_.emplace(std::string_view{}, kEmptyStr);
}

std::string_view StringPool::store(std::string_view text) {
  if (text.size() > kChunkSize / 4) {
    // A long text gets a chunk of its own, so chunks are not wasted on it. The chunk
    // being filled stays `current_`: the next short text goes on where the last one ended.
    chunks_.push_back(std::make_unique<char[]>(text.size()));
    std::memcpy(chunks_.back().get(), text.data(), text.size());
    return {chunks_.back().get(), text.size()};
  }
  if (current_ == nullptr || chunks_.empty() || chunk_used_ + text.size() > kChunkSize) {
    chunks_.push_back(std::make_unique<char[]>(kChunkSize));
    current_ = chunks_.back().get();
    chunk_used_ = 0;
  }
  char* at = current_ + chunk_used_;
  std::memcpy(at, text.data(), text.size());
  chunk_used_ += text.size();
  return {at, text.size()};
}

StrId StringPool::intern(std::string_view text) {
  if (text.empty()) return kEmptyStr;  // optional columns are mostly empty: skip the hash
  // One probe finds the string or the slot a new one goes into.
  auto it = index_.lazy_emplace(text, [&](const auto& construct) {
    const auto id = static_cast<StrId>(views_.size());
    const std::string_view stored = store(text);
    text_bytes_ += text.size();
    views_.push_back(stored);
    construct(stored, id);
  });
  return it->second;
}

void StringPool::reserve(std::size_t strings) {
  if (strings <= views_.size()) return;
  views_.reserve(strings);
  index_.reserve(strings);
}

std::optional<StrId> StringPool::find(std::string_view text) const {
  if (auto it = index_.find(text); it != index_.end()) return it->second;
  return std::nullopt;
}

}  // namespace netvet
