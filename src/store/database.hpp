#pragma once
// Storage interfaces. Everything above src/store/ speaks to these and never to a particular
// database: the stores are written once in sql/ over an executor that sqlite/ and postgres/
// each provide, and open_database() picks one from the URL.
#include "domain/attestation.hpp"
#include "domain/consent.hpp"
#include "domain/demande.hpp"
#include "domain/habilitation.hpp"
#include "domain/partner.hpp"
#include "domain/person.hpp"
#include "domain/result.hpp"
#include "domain/share_code.hpp"
#include "domain/staff_role.hpp"
#include "env/clock.hpp"
#include "store/database_url.hpp"
#include "store/journal_store.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::store {

using domain::Result;
using domain::Status;

// What a registry write did, once committed.
struct RegistryWriteCounts {
  std::int64_t added = 0;      // persons new to the registry
  std::int64_t changed = 0;    // a new version of a person
  std::int64_t unchanged = 0;  // written again as she was: no version, no event
  std::int64_t removed = 0;
  std::int64_t events = 0;
};

// A write transaction on the registry: nothing is visible to others until commit(); destroying
// it uncommitted rolls everything back. Every change keeps the version it replaces and emits
// its events (domain/registry_change.hpp) in the same transaction (docs/REGISTRY-HISTORY.md).
class RegistryWriter {
 public:
  virtual ~RegistryWriter() = default;
  // Inserts the person, or replaces every field and list of the person with that numero_ofpra;
  // her former established names stay among her aliases.
  virtual Status put(const domain::Person& person) = 0;
  // Removes the person; false when she is not in the registry. Her history stays.
  virtual Result<bool> remove(const std::string& numero_ofpra) = 0;
  // Records whether the registry holds synthetic persons only (seed) or real ones (import).
  virtual Status set_synthetic(bool synthetic) = 0;
  virtual Status commit() = 0;
  virtual RegistryWriteCounts counts() const = 0;
};

// One version of a person: the registry record (DESIGN §5) as it stood, who wrote it and when.
struct PersonVersion {
  std::int64_t version = 0;
  std::string record;
  std::string written_at;   // RFC 3339 UTC
  std::string written_by;   // "import", "seed", "api:CLIENT_ID"...
  std::string replaced_at;  // empty for the current version
};

struct StoredRegistryEvent {
  std::int64_t id = 0;
  std::string numero_ofpra;
  std::int64_t version = 0;
  std::string type;    // domain::RegistryEventType's word
  std::string detail;  // JSON object
  std::string occurred_at;
};

struct PersonHistory {
  std::vector<PersonVersion> versions;      // oldest first; the current one last while she is registered
  std::vector<StoredRegistryEvent> events;  // oldest first
};

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;
  // written_by names the writer in the history of every person it writes.
  virtual Result<std::unique_ptr<RegistryWriter>> begin_write(const std::string& written_by) = 0;
  // Every version of a person and the events they made; empty for a number never registered.
  virtual Result<PersonHistory> history(const std::string& numero_ofpra) = 0;
  virtual Result<std::optional<domain::Person>> find(const std::string& numero_ofpra) = 0;
  // Visits every person, in numero_ofpra order; stops early when visit returns false.
  virtual Status for_each(const std::function<bool(domain::Person&&)>& visit) = 0;
  virtual Result<std::int64_t> count() = 0;
  // The numero_ofpra of every person with that AGDREF number (normally one).
  virtual Result<std::vector<std::string>> numbers_by_agdref(const std::string& numero_agdref) = 0;
  // Grows with every committed write transaction, whoever made it: a reader holding a copy
  // of the registry knows when to refresh it.
  virtual Result<std::int64_t> generation() = 0;
  // A random identity given to the registry when it was created.
  virtual Result<std::string> instance() = 0;
  // Whether only `seed` wrote it: false once anything was imported, and for a registry of
  // unknown origin.
  virtual Result<bool> synthetic() = 0;
};

struct ApiClient {
  std::string client_id;
  std::string partner_siret;
  std::string secret_hash;  // argon2id, as libsodium's crypto_pwhash_str writes it; empty with a key
  bool revoked = false;
  std::string public_key_pem;  // private_key_jwt (RFC 7523): the client's public key; empty with a secret
  // After a rotation, the secret it replaced, still accepted until previous_until (RFC 3339 UTC).
  std::string previous_secret_hash = {};
  std::string previous_until = {};
  bool suspended = false;  // refused until resumed
  std::string created_at = {};
  // Neither revoked nor suspended: its tokens are honoured.
  bool active() const { return !revoked && !suspended; }
};

