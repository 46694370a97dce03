#pragma once
// Every store, written once over an sql::Executor: the SQLite and PostgreSQL databases are
// these same classes on their own executors. Internal to src/store.
#include "env/clock.hpp"
#include "store/database.hpp"
#include "store/sql/executor.hpp"

#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ofpra::store::sql {

class SqlRegistryStore final : public RegistryStore {
 public:
  SqlRegistryStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Result<std::unique_ptr<RegistryWriter>> begin_write(const std::string& written_by) override;
  Result<PersonHistory> history(const std::string& numero_ofpra) override;
  Result<std::optional<domain::Person>> find(const std::string& numero_ofpra) override;
  Status for_each(const std::function<bool(domain::Person&&)>& visit) override;
  Result<std::int64_t> count() override;
  Result<std::vector<std::string>> numbers_by_agdref(const std::string& numero_agdref) override;
  Result<std::int64_t> generation() override;
  Result<std::string> instance() override;
  Result<bool> synthetic() override;

 private:
  // Persons with numero_ofpra in (after, last], in order, read in chunks from one snapshot.
  Status visit_range(const std::string& after, const std::string& last,
                     const std::function<bool(domain::Person&&)>& visit);
  Executor& db_;
  const env::Clock& clock_;
};

class SqlPartnerStore final : public PartnerStore {
 public:
  SqlPartnerStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Status put_partner(const domain::Partner& partner) override;
  Result<std::vector<domain::Partner>> partners() override;
  Status put_client(const ApiClient& client) override;
  Result<std::optional<ApiClient>> find_client(const std::string& client_id) override;
  Result<bool> revoke_client(const std::string& client_id) override;
  Result<std::vector<ApiClient>> clients_of(const std::string& partner_siret) override;
  Result<bool> rotate_client_secret(const std::string& client_id, const std::string& secret_hash,
                                    const std::string& previous_until) override;
  Result<bool> set_client_suspended(const std::string& client_id, bool suspended) override;
  Result<std::optional<domain::Partner>> find_partner(const std::string& siret) override;
  Result<std::int64_t> put_habilitation(const domain::Habilitation& habilitation) override;
  Result<std::vector<domain::Habilitation>> habilitations(const std::string& partner_siret) override;
  Result<std::int64_t> access_generation() override;
  Result<bool> use_assertion(const std::string& client_id, const std::string& jti, std::int64_t expires_at,
                             std::int64_t now) override;

 private:
  Executor& db_;
  const env::Clock& clock_;
};

class SqlConsentStore final : public ConsentStore {
 public:
  SqlConsentStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Result<std::int64_t> put_consent(const domain::Consent& consent) override;
  Result<bool> revoke_consent(std::int64_t id) override;
  Result<std::optional<domain::Consent>> find_consent(std::int64_t id) override;
  Result<std::vector<domain::Consent>> consents(const std::string& numero_ofpra, const std::string& partner_siret,
                                                domain::AdministrationType partner_type) override;
  Result<std::vector<domain::Consent>> consents_of(const std::string& numero_ofpra) override;

 private:
  Executor& db_;
  const env::Clock& clock_;
};

class SqlPortalStore final : public PortalStore {
 public:
  Status add_opinion(const Opinion& opinion) override;
  Result<std::optional<std::string>> find_identity_link(const std::string& provider,
                                                        const std::string& subject_hash) override;
  Status delete_identity_links(const std::string& numero_ofpra) override;
  Status put_identity_link(const std::string& provider, const std::string& subject_hash,
                           const std::string& numero_ofpra) override;
  Result<std::vector<OpinionCount>> opinion_counts() override;

 public:
  SqlPortalStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Result<std::optional<PersonAccount>> find_account(const std::string& numero_ofpra) override;
  Status set_password(const std::string& numero_ofpra, const std::string& password_hash) override;
  Status record_failed_login(const std::string& numero_ofpra, const std::optional<std::string>& locked_until) override;
  Status clear_failed_logins(const std::string& numero_ofpra) override;
  Status put_code(const OneTimeCode& code) override;
  Status retire_codes(const std::string& numero_ofpra, const std::string& purpose, const std::string& at) override;
  Result<std::optional<OneTimeCode>> find_code(const std::string& request_id) override;
  Status count_code_attempt(const std::string& request_id) override;
  Result<bool> use_code(const std::string& request_id, const std::string& at) override;
  Status put_session(const PersonSession& session) override;
  Result<std::optional<PersonSession>> find_session(const std::string& token_hash) override;
  Status touch_session(const std::string& token_hash, const std::string& idle_until) override;
  Status delete_session(const std::string& token_hash) override;
  Status delete_sessions_of(const std::string& numero_ofpra) override;
  Result<std::optional<std::int64_t>> put_share_code(const domain::ShareCode& code,
                                                     const std::string& code_hash) override;
  Result<std::optional<domain::ShareCode>> find_share_code(const std::string& code_hash) override;
  Result<std::vector<domain::ShareCode>> share_codes_of(const std::string& numero_ofpra) override;
  Result<bool> revoke_share_code(std::int64_t id, const std::string& numero_ofpra) override;
  Status count_share_code_failure(std::int64_t id) override;
  Result<std::int64_t> enqueue(const OutboxMessage& message) override;
  Result<std::vector<OutboxMessage>> claim_unsent(std::size_t limit, int max_attempts) override;
  Status mark_sent(std::int64_t id) override;
  Status mark_failed(std::int64_t id, const std::string& error) override;

