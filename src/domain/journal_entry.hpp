#pragma once
// One journal entry (DESIGN §6): what was disclosed or refused, to whom, why, about whom.
// It names the person only by numero_ofpra and the request only by a hash of its body.
#include "domain/vocabulary.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ofpra::domain {

struct JournalEntry {
  std::int64_t seq = 0;     // position in the chain, from 1; set by the journal
  std::string recorded_at;  // RFC 3339 UTC; set by the journal
  JournalChannel channel = JournalChannel::api;
  std::string partner_siret;
  std::string client_id;
  std::string agent;            // the partner's opaque id of its end user
  std::string recipient_siret;  // the administration receiving the data
  std::string purpose;
  std::string consent_ref;  // "consentement:<id>" or "code:<id>", empty when none was used
  std::vector<std::string> scopes_asked;
  std::vector<std::string> scopes_given;
  std::string person;  // numero_ofpra, empty when no person was matched
  JournalResult result = JournalResult::refused;
  std::string refusal_code;  // the five-digit error code of a refusal
  std::string request_hash;  // hex SHA-256 of the request body
  std::string prev_hash;     // hex SHA-256 chain link: set by the journal, not stored (see JournalStore::scan)
  std::string hash;          // set by the journal

  friend bool operator==(const JournalEntry&, const JournalEntry&) = default;
};

// The chain link of the first entry.
inline const std::string journal_genesis_hash(64, '0');

// A signed statement "the chain's hash after entry seq is hash".
struct JournalCheckpoint {
  std::int64_t seq = 0;
  std::string hash;
  std::string signed_at;
  std::string key_id;
  std::string signature;  // hex Ed25519 signature

  friend bool operator==(const JournalCheckpoint&, const JournalCheckpoint&) = default;
};

}  // namespace ofpra::domain