class PartnerStore {
 public:
  virtual ~PartnerStore() = default;
  // Inserts or updates the partner with that SIRET.
  virtual Status put_partner(const domain::Partner& partner) = 0;
  virtual Result<std::vector<domain::Partner>> partners() = 0;
  virtual Status put_client(const ApiClient& client) = 0;
  virtual Result<std::optional<ApiClient>> find_client(const std::string& client_id) = 0;
  // Marks the client revoked; false when there is no such client.
  virtual Result<bool> revoke_client(const std::string& client_id) = 0;
  // Every client of the partner, revoked ones too, oldest first.
  virtual Result<std::vector<ApiClient>> clients_of(const std::string& partner_siret) = 0;
  // A new secret; the one it replaces stays valid until previous_until. False when there is no
  // such client, or it is revoked or authenticates with a key.
  virtual Result<bool> rotate_client_secret(const std::string& client_id, const std::string& secret_hash,
                                            const std::string& previous_until) = 0;
  // False when there is no such client, or it is revoked.
  virtual Result<bool> set_client_suspended(const std::string& client_id, bool suspended) = 0;
  virtual Result<std::optional<domain::Partner>> find_partner(const std::string& siret) = 0;
  // Inserts a habilitation with its scopes; returns its id.
  virtual Result<std::int64_t> put_habilitation(const domain::Habilitation& habilitation) = 0;
  virtual Result<std::vector<domain::Habilitation>> habilitations(const std::string& partner_siret) = 0;
  // Grows with every change to partners, clients or habilitations, by any writer.
  virtual Result<std::int64_t> access_generation() = 0;
  // Records a client assertion's jti until expires_at (seconds since the epoch); false when
  // that client already used it (a replay). Forgets assertions expired before now.
  virtual Result<bool> use_assertion(const std::string& client_id, const std::string& jti, std::int64_t expires_at,
                                     std::int64_t now) = 0;
};

class ConsentStore {
 public:
  virtual ~ConsentStore() = default;
  // Inserts a consent; returns its id.
  virtual Result<std::int64_t> put_consent(const domain::Consent& consent) = 0;
  // Records the revocation (once); false when there is no such consent.
  virtual Result<bool> revoke_consent(std::int64_t id) = 0;
  virtual Result<std::optional<domain::Consent>> find_consent(std::int64_t id) = 0;
  // The consents a person gave that partner, or every partner of its type, in every state,
  // oldest first.
  virtual Result<std::vector<domain::Consent>> consents(const std::string& numero_ofpra,
                                                        const std::string& partner_siret,
                                                        domain::AdministrationType partner_type) = 0;
  // Every consent a person gave, newest first.
  virtual Result<std::vector<domain::Consent>> consents_of(const std::string& numero_ofpra) = 0;
};

// The protected person's portal account (issue 6).
struct PersonAccount {
  std::string numero_ofpra;
  std::string password_hash;                // argon2id
  int failed_logins = 0;                    // since the last successful login
  std::optional<std::string> locked_until;  // RFC 3339 UTC
};

// A code sent to the contact on file; only its SHA-256 is kept.
struct OneTimeCode {
  std::string request_id;  // random, carried by the form between the two steps
  std::string numero_ofpra;
  std::string purpose;  // "activation" or "reinitialisation"
  std::string code_hash;
  std::string expires_at;  // RFC 3339 UTC
  int attempts = 0;
  std::optional<std::string> used_at;
};

struct PersonSession {
  std::string token_hash;  // SHA-256 of the cookie's token
  std::string numero_ofpra;
  std::string csrf_token;
  std::string expires_at;  // RFC 3339 UTC, absolute
  std::string idle_until;  // RFC 3339 UTC, renewed on each use
};

struct OutboxMessage {
  std::int64_t id = 0;  // set by the store
  std::string channel;  // "email" or "sms"
  std::string recipient;
  std::string subject;
  std::string body;
  int attempts = 0;
};

// What someone said of a journey ("Je donne mon avis"): nothing that identifies her.
struct Opinion {
  std::string day;       // YYYY-MM-DD
  std::string journey;   // activation, codes, verification, consentements, espace
  std::string language;  // of the page
  std::string useful;    // oui, en_partie, non
  int ease = 3;          // 1 (very hard) to 5 (very easy)
  std::string comment;   // may be empty
};
// How many opinions gave that answer on that journey.
struct OpinionCount {
  std::string journey;
  std::string useful;
  int ease = 0;
  std::int64_t count = 0;
};

