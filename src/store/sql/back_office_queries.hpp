#pragma once
// SQL of the back office's stores (staff, their sessions and actions, habilitation requests).
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view upsert_staff_member = R"(
INSERT INTO staff_members (email, name, roles, active, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (email) DO UPDATE SET name = excluded.name, roles = excluded.roles, active = excluded.active)";
#define OFPRA_STAFF_COLUMNS "SELECT email, name, roles, active, created_at, created_by FROM staff_members "
inline constexpr std::string_view select_staff_member = OFPRA_STAFF_COLUMNS "WHERE email = ?1";
inline constexpr std::string_view select_staff_members = OFPRA_STAFF_COLUMNS "ORDER BY email";
#undef OFPRA_STAFF_COLUMNS

inline constexpr std::string_view forget_staff_sessions = "DELETE FROM staff_sessions WHERE expires_at < ?1";
inline constexpr std::string_view insert_staff_session = R"(
INSERT INTO staff_sessions (token_hash, email, id_token, csrf_token, created_at, expires_at, idle_until)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))";
inline constexpr std::string_view select_staff_session =
    "SELECT token_hash, email, id_token, csrf_token, expires_at, idle_until FROM staff_sessions WHERE token_hash = ?1";
inline constexpr std::string_view touch_staff_session =
    "UPDATE staff_sessions SET idle_until = ?2 WHERE token_hash = ?1";
inline constexpr std::string_view delete_staff_session = "DELETE FROM staff_sessions WHERE token_hash = ?1";
inline constexpr std::string_view delete_staff_sessions_of = "DELETE FROM staff_sessions WHERE email = ?1";

inline constexpr std::string_view insert_staff_action =
    "INSERT INTO staff_actions (at, email, action, target, comment) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
inline constexpr std::string_view select_staff_actions = R"(
SELECT id, at, email, action, target, comment FROM staff_actions
WHERE ?1 = 0 OR id < ?1 ORDER BY id DESC LIMIT ?2)";

#define OFPRA_REQUEST_COLUMNS                                                                                     \
  "SELECT id, state, siret, organisation, type, scopes, legal_basis, legal_reference, purpose, expected_volume, " \
  "dpo_email, technical_email, valid_from, valid_to, first_validator, coalesce(habilitation_id, 0), "             \
  "follow_key_hash, created_at, updated_at FROM habilitation_requests "
inline constexpr std::string_view insert_request = R"(
INSERT INTO habilitation_requests (state, siret, organisation, type, scopes, legal_basis, legal_reference, purpose,
  expected_volume, dpo_email, technical_email, valid_from, valid_to, first_validator, follow_key_hash, created_at,
  updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16) RETURNING id)";
inline constexpr std::string_view update_request = R"(
UPDATE habilitation_requests SET state = ?2, organisation = ?3, type = ?4, scopes = ?5, legal_basis = ?6,
  legal_reference = ?7, purpose = ?8, expected_volume = ?9, dpo_email = ?10, technical_email = ?11, valid_from = ?12,
  valid_to = ?13, first_validator = ?14, updated_at = ?15
WHERE id = ?1 AND state = ?16)";
inline constexpr std::string_view set_request_habilitation =
    "UPDATE habilitation_requests SET habilitation_id = ?2 WHERE id = ?1";
inline constexpr std::string_view select_request = OFPRA_REQUEST_COLUMNS "WHERE id = ?1";
inline constexpr std::string_view select_requests = OFPRA_REQUEST_COLUMNS "ORDER BY updated_at DESC, id DESC";
inline constexpr std::string_view select_requests_in =
    OFPRA_REQUEST_COLUMNS "WHERE state = ?1 ORDER BY updated_at DESC, id DESC";
inline constexpr std::string_view select_ending_unreminded = OFPRA_REQUEST_COLUMNS
    "WHERE state = 'validee' AND reminded_at IS NULL AND valid_to <> '' AND valid_to <= ?1 "
    "ORDER BY id";
#undef OFPRA_REQUEST_COLUMNS
inline constexpr std::string_view mark_request_reminded =
    "UPDATE habilitation_requests SET reminded_at = ?2 WHERE id = ?1";
inline constexpr std::string_view insert_request_event = R"(
INSERT INTO habilitation_request_events (request_id, at, actor, action, from_state, to_state, comment)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))";
inline constexpr std::string_view select_request_events = R"(
SELECT at, actor, action, from_state, to_state, comment FROM habilitation_request_events
WHERE request_id = ?1 ORDER BY id)";
inline constexpr std::string_view revoke_habilitation =
    "UPDATE habilitations SET state = 'revoquee' WHERE id = ?1 AND state = 'validee'";

inline constexpr std::string_view insert_alert = R"(
INSERT INTO alerts (rule, subject, day, seq, evidence, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (rule, subject, day) DO NOTHING)";
inline constexpr std::string_view select_alerts = R"(
SELECT id, rule, subject, day, seq, evidence, raised_at, coalesce(acknowledged_by, ''),
  coalesce(acknowledged_at, ''), coalesce(acknowledgement, '')
FROM alerts ORDER BY acknowledged_at IS NOT NULL, id DESC LIMIT ?1)";
inline constexpr std::string_view count_open_alerts = "SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL";
inline constexpr std::string_view acknowledge_alert = R"(
UPDATE alerts SET acknowledged_by = ?2, acknowledged_at = ?3, acknowledgement = ?4
WHERE id = ?1 AND acknowledged_at IS NULL)";

}  // namespace ofpra::store::sql::queries
