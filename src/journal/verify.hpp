#pragma once
// `journal verify`: recomputes the whole chain and checks every signature, and names the
// first entry that was altered, removed, inserted or moved.
#include "domain/result.hpp"
#include "store/journal_store.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ofpra::journal {

struct VerifyReport {
  bool intact = true;
  std::int64_t entries = 0;
  std::int64_t first_seq = 0;
  std::int64_t last_seq = 0;
  std::int64_t checkpoints = 0;
  std::int64_t bad_seq = 0;  // the first entry found wrong (or missing)
  std::string problem;       // in words, naming that entry
  bool trusted_key = false;  // signatures were checked against a key from outside the database
  // Entries after the last signature (an export of a period ending between checkpoints): they
  // chain, but nothing shows whether entries after them were cut.
  std::int64_t unsigned_tail = 0;
};

// trusted_public_key: the key from the key folder; without it, the keys recorded in the
// database are used (which an attacker able to rewrite the database could also rewrite).
domain::Result<VerifyReport> verify(store::JournalStore& store, const std::optional<std::string>& trusted_public_key);

// An export (journal export) checked alone, as a third party would with the key OFPRA
// publishes: the chain recomputed from its lines, its checkpoints and signed head checked with
// public_key_hex, so that an entry altered, removed or cut from the end shows. An error for a
// file that cannot be read or a line that is neither an entry nor a checkpoint.
domain::Result<VerifyReport> verify_export(const std::filesystem::path& file, const std::string& public_key_hex);

}  // namespace ofpra::journal