// How long a dispatcher holds the messages it claimed before another may take them.
inline constexpr std::chrono::minutes outbox_claim{5};

class PortalStore {
 public:
  virtual ~PortalStore() = default;
  virtual Result<std::optional<PersonAccount>> find_account(const std::string& numero_ofpra) = 0;
  // Creates the account or replaces its password; clears failures and lock.
  virtual Status set_password(const std::string& numero_ofpra, const std::string& password_hash) = 0;
  // Records a failed login, and a lock until that time when given.
  virtual Status record_failed_login(const std::string& numero_ofpra,
                                     const std::optional<std::string>& locked_until) = 0;
  virtual Status clear_failed_logins(const std::string& numero_ofpra) = 0;

  virtual Status put_code(const OneTimeCode& code) = 0;
  // Marks every unused code of that person and purpose used at `at`.
  virtual Status retire_codes(const std::string& numero_ofpra, const std::string& purpose, const std::string& at) = 0;
  virtual Result<std::optional<OneTimeCode>> find_code(const std::string& request_id) = 0;
  virtual Status count_code_attempt(const std::string& request_id) = 0;
  // Marks it used; false when it already was (two tabs submitting at once).
  virtual Result<bool> use_code(const std::string& request_id, const std::string& at) = 0;

  virtual Status put_session(const PersonSession& session) = 0;
  virtual Result<std::optional<PersonSession>> find_session(const std::string& token_hash) = 0;
  virtual Status touch_session(const std::string& token_hash, const std::string& idle_until) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
  // Every session of the person (after a password change).
  virtual Status delete_sessions_of(const std::string& numero_ofpra) = 0;

  // Inserts the code; false when that hash is already taken (draw another).
  virtual Result<std::optional<std::int64_t>> put_share_code(const domain::ShareCode& code,
                                                             const std::string& code_hash) = 0;
  virtual Result<std::optional<domain::ShareCode>> find_share_code(const std::string& code_hash) = 0;
  // Newest first.
  virtual Result<std::vector<domain::ShareCode>> share_codes_of(const std::string& numero_ofpra) = 0;
  // Records the revocation of the person's own code, once; false when she has no such code.
  virtual Result<bool> revoke_share_code(std::int64_t id, const std::string& numero_ofpra) = 0;
  virtual Status count_share_code_failure(std::int64_t id) = 0;

  virtual Result<std::int64_t> enqueue(const OutboxMessage& message) = 0;
  // Oldest first, at most limit, those not yet sent, tried fewer than max_attempts times and
  // not claimed by another dispatcher; claims them for outbox_claim, so that a dispatcher on
  // another node does not send them too.
  virtual Result<std::vector<OutboxMessage>> claim_unsent(std::size_t limit, int max_attempts) = 0;
  // Erases the body: a one-time code stays in the outbox no longer than needed.
  virtual Status mark_sent(std::int64_t id) = 0;
  virtual Status mark_failed(std::int64_t id, const std::string& error) = 0;

  // The person an OpenID identity (provider, SHA-256 of its subject) was linked to, if any.
  virtual Result<std::optional<std::string>> find_identity_link(const std::string& provider,
                                                                const std::string& subject_hash) = 0;
  // Every identity linked to her (a new password unlinks them).
  virtual Status delete_identity_links(const std::string& numero_ofpra) = 0;
  // Links it (again: the latest confirmation wins).
  virtual Status put_identity_link(const std::string& provider, const std::string& subject_hash,
                                   const std::string& numero_ofpra) = 0;

  virtual Status add_opinion(const Opinion& opinion) = 0;
  virtual Result<std::vector<OpinionCount>> opinion_counts() = 0;
};

// An agent signed in at the counter (/guichet) with ProConnect, acting for her organisation.
struct CounterSession {
  std::string token_hash;  // SHA-256 of the cookie's token
  std::string agent_ref;   // stable, from her identity provider's (idp_id, sub); never her e-mail
  std::string partner_siret;
  std::string given_name;
  std::string usual_name;
  std::string email_domain;  // her e-mail's domain and her uid: the allow-list is checked at each page
  std::string uid;
  std::string acr;       // the level of assurance of her sign-in (eidas1, eidas2, eidas3)
  std::string id_token;  // the provider's, sent back as id_token_hint when she signs out
  std::string csrf_token;
  std::string expires_at;  // RFC 3339 UTC, absolute
  std::string idle_until;  // RFC 3339 UTC, renewed on each use
};