 private:
  std::string now() const { return env::format_utc(clock_.now()); }
  Executor& db_;
  const env::Clock& clock_;
};

class SqlStaffStore final : public StaffStore {
 public:
  SqlStaffStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Status put_staff_member(const StaffMember& member) override;
  Result<std::optional<StaffMember>> find_staff_member(const std::string& email) override;
  Result<std::vector<StaffMember>> staff_members() override;
  Status put_staff_session(const StaffSession& session, const std::string& now) override;
  Result<std::optional<StaffSession>> find_staff_session(const std::string& token_hash) override;
  Status touch_staff_session(const std::string& token_hash, const std::string& idle_until) override;
  Status delete_staff_session(const std::string& token_hash) override;
  Status delete_staff_sessions_of(const std::string& email) override;
  Result<std::int64_t> record_staff_action(const StaffAction& action) override;
  Result<std::vector<StaffAction>> staff_actions(std::int64_t before_id, std::size_t limit) override;

 private:
  Executor& db_;
  const env::Clock& clock_;
};

class SqlHabilitationRequestStore final : public HabilitationRequestStore {
 public:
  SqlHabilitationRequestStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Result<std::int64_t> create_request(const HabilitationRequest& request, const RequestEvent& event,
                                      const RequestEffects& effects) override;
  Result<bool> save_request(const HabilitationRequest& request, domain::HabilitationState expected,
                            const RequestEvent& event, const RequestEffects& effects) override;
  Result<std::optional<HabilitationRequest>> find_request(std::int64_t id) override;
  Result<std::vector<HabilitationRequest>> requests(std::optional<domain::HabilitationState> state) override;
  Result<std::vector<RequestEvent>> request_events(std::int64_t id) override;
  Result<std::vector<HabilitationRequest>> ending_unreminded(const std::string& until) override;
  Status mark_reminded(std::int64_t id, const std::string& at) override;

 private:
  // The event, the effects, and the request's habilitation id when one is inserted.
  Status write_effects(Executor& tx, std::int64_t request_id, const RequestEvent& event, const RequestEffects& effects);
  Executor& db_;
  const env::Clock& clock_;
};

class SqlAlertStore final : public AlertStore {
 public:
  SqlAlertStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Result<bool> put_alert(const StoredAlert& alert, const std::vector<OutboxMessage>& messages) override;
  Result<std::vector<StoredAlert>> alerts(std::size_t limit) override;
  Result<std::int64_t> open_alerts() override;
  Result<bool> acknowledge_alert(std::int64_t id, const std::string& email, const std::string& at,
                                 const std::string& comment) override;

 private:
  Executor& db_;
  const env::Clock& clock_;
};

class SqlDemandeStore final : public DemandeStore {
 public:
  SqlDemandeStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  Result<bool> create_demande(const Demande& demande) override;
  Result<std::optional<Demande>> find_demande(const std::string& id) override;
  Result<std::optional<Demande>> demande_following(std::int64_t follows) override;
  Result<std::vector<Demande>> pending_demandes() override;
  Result<std::vector<Demande>> settled_demandes(std::size_t limit) override;
  Result<std::vector<Demande>> demandes(const DemandeFilter& filter) override;
  Result<bool> assign_demande(const std::string& id, const std::string& email, const std::string& at) override;
  Result<bool> settle_demande(const Demande& settled, const std::vector<OutboxMessage>& messages) override;
  Result<std::vector<Demande>> demandes_since(const std::string& since) override;
  Result<std::int64_t> purge_settled_before(const std::string& before) override;

 private:
  Executor& db_;
  const env::Clock& clock_;
};

