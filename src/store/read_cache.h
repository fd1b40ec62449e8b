#pragma once
// Internal to src/store: the answers of reads of immutable rows (an assessment and its
// check, a submission's metadata), kept in memory by least recent use within a budget of
// bytes, so that the service's most frequent reads skip the database.
//
// Safe because of what is cached and under what key. Submissions and assessments are
// never updated or deleted (the service's database role may not), so an answer once
// found stays true; an empty answer is never kept, since the row may yet be written.
// The key holds the caller's session (role and operator) besides the statement and its
// parameters: an answer is only ever given to a caller with exactly the rights under
// which the database (and, on PostgreSQL, its row-level security) produced it. So another
// operator's id misses and goes to the database, and answers, in time and in content,
// like an id that does not exist.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

#include "store/connection.h"

namespace netvet::store {

class ReadCache {
 public:
  explicit ReadCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

  static std::string key(const Session& session, std::string_view sql, std::span<const Param> params) {
    std::string key;
    const auto add = [&](std::string_view part) {
      key += std::to_string(part.size());  // length-prefixed: no two keys run together alike
      key += ':';
      key += part;
    };
    add(session.role);
    add(session.operator_id);
    add(sql);
    for (const Param& param : params) add(param.kind == Param::Kind::integer ? std::to_string(param.number) : std::string(param.text));
    return key;
  }

  std::optional<Rows> find(const std::string& key) {
    std::shared_ptr<const Rows> found;
    {
      std::lock_guard lock(mutex_);
      auto at = index_.find(key);
      if (at == index_.end()) return std::nullopt;
      order_.splice(order_.begin(), order_, at->second);
      found = at->second->rows;
    }
    return *found;  // copied outside the lock
  }

  // Keeps a non-empty answer unless it alone would take a sixteenth of the budget (a
  // large document is read rarely and would push out everything else).
  void keep(const std::string& key, const Rows& rows) {
    const std::size_t size = key.size() + rows.bytes();
    if (rows.empty() || size > budget_ / 16) return;
    auto copy = std::make_shared<const Rows>(rows);
    std::lock_guard lock(mutex_);
    if (index_.contains(key)) return;
    order_.push_front({key, std::move(copy), size});
    index_.emplace(key, order_.begin());
    used_ += size;
    while (used_ > budget_ && !order_.empty()) {
      used_ -= order_.back().size;
      index_.erase(order_.back().key);
      order_.pop_back();
    }
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Rows> rows;
    std::size_t size;
  };
  std::size_t budget_;
  std::size_t used_ = 0;
  std::mutex mutex_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace netvet::store