// Which of an organisation's agents may use the counter: an e-mail domain or a uid at her
// identity provider. An organisation without any entry lets all its agents in.
struct CounterAllowance {
  std::string kind;  // "domaine" or "uid"
  std::string value;
  friend bool operator==(const CounterAllowance&, const CounterAllowance&) = default;
};

class CounterStore {
 public:
  virtual ~CounterStore() = default;
  // Stores the session, and forgets those expired before now (RFC 3339 UTC).
  virtual Status put_counter_session(const CounterSession& session, const std::string& now) = 0;
  virtual Result<std::optional<CounterSession>> find_counter_session(const std::string& token_hash) = 0;
  virtual Status touch_counter_session(const std::string& token_hash, const std::string& idle_until) = 0;
  virtual Status delete_counter_session(const std::string& token_hash) = 0;
  virtual Result<std::vector<CounterAllowance>> counter_allowances(const std::string& partner_siret) = 0;
  // false when it was already there (add) or was not (remove).
  virtual Result<bool> add_counter_allowance(const std::string& partner_siret, const CounterAllowance& allowance) = 0;
  virtual Result<bool> remove_counter_allowance(const std::string& partner_siret,
                                                const CounterAllowance& allowance) = 0;
};

// Request counts per fixed window, shared by every node on the database (rate limits and
// failure limits). Keys arrive hashed.
class LimitStore {
 public:
  virtual ~LimitStore() = default;
  // Adds n to key's count in the window that starts at start (seconds since the epoch) and
  // ends at end; returns the count now.
  virtual Result<std::int64_t> add_to_window(const std::string& key, std::int64_t start, std::int64_t end,
                                             std::int64_t n) = 0;
  // Forgets windows ended before now (seconds since the epoch).
  virtual Status forget_windows(std::int64_t now) = 0;
};

// An OFPRA staff member of the back office, known by the e-mail her ProConnect identity gives.
struct StaffMember {
  std::string email;  // lower case
  std::string name;
  domain::StaffRoles roles;
  bool active = true;
  std::string created_at = {};
  std::string created_by = {};  // the admin who added her, or "ligne de commande"
};

struct StaffSession {
  std::string token_hash;  // SHA-256 of the cookie's token
  std::string email;
  std::string id_token;  // the provider's, sent back as id_token_hint when she signs out
  std::string csrf_token;
  std::string expires_at;  // RFC 3339 UTC, absolute
  std::string idle_until;  // RFC 3339 UTC, renewed on each use
};

// One staff action: who, what, when, why. Never changed nor deleted once written.
struct StaffAction {
  std::int64_t id = 0;  // set by the store
  std::string at;       // RFC 3339 UTC
  std::string email;
  std::string action;   // e.g. "habilitation.valider", "journal.recherche", "staff.roles"
  std::string target;   // what it acted on: a request's number, a staff e-mail, a search's criteria
  std::string comment;  // why
};

class StaffStore {
 public:
  virtual ~StaffStore() = default;
  // Inserts her, or updates her name, roles and whether she is active.
  virtual Status put_staff_member(const StaffMember& member) = 0;
  virtual Result<std::optional<StaffMember>> find_staff_member(const std::string& email) = 0;
  virtual Result<std::vector<StaffMember>> staff_members() = 0;
  // Stores the session, and forgets those expired before now (RFC 3339 UTC).
  virtual Status put_staff_session(const StaffSession& session, const std::string& now) = 0;
  virtual Result<std::optional<StaffSession>> find_staff_session(const std::string& token_hash) = 0;
  virtual Status touch_staff_session(const std::string& token_hash, const std::string& idle_until) = 0;
  virtual Status delete_staff_session(const std::string& token_hash) = 0;
  virtual Status delete_staff_sessions_of(const std::string& email) = 0;
  virtual Result<std::int64_t> record_staff_action(const StaffAction& action) = 0;
  // Newest first, at most limit, with id < before_id when it is not 0.
  virtual Result<std::vector<StaffAction>> staff_actions(std::int64_t before_id, std::size_t limit) = 0;
};

// A request for a habilitation (docs/BACK-OFFICE.md), from the organisation's form to a decision.
struct HabilitationRequest {
  std::int64_t id = 0;  // set by the store
  domain::HabilitationState state = domain::HabilitationState::draft;
  domain::Partner organisation;
  std::vector<domain::ScopeGrant> scopes;
  std::string legal_basis;      // the text, e.g. "Code de la sécurité sociale, art. L. 114-12"
  std::string legal_reference;  // a link to it (Légifrance)
  std::string purpose;
  std::int64_t expected_volume = 0;  // verifications a month
  std::string dpo_email;
  std::string technical_email;
  std::string valid_from;            // YYYY-MM-DD
  std::string valid_to;              // YYYY-MM-DD
  std::string first_validator = {};  // when two are needed and one validated
  std::int64_t habilitation_id = 0;  // once validated
  std::string follow_key_hash = {};  // SHA-256 of the key its organisation follows it with
  std::string created_at = {};
  std::string updated_at = {};
};

