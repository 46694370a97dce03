#pragma once
// Internal to store/sqlite: the store classes sharing one connection. All calls are
// serialised by the database's mutex; callers never run them on an io thread.
#include "env/clock.hpp"
#include "store/database.hpp"
#include "store/sqlite/connection.hpp"

#include <mutex>

namespace ofpra::store::sqlite {

struct Shared {
  Connection connection;
  std::mutex mutex;
  const env::Clock* clock;
};

// The one integer a single-row query returns (a counter such as a generation).
Result<std::int64_t> read_counter(Shared& shared, std::string_view sql);

class SqliteRegistryStore final : public RegistryStore {
 public:
  explicit SqliteRegistryStore(Shared& shared) : shared_(shared) {}
  Result<std::unique_ptr<RegistryWriter>> begin_write() override;
  Result<std::optional<domain::Person>> find(const std::string& numero_ofpra) override;
  Status for_each(const std::function<bool(domain::Person&&)>& visit) override;
  Result<std::int64_t> count() override;
  Result<std::vector<std::string>> numbers_by_agdref(const std::string& numero_agdref) override;
  Result<std::int64_t> generation() override;
  Result<std::string> instance() override;

 private:
  Status visit_range(const std::string& low, const std::string& high,
                     const std::function<bool(domain::Person&&)>& visit);
  Shared& shared_;
};

class SqlitePartnerStore final : public PartnerStore {
 public:
  explicit SqlitePartnerStore(Shared& shared) : shared_(shared) {}
  Status put_partner(const domain::Partner& partner) override;
  Result<std::vector<domain::Partner>> partners() override;
  Status put_client(const ApiClient& client) override;
  Result<std::optional<ApiClient>> find_client(const std::string& client_id) override;
  Result<bool> revoke_client(const std::string& client_id) override;
  Result<std::optional<domain::Partner>> find_partner(const std::string& siret) override;
  Result<std::int64_t> put_habilitation(const domain::Habilitation& habilitation) override;
  Result<std::vector<domain::Habilitation>> habilitations(const std::string& partner_siret) override;
  Result<std::int64_t> access_generation() override;
  Result<bool> use_assertion(const std::string& client_id, const std::string& jti, std::int64_t expires_at,
                             std::int64_t now) override;

 private:
  Shared& shared_;
};

class SqliteConsentStore final : public ConsentStore {
 public:
  explicit SqliteConsentStore(Shared& shared) : shared_(shared) {}
  Result<std::int64_t> put_consent(const domain::Consent& consent) override;
  Result<bool> revoke_consent(std::int64_t id) override;
  Result<std::optional<domain::Consent>> find_consent(std::int64_t id) override;
  Result<std::vector<domain::Consent>> consents(const std::string& numero_ofpra, const std::string& partner_siret,
                                                domain::AdministrationType partner_type) override;
  Result<std::vector<domain::Consent>> consents_of(const std::string& numero_ofpra) override;

 private:
  Shared& shared_;
};

class SqlitePortalStore final : public PortalStore {
 public:
  explicit SqlitePortalStore(Shared& shared) : shared_(shared) {}
  Result<std::optional<PersonAccount>> find_account(const std::string& numero_ofpra) override;
  Status set_password(const std::string& numero_ofpra, const std::string& password_hash) override;
  Status record_failed_login(const std::string& numero_ofpra, const std::optional<std::string>& locked_until) override;
  Status clear_failed_logins(const std::string& numero_ofpra) override;
  Status put_code(const OneTimeCode& code) override;
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
  Result<std::vector<OutboxMessage>> unsent(std::size_t limit, int max_attempts) override;
  Status mark_sent(std::int64_t id) override;
  Status mark_failed(std::int64_t id, const std::string& error) override;

 private:
  // Runs one statement and reads its first row, if any, under the connection's lock.
  template <class T, class Bind, class F>
  Result<std::optional<T>> one(std::string_view sql, Bind bind, F from_row);
  // Runs one statement that returns no rows, under the connection's lock.
  template <class Bind>
  Status run(std::string_view sql, Bind bind);
  // Runs one statement and says whether it changed a row.
  template <class Bind>
  Result<bool> changed(std::string_view sql, Bind bind);
  Shared& shared_;
};

class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(Shared& shared) : shared_(shared) {}
  Status put_staff(const StaffAccount& account) override;
  Result<std::optional<StaffAccount>> find_staff(const std::string& login) override;

 private:
  Shared& shared_;
};

}  // namespace ofpra::store::sqlite
