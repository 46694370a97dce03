#pragma once
// Storage of the journal (DESIGN §6). The chain logic lives in src/journal/; this is only
// where its entries, checkpoints and keys are kept.
#include "domain/journal_entry.hpp"
#include "domain/result.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::store {

struct JournalQuery {
  std::string person{};                           // numero_ofpra; empty: any
  std::string partner_siret{};                    // empty: any
  std::string agent{};                            // the partner's id of its end user; empty: any
  std::optional<domain::JournalResult> result{};  // none: any
  // Entries of that channel only, or with except_channel of every other one; none: any.
  std::optional<domain::JournalChannel> channel{};
  bool except_channel = false;
  std::string from{};           // recorded_at >= from (RFC 3339 prefix); empty: no bound
  std::string to{};             // recorded_at < to; empty: no bound
  std::int64_t before_seq = 0;  // page cursor: entries with seq < before_seq; 0: from the newest
  std::size_t limit = 50;
};

// What a batch is chained onto, read in the append's transaction under the chain's lock.
struct ChainState {
  std::optional<domain::JournalCheckpoint> head;  // none for an empty journal
  // The partner-access generation as committed now (bumped by every change to clients,
  // partners and habilitations): an answer decided on an older copy of them is not written.
  std::int64_t access_generation = 0;
};

// What the work that asked for an entry keeps of it, written in the entry's transaction or not at
// all: a bulk job's item (service/bulk_jobs.hpp) knows after any crash whether it was journaled,
// and with which answer. Not part of the chain.
struct JournalReceipt {
  std::string key;       // unique; ordered as its owner reads them back
  std::int64_t seq = 0;  // the entry's
  std::string payload;
};

// What an append writes: nothing at all when entries is empty.
struct ChainExtension {
  // Chained (seq, time and hashes set); they belong to the caller and outlive the append.
  std::vector<const domain::JournalEntry*> entries;
  std::vector<JournalReceipt> receipts;                // of some of those entries
  std::vector<domain::JournalCheckpoint> checkpoints;  // periodic signed checkpoints, if any
  domain::JournalCheckpoint head;                      // the new signed head
};

using ExtendChain = std::function<ChainExtension(const ChainState& state)>;

class JournalStore {
 public:
  virtual ~JournalStore() = default;
  // Writes what extend returns in one transaction that is on disk when this returns
  // successfully. The store reads the chain's state and calls extend while it holds the chain's
  // lock, so that writers in several processes or on several nodes extend one chain. extend may
  // run more than once (a transaction run again), each time from the state then current.
  virtual domain::Status append(const ExtendChain& extend) = 0;
  virtual domain::Result<std::optional<domain::JournalCheckpoint>> head() = 0;
  // A durable write transaction that changes nothing (the head rewritten as it is): whether
  // the journal can be written now, without adding to it.
  virtual domain::Status probe_write() = 0;
  // Visits entries in seq order from from_seq; stops when visit returns false. Each entry's
  // prev_hash is the hash before it: of the entry read before, or for the first one, of the
  // entry or checkpoint at seq - 1 (the genesis hash at seq 1; empty when nothing anchors it).
  virtual domain::Status scan(std::int64_t from_seq, const std::function<bool(domain::JournalEntry&&)>& visit) = 0;
  virtual domain::Result<std::vector<domain::JournalCheckpoint>> checkpoints() = 0;
  // Newest first; prev_hash is left empty (it is not stored).
  virtual domain::Result<std::vector<domain::JournalEntry>> search(const JournalQuery& query) = 0;
  // Deletes entries with seq <= through_seq and records anchor (a checkpoint at through_seq),
  // in one transaction. Returns how many entries were deleted.
  virtual domain::Result<std::int64_t> purge_through(std::int64_t through_seq,
                                                     const domain::JournalCheckpoint& anchor) = 0;
  // Receipts with from_key <= key < to_key, in key order, at most limit.
  virtual domain::Result<std::vector<JournalReceipt>> receipts(const std::string& from_key, const std::string& to_key,
                                                               std::size_t limit) = 0;
  virtual domain::Result<std::int64_t> count_receipts(const std::string& from_key, const std::string& to_key) = 0;
  virtual domain::Result<std::int64_t> delete_receipts(const std::string& from_key, const std::string& to_key) = 0;
  // The last seq recorded strictly before a time, or 0.
  virtual domain::Result<std::int64_t> last_seq_before(const std::string& recorded_before) = 0;
  // Public keys that signed checkpoints, by key id (hex).
  virtual domain::Status put_key(const std::string& key_id, const std::string& public_key_hex) = 0;
  virtual domain::Result<std::optional<std::string>> key(const std::string& key_id) = 0;
};

}  // namespace ofpra::store