struct RequestEvent {
  std::string at;
  std::string actor;  // a staff member's e-mail, or "demandeur"
  std::string action;
  std::string from_state;
  std::string to_state;
  std::string comment;
};

// What a decision writes with the request, in its transaction.
struct RequestEffects {
  std::optional<domain::Partner> partner = {};            // inserted or updated
  std::optional<domain::Habilitation> habilitation = {};  // inserted; its id is kept on the request
  std::int64_t revoke_habilitation = 0;                   // set revoked
  std::vector<OutboxMessage> messages = {};               // e-mails to send
};

class HabilitationRequestStore {
 public:
  virtual ~HabilitationRequestStore() = default;
  virtual Result<std::int64_t> create_request(const HabilitationRequest& request, const RequestEvent& event,
                                              const RequestEffects& effects) = 0;
  // Writes the request as given only if its state is still expected (nobody decided meanwhile),
  // with the event and the effects, all in one transaction; false when it was not.
  virtual Result<bool> save_request(const HabilitationRequest& request, domain::HabilitationState expected,
                                    const RequestEvent& event, const RequestEffects& effects) = 0;
  virtual Result<std::optional<HabilitationRequest>> find_request(std::int64_t id) = 0;
  // Newest change first; none: every state.
  virtual Result<std::vector<HabilitationRequest>> requests(std::optional<domain::HabilitationState> state) = 0;
  virtual Result<std::vector<RequestEvent>> request_events(std::int64_t id) = 0;
  // Validated requests whose habilitation ends on or before until (YYYY-MM-DD), not yet reminded.
  virtual Result<std::vector<HabilitationRequest>> ending_unreminded(const std::string& until) = 0;
  virtual Status mark_reminded(std::int64_t id, const std::string& at) = 0;
};

// An alert raised over the journal, and its acknowledgement.
struct StoredAlert {
  std::int64_t id = 0;  // set by the store
  std::string rule;
  std::string subject;
  std::string day;
  std::int64_t seq = 0;
  std::string evidence;
  std::string raised_at;
  std::string acknowledged_by = {};  // empty while open
  std::string acknowledged_at = {};
  std::string acknowledgement = {};
};

class AlertStore {
 public:
  virtual ~AlertStore() = default;
  // Inserts it, with the messages telling of it, in one transaction; false (and nothing sent)
  // when that rule, subject and day already raised one.
  virtual Result<bool> put_alert(const StoredAlert& alert, const std::vector<OutboxMessage>& messages) = 0;
  // Open ones first, then the newest, at most limit.
  virtual Result<std::vector<StoredAlert>> alerts(std::size_t limit) = 0;
  virtual Result<std::int64_t> open_alerts() = 0;
  // False when there is no such open alert.
  virtual Result<bool> acknowledge_alert(std::int64_t id, const std::string& email, const std::string& at,
                                         const std::string& comment) = 0;
};

// A request to OFPRA (docs/DEMANDES.md).
struct Demande {
  std::string id;  // demande_id_length characters of the share codes' alphabet
  domain::JournalChannel channel = domain::JournalChannel::api;  // api, guichet or portail
  std::string partner_siret;                                     // empty for a person's own question
  std::string client_id;                                         // the API client that filed it
  std::string agent;                                             // the counter agent's reference, or the API's "agent"
  std::string person;    // herself (portal), or whom the answer is about once answered
  std::string question;  // the verification asked, as the API's JSON body; empty from the portal
  std::string topic;     // the portal's subject of her question
  std::string note;
  std::int64_t follows = 0;    // the journal entry of the automated answer it follows
  std::int64_t reference = 0;  // the journal entry of its filing
  domain::DemandeState state = domain::DemandeState::open;
  std::string created_at;  // RFC 3339 UTC
  std::string due_on;      // YYYY-MM-DD
  std::string assigned_to = {};
  std::string assigned_at = {};
  std::string settled_by = {};
  std::string settled_at = {};
  std::optional<domain::ClosingReason> reason = {};
  std::string message = {};  // OFPRA's words to whoever asked
  std::int64_t answer_reference = 0;
  std::string answer = {};  // the answer given through the door, encoded (service/answer_codec.hpp)
  std::string updated_at = {};
};

