#include "service/staff.hpp"

#include "auth/secret_hash.hpp"
#include "domain/email_address.hpp"
#include "domain/json_member.hpp"
#include "domain/plain_text.hpp"
#include "journal/chain.hpp"
#include "service/session_times.hpp"

namespace ofpra::service {
namespace {}  // namespace

domain::Status record_staff_action(store::Database& db, const env::Clock& clock, const std::string& email,
                                   std::string action, std::string target, std::string comment) {
  auto id = db.staff().record_staff_action(
      {0, env::format_utc(clock.now()), email, std::move(action), std::move(target), std::move(comment)});
  if (!id) return id.error();
  return domain::success();
}

domain::Result<OpenedStaffSession> staff_return(const StaffContext& c, const std::string& login_id,
                                                const std::string& state, const std::string& code) {
  auto pending = c.logins.take(login_id, state);
  if (!pending) return domain::refused("oidc", "no sign-in under way with that state");
  auto identity = c.provider.finish(code, *pending);
  if (!identity) return identity.error();
  const auto email = domain::ascii_lower(domain::string_member(identity->claims, "email"));
  if (!domain::is_email_address(email)) return domain::refused("email", "the provider gave no e-mail address");
  auto member = c.db.staff().find_staff_member(email);
  if (!member) return member.error();
  if (!*member || !(*member)->active) return domain::refused("inconnu", "no active staff member with that e-mail");

  OpenedStaffSession o;
  o.token = auth::new_secret(c.random, 32);
  auto& s = o.staff.session;
  s.token_hash = journal::sha256_hex(o.token);
  s.email = email;
  s.id_token = identity->id_token;
  s.csrf_token = auth::new_secret(c.random, 24);
  const auto now = c.clock.now();
  s.expires_at = env::format_utc(now + staff_session_lifetime);
  s.idle_until = env::format_utc(now + staff_session_idle);
  if (auto put = c.db.staff().put_staff_session(s, env::format_utc(now)); !put) return put.error();
  if (auto r = record_staff_action(c.db, c.clock, email, "connexion", identity->acr, "ProConnect"); !r)
    return r.error();
  o.staff.member = std::move(**member);
  return o;
}

domain::Result<std::optional<SignedInStaff>> find_staff_session(const StaffContext& c, const std::string& token) {
  if (token.empty() || token.size() > 100) return std::optional<SignedInStaff>{};
  const auto hash = journal::sha256_hex(token);
  auto found = c.db.staff().find_staff_session(hash);
  if (!found) return found.error();
  if (!*found) return std::optional<SignedInStaff>{};
  auto member = c.db.staff().find_staff_member((*found)->email);
  if (!member) return member.error();
  const auto idle = renewed_idle((*found)->expires_at, (*found)->idle_until, c.clock.now(), staff_session_idle);
  if (!idle || !*member || !(*member)->active) {
    if (auto s = c.db.staff().delete_staff_session(hash); !s) return s.error();
    return std::optional<SignedInStaff>{};
  }
  (*found)->idle_until = *idle;
  if (auto s = c.db.staff().touch_staff_session(hash, *idle); !s) return s.error();
  return std::optional<SignedInStaff>{SignedInStaff{std::move(**found), std::move(**member)}};
}

domain::Result<std::optional<std::string>> close_staff_session(const StaffContext& c, const SignedInStaff& staff,
                                                               const std::string& post_logout) {
  if (auto s = c.db.staff().delete_staff_session(staff.session.token_hash); !s) return s.error();
  if (auto r = record_staff_action(c.db, c.clock, staff.member.email, "deconnexion", {}, {}); !r) return r.error();
  return c.provider.logout_url(staff.session.id_token, post_logout, auth::new_secret(c.random, 24));
}

domain::Result<store::StaffMember> put_staff_member(store::Database& db, const env::Clock& clock,
                                                    const store::StaffMember* actor, StaffChange change,
                                                    const std::string& comment) {
  change.email = domain::ascii_lower(std::move(change.email));
  if (!domain::is_email_address(change.email) || change.email.size() > 200)
    return domain::refused("email", "an e-mail address, as ProConnect gives it");
  if (!domain::is_text_line(change.name, 200)) return domain::refused("name", "1 to 200 characters of plain text");
  if (change.roles.empty()) return domain::refused("roles", "at least one role");
  if (actor) {
    if (!actor->roles.has(domain::StaffRole::admin)) return domain::refused("role", "only an admin manages staff");
    if (actor->email == change.email) return domain::refused("self", "another admin changes an admin's own roles");
    if (!domain::is_reason(comment)) return domain::refused("comment", "say why");
  }
  auto known = db.staff().find_staff_member(change.email);
  if (!known) return known.error();
  store::StaffMember m{change.email,
                       change.name,
                       change.roles,
                       change.active,
                       *known ? (*known)->created_at : std::string(),
                       *known ? (*known)->created_by : std::string(actor ? actor->email : command_line_actor)};
  if (auto s = db.staff().put_staff_member(m); !s) return s.error();
  if (!m.active)
    if (auto s = db.staff().delete_staff_sessions_of(m.email); !s) return s.error();
  const std::string what = std::string(*known ? "staff.modification" : "staff.ajout");
  if (auto r = record_staff_action(db, clock, actor ? actor->email : std::string(command_line_actor), what,
                                   m.email + " : " + to_string(m.roles) + (m.active ? "" : " (désactivé)"), comment);
      !r)
    return r.error();
  return m;
}

domain::Result<std::vector<store::StaffMember>> staff_team(store::Database& db) { return db.staff().staff_members(); }

domain::Result<std::vector<store::StaffAction>> recent_staff_actions(store::Database& db, std::int64_t before_id) {
  return db.staff().staff_actions(before_id, staff_actions_page);
}

domain::Result<bool> staff_may(store::Database& db, const env::Clock& clock, const store::StaffMember& member,
                               domain::StaffRole role, const std::string& attempted) {
  if (member.roles.has(role)) return true;
  if (auto r = record_staff_action(db, clock, member.email, "refus." + std::string(to_string(role)), attempted,
                                   "rôle manquant");
      !r)
    return r.error();
  return false;
}

}  // namespace ofpra::service
