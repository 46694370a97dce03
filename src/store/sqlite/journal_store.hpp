#pragma once
// The journal on SQLite, on a connection of its own so that journal commits never queue
// behind registry work in the same process.
#include "env/clock.hpp"
#include "store/journal_store.hpp"
#include "store/sqlite/connection.hpp"

#include <mutex>

namespace ofpra::store::sqlite {

class SqliteJournalStore final : public JournalStore {
 public:
  SqliteJournalStore(Connection connection, const env::Clock& clock)
      : connection_(std::move(connection)), clock_(clock) {}

  domain::Status append(std::span<const domain::JournalEntry> entries,
                        std::span<const domain::JournalCheckpoint> checkpoints,
                        const domain::JournalCheckpoint& head) override;
  domain::Result<std::optional<domain::JournalCheckpoint>> head() override;
  domain::Status scan(std::int64_t from_seq, const std::function<bool(domain::JournalEntry&&)>& visit) override;
  domain::Result<std::vector<domain::JournalCheckpoint>> checkpoints() override;
  domain::Result<std::vector<domain::JournalEntry>> search(const JournalQuery& query) override;
  domain::Result<std::int64_t> purge_through(std::int64_t through_seq,
                                             const domain::JournalCheckpoint& anchor) override;
  domain::Result<std::int64_t> last_seq_before(const std::string& recorded_before) override;
  domain::Status put_key(const std::string& key_id, const std::string& public_key_hex) override;
  domain::Result<std::optional<std::string>> key(const std::string& key_id) override;

 private:
  Connection connection_;
  const env::Clock& clock_;
  std::mutex mutex_;
};

}  // namespace ofpra::store::sqlite