// Who may read which requests: a partner's (its API clients and its counter agents), one agent's
// at the counter, or those about a person (hers, and those answered about her).
struct DemandeFilter {
  std::string partner_siret = {};
  std::optional<domain::JournalChannel> channel = {};
  std::string agent = {};
  std::string person = {};
  std::size_t limit = 100;
};

class DemandeStore {
 public:
  virtual ~DemandeStore() = default;
  // False when a request already follows that automated answer (nothing is written).
  virtual Result<bool> create_demande(const Demande& demande) = 0;
  virtual Result<std::optional<Demande>> find_demande(const std::string& id) = 0;
  virtual Result<std::optional<Demande>> demande_following(std::int64_t follows) = 0;
  // Open and assigned ones, the soonest due first.
  virtual Result<std::vector<Demande>> pending_demandes() = 0;
  // Answered and closed ones, the latest settled first, at most limit.
  virtual Result<std::vector<Demande>> settled_demandes(std::size_t limit) = 0;
  // Newest first.
  virtual Result<std::vector<Demande>> demandes(const DemandeFilter& filter) = 0;
  // Takes it for email if it is still pending; false when it was settled meanwhile.
  virtual Result<bool> assign_demande(const std::string& id, const std::string& email, const std::string& at) = 0;
  // Writes its outcome if it is still pending, with the messages telling of it, in one
  // transaction; false (nothing written, nothing sent) when it was settled meanwhile.
  virtual Result<bool> settle_demande(const Demande& settled, const std::vector<OutboxMessage>& messages) = 0;
  // Every request filed since (RFC 3339 UTC), for the statistics.
  virtual Result<std::vector<Demande>> demandes_since(const std::string& since) = 0;
  // Deletes the requests settled before (RFC 3339 UTC), with their question and answer: the
  // journal's retention. Returns how many.
  virtual Result<std::int64_t> purge_settled_before(const std::string& before) = 0;
};

// What the public statistics count (docs/STATISTICS.md), already grouped by the database.
struct JournalTally {
  std::string month;  // YYYY-MM
  domain::JournalChannel channel = domain::JournalChannel::api;
  std::string scopes_given;  // the journal's JSON array
  domain::JournalResult result = domain::JournalResult::refused;
  std::string partner_type;  // the partner's administration type; empty without a partner
  bool by_share_code = false;
  bool names_person = false;  // an entry naming a person (of an ambiguity: one per candidate)
  std::int64_t count = 0;
};
struct MonthCount {
  std::string month;  // YYYY-MM
  std::int64_t count = 0;
};

class AttestationStore {
 public:
  virtual ~AttestationStore() = default;
  virtual Status create_attestation(const domain::AttestationRecord& attestation) = 0;
  virtual Result<std::optional<domain::AttestationRecord>> find_attestation(const std::string& id) = 0;
  // Hers, at most limit: those in force on today (YYYY-MM-DD) first, the newest first in each.
  virtual Result<std::vector<domain::AttestationRecord>> attestations_of(const std::string& numero_ofpra,
                                                                         std::size_t limit,
                                                                         const std::string& today) = 0;
  // Revokes it if it still holds; false when it was already revoked or does not exist.
  virtual Result<bool> revoke_attestation(const std::string& id, domain::RevocationReason reason, const std::string& by,
                                          const std::string& at) = 0;
};

class StatisticsStore {
 public:
  virtual ~StatisticsStore() = default;
  // Entries recorded since (RFC 3339 UTC).
  virtual Result<std::vector<JournalTally>> journal_tallies(const std::string& since) = 0;
  virtual Result<std::vector<MonthCount>> share_codes_created(const std::string& since) = 0;
  virtual Result<std::vector<MonthCount>> portal_accounts_created(const std::string& since) = 0;
  virtual Result<std::int64_t> portal_accounts() = 0;
};

// Notices of changes committed through any connection, on any node (PostgreSQL's LISTEN and
// NOTIFY): what a node keeps in memory is refreshed when told rather than by asking the
// database on every request.
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Whether notices arrive now. While not, readers must ask the database themselves; each
  // time the feed comes back, every watcher is told that anything may have changed.
  virtual bool live() const = 0;
};

// OFPRA's information system writing the registry (docs/REGISTRY-HISTORY.md): its API clients,
// a kind apart from partners', and the replies kept for its Idempotency-Keys.
struct RegistryClient {
  std::string client_id;
  std::string name;
  std::string secret_hash;  // argon2id
  std::string created_at;
  bool revoked = false;
};

