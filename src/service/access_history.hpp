#pragma once
// What the protected person sees of the journal (DESIGN §6): her own entries only, the partners'
// accesses apart from her own views of her situation, with the partners' names.
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

// Each list is paged on its own, so that her own views never push partners' accesses out of
// sight (nor the reverse).
struct AccessHistory {
  std::vector<HistoryLine> by_others;   // partners, share-code verifiers, OFPRA: newest first
  std::vector<HistoryLine> by_herself;  // her own views of her situation, newest first
  std::int64_t older = 0;               // the cursor of the others' next page (entries before it); 0: none
  std::int64_t older_own = 0;           // the same for her own views
};

struct HistoryPage {
  std::int64_t before = 0;      // the others' entries before this seq; 0: from the newest
  std::int64_t own_before = 0;  // her own views before this seq; 0: from the newest
  std::size_t size = 50;        // entries of each list
};

domain::Result<AccessHistory> access_history(store::Database& db, const std::string& numero_ofpra,
                                             const HistoryPage& page);

}  // namespace ofpra::service
