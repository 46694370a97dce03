#include "store/postgres/pool.hpp"

namespace ofpra::store::postgres {

Result<std::unique_ptr<Pool>> Pool::open(std::string url, std::size_t size) {
  if (size == 0) return domain::Error{"a pool needs at least one connection", "pool_size"};
  std::unique_ptr<Pool> pool(new Pool(std::move(url), size));
  auto first = Connection::open(pool->url_);
  if (!first) return first.error();
  pool->slots_[0].emplace(std::move(*first));
  return pool;
}

Pool::Lease::~Lease() {
  if (pool_) pool_->release(slot_);
}

Connection& Pool::Lease::operator*() const { return *pool_->slots_[slot_]; }

Result<Pool::Lease> Pool::acquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  std::size_t slot = slots_.size();
  const bool got = freed_.wait_for(lock, wait, [&] {
    for (std::size_t i = 0; i < busy_.size(); ++i)
      if (!busy_[i]) {
        slot = i;
        return true;
      }
    return false;
  });
  if (!got) return domain::unavailable_error("PostgreSQL: no connection free in time");
  busy_[slot] = true;
  auto& c = slots_[slot];
  if (c && c->healthy()) return Lease(*this, slot);
  // Opened outside the lock: connecting takes a round trip or a timeout.
  lock.unlock();
  auto fresh = Connection::open(url_);
  lock.lock();
  if (!fresh) {
    busy_[slot] = false;
    freed_.notify_one();
    return fresh.error();
  }
  c.emplace(std::move(*fresh));
  return Lease(*this, slot);
}

void Pool::release(std::size_t slot) {
  {
    std::lock_guard lock(mutex_);
    busy_[slot] = false;
  }
  freed_.notify_one();
}

}  // namespace ofpra::store::postgres