struct IdempotentReply {
  std::string request_hash;
  unsigned status = 0;  // 0: the first request with that key is under way
  std::string body;
};

class IngestionStore {
 public:
  virtual ~IngestionStore() = default;
  virtual Status put_registry_client(const RegistryClient& client) = 0;
  virtual Result<std::optional<RegistryClient>> find_registry_client(const std::string& client_id) = 0;
  // False when there is no such client, or it was already revoked.
  virtual Result<bool> revoke_registry_client(const std::string& client_id, const std::string& at) = 0;
  // Reserves the client's key for a request with that hash: nullopt when reserved now, else what
  // the key already holds. Keys created before forget_before are forgotten first.
  virtual Result<std::optional<IdempotentReply>> reserve_key(const std::string& client_id, const std::string& key,
                                                             const std::string& request_hash, const std::string& now,
                                                             const std::string& forget_before) = 0;
  virtual Status settle_key(const std::string& client_id, const std::string& key, unsigned status,
                            const std::string& body) = 0;
  // Frees a key still under way (its request failed before any change): it may be used again.
  virtual Status release_key(const std::string& client_id, const std::string& key) = 0;
};

// A partner's bulk verification job (service/bulk_jobs.hpp); its items' answers are journal
// receipts (store/journal_store.hpp).
enum class BulkJobState { running, finished, interrupted };
struct BulkJob {
  std::string id;
  std::string partner_siret;
  std::string client_id;
  std::vector<std::string> scopes;  // the token's when the job was accepted
  std::int64_t items = 0;
  std::string created_at;
  std::string finished_at;  // empty while it runs
  BulkJobState state = BulkJobState::running;
};

class BulkJobStore {
 public:
  virtual ~BulkJobStore() = default;
  // The job and its requests (one per item, in order), in one transaction.
  virtual Status create_job(const BulkJob& job, const std::vector<std::string>& requests) = 0;
  virtual Result<std::optional<BulkJob>> find_job(const std::string& id) = 0;
  // Running jobs, oldest first.
  virtual Result<std::vector<BulkJob>> running_jobs() = 0;
  // Up to limit items from position `from` on, in order: (position, request).
  virtual Result<std::vector<std::pair<std::int64_t, std::string>>> job_items(const std::string& id, std::int64_t from,
                                                                              std::size_t limit) = 0;
  // Whether this node (owner) holds the running job until `until`: it did, or nobody held it after
  // `now`. One node at a time answers a job's items.
  virtual Result<bool> claim_job(const std::string& id, const std::string& owner, const std::string& until,
                                 const std::string& now) = 0;
  // False when it had already ended.
  virtual Result<bool> end_job(const std::string& id, BulkJobState state, const std::string& at) = 0;
  // Ids of the jobs ended before that time.
  virtual Result<std::vector<std::string>> jobs_ended_before(const std::string& at) = 0;
  virtual Status delete_job(const std::string& id) = 0;
};

// Subscriptions and notifications (docs/NOTIFICATIONS.md).
struct Subscription {
  std::string id;
  std::string partner_siret;
  std::string client_id;
  std::string numero_ofpra;
  std::vector<std::string> scopes;  // as the door granted them
  std::string recipient_siret;
  std::string purpose;
  std::string partner_reference;
  std::string created_at;
  std::int64_t reference = 0;  // its journal entry
  std::string ended_at = {};   // empty while it holds
  std::string end_reason = {};
  bool active() const { return ended_at.empty(); }
};

struct WebhookEndpoint {
  std::string partner_siret;
  std::string url;
  std::string sealed_secret;
  std::string created_at;
};

enum class NotificationState { pending, delivered, dead };
struct Notification {
  std::string id;  // its webhook-id
  std::string partner_siret;
  std::string subscription_id;
  std::string type;
  std::string payload;  // the body sent
  std::string created_at;
  std::int64_t attempts = 0;
  std::string next_attempt_at;  // empty once delivered or given up
  NotificationState state = NotificationState::pending;
  std::string last_error = {};
  std::string delivered_at = {};
};

// What one pass over the registry's new events writes, all at once.
struct FanOut {
  std::int64_t from_event = 0;  // the cursor as it was read
  std::int64_t to_event = 0;    // the last event handled
  std::vector<Notification> notifications;
  // Subscriptions ended (id, reason); each notice in notifications is written only if its
  // subscription was still active.
  std::vector<std::pair<std::string, std::string>> ended;
  std::string at;
};

