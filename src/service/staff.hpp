#pragma once
// OFPRA's staff in the back office (/admin, docs/BACK-OFFICE.md): they sign in with ProConnect,
// are known here by the e-mail it gives, and hold roles kept by Ofpra Connect that every action
// checks again. Every staff action is recorded (who, what, when, why) and never changed.
#include "domain/result.hpp"
#include "domain/staff_role.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "oidc/pending_logins.hpp"
#include "oidc/relying_party.hpp"
#include "store/database.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace ofpra::service {

inline constexpr std::chrono::hours staff_session_lifetime{10};
inline constexpr std::chrono::minutes staff_session_idle{30};
// Who added a staff member from the command line rather than the back office.
inline constexpr std::string_view command_line_actor = "ligne de commande";

struct StaffContext {
  store::Database& db;
  oidc::RelyingParty& provider;  // ProConnect, returning to /admin/retour
  oidc::PendingLogins& logins;
  env::Random& random;
  const env::Clock& clock;
};

// A staff member signed in: her session and herself as the store has her now.
struct SignedInStaff {
  store::StaffSession session;
  store::StaffMember member;
};

struct OpenedStaffSession {
  std::string token;  // for the cookie; only its hash is stored
  SignedInStaff staff;
};

// Back from ProConnect. Errors by field: "oidc" (an unknown or replayed sign-in, or an answer
// that does not check out), "email" (no e-mail in her identity), "inconnu" (no active staff
// member with that e-mail), or the unavailability of the provider or the store.
domain::Result<OpenedStaffSession> staff_return(const StaffContext& c, const std::string& login_id,
                                                const std::string& state, const std::string& code);

// The live session for a cookie's token with its member re-read, its idle time renewed;
// nullopt when none, or when she is no longer an active staff member (the session is ended).
domain::Result<std::optional<SignedInStaff>> find_staff_session(const StaffContext& c, const std::string& token);
// Ends it here; the provider's logout address (back to post_logout) when it has one.
domain::Result<std::optional<std::string>> close_staff_session(const StaffContext& c, const SignedInStaff& staff,
                                                               const std::string& post_logout);

// Records a staff action now. Errors: the store's unavailability only.
domain::Status record_staff_action(store::Database& db, const env::Clock& clock, const std::string& email,
                                   std::string action, std::string target, std::string comment);

// Adds a staff member or changes her name, roles and whether she is active, as the actor (an
// admin, or the command line when actor is empty) says, and records it with the comment.
// Errors by field: "email", "name", "roles" (none, or one unknown), "role" (the actor is not an
// admin), "self" (an admin changes her own roles or access: another admin does), "comment".
struct StaffChange {
  std::string email;
  std::string name;
  domain::StaffRoles roles;
  bool active = true;
};
domain::Result<store::StaffMember> put_staff_member(store::Database& db, const env::Clock& clock,
                                                    const store::StaffMember* actor, StaffChange change,
                                                    const std::string& comment);

// Every staff member, by e-mail.
domain::Result<std::vector<store::StaffMember>> staff_team(store::Database& db);
// The staff actions, newest first, 100 at most, before that id (0: the newest).
inline constexpr std::size_t staff_actions_page = 100;
domain::Result<std::vector<store::StaffAction>> recent_staff_actions(store::Database& db, std::int64_t before_id);

// Whether she holds the role. A refusal is recorded as an action ("refus.<role>") with what she
// tried, so that the admins see it.
domain::Result<bool> staff_may(store::Database& db, const env::Clock& clock, const store::StaffMember& member,
                               domain::StaffRole role, const std::string& attempted);

}  // namespace ofpra::service