class SqlAttestationStore final : public AttestationStore {
 public:
  explicit SqlAttestationStore(Executor& db) : db_(db) {}
  Status create_attestation(const domain::AttestationRecord& attestation) override;
  Result<std::optional<domain::AttestationRecord>> find_attestation(const std::string& id) override;
  Result<std::vector<domain::AttestationRecord>> attestations_of(const std::string& numero_ofpra, std::size_t limit,
                                                                 const std::string& today) override;
  Result<bool> revoke_attestation(const std::string& id, domain::RevocationReason reason, const std::string& by,
                                  const std::string& at) override;

 private:
  Executor& db_;
};

class SqlIngestionStore final : public IngestionStore {
 public:
  explicit SqlIngestionStore(Executor& db) : db_(db) {}
  Status put_registry_client(const RegistryClient& client) override;
  Result<std::optional<RegistryClient>> find_registry_client(const std::string& client_id) override;
  Result<bool> revoke_registry_client(const std::string& client_id, const std::string& at) override;
  Result<std::optional<IdempotentReply>> reserve_key(const std::string& client_id, const std::string& key,
                                                     const std::string& request_hash, const std::string& now,
                                                     const std::string& forget_before) override;
  Status settle_key(const std::string& client_id, const std::string& key, unsigned status,
                    const std::string& body) override;
  Status release_key(const std::string& client_id, const std::string& key) override;

 private:
  Executor& db_;
};

class SqlBulkJobStore final : public BulkJobStore {
 public:
  explicit SqlBulkJobStore(Executor& db) : db_(db) {}
  Status create_job(const BulkJob& job, const std::vector<std::string>& requests) override;
  Result<std::optional<BulkJob>> find_job(const std::string& id) override;
  Result<std::vector<BulkJob>> running_jobs() override;
  Result<std::vector<std::pair<std::int64_t, std::string>>> job_items(const std::string& id, std::int64_t from,
                                                                      std::size_t limit) override;
  Result<bool> claim_job(const std::string& id, const std::string& owner, const std::string& until,
                         const std::string& now) override;
  Result<bool> end_job(const std::string& id, BulkJobState state, const std::string& at) override;
  Result<std::vector<std::string>> jobs_ended_before(const std::string& at) override;
  Status delete_job(const std::string& id) override;

 private:
  Executor& db_;
};

class SqlSubscriptionStore final : public SubscriptionStore {
 public:
  explicit SqlSubscriptionStore(Executor& db) : db_(db) {}
  Status create_subscription(const Subscription& subscription) override;
  Result<std::optional<Subscription>> find_subscription(const std::string& id) override;
  Result<std::vector<Subscription>> subscriptions_of_partner(const std::string& siret, std::size_t limit) override;
  Result<std::vector<Subscription>> subscriptions_of_person(const std::string& numero_ofpra) override;
  Result<std::vector<Subscription>> active_subscriptions() override;
  Status put_endpoint(const WebhookEndpoint& endpoint) override;
  Result<std::optional<WebhookEndpoint>> find_endpoint(const std::string& siret) override;
  Result<bool> delete_endpoint(const std::string& siret) override;
  Result<std::pair<std::int64_t, std::vector<StoredRegistryEvent>>> events_after_cursor(std::size_t limit) override;
  Result<bool> commit_fan_out(const FanOut& fan_out) override;
  Result<std::vector<Notification>> due_notifications(const std::string& now, std::size_t limit) override;
  Result<bool> claim_notification(const std::string& id, const std::string& next_attempt_at,
                                  const std::string& until) override;
  Status record_attempt(const Notification& after) override;
  Result<std::vector<Notification>> notifications_of_partner(const std::string& siret,
                                                             std::optional<NotificationState> state,
                                                             std::size_t limit) override;
  Result<std::vector<Notification>> notifications_in_state(NotificationState state, std::size_t limit) override;
  Result<std::optional<Notification>> find_notification(const std::string& id) override;
  Result<bool> redeliver(const std::string& siret, const std::string& id, const std::string& now) override;

 private:
  Executor& db_;
};

class SqlStatisticsStore final : public StatisticsStore {
 public:
  explicit SqlStatisticsStore(Executor& db) : db_(db) {}
  Result<std::vector<JournalTally>> journal_tallies(const std::string& since) override;
  Result<std::vector<MonthCount>> share_codes_created(const std::string& since) override;
  Result<std::vector<MonthCount>> portal_accounts_created(const std::string& since) override;
  Result<std::int64_t> portal_accounts() override;

 private:
  Executor& db_;
};

