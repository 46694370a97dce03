#pragma once
// A fixed set of connections shared by the threads of one node: a thread leases one for a
// store call or a transaction and gives it back. A connection found broken (the server
// restarted, a failover) is replaced on its next lease rather than handed out.
#include "store/postgres/connection.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

namespace ofpra::store::postgres {

class Pool {
 public:
  // Opens the first connection now (so that a wrong URL fails at start-up), the others on
  // demand, up to size.
  static Result<std::unique_ptr<Pool>> open(std::string url, std::size_t size);

  class Lease {
   public:
    Lease(Pool& pool, std::size_t slot) : pool_(&pool), slot_(slot) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), slot_(o.slot_) { o.pool_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const;
    Connection* operator->() const { return &**this; }

   private:
    Pool* pool_;
    std::size_t slot_;
  };

  // Waits up to `wait` for a free connection; an error when none frees up or none can open.
  Result<Lease> acquire(std::chrono::milliseconds wait = std::chrono::seconds(5));
  std::size_t size() const { return slots_.size(); }

 private:
  Pool(std::string url, std::size_t size) : url_(std::move(url)), slots_(size), busy_(size, false) {}
  void release(std::size_t slot);
  std::string url_;
  std::vector<std::optional<Connection>> slots_;
  std::vector<bool> busy_;
  std::mutex mutex_;
  std::condition_variable freed_;
};

}  // namespace ofpra::store::postgres
