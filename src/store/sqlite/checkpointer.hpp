#pragma once
// Copies the write-ahead log into the database on a thread and connection of its own.
#include "store/sqlite/connection.hpp"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace ofpra::store::sqlite {

// SQLite checkpoints inside the commit that takes the log past 1,000 frames: with the
// journal committing a batch every millisecond or two, one batch in about seventy waited
// several milliseconds for the copy and the database's sync, and every answer in it with
// it (paced load: p99 8.6-9.2 ms with the checkpoints in the commit, 5.0-5.5 ms without).
// Here the copy is done beside the writers, from a third of the way, so that the writers'
// own checkpoint, kept so that the log is still restarted from its beginning and does not
// grow without end, finds little or nothing left to copy. It copies in strides of the first
// threshold, not after every commit past it: each copy syncs the log and the database (two
// flushes) and rewrites every page a commit touched since the last, and the same index and
// table pages are touched by commit after commit (a copy after nearly every commit: 690
// flushes a second and 6.7 pages per commit under the benchmark's load).
class Checkpointer {
 public:
  struct Thresholds {
    int background = 300;  // frames added to the log since its last copy from which this thread copies them
    int in_commit = 1000;  // frames from which the committing connection does (SQLite's default)
  };
  struct Stats {
    std::uint64_t runs = 0;      // background checkpoints done
    std::uint64_t failures = 0;  // of which failed (retried at the next commit)
    int last_checkpointed_frames = 0;
  };

  static domain::Result<std::unique_ptr<Checkpointer>> start(const std::string& path, Thresholds thresholds,
                                                             const std::string& vfs = {});
  ~Checkpointer();  // finishes a checkpoint in progress, then stops
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Installs on a writing connection the hook that hands the log's copying to this thread,
  // and has it copy in its own commit only past the second threshold. The connection must be
  // closed before this checkpointer is destroyed.
  void watch(Connection& writer);
  Stats stats() const;

 private:
  Checkpointer(Connection connection, Thresholds thresholds);
  void log_holds(int frames);
  void run();

  Connection connection_;
  const Thresholds thresholds_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;       // guarded by mutex_
  int copied_ = 0;         // frames of the log copied by the last run; guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  Stats stats_;            // guarded by mutex_
  std::thread thread_;
};

}  // namespace ofpra::store::sqlite
