#pragma once
// Export of the journal for an audit: one JSON object per entry, in chain order, with its
// hashes so the auditor can recompute the chain; after the entry each signed checkpoint covers,
// {"checkpoint":{seq, hash, signed_at, key_id, signature}}, and at the end of a whole export
// {"head":{...}}, the signed head it stops at, so that a cut tail shows (verify_export).
#include "domain/result.hpp"
#include "store/journal_store.hpp"

#include <cstdint>
#include <ostream>
#include <string>

namespace ofpra::journal {

std::string to_json(const domain::JournalEntry& entry);
// kind: "checkpoint" or "head".
std::string to_json(const domain::JournalCheckpoint& checkpoint, std::string_view kind);

// Entries recorded in [from, to) (RFC 3339 prefixes; empty for no bound).
domain::Result<std::uint64_t> export_jsonl(store::JournalStore& store, std::ostream& out, const std::string& from,
                                           const std::string& to);

}  // namespace ofpra::journal
