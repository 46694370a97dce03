#pragma once
// The journal's SQL, for both databases.
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view entry_table = "journal_entries";
// No prev_hash: it is the previous entry's hash, derived while scanning (migration 0012). The
// fields a partner's client repeats are in journal_contexts (migration 0013).
inline constexpr std::string_view entry_column_names[] = {"seq",    "recorded_at",  "context",      "partner_siret",
                                                          "agent",  "purpose",      "consent_ref",  "person",
                                                          "result", "refusal_code", "request_hash", "hash"};

// An entry's fields in JournalEntry's order, its context joined back.
inline constexpr std::string_view select_entries =
    "SELECT seq, recorded_at, c.channel, partner_siret, c.client_id, agent, c.recipient_siret, purpose, "
    "consent_ref, c.scopes_asked, c.scopes_given, person, result, refusal_code, request_hash, hash "
    "FROM journal_entries e JOIN journal_contexts c ON c.id = e.context";

inline constexpr std::string_view select_context =
    "SELECT id FROM journal_contexts WHERE channel = ?1 AND client_id = ?2 AND recipient_siret = ?3 "
    "AND scopes_asked = ?4 AND scopes_given = ?5";
inline constexpr std::string_view insert_context =
    "INSERT INTO journal_contexts (channel, client_id, recipient_siret, scopes_asked, scopes_given) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";

inline constexpr std::string_view insert_checkpoint = R"(
INSERT INTO journal_checkpoints (seq, hash, signed_at, key_id, signature) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (seq) DO UPDATE SET hash = excluded.hash, signed_at = excluded.signed_at, key_id = excluded.key_id,
  signature = excluded.signature)";
inline constexpr std::string_view upsert_head = R"(
INSERT INTO journal_head (id, seq, hash, signed_at, key_id, signature) VALUES (1, ?1, ?2, ?3, ?4, ?5)
ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signed_at = excluded.signed_at,
  key_id = excluded.key_id, signature = excluded.signature)";
// Writers on several nodes extend one chain: each append holds this lock (SQLite's write
// lock, taken by BEGIN IMMEDIATE, does the same) from reading the head to committing.
inline constexpr std::string_view lock_chain_postgresql = "SELECT pg_advisory_xact_lock(7256001)";
inline constexpr std::string_view select_head = "SELECT seq, hash, signed_at, key_id, signature FROM journal_head";
inline constexpr std::string_view rewrite_head = "UPDATE journal_head SET signed_at = signed_at WHERE id = 1";
inline constexpr std::string_view select_checkpoints =
    "SELECT seq, hash, signed_at, key_id, signature FROM journal_checkpoints ORDER BY seq";
inline constexpr std::string_view delete_entries_through = "DELETE FROM journal_entries WHERE seq <= ?1";
inline constexpr std::string_view delete_checkpoints_before = "DELETE FROM journal_checkpoints WHERE seq < ?1";
// A time is found by a binary search over seq (times grow with seq; see the writer), each
// probe one primary-key lookup.
// SQLite's journal indexes lead with the entry's block, seq >> journal_block_bits: the
// number must be migration 0011's, or SQLite will not use the indexes.
inline constexpr int journal_block_bits = 10;
// SQLite only (migration 0014): which blocks hold a partner's entries, one row per partner
// and block instead of an index entry per journal entry.
inline constexpr std::string_view note_partner_block =
    "INSERT INTO journal_partner_blocks (partner_siret, block) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
inline constexpr std::string_view partner_blocks =
    "SELECT block FROM journal_partner_blocks WHERE partner_siret = ?1 AND block BETWEEN ?2 AND ?3 "
    "ORDER BY block DESC";
inline constexpr std::string_view delete_partner_blocks_before = "DELETE FROM journal_partner_blocks WHERE block < ?1";
inline constexpr std::string_view first_seq = "SELECT coalesce(min(seq), 0) FROM journal_entries";
inline constexpr std::string_view last_seq = "SELECT coalesce(max(seq), 0) FROM journal_entries";
inline constexpr std::string_view recorded_at_from_seq =
    "SELECT recorded_at FROM journal_entries WHERE seq >= ?1 ORDER BY seq LIMIT 1";
inline constexpr std::string_view last_seq_under = "SELECT coalesce(max(seq), 0) FROM journal_entries WHERE seq < ?1";
// What comes before the first entry a scan reads: the entry before it, or the checkpoint
// anchoring it after a purge.
inline constexpr std::string_view hash_of_entry = "SELECT hash FROM journal_entries WHERE seq = ?1";
inline constexpr std::string_view hash_of_checkpoint = "SELECT hash FROM journal_checkpoints WHERE seq = ?1";
inline constexpr std::string_view insert_key =
    "INSERT INTO journal_keys (key_id, public_key, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
inline constexpr std::string_view select_key = "SELECT public_key FROM journal_keys WHERE key_id = ?1";

// Receipts of entries (JournalStore::receipts), by key range [?1, ?2).
inline constexpr std::string_view receipt_table = "journal_receipts";
inline constexpr std::string_view receipt_columns[] = {"key", "seq", "payload"};
inline constexpr std::string_view select_receipts =
    "SELECT key, seq, payload FROM journal_receipts WHERE key >= ?1 AND key < ?2 ORDER BY key LIMIT ?3";
inline constexpr std::string_view count_receipts = "SELECT count(*) FROM journal_receipts WHERE key >= ?1 AND key < ?2";
inline constexpr std::string_view delete_receipts = "DELETE FROM journal_receipts WHERE key >= ?1 AND key < ?2";

}  // namespace ofpra::store::sql::queries
