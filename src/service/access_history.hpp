#pragma once
// What the protected person sees of the journal (DESIGN §6): her own entries only, one page at
// a time, the partners' accesses apart from her own views, with the partners' names.
#include "domain/journal_entry.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ofpra::service {

struct HistoryLine {
  domain::JournalEntry entry;
  std::string partner_name;    // the asking partner's name, or its SIRET when unknown; empty on the share-code page
  std::string recipient_name;  // when the data went to another administration than the one asking
};

struct AccessHistory {
  std::vector<HistoryLine> by_others;   // partners, share-code verifiers, OFPRA: newest first
  std::vector<HistoryLine> by_herself;  // her own views of her situation, newest first
  std::int64_t older = 0;               // the cursor of the next page (entries before it); 0: none
};

// The page of her entries before seq before (0: the newest), at most page_size of them.
domain::Result<AccessHistory> access_history(store::Database& db, const std::string& numero_ofpra, std::int64_t before,
                                             std::size_t page_size);

// Whether an entry records her own view of her situation.
bool is_her_own_view(const domain::JournalEntry& entry);

}  // namespace ofpra::service
