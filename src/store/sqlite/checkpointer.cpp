#include "store/sqlite/checkpointer.hpp"

#include "env/thread_name.hpp"

namespace ofpra::store::sqlite {

domain::Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path, Thresholds thresholds,
                                                                  const std::string& vfs) {
  auto connection = Connection::open(path, false, LogWrites::direct, vfs);
  if (!connection) return connection.error();
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(*connection), thresholds));
}

Checkpointer::Checkpointer(Connection connection, Thresholds thresholds)
    : connection_(std::move(connection)), thresholds_(thresholds) {
  thread_ = std::thread([this] {
    env::name_this_thread("checkpoint");
    // Background copying: it gives way to the threads answers wait for (the committing
    // connection copies the log itself if this thread falls behind).
    env::set_this_thread_nice(5);
    run();
  });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::watch(Connection& writer) {
  writer.on_wal_commit([this](int frames) {
    log_holds(frames);
    // The log restarts from its beginning only at a write that finds it all copied, which
    // this thread, racing the next commits, seldom sees: the writer finishes the copy.
    return frames >= thresholds_.in_commit;
  });
}

void Checkpointer::log_holds(int frames) {
  {
    std::lock_guard lock(mutex_);
    if (frames < copied_) copied_ = 0;  // the log started over
    if (due_ || frames - copied_ < thresholds_.background) return;
    due_ = true;
  }
  wake_.notify_one();
}

Checkpointer::Stats Checkpointer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void Checkpointer::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return due_ || stopping_; });
      if (stopping_) return;
      due_ = false;
    }
    auto progress = connection_.checkpoint();
    std::lock_guard lock(mutex_);
    ++stats_.runs;
    if (!progress) {
      ++stats_.failures;
      continue;
    }
    stats_.last_checkpointed_frames = progress->checkpointed_frames;
    // Had the log started over meanwhile, the next commit finds it shorter and resets this.
    copied_ = progress->checkpointed_frames;
  }
}

}  // namespace ofpra::store::sqlite
