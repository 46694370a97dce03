#pragma once
// The journal's audit in the back office (docs/BACK-OFFICE.md): staff with the audit role search
// it by person, partner, agent, period and result, always saying why; each search is itself a
// recorded staff action that the admins see. A person's every access can be exported (her GDPR
// access request), and the chain checked as `journal verify` does.
#include "domain/journal_entry.hpp"
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "journal/verify.hpp"
#include "store/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

inline constexpr std::size_t audit_page_size = 100;
// A person's export holds at most this many entries (a person with more is exported by the
// command line, `journal export`).
inline constexpr std::size_t audit_export_limit = 10000;

struct AuditSearch {
  std::string person;         // numero_ofpra
  std::string partner_siret;  // the partner that asked
  std::string agent;          // the partner's id of its agent
  std::string from;           // YYYY-MM-DD, included
  std::string to;             // YYYY-MM-DD, included
  std::string result;         // trouve, non_trouve, ambigu, refus, ...; empty: any
  std::string purpose;        // why the staff member searches: required
  std::int64_t before_seq = 0;
};

// At least one criterion besides the period: a whole journal is read with `journal export`.
// Errors by field: "role" (no audit role: recorded), "motif", "numero_ofpra", "siret", "du",
// "au", "resultat", "criteres".
domain::Result<std::vector<domain::JournalEntry>> search_journal(store::Database& db, const env::Clock& clock,
                                                                 const store::StaffMember& staff,
                                                                 const AuditSearch& search);

// Every entry about one person, oldest first, for her access request; recorded like a search.
domain::Result<std::vector<domain::JournalEntry>> person_accesses(store::Database& db, const env::Clock& clock,
                                                                  const store::StaffMember& staff,
                                                                  const std::string& numero_ofpra,
                                                                  const std::string& purpose);

// The entries as CSV (RFC 4180, a header line, ';'-free), one line per entry.
std::string journal_csv(const std::vector<domain::JournalEntry>& entries);

// The chain checked against the trusted key; recorded. Errors: "role", or the store.
domain::Result<journal::VerifyReport> verify_journal(store::Database& db, const env::Clock& clock,
                                                     const store::StaffMember& staff,
                                                     const std::string& trusted_public_key);

}  // namespace ofpra::service