class SqlCounterStore final : public CounterStore {
 public:
  explicit SqlCounterStore(Executor& db) : db_(db) {}
  Status put_counter_session(const CounterSession& session, const std::string& now) override;
  Result<std::optional<CounterSession>> find_counter_session(const std::string& token_hash) override;
  Status touch_counter_session(const std::string& token_hash, const std::string& idle_until) override;
  Status delete_counter_session(const std::string& token_hash) override;
  Result<std::vector<CounterAllowance>> counter_allowances(const std::string& partner_siret) override;
  Result<bool> add_counter_allowance(const std::string& partner_siret, const CounterAllowance& allowance) override;
  Result<bool> remove_counter_allowance(const std::string& partner_siret, const CounterAllowance& allowance) override;

 private:
  Executor& db_;
};

class SqlLimitStore final : public LimitStore {
 public:
  explicit SqlLimitStore(Executor& db) : db_(db) {}
  Result<std::int64_t> add_to_window(const std::string& key, std::int64_t start, std::int64_t end,
                                     std::int64_t n) override;
  Status forget_windows(std::int64_t now) override;

 private:
  Executor& db_;
};

class SqlJournalStore final : public JournalStore {
 public:
  SqlJournalStore(Executor& db, const env::Clock& clock) : db_(db), clock_(clock) {}
  domain::Status append(const ExtendChain& extend) override;
  domain::Result<std::optional<domain::JournalCheckpoint>> head() override;
  domain::Status probe_write() override;
  domain::Status scan(std::int64_t from_seq, const std::function<bool(domain::JournalEntry&&)>& visit) override;
  domain::Result<std::vector<domain::JournalCheckpoint>> checkpoints() override;
  domain::Result<std::vector<domain::JournalEntry>> search(const JournalQuery& query) override;
  domain::Result<std::int64_t> purge_through(std::int64_t through_seq,
                                             const domain::JournalCheckpoint& anchor) override;
  domain::Result<std::int64_t> last_seq_before(const std::string& recorded_before) override;
  Result<std::vector<store::JournalReceipt>> receipts(const std::string& from_key, const std::string& to_key,
                                                      std::size_t limit) override;
  Result<std::int64_t> count_receipts(const std::string& from_key, const std::string& to_key) override;
  Result<std::int64_t> delete_receipts(const std::string& from_key, const std::string& to_key) override;
  domain::Status put_key(const std::string& key_id, const std::string& public_key_hex) override;
  domain::Result<std::optional<std::string>> key(const std::string& key_id) override;

 private:
  using Contexts = std::vector<std::pair<std::string, std::int64_t>>;
  domain::Result<std::string> hash_before(std::int64_t seq);
  // The id of the entry's context (journal_contexts), inserted in tx when new; what tx finds
  // or inserts goes in `found`, cached once tx has committed.
  domain::Result<std::int64_t> context_id(Executor& tx, const domain::JournalEntry& e, Contexts& found);

  Executor& db_;
  const env::Clock& clock_;
  std::mutex contexts_mutex_;
  std::unordered_map<std::string, std::int64_t> contexts_;  // committed contexts by key; guarded
};

// Inserts a habilitation with its scopes and recipients in tx; returns its id.
Result<std::int64_t> insert_habilitation(Executor& tx, const domain::Habilitation& h, const std::string& now);
// Queues a message in tx.
Status insert_outbox_message(Executor& tx, const OutboxMessage& m, const std::string& now);

// Helpers shared by the stores.
// The first row turned into a value, or nothing.
template <class T, class F>
Result<std::optional<T>> first(Result<Rows> rows, F from_row) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<T>{};
  return std::optional<T>(from_row(rows->front()));
}

// Every row turned into a value.
template <class F>
auto all(Result<Rows> rows, F from_row) -> Result<std::vector<decltype(from_row(std::declval<const Row&>()))>> {
  if (!rows) return rows.error();
  std::vector<decltype(from_row(std::declval<const Row&>()))> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(from_row(r));
  return out;
}

// A statement's outcome without its row count.
inline Status done(Result<std::int64_t> changed) {
  if (!changed) return changed.error();
  return domain::success();
}

// Whether a statement changed a row.
inline Result<bool> changed_any(Result<std::int64_t> changed) {
  if (!changed) return changed.error();
  return *changed > 0;
}

// The id a statement ending in RETURNING id gave back, or nothing (ON CONFLICT DO NOTHING).
inline Result<std::optional<std::int64_t>> returned_id(Result<Rows> rows) {
  return first<std::int64_t>(std::move(rows), [](const Row& r) { return r.int64(0); });
}

}  // namespace ofpra::store::sql
