#include "journal/writer.hpp"

#include "journal/chain.hpp"

#include <future>
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
  thread_ = std::thread([this] { run(); });
}

JournalWriter::~JournalWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void JournalWriter::submit(domain::JournalEntry entry, Done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::move(entry), std::move(done));
  }
  wake_.notify_one();
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
  std::lock_guard lock(mutex_);
  s.pending = queue_.size();
  return s;
}

void JournalWriter::run() {
  std::deque<std::pair<domain::JournalEntry, Done>> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything written
      if (options_.linger.count() > 0 && last_batch_size_ >= 4) {
        const auto enough = std::min(2 * last_batch_size_, options_.max_batch);
        wake_.wait_for(lock, options_.linger, [&] { return stopping_ || queue_.size() >= enough; });
      }
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

void JournalWriter::write_batch(std::deque<std::pair<domain::JournalEntry, Done>>& batch) {
  std::vector<domain::JournalEntry> entries;
  entries.reserve(batch.size());
  for (auto& item : batch) entries.push_back(std::move(item.first));
  // Chained from the head the store holds, under its lock: another process or node may have
  // extended the chain since this writer's last batch. The time is read there too, so that
  // times grow with seq across writers whose clocks agree.
  auto extend = [this](const std::optional<domain::JournalCheckpoint>& head, std::span<domain::JournalEntry> chained) {
    const auto now = env::format_utc(clock_.now());
    std::int64_t seq = head ? head->seq : 0;
    std::string hash = head ? head->hash : genesis_hash;
    store::ChainExtension out;
    for (auto& entry : chained) {
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
    }
    out.head = {seq, hash, now, {}, {}};
    signer_.sign(out.head);
    return out;
  };
  auto status = store_.append(entries, extend);
  if (status) {
    entries_ += batch.size();
    ++batches_;
    last_failed_ = false;
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].second(std::move(entries[i]));
  } else {
    // The transaction was rolled back: the chain stays where it was, and nobody may answer.
    failures_ += batch.size();
    last_failed_ = true;
    const domain::Error error{"the journal could not be written: " + status.error().message, "journal"};
    for (auto& [entry, done] : batch) done(error);
  }
}

}  // namespace ofpra::journal
