#pragma once
// The one door for every disclosure (DESIGN §4). A caller of a closed set asks a typed
// question; the door gathers the facts (the caller's access as it is now, the person or the
// candidates, the share code, the consents), decides (service/decision.hpp), shapes the answer
// by scope and journals it: the answer or refusal is handed over only once its entry is on
// disk. Above the door there are only renderers.
#include "auth/code_hasher.hpp"
#include "auth/rate_limit.hpp"
#include "journal/writer.hpp"
#include "service/access_cache.hpp"
#include "service/answer.hpp"
#include "service/attestation_check.hpp"
#include "service/caller.hpp"
#include "service/disclosure_request.hpp"
#include "service/registry_snapshot.hpp"
#include "store/database.hpp"

#include <functional>
#include <string_view>
#include <variant>

namespace ofpra::service {

// An ambiguous identity names nobody to the caller, but each candidate (up to this many, the
// likeliest first) finds the question in her own history.
inline constexpr std::size_t max_candidates_journaled = 20;

struct DoorContext {
  store::Database& db;       // consents, share codes, counter agents' partners
  AccessCache& access;       // API clients and their habilitations
  const Registry& registry;  // persons
  journal::JournalWriter& journal;
  const env::Clock& clock;
  const auth::CodeHasher& codes;  // share codes are looked up by their keyed hash
  // Failed share-code attempts (unknown code, wrong birth date), per client, agent or address.
  auth::RateLimiter& share_code_failures;
  int processing_delay_months = 18;  // OFPRA's published delay for the civil-status file
};

// What the door may read. In memory only, it never blocks: a partner client's access is the
// copy in memory (checked against the store's when the journal commits), and a question that
// needs a store read (a consent, a share code, a client not yet seen, a counter agent's
// partner) is not decided at all: the door says DecideAgain.
enum class Reads { store, memory_only };

// Decided in memory only, the question needed the store (or the access it was decided on changed
// before its entry committed): nothing was answered or journaled; ask again with Reads::store.
struct DecideAgain {};

using Disclosure = std::variant<Answer, Refusal, DecideAgain>;
using DisclosureDone = std::function<void(Disclosure)>;

// With Reads::store, blocking: run it off the io threads. done is called once, after the
// journal's commit (or its failure), possibly from the journal's thread. Not journaled: a
// partner client unknown or revoked (invalid_token: it names no partner), and a store or
// registry that does not answer (unavailable).
void disclose(const DoorContext& door, const Caller& caller, const DisclosureRequest& request, Reads reads,
              DisclosureDone done);

// A partner following a person's file (notify/subscriptions.hpp): asked, decided and journaled
// as a verification with Reads::store; done also gets whom a found answer is about (to follow her,
// never to disclose). Blocking; done is called once, possibly from the journal's thread.
using Followed = std::function<void(Disclosure, std::string person)>;
void follow(const DoorContext& door, const PartnerClient& caller, const DisclosureRequest& request, Followed done);

// Whether that partner may still know what those scopes say of that person today, its
// habilitation and her consents as they are now: nothing is disclosed nor journaled (a
// notification that something changed carries no data; what the partner then asks is journaled).
// nullopt when it may; else why not (a store failure is `unavailable`). Blocking.
std::optional<Refusal> may_still_know(const DoorContext& door, const PartnerClient& caller, const std::string& numero,
                                      const std::vector<domain::Scope>& scopes, const std::string& recipient);

// A request that could not be read into a DisclosureRequest (an API body that is not one),
// refused and journaled like any refusal of that caller; body is what was sent. receipt_key: as
// DisclosureRequest's.
void refuse_unreadable(const DoorContext& door, const Caller& caller, Refusal refusal, std::string_view body,
                       Reads reads, DisclosureDone done, const std::string& receipt_key = {});

// A request to OFPRA ("demande", service/demandes.hpp) about what the caller asked: the rules of
// every request and the caller's access as it is now (decision.hpp, may_file), journaled as
// filed (its entry's seq) or refused; nothing is looked up nor disclosed. Blocking; done is
// called once, possibly from the journal's thread.
using Filed = std::function<void(std::variant<std::int64_t, Refusal>)>;
void file_demande(const DoorContext& door, const Caller& caller, const DisclosureRequest& request, Filed done);

// Its status today, journaled (in her history when it is hers: who verified, when), or a
// refusal (the journal or the store failing). Blocking; done is called once. Her protection
// ended since it was issued: it is revoked then and there.
using Checked = std::function<void(std::variant<AttestationCheck, Refusal>)>;
void check_attestation(const DoorContext& door, const AttestationVerifier& verifier,
                       const PresentedAttestation& presented, Checked done);

}  // namespace ofpra::service
