#include "service/credentials.hpp"

#include "auth/secret_hash.hpp"
#include "domain/plain_text.hpp"
#include "service/staff.hpp"

#include <algorithm>

namespace ofpra::service {
namespace {

// The organisation (SIRET) of a validated request, when the staff member may manage its
// credentials and says why: the habilitations role (a refusal is recorded), and not named in it.
domain::Result<std::string> target(const CredentialsContext& c, const store::StaffMember& staff,
                                   std::int64_t request_id, const std::string& attempted, const std::string& comment) {
  auto may = staff_may(c.db, c.clock, staff, domain::StaffRole::habilitations, attempted);
  if (!may) return may.error();
  if (!*may) return domain::refused("role", "managing credentials needs the habilitations role");
  auto request = c.db.requests().find_request(request_id);
  if (!request) return request.error();
  if (!*request || (*request)->state != domain::HabilitationState::validated)
    return domain::refused("demande", "credentials are given for a validated request only");
  if (staff.email == (*request)->dpo_email || staff.email == (*request)->technical_email)
    return domain::refused("validator", "a staff member named in a request never manages its credentials");
  if (!domain::is_reason(comment)) return domain::refused("comment", "say why");
  return (*request)->organisation.siret;
}

// The client is the organisation's.
domain::Status owned(const CredentialsContext& c, const std::string& siret, const std::string& client_id) {
  auto client = c.db.partners().find_client(client_id);
  if (!client) return client.error();
  if (!*client || (*client)->partner_siret != siret)
    return domain::refused("client", "no such client of this organisation");
  return domain::success();
}

}  // namespace

domain::Result<ClientCredentials> issue_client(const CredentialsContext& c, const store::StaffMember& staff,
                                               std::int64_t request_id, const std::string& public_key_pem,
                                               const std::string& comment) {
  auto organisation = target(c, staff, request_id, "identifiants, demande " + std::to_string(request_id), comment);
  if (!organisation) return organisation.error();
  const auto& siret = *organisation;
  auto habilitations = c.db.partners().habilitations(siret);
  if (!habilitations) return habilitations.error();
  const auto today = domain::day_of(c.clock.now()).to_string();
  if (std::none_of(habilitations->begin(), habilitations->end(),
                   [&](const domain::Habilitation& h) { return domain::in_force(h, today); }))
    return domain::refused("siret", "this organisation has no habilitation in force");
  auto client = new_client(siret, public_key_pem, c.random);
  if (!client) return client.error();
  if (auto s = c.db.partners().put_client(client->client); !s) return s.error();
  const auto& credentials = client->credentials;
  if (auto r = record_staff_action(c.db, c.clock, staff.email, "identifiants.creation",
                                   siret + " : " + credentials.client_id + (public_key_pem.empty() ? "" : " (clé)"),
                                   comment);
      !r)
    return r.error();
  return credentials;
}

domain::Result<ClientCredentials> rotate_secret(const CredentialsContext& c, const store::StaffMember& staff,
                                                std::int64_t request_id, const std::string& client_id, int overlap_days,
                                                const std::string& comment) {
  auto siret = target(c, staff, request_id, "rotation " + client_id, comment);
  if (!siret) return siret.error();
  if (auto mine = owned(c, *siret, client_id); !mine) return mine.error();
  if (overlap_days < 0 || overlap_days > max_rotation_overlap_days)
    return domain::refused("overlap", "0 to " + std::to_string(max_rotation_overlap_days) + " days");
  ClientCredentials credentials{client_id, auth::new_secret(c.random)};
  auto hash = auth::hash_secret(credentials.client_secret);
  if (!hash) return domain::unavailable_error("could not hash the client secret (out of memory)");
  const auto until = env::format_utc(c.clock.now() + std::chrono::hours(24 * overlap_days));
  auto rotated = c.db.partners().rotate_client_secret(client_id, *hash, until);
  if (!rotated) return rotated.error();
  if (!*rotated) return domain::refused("client", "no such client with a secret, or it is revoked");
  if (auto r = record_staff_action(c.db, c.clock, staff.email, "identifiants.rotation",
                                   client_id + " : ancien secret valable jusqu'au " + until, comment);
      !r)
    return r.error();
  return credentials;
}

domain::Status change_client(const CredentialsContext& c, const store::StaffMember& staff, std::int64_t request_id,
                             const std::string& client_id, ClientChange change, const std::string& comment) {
  static constexpr std::string_view words[] = {"suspension", "reprise", "revocation"};
  const std::string word(words[static_cast<int>(change)]);
  auto siret = target(c, staff, request_id, word + " " + client_id, comment);
  if (!siret) return siret.error();
  if (auto mine = owned(c, *siret, client_id); !mine) return mine;
  auto changed = change == ClientChange::revoke
                     ? c.db.partners().revoke_client(client_id)
                     : c.db.partners().set_client_suspended(client_id, change == ClientChange::suspend);
  if (!changed) return changed.error();
  if (!*changed) return domain::refused("client", "no such client, or it is revoked");
  return record_staff_action(c.db, c.clock, staff.email, "identifiants." + word, client_id, comment);
}

}  // namespace ofpra::service
