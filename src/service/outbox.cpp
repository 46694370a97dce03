#include "service/outbox.hpp"
#include "env/thread_name.hpp"

#include <fstream>
#include <system_error>

namespace ofpra::service {
namespace {

class FileSender final : public Sender {
 public:
  explicit FileSender(std::filesystem::path folder) : folder_(std::move(folder)) {}
  domain::Status send(const store::OutboxMessage& m) override {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (ec) return domain::Error{"the outbox folder cannot be created", {}};
    std::filesystem::permissions(folder_, std::filesystem::perms::owner_all, ec);
    const auto path = folder_ / (std::to_string(m.id) + "-" + m.channel + ".txt");
    const auto partial = path.string() + ".tmp";
    {
      std::ofstream out(partial, std::ios::trunc);
      if (!out) return domain::Error{"an outbox file cannot be written", {}};
      std::filesystem::permissions(partial, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                   ec);
      out << "Canal: " << m.channel << "\nÀ: " << m.recipient << "\nObjet: " << m.subject << "\n\n" << m.body << "\n";
      if (!out.flush()) return domain::Error{"an outbox file cannot be written", {}};
    }
    // Whole or absent: a reader never sees half a message.
    std::filesystem::rename(partial, path, ec);
    if (ec) return domain::Error{"an outbox file cannot be written", {}};
    return domain::success();
  }

 private:
  std::filesystem::path folder_;
};

}  // namespace

std::unique_ptr<Sender> file_sender(std::filesystem::path folder) {
  return std::make_unique<FileSender>(std::move(folder));
}

std::size_t OutboxDispatcher::drain() {
  std::size_t sent = 0;
  for (;;) {
    auto batch = store_.claim_unsent(32, outbox_max_attempts);
    if (!batch) delivering_ = false;
    if (!batch || batch->empty()) return sent;
    std::size_t progress = 0;
    for (const auto& m : *batch) {
      if (auto s = sender_.send(m); !s) {
        // The error says what failed, never to whom or what: it may reach a log.
        (void)store_.mark_failed(m.id, s.error().message);
        delivering_ = false;
        continue;
      }
      delivering_ = true;
      if (store_.mark_sent(m.id)) ++progress;
    }
    sent += progress;
    if (progress == 0) return sent;  // every message failed: retried at the next round
  }
}

void OutboxDispatcher::start() {
  thread_ = std::thread([this] {
    env::name_this_thread("outbox");
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      pending_ = false;
      lock.unlock();
      drain();
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(5), [this] { return stopping_ || pending_; });
    }
  });
}

void OutboxDispatcher::wake() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  wake_.notify_all();
}

void OutboxDispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace ofpra::service