class SubscriptionStore {
 public:
  virtual ~SubscriptionStore() = default;
  virtual Status create_subscription(const Subscription& subscription) = 0;
  virtual Result<std::optional<Subscription>> find_subscription(const std::string& id) = 0;
  // The partner's, newest first, at most limit.
  virtual Result<std::vector<Subscription>> subscriptions_of_partner(const std::string& siret, std::size_t limit) = 0;
  // Those following the person, active or ended, newest first (her portal shows the active ones).
  virtual Result<std::vector<Subscription>> subscriptions_of_person(const std::string& numero_ofpra) = 0;
  virtual Result<std::vector<Subscription>> active_subscriptions() = 0;

  virtual Status put_endpoint(const WebhookEndpoint& endpoint) = 0;
  virtual Result<std::optional<WebhookEndpoint>> find_endpoint(const std::string& siret) = 0;
  virtual Result<bool> delete_endpoint(const std::string& siret) = 0;

  // The cursor and up to limit registry events after it, oldest first.
  virtual Result<std::pair<std::int64_t, std::vector<StoredRegistryEvent>>> events_after_cursor(std::size_t limit) = 0;
  // Writes the fan-out if the cursor is still from_event (false: another node handled them);
  // with from_event == to_event, the cursor is not read.
  virtual Result<bool> commit_fan_out(const FanOut& fan_out) = 0;

  // Pending notifications due at now, oldest first.
  virtual Result<std::vector<Notification>> due_notifications(const std::string& now, std::size_t limit) = 0;
  // Whether this node takes the attempt: the notification is pending with that next attempt time,
  // which becomes `until` (a lease) .
  virtual Result<bool> claim_notification(const std::string& id, const std::string& next_attempt_at,
                                          const std::string& until) = 0;
  virtual Status record_attempt(const Notification& after) = 0;
  virtual Result<std::vector<Notification>> notifications_of_partner(const std::string& siret,
                                                                     std::optional<NotificationState> state,
                                                                     std::size_t limit) = 0;
  // Every partner's, for OFPRA's support.
  virtual Result<std::vector<Notification>> notifications_in_state(NotificationState state, std::size_t limit) = 0;
  virtual Result<std::optional<Notification>> find_notification(const std::string& id) = 0;
  // Pending again from now, attempts from zero; false when the partner has no such notification.
  virtual Result<bool> redeliver(const std::string& siret, const std::string& id, const std::string& now) = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual RegistryStore& registry() = 0;
  virtual PartnerStore& partners() = 0;
  virtual StaffStore& staff() = 0;
  virtual HabilitationRequestStore& requests() = 0;
  virtual AlertStore& alerts() = 0;
  virtual DemandeStore& demandes() = 0;
  virtual AttestationStore& attestations() = 0;
  virtual IngestionStore& ingestion() = 0;
  virtual BulkJobStore& bulk_jobs() = 0;
  virtual SubscriptionStore& subscriptions() = 0;
  virtual StatisticsStore& statistics() = 0;
  virtual ConsentStore& consents() = 0;
  virtual PortalStore& portal() = 0;
  virtual CounterStore& counter() = 0;
  virtual LimitStore& limits() = 0;
  virtual JournalStore& journal() = 0;
  // Applies the migrations not yet applied; returns the schema version now in force.
  virtual Result<int> migrate() = 0;
  virtual Result<int> schema_version() = 0;
  // Cheap liveness probe of the connection (for /readyz).
  virtual Status ping() = 0;
  // Calls changed("registry") or changed("access") from a thread of the feed after each such
  // commit; null where the database has no feed (SQLite, which one process serves: poll).
  virtual std::unique_ptr<ChangeFeed> watch_changes(std::function<void(std::string_view what)> changed) = 0;
};

struct OpenOptions {
  bool create = true;                 // create the database file when missing (SQLite)
  bool migrate = true;                // apply pending migrations on opening
  const env::Clock* clock = nullptr;  // the system clock when null
  std::size_t pool_size = 8;          // connections a node keeps to PostgreSQL
  // SQLite: refuse a database file (or its -wal, -shm) that other users may read or write, as
  // ssh refuses a key file (serve). Files are always created private (0600).
  bool require_private = false;
  // SQLite: the VFS under the database's files (empty: SQLite's default), for tests that inject
  // disk faults there (tests/support/fault_vfs.hpp).
  std::string sqlite_vfs = {};
};

Result<std::unique_ptr<Database>> open_database(const DatabaseUrl& url, const OpenOptions& options = {});

}  // namespace ofpra::store
