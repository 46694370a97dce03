#pragma once
// Retention: entries older than the retention period are deleted; a signed checkpoint at the
// last deleted entry anchors what remains, so `journal verify` keeps working.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "journal/signer.hpp"
#include "store/journal_store.hpp"

#include <cstdint>
#include <string>

namespace ofpra::journal {

// The RFC 3339 instant `months` calendar months before now (day clamped to the month's end).
std::string months_before(std::chrono::system_clock::time_point now, int months);

// Deletes entries recorded before `cutoff` (RFC 3339). Returns how many were deleted.
domain::Result<std::int64_t> purge_before(store::JournalStore& store, const Signer& signer, const env::Clock& clock,
                                          const std::string& cutoff);

}  // namespace ofpra::journal
