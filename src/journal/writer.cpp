#include "journal/writer.hpp"

#include "env/thread_name.hpp"
#include "journal/chain.hpp"

#include <algorithm>
#include <future>
#include <limits>
#include <vector>

namespace ofpra::journal {

domain::Result<std::unique_ptr<JournalWriter>> JournalWriter::start(store::JournalStore& store, const Signer& signer,
                                                                    const env::Clock& clock, WriterOptions options) {
  if (options.max_batch == 0) options.max_batch = 1;
  if (auto s = store.put_key(signer.key_id(), signer.public_key_hex()); !s) return s.error();
  return std::unique_ptr<JournalWriter>(new JournalWriter(store, signer, clock, options));
}

JournalWriter::JournalWriter(store::JournalStore& store, const Signer& signer, const env::Clock& clock,
                             WriterOptions options)
    : store_(store), signer_(signer), clock_(clock), options_(options) {
  thread_ = std::thread([this] {
    env::name_this_thread("journal");
    // Every answer waits for this one thread: when it wakes it should not queue for a core
    // behind the io threads it serves (best effort: needs CAP_SYS_NICE).
    env::set_this_thread_nice(-5);
    run();
  });
}

JournalWriter::~JournalWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void JournalWriter::submit(domain::JournalEntry entry, Done done, std::optional<std::int64_t> decided_under,
                           std::vector<domain::JournalEntry> companions, store::JournalReceipt receipt) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(entry), std::move(done), decided_under, std::move(companions), std::move(receipt)});
    wake = queue_.size() >= wake_at_;
  }
  // Woken only when it waits for this: a writer lingering for a fuller batch, woken at every
  // entry, would cost each request two context switches.
  if (wake) wake_.notify_one();
}

domain::Result<domain::JournalEntry> JournalWriter::append(domain::JournalEntry entry) {
  std::promise<domain::Result<domain::JournalEntry>> promise;
  auto future = promise.get_future();
  submit(std::move(entry), [&promise](domain::Result<domain::JournalEntry> r) { promise.set_value(std::move(r)); });
  return future.get();
}

WriterStats JournalWriter::stats() const {
  WriterStats s;
  s.entries = entries_;
  s.batches = batches_;
  s.failures = failures_;
  s.last_batch_failed = last_failed_;
  s.tail_mismatch = tail_mismatch_;
  for (std::size_t i = 0; i < s.commit_durations.size(); ++i) s.commit_durations[i] = commit_durations_[i];
  s.commit_seconds = static_cast<double>(commit_nanoseconds_) / 1e9;
  std::lock_guard lock(mutex_);
  s.pending = queue_.size();
  return s;
}

void JournalWriter::run() {
  std::vector<Submission> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_at_ = 1;
      const auto woken = [this] { return stopping_ || !queue_.empty(); };
      if (!last_failed_) {
        wake_.wait(lock, woken);
      } else if (!wake_.wait_for(lock, options_.retry_every, woken)) {
        lock.unlock();
        recover();  // nothing asked meanwhile: try the store, so that readiness follows it
        continue;
      }
      if (queue_.empty()) return;  // stopping, and everything written
      if (options_.linger.count() > 0 && last_batch_size_ >= 4) {
        wake_at_ = std::min(2 * last_batch_size_, options_.max_batch);
        wake_.wait_for(lock, options_.linger, [&] { return stopping_ || queue_.size() >= wake_at_; });
      }
      wake_at_ = std::numeric_limits<std::size_t>::max();  // writing: nobody need wake it
      // Whatever queued while the previous batch was being written goes in this one.
      const auto n = std::min(queue_.size(), options_.max_batch);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    last_batch_size_ = batch.size();
    write_batch(batch);
    batch.clear();
  }
}

