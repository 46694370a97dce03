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
  Result<std::vector<domain::Consent>> consents(const std::string& numero_ofpra,
                                                const std::string& partner_siret) override;

 private:
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
