#pragma once
// Storage interfaces. Everything above src/store/ speaks to these and never to a particular
// database: the SQLite implementation lives in sqlite/, the PostgreSQL one will live in
// postgres/, and open_database() picks one from the URL.
#include "domain/consent.hpp"
#include "domain/habilitation.hpp"
#include "domain/partner.hpp"
#include "domain/person.hpp"
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "store/database_url.hpp"
#include "store/journal_store.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::store {

using domain::Result;
using domain::Status;

// A write transaction on the registry: nothing is visible to others until commit(); destroying
// it uncommitted rolls everything back.
class RegistryWriter {
 public:
  virtual ~RegistryWriter() = default;
  // Inserts the person, or replaces every field and list of the person with that numero_ofpra.
  virtual Status put(const domain::Person& person) = 0;
  virtual Status commit() = 0;
};

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;
  virtual Result<std::unique_ptr<RegistryWriter>> begin_write() = 0;
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
};

struct ApiClient {
  std::string client_id;
  std::string partner_siret;
  std::string secret_hash;  // argon2id, as libsodium's crypto_pwhash_str writes it; empty with a key
  bool revoked = false;
  std::string public_key_pem;  // private_key_jwt (RFC 7523): the client's public key; empty with a secret
};

struct StaffAccount {
  std::string login;
  std::string password_hash;  // argon2id
  std::string role;           // "admin" or "auditor"
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
  // The consents a person gave that partner, in every state, oldest first.
  virtual Result<std::vector<domain::Consent>> consents(const std::string& numero_ofpra,
                                                        const std::string& partner_siret) = 0;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  virtual Status put_staff(const StaffAccount& account) = 0;
  virtual Result<std::optional<StaffAccount>> find_staff(const std::string& login) = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual RegistryStore& registry() = 0;
  virtual PartnerStore& partners() = 0;
  virtual AccountStore& accounts() = 0;
  virtual ConsentStore& consents() = 0;
  virtual JournalStore& journal() = 0;
  // Applies the migrations not yet applied; returns the schema version now in force.
  virtual Result<int> migrate() = 0;
  virtual Result<int> schema_version() = 0;
  // Cheap liveness probe of the connection (for /readyz).
  virtual Status ping() = 0;
};

struct OpenOptions {
  bool create = true;                 // create the database file when missing
  bool migrate = true;                // apply pending migrations on opening
  const env::Clock* clock = nullptr;  // the system clock when null
};

Result<std::unique_ptr<Database>> open_database(const DatabaseUrl& url, const OpenOptions& options = {});

}  // namespace ofpra::store
