#pragma once
// SQL of the signed attestations (docs/ATTESTATIONS.md).
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view insert_attestation = R"(
INSERT INTO attestations (id, numero_ofpra, level, language, certificate, issued_at, valid_until, reference, issued_by,
  revoked_at, revoked_reason, revoked_by)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '', '', ''))";

#define OFPRA_ATTESTATION_COLUMNS                                                                                     \
  "SELECT id, numero_ofpra, level, language, certificate, issued_at, valid_until, reference, issued_by, revoked_at, " \
  "revoked_reason, revoked_by FROM attestations "
inline constexpr std::string_view select_attestation = OFPRA_ATTESTATION_COLUMNS "WHERE id = ?1";
// Those in force on day ?3 first, then the others; the newest first in each.
inline constexpr std::string_view select_attestations_of = OFPRA_ATTESTATION_COLUMNS R"(
WHERE numero_ofpra = ?1
ORDER BY CASE WHEN revoked_at = '' AND valid_until >= ?3 THEN 0 ELSE 1 END, issued_at DESC, id LIMIT ?2)";
#undef OFPRA_ATTESTATION_COLUMNS

// Once: a revoked attestation keeps its first reason.
inline constexpr std::string_view revoke_attestation = R"(
UPDATE attestations SET revoked_at = ?2, revoked_reason = ?3, revoked_by = ?4 WHERE id = ?1 AND revoked_at = '')";

}  // namespace ofpra::store::sql::queries
