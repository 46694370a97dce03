#pragma once
// SQL of the requests to OFPRA and of the public statistics (docs/DEMANDES.md, docs/STATISTICS.md).
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view insert_demande = R"(
INSERT INTO demandes (id, channel, partner_siret, client_id, agent, person, question, topic, note, follows, reference,
  state, created_at, due_on, assigned_to, assigned_at, settled_by, settled_at, reason, message, answer_reference, answer,
  updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, '', '', '', '', '', '', 0, '', ?13)
ON CONFLICT DO NOTHING)";

#define OFPRA_DEMANDE_COLUMNS                                                                                         \
  "SELECT id, channel, partner_siret, client_id, agent, person, question, topic, note, follows, reference, state, "   \
  "created_at, due_on, assigned_to, assigned_at, settled_by, settled_at, reason, message, answer_reference, answer, " \
  "updated_at FROM demandes "
inline constexpr std::string_view select_demande = OFPRA_DEMANDE_COLUMNS "WHERE id = ?1";
inline constexpr std::string_view select_demande_following = OFPRA_DEMANDE_COLUMNS "WHERE follows = ?1 AND follows > 0";
inline constexpr std::string_view select_pending_demandes =
    OFPRA_DEMANDE_COLUMNS "WHERE state IN ('ouverte', 'prise_en_charge') ORDER BY due_on, created_at, id";
inline constexpr std::string_view select_settled_demandes =
    OFPRA_DEMANDE_COLUMNS "WHERE state IN ('repondue', 'close') ORDER BY settled_at DESC, id LIMIT ?1";
// Each criterion applies when given (an empty text, or no channel, matches every request).
inline constexpr std::string_view select_demandes = OFPRA_DEMANDE_COLUMNS R"(
WHERE (?1 = '' OR partner_siret = ?1) AND (?2 = '' OR channel = ?2) AND (?3 = '' OR agent = ?3)
  AND (?4 = '' OR person = ?4)
ORDER BY created_at DESC, id LIMIT ?5)";
inline constexpr std::string_view select_demandes_since =
    OFPRA_DEMANDE_COLUMNS "WHERE created_at >= ?1 ORDER BY created_at, id";
#undef OFPRA_DEMANDE_COLUMNS

inline constexpr std::string_view assign_demande = R"(
UPDATE demandes SET state = 'prise_en_charge', assigned_to = ?2, assigned_at = ?3, updated_at = ?3
WHERE id = ?1 AND state IN ('ouverte', 'prise_en_charge'))";
inline constexpr std::string_view settle_demande = R"(
UPDATE demandes SET state = ?2, person = ?3, settled_by = ?4, settled_at = ?5, reason = ?6, message = ?7,
  answer_reference = ?8, answer = ?9, updated_at = ?5
WHERE id = ?1 AND state IN ('ouverte', 'prise_en_charge'))";

inline constexpr std::string_view purge_settled_demandes =
    "DELETE FROM demandes WHERE state IN ('repondue', 'close') AND settled_at < ?1";

// The journal grouped for the statistics: by month, door, scopes given, result, partner type,
// whether a share code was used, and whether the entry names a person.
inline constexpr std::string_view journal_tallies = R"(
SELECT substr(e.recorded_at, 1, 7), c.channel, c.scopes_given, e.result, coalesce(p.type, ''),
  CASE WHEN e.consent_ref LIKE 'code:%' THEN 1 ELSE 0 END, CASE WHEN e.person <> '' THEN 1 ELSE 0 END, count(*)
FROM journal_entries e
JOIN journal_contexts c ON c.id = e.context
LEFT JOIN partners p ON p.siret = e.partner_siret AND e.partner_siret <> ''
WHERE e.recorded_at >= ?1
GROUP BY 1, 2, 3, 4, 5, 6, 7)";
inline constexpr std::string_view share_codes_by_month = R"(
SELECT substr(created_at, 1, 7), count(*) FROM share_codes WHERE created_at >= ?1 GROUP BY 1 ORDER BY 1)";
inline constexpr std::string_view portal_accounts_by_month = R"(
SELECT substr(created_at, 1, 7), count(*) FROM person_accounts WHERE created_at >= ?1 GROUP BY 1 ORDER BY 1)";
inline constexpr std::string_view count_portal_accounts = "SELECT count(*) FROM person_accounts";

}  // namespace ofpra::store::sql::queries
