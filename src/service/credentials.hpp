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

// Each operation acts on the organisation of a validated request (request_id), by a staff member
// with the habilitations role (a refusal is recorded) who is not named in the request, saying
// why. Errors common to all: "role", "demande" (no such validated request), "validator" (she is
// its DPO or technical contact), "comment"; "client" for a client that is not the organisation's
// (or none).

// A new client: with public_key_pem, it authenticates with its key and gets no secret. Errors
// also "siret" (no habilitation in force), "public_key".
domain::Result<ClientCredentials> issue_client(const CredentialsContext& c, const store::StaffMember& staff,
                                               std::int64_t request_id, const std::string& public_key_pem,
                                               const std::string& comment);

// A new secret for the client; the old one stays valid overlap_days (0: refused at once).
// Errors also "client" (revoked, or authenticating with a key), "overlap".
domain::Result<ClientCredentials> rotate_secret(const CredentialsContext& c, const store::StaffMember& staff,
                                                std::int64_t request_id, const std::string& client_id, int overlap_days,
                                                const std::string& comment);

enum class ClientChange { suspend, resume, revoke };
// Errors also "client" (already revoked).
domain::Status change_client(const CredentialsContext& c, const store::StaffMember& staff, std::int64_t request_id,
                             const std::string& client_id, ClientChange change, const std::string& comment);

}  // namespace ofpra::service
