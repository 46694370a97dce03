#pragma once
// A partner's API credentials, managed in the back office by habilitations staff (docs/BACK-
// OFFICE.md): a client with a secret shown once (argon2id stored) or with a registered public
// key (private_key_jwt); a rotation that keeps the old secret valid for an overlap; suspension,
// resumption and revocation, which every node applies from the next request (the store's access
// generation). Each is a recorded staff action with its reason.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "service/partners.hpp"
#include "store/database.hpp"

#include <string>

namespace ofpra::service {

// Longest overlap of a rotation, in days.
inline constexpr int max_rotation_overlap_days = 90;

struct CredentialsContext {
  store::Database& db;
  env::Random& random;
  const env::Clock& clock;
};

// A new client for a partner with a habilitation in force: with public_key_pem, it authenticates
// with its key and gets no secret. Errors by field: "role", "comment", "siret" (no partner with
// a habilitation in force), "public_key".
domain::Result<ClientCredentials> issue_client(const CredentialsContext& c, const store::StaffMember& staff,
                                               const std::string& siret, const std::string& public_key_pem,
                                               const std::string& comment);

// The operations below act on a client of the organisation siret only (error "client" for any
// other, as for none).

// A new secret for the client; the old one stays valid overlap_days (0: refused at once).
// Errors: "role", "comment", "client" (none, revoked, or authenticating with a key), "overlap".
domain::Result<ClientCredentials> rotate_secret(const CredentialsContext& c, const store::StaffMember& staff,
                                                const std::string& siret, const std::string& client_id,
                                                int overlap_days, const std::string& comment);

enum class ClientChange { suspend, resume, revoke };
// Errors: "role", "comment", "client" (none, or already revoked).
domain::Status change_client(const CredentialsContext& c, const store::StaffMember& staff, const std::string& siret,
                             const std::string& client_id, ClientChange change, const std::string& comment);

}  // namespace ofpra::service
