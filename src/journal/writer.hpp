#pragma once
// Group commit: entries from many threads are queued, and a writer thread of its own appends
// whatever has queued up in one durable transaction (one fsync for the whole batch), extends
// the chain, signs the new head, then tells each submitter. Callers never wait on the disk
// from an io thread: they are called back.
#include "domain/journal_entry.hpp"
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "journal/signer.hpp"
#include "store/journal_store.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

namespace ofpra::journal {

struct WriterOptions {
  std::size_t max_batch = 4096;            // 1 gives one transaction (one fsync) per entry
  std::int64_t checkpoint_every = 10'000;  // a signed checkpoint row every N entries
  // Under load (the previous commit carried several entries), wait up to this long for the
  // queue to reach twice the previous batch before committing: fewer, larger commits cost
  // less CPU per entry. An isolated entry never waits.
  std::chrono::microseconds linger{300};
  // After a failed commit, how often the writer tries the store again by itself, so that
  // /readyz tells when the journal is writable again without a request having to fail first.
  std::chrono::milliseconds retry_every{1000};
};

// Upper bounds (seconds) of the commit-duration buckets: a commit is one transaction with its
// sync, so these say how the disk answers.
inline constexpr std::array<double, 10> commit_duration_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                               0.025,  0.05,  0.1,    0.25,  1.0};

struct WriterStats {
  std::uint64_t entries = 0;       // committed
  std::uint64_t batches = 0;       // committed transactions
  std::uint64_t failures = 0;      // entries refused because the store failed
  std::uint64_t pending = 0;       // waiting in the queue
  bool last_batch_failed = false;  // and not yet written again: answers are refused
  // After a failure, the chain's last entry did not match its signed head: the store lost or
  // changed what it had said was written. Every answer is refused until an operator acts.
  bool tail_mismatch = false;
  // Transactions (committed or not) by duration, per bucket of commit_duration_bounds (the last:
  // longer than all), with their total time.
  std::array<std::uint64_t, commit_duration_bounds.size() + 1> commit_durations{};
  double commit_seconds = 0;
};

class JournalWriter {
 public:
  // Called on the writer thread with the committed entry (seq, time and hashes set), or with
  // the error that kept it from being written.
  using Done = std::function<void(domain::Result<domain::JournalEntry>)>;

  // Registers the signer's public key; each batch continues the chain from the store's head.
  static domain::Result<std::unique_ptr<JournalWriter>> start(store::JournalStore& store, const Signer& signer,
                                                              const env::Clock& clock, WriterOptions options = {});
  ~JournalWriter();  // writes what is queued, then stops
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // decided_under, when given, is the partner-access generation the entry's answer was decided
  // on: the entry is written only if the store's generation is still that one when its batch
  // commits (otherwise done gets an error that is_stale()). An answer decided on an
  // in-memory copy of the access is thus never given after a change to it has committed.
  // companions are written right after the entry, in the same transaction or not at all (the
  // candidates of an ambiguous identity, each in her own history); done gets the entry only.
  // receipt, when it has a key, is written with the entry (its seq set), in the same transaction.
  void submit(domain::JournalEntry entry, Done done, std::optional<std::int64_t> decided_under = std::nullopt,
              std::vector<domain::JournalEntry> companions = {}, store::JournalReceipt receipt = {});
  // Submits and waits: for command-line tools and tests, never for an io thread.
  domain::Result<domain::JournalEntry> append(domain::JournalEntry entry);
  WriterStats stats() const;

 private:
  JournalWriter(store::JournalStore& store, const Signer& signer, const env::Clock& clock, WriterOptions options);
  struct Submission {
    domain::JournalEntry entry;
    Done done;
    std::optional<std::int64_t> decided_under;
    std::vector<domain::JournalEntry> companions;
    store::JournalReceipt receipt;
  };
  void run();
  void write_batch(std::vector<Submission>& batch);
  bool recover();

  store::JournalStore& store_;
  const Signer& signer_;
  const env::Clock& clock_;
  WriterOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Submission> queue_;
  std::size_t wake_at_ = 1;  // the queue length at which the writer wants waking
  bool stopping_ = false;
  std::atomic<std::uint64_t> entries_{0}, batches_{0}, failures_{0};
  std::atomic<bool> last_failed_{false};
  std::atomic<bool> tail_mismatch_{false};
  std::array<std::atomic<std::uint64_t>, commit_duration_bounds.size() + 1> commit_durations_{};
  std::atomic<std::uint64_t> commit_nanoseconds_{0};
  std::size_t last_batch_size_ = 0;  // the writer thread's own
  std::thread thread_;
};

}  // namespace ofpra::journal
