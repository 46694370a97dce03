#pragma once
// The journal's SQL for SQLite, as named constants.
#include <string_view>

namespace ofpra::store::sqlite::queries {

inline constexpr std::string_view insert_entry = R"(
INSERT INTO journal_entries (seq, recorded_at, channel, partner_siret, client_id, agent, recipient_siret,
  purpose, consent_ref, scopes_asked, scopes_given, person, result, refusal_code, request_hash, prev_hash, hash)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17))";

inline constexpr std::string_view entry_columns =
    "seq, recorded_at, channel, partner_siret, client_id, agent, recipient_siret, purpose, consent_ref, "
    "scopes_asked, scopes_given, person, result, refusal_code, request_hash, prev_hash, hash";

inline constexpr std::string_view insert_checkpoint =
    "INSERT OR REPLACE INTO journal_checkpoints (seq, hash, signed_at, key_id, signature) VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr std::string_view upsert_head =
    "INSERT OR REPLACE INTO journal_head (id, seq, hash, signed_at, key_id, signature) VALUES (1, ?1, ?2, ?3, ?4, ?5)";
inline constexpr std::string_view select_head = "SELECT seq, hash, signed_at, key_id, signature FROM journal_head";
inline constexpr std::string_view select_checkpoints =
    "SELECT seq, hash, signed_at, key_id, signature FROM journal_checkpoints ORDER BY seq";
inline constexpr std::string_view delete_entries_through = "DELETE FROM journal_entries WHERE seq <= ?1";
inline constexpr std::string_view delete_checkpoints_before = "DELETE FROM journal_checkpoints WHERE seq < ?1";
inline constexpr std::string_view last_seq_before =
    "SELECT coalesce(max(seq), 0) FROM journal_entries WHERE recorded_at < ?1";
inline constexpr std::string_view insert_key =
    "INSERT OR IGNORE INTO journal_keys (key_id, public_key, created_at) VALUES (?1, ?2, ?3)";
inline constexpr std::string_view select_key = "SELECT public_key FROM journal_keys WHERE key_id = ?1";

}  // namespace ofpra::store::sqlite::queries
