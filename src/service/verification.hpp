#pragma once
// The one door for every disclosure (DESIGN §4): a verification request is checked, the
// policy applied, the person found, the answer shaped by scope and the journal written; the
// answer leaves only once its entry is on disk. API handlers only translate HTTP.
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "journal/writer.hpp"
#include "service/access_cache.hpp"
#include "service/registry_snapshot.hpp"
#include "store/database.hpp"

#include <functional>
#include <string>

namespace ofpra::service {

struct VerificationOutcome {
  unsigned status = 200;
  std::string body;  // the JSON answer: data envelope or error envelope
  // Decided in memory only, the answer needed the store (or the access it was decided on
  // changed before its entry committed): nothing was answered or journaled; ask again with
  // Reads::store.
  bool needs_store = false;
};

// What a verification may read. In memory only, it never blocks: the client's access is the
// copy in memory (checked against the store's when the journal commits), and an answer that
// needs a store read (a consent, a share code, a client not yet seen) is not decided at all.
enum class Reads { store, memory_only };

struct VerificationContext {
  store::Database& db;       // consents
  AccessCache& access;       // clients and habilitations
  const Registry& registry;  // persons
  journal::JournalWriter& journal;
  const env::Clock& clock;
  // Failed share-code attempts (unknown code, wrong birth date), per client or address.
  auth::RateLimiter& share_code_failures;
  int processing_delay_months = 18;  // OFPRA's published delay for the civil-status file
};

// With Reads::store, blocking (the store): run it off the io threads. done is called once,
// after the journal's commit (or its failure), possibly from the journal's thread. A revoked
// or unknown client gets 401 (not journaled: see docs/errors.md).
void verify_person(const VerificationContext& context, const auth::AccessToken& caller, const std::string& body,
                   Reads reads, std::function<void(VerificationOutcome)> done);

// The public page "Vérifier avec un code de partage": no partner, the code is the only
// authority; body is as parse_verification_request reads it for Channel::share_code_page.
// client_address counts the failed attempts. Same journal, same refusals, same shaping.
void verify_on_share_code_page(const VerificationContext& context, const std::string& client_address,
                               const std::string& body, std::function<void(VerificationOutcome)> done);

}  // namespace ofpra::service
