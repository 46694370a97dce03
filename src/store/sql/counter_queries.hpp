#pragma once
// SQL of the counter's store (agents' sessions, the organisations' allow-lists).
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view forget_counter_sessions = "DELETE FROM counter_sessions WHERE expires_at < ?1";
inline constexpr std::string_view insert_counter_session = R"(
INSERT INTO counter_sessions (token_hash, agent_ref, partner_siret, given_name, usual_name, email_domain, uid, acr,
  id_token, csrf_token, created_at, expires_at, idle_until)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))";
inline constexpr std::string_view select_counter_session = R"(
SELECT token_hash, agent_ref, partner_siret, given_name, usual_name, email_domain, uid, acr, id_token, csrf_token,
  expires_at, idle_until
FROM counter_sessions WHERE token_hash = ?1)";
inline constexpr std::string_view touch_counter_session =
    "UPDATE counter_sessions SET idle_until = ?2 WHERE token_hash = ?1";
inline constexpr std::string_view delete_counter_session = "DELETE FROM counter_sessions WHERE token_hash = ?1";

inline constexpr std::string_view select_counter_allowances =
    "SELECT kind, value FROM counter_allowlist WHERE partner_siret = ?1 ORDER BY kind, value";
inline constexpr std::string_view insert_counter_allowance =
    "INSERT INTO counter_allowlist (partner_siret, kind, value) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
inline constexpr std::string_view delete_counter_allowance =
    "DELETE FROM counter_allowlist WHERE partner_siret = ?1 AND kind = ?2 AND value = ?3";

}  // namespace ofpra::store::sql::queries
