#pragma once
// SQL of the portal's store (accounts, one-time codes, sessions, share codes, outbox).
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view select_account =
    "SELECT numero_ofpra, password_hash, failed_logins, locked_until FROM person_accounts WHERE numero_ofpra = ?1";
inline constexpr std::string_view upsert_password = R"(
INSERT INTO person_accounts (numero_ofpra, password_hash, created_at) VALUES (?1, ?2, ?3)
ON CONFLICT (numero_ofpra) DO UPDATE SET password_hash = excluded.password_hash, failed_logins = 0,
  locked_until = NULL)";
inline constexpr std::string_view record_failed_login =
    "UPDATE person_accounts SET failed_logins = failed_logins + 1, locked_until = coalesce(?2, locked_until) "
    "WHERE numero_ofpra = ?1";
inline constexpr std::string_view retire_codes =
    "UPDATE one_time_codes SET used_at = ?3 WHERE numero_ofpra = ?1 AND purpose = ?2 AND used_at IS NULL";
inline constexpr std::string_view clear_failed_logins =
    "UPDATE person_accounts SET failed_logins = 0, locked_until = NULL WHERE numero_ofpra = ?1";

inline constexpr std::string_view insert_code = R"(
INSERT INTO one_time_codes (request_id, numero_ofpra, purpose, code_hash, expires_at) VALUES (?1, ?2, ?3, ?4, ?5))";
inline constexpr std::string_view select_code =
    "SELECT request_id, numero_ofpra, purpose, code_hash, expires_at, attempts, used_at FROM one_time_codes "
    "WHERE request_id = ?1";
inline constexpr std::string_view count_code_attempt =
    "UPDATE one_time_codes SET attempts = attempts + 1 WHERE request_id = ?1";
inline constexpr std::string_view use_code =
    "UPDATE one_time_codes SET used_at = ?2 WHERE request_id = ?1 AND used_at IS NULL";

inline constexpr std::string_view insert_session = R"(
INSERT INTO person_sessions (token_hash, numero_ofpra, csrf_token, created_at, expires_at, idle_until)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))";
inline constexpr std::string_view select_session =
    "SELECT token_hash, numero_ofpra, csrf_token, expires_at, idle_until FROM person_sessions WHERE token_hash = ?1";
inline constexpr std::string_view touch_session = "UPDATE person_sessions SET idle_until = ?2 WHERE token_hash = ?1";
inline constexpr std::string_view delete_session = "DELETE FROM person_sessions WHERE token_hash = ?1";
inline constexpr std::string_view delete_sessions_of = "DELETE FROM person_sessions WHERE numero_ofpra = ?1";

inline constexpr std::string_view insert_share_code = R"(
INSERT INTO share_codes (numero_ofpra, code_hash, code_hint, level, purpose, created_at, expires_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (code_hash) DO NOTHING RETURNING id)";
#define OFPRA_SHARE_CODE_COLUMNS                                                                                  \
  "SELECT id, numero_ofpra, code_hint, level, purpose, created_at, expires_at, revoked_at, failed_attempts FROM " \
  "share_codes "
inline constexpr std::string_view select_share_code = OFPRA_SHARE_CODE_COLUMNS "WHERE code_hash = ?1";
inline constexpr std::string_view select_share_codes_of =
    OFPRA_SHARE_CODE_COLUMNS "WHERE numero_ofpra = ?1 ORDER BY id DESC";
#undef OFPRA_SHARE_CODE_COLUMNS
inline constexpr std::string_view revoke_share_code =
    "UPDATE share_codes SET revoked_at = ?3 WHERE id = ?1 AND numero_ofpra = ?2 AND revoked_at IS NULL";
inline constexpr std::string_view count_share_code_failure =
    "UPDATE share_codes SET failed_attempts = failed_attempts + 1 WHERE id = ?1";

inline constexpr std::string_view insert_message = R"(
INSERT INTO outbox (channel, recipient, subject, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id)";
// The outer conditions repeat the inner ones: PostgreSQL re-checks them on a row another
// dispatcher claimed meanwhile, and skips it.
inline constexpr std::string_view claim_unsent = R"(
UPDATE outbox SET claimed_until = ?3
WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < ?2
             AND (claimed_until IS NULL OR claimed_until < ?4) ORDER BY id LIMIT ?1)
  AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?4)
RETURNING id, channel, recipient, subject, body, attempts)";
inline constexpr std::string_view mark_sent = "UPDATE outbox SET sent_at = ?2, body = '' WHERE id = ?1";
inline constexpr std::string_view mark_failed =
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, claimed_until = NULL WHERE id = ?1";

// Both dialects accept the table's name for the row already there. On PostgreSQL, a count
// is one write per request: its commit does not wait for the disk (set_config(..., true)
// lasts for this statement's own transaction), since losing the last counts in a crash only
// forgives a few requests, where an fsync per request would halve the throughput.
inline constexpr std::string_view add_to_window_sqlite = R"(
INSERT INTO rate_windows (key, window_start, window_end, used) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (key, window_start) DO UPDATE SET used = rate_windows.used + excluded.used RETURNING used)";
inline constexpr std::string_view add_to_window_postgresql = R"(
INSERT INTO rate_windows (key, window_start, window_end, used)
SELECT CAST(?1 AS text), CAST(?2 AS bigint), CAST(?3 AS bigint), CAST(?4 AS bigint)
FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
ON CONFLICT (key, window_start) DO UPDATE SET used = rate_windows.used + excluded.used RETURNING used)";
inline constexpr std::string_view forget_windows = "DELETE FROM rate_windows WHERE window_end < ?1";

inline constexpr std::string_view select_identity_link =
    "SELECT numero_ofpra FROM identity_links WHERE provider = ?1 AND subject_hash = ?2";
inline constexpr std::string_view delete_identity_links = "DELETE FROM identity_links WHERE numero_ofpra = ?1";
inline constexpr std::string_view upsert_identity_link = R"(
INSERT INTO identity_links (provider, subject_hash, numero_ofpra, linked_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (provider, subject_hash) DO UPDATE SET numero_ofpra = excluded.numero_ofpra, linked_at = excluded.linked_at)";
inline constexpr std::string_view insert_opinion =
    "INSERT INTO opinions (day, journey, language, useful, ease, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr std::string_view opinion_counts = R"(
SELECT journey, useful, ease, count(*) FROM opinions GROUP BY journey, useful, ease ORDER BY journey, useful, ease)";

}  // namespace ofpra::store::sql::queries
