#pragma once
// Internal to src/store: a fixed number of connections shared by concurrent calls. A call
// leases one, blocking while all are in use; a connection found broken is dropped on
// return and a new one opened by the next lease.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "util/diagnostic.h"

namespace netvet::store {

template <typename Connection>
class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

  Pool(Factory factory, std::size_t size) : factory_(std::move(factory)), free_slots_(size == 0 ? 1 : size) {}

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection) : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ == nullptr || connection_ == nullptr) return;
      const bool drop = !connection_->healthy();
      pool_->give_back(std::move(connection_), drop);
    }
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Result<Lease> lease() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || free_slots_ > 0; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    --free_slots_;
    lock.unlock();
    auto opened = factory_();
    if (!opened) {
      give_back(nullptr, true);
      return std::unexpected(opened.error());
    }
    return Lease(this, std::move(*opened));
  }

 private:
  void give_back(std::unique_ptr<Connection> connection, bool broken) {
    {
      std::lock_guard lock(mutex_);
      if (broken || connection == nullptr) {
        ++free_slots_;
      } else {
        idle_.push_back(std::move(connection));
      }
    }
    available_.notify_one();
  }

  Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t free_slots_;  // connections that may still be opened
};

}  // namespace netvet::store