// After a failed commit nothing is taken on trust (a sync that failed once may have lost
// pages, and retrying it as if it had succeeded is how data is lost): a write must succeed
// again, and the chain's last entry must be the one its signed head names, before anything is
// appended.
bool JournalWriter::recover() {
  if (tail_mismatch_ || !store_.probe_write()) return false;
  auto head = store_.head();
  if (!head) return false;
  if (*head) {
    std::vector<domain::JournalEntry> tail;  // the head's entry and the one before it
    auto s = store_.scan(std::max<std::int64_t>(1, (*head)->seq - 1), [&](domain::JournalEntry&& e) {
      tail.push_back(std::move(e));
      return tail.size() < 2;
    });
    if (!s) return false;
    const auto& last = tail.empty() ? domain::JournalEntry{} : tail.back();
    const bool whole = !tail.empty() && last.seq == (*head)->seq && last.hash == (*head)->hash &&
                       (last.prev_hash.empty() || chain_hash(last.prev_hash, last) == last.hash);
    if (!whole) {
      tail_mismatch_ = true;
      return false;
    }
  }
  last_failed_ = false;
  return true;
}

void JournalWriter::write_batch(std::vector<Submission>& batch) {
  if (last_failed_ && !recover()) {
    failures_ += batch.size();
    const auto error = domain::unavailable_error(
        std::string("the journal could not be written: ") +
        (tail_mismatch_ ? "its last entry does not match its signed head" : "the store is not writable yet"));
    for (auto& submission : batch) submission.done(error);
    return;
  }
  // Which submissions the committed transaction wrote.
  std::vector<bool> written;
  // Chained from the head the store holds, under its lock: another process or node may have
  // extended the chain since this writer's last batch. The time is read there too and never
  // falls behind the head's (a clock stepped back, a node's clock behind another's): times
  // grow with seq, which is how a time is found in the journal (JournalStore::last_seq_before).
  auto extend = [&](const store::ChainState& state) {
    auto now = env::format_utc(clock_.now());
    if (state.head) now = std::max(now, state.head->signed_at);
    std::int64_t seq = state.head ? state.head->seq : 0;
    std::string hash = state.head ? state.head->hash : domain::journal_genesis_hash;
    store::ChainExtension out;
    written.assign(batch.size(), false);
    out.entries.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].decided_under && *batch[i].decided_under != state.access_generation) continue;
      written[i] = true;
      auto chain = [&](domain::JournalEntry& entry) {
        out.entries.push_back(&entry);
        entry.seq = ++seq;
        entry.recorded_at = now;
        entry.prev_hash = hash;
        entry.hash = chain_hash(hash, entry);
        hash = entry.hash;
        if (options_.checkpoint_every > 0 && seq % options_.checkpoint_every == 0) {
          domain::JournalCheckpoint c{seq, hash, now, {}, {}};
          signer_.sign(c);
          out.checkpoints.push_back(std::move(c));
        }
      };
      chain(batch[i].entry);
      if (!batch[i].receipt.key.empty()) {
        out.receipts.push_back(batch[i].receipt);
        out.receipts.back().seq = batch[i].entry.seq;
      }
      for (auto& companion : batch[i].companions) chain(companion);
    }
    if (out.entries.empty()) return out;
    out.head = {seq, hash, now, {}, {}};
    signer_.sign(out.head);
    return out;
  };
  const auto started = clock_.monotonic();
  auto status = store_.append(extend);
  const std::chrono::duration<double> took = clock_.monotonic() - started;
  std::size_t bucket = 0;
  while (bucket < commit_duration_bounds.size() && took.count() > commit_duration_bounds[bucket]) ++bucket;
  ++commit_durations_[bucket];
  commit_nanoseconds_ += static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count());
  if (status) {
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < batch.size(); ++i)
      if (written[i]) count += 1 + batch[i].companions.size();
    entries_ += count;
    if (count) ++batches_;
    last_failed_ = false;
    const domain::Error stale{
        "the partner's access changed while the answer was being decided", {}, domain::ErrorKind::stale};
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (written[i])
        batch[i].done(std::move(batch[i].entry));
      else
        batch[i].done(stale);
    }
  } else {
    // The transaction was rolled back: the chain stays where it was, and nobody may answer.
    failures_ += batch.size();
    last_failed_ = true;
    const auto error = domain::unavailable_error("the journal could not be written: " + status.error().message);
    for (auto& submission : batch) submission.done(error);
  }
}

}  // namespace ofpra::journal
