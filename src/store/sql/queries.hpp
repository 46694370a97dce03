#pragma once
// The SQL of the registry, partner, consent and account stores, for both databases (see
// executor.hpp for the parameters); the few statements that differ come in pairs.
#include <string_view>

namespace ofpra::store::sql::queries {

// Replacing a person deletes her (her lists go with her, ON DELETE CASCADE) and inserts her
// again; ?1 is a JSON array of numero_ofpra.
inline constexpr std::string_view delete_persons_sqlite =
    "DELETE FROM persons WHERE numero_ofpra IN (SELECT value FROM json_each(?1))";
inline constexpr std::string_view delete_persons_postgresql =
    "DELETE FROM persons WHERE numero_ofpra IN (SELECT json_array_elements_text(CAST(?1 AS json)))";
// The ids for ?1 new persons: SQLite's write lock is held, so max(id) cannot move meanwhile.
inline constexpr std::string_view next_person_id_sqlite = "SELECT coalesce(max(id), 0) + 1 FROM persons";
inline constexpr std::string_view person_ids_postgresql =
    "SELECT nextval(pg_get_serial_sequence('persons', 'id')) FROM generate_series(1, ?1)";

inline constexpr std::string_view person_table = "persons";
inline constexpr std::string_view person_columns[] = {"id",
                                                      "numero_ofpra",
                                                      "numero_agdref",
                                                      "nom_naissance",
                                                      "nom_usage",
                                                      "prenoms",
                                                      "ecriture_script",
                                                      "ecriture_nom",
                                                      "ecriture_prenoms",
                                                      "sexe",
                                                      "date_naissance",
                                                      "lieu_naissance",
                                                      "code_pays_naissance",
                                                      "nationalite",
                                                      "contact_email",
                                                      "contact_telephone",
                                                      "contact_langue",
                                                      "updated_at",
                                                      "version",
                                                      "digest",
                                                      "written_by"};
inline constexpr std::string_view alias_table = "person_aliases";
inline constexpr std::string_view alias_columns[] = {"person_id", "position", "nom_naissance", "prenoms"};
inline constexpr std::string_view protection_table = "protections";
inline constexpr std::string_view protection_columns[] = {"person_id", "position", "type",     "autorite",
                                                          "debut",     "fin",      "motif_fin"};
inline constexpr std::string_view file_table = "civil_status_files";
inline constexpr std::string_view file_columns[] = {"person_id", "etape", "ffr_recue_le", "instruction_le",
                                                    "actes_etablis_le"};
inline constexpr std::string_view family_table = "family_links";
inline constexpr std::string_view family_columns[] = {"person_id",     "position", "lien", "numero_ofpra",
                                                      "nom_naissance", "prenoms",  "sexe", "date_naissance"};

// Reading, a chunk at a time: up to ?3 persons after ?1 and up to ?2, then each child table
// for the chunk's numero_ofpra range (?1 to ?2 inclusive), in the same order, merged by
// person_id.
inline constexpr std::string_view select_persons = R"(
SELECT id, numero_ofpra, numero_agdref, nom_naissance, nom_usage, prenoms, ecriture_script, ecriture_nom,
  ecriture_prenoms, sexe, date_naissance, lieu_naissance, code_pays_naissance, nationalite,
  contact_email, contact_telephone, contact_langue
FROM persons WHERE numero_ofpra > ?1 AND numero_ofpra <= ?2 ORDER BY numero_ofpra LIMIT ?3)";
// On PostgreSQL, reading the registry chunk by chunk must walk the indexes: a generic plan
// for the range parameters, or a hash join that scans a whole child table for each chunk of
// 2,000 persons, makes the read quadratic (a million persons took 400 s to read; the indexed
// nested loop reads each chunk in a few milliseconds whatever the registry's size). For the
// read's own transaction only.
inline constexpr std::string_view chunk_plans_postgresql[] = {"SET LOCAL plan_cache_mode = force_custom_plan",
                                                              "SET LOCAL enable_hashjoin = off",
                                                              "SET LOCAL enable_mergejoin = off"};
// Fresh statistics after a bulk write, so that the planner knows the tables' sizes.
inline constexpr std::string_view analyze_registry_postgresql =
    "ANALYZE persons, person_aliases, protections, civil_status_files, family_links";
inline constexpr std::string_view select_aliases = R"(
SELECT a.person_id, a.nom_naissance, a.prenoms FROM person_aliases a JOIN persons p ON p.id = a.person_id
WHERE p.numero_ofpra BETWEEN ?1 AND ?2 ORDER BY p.numero_ofpra, a.position)";
inline constexpr std::string_view select_protections = R"(
SELECT r.person_id, r.type, r.autorite, r.debut, r.fin, r.motif_fin FROM protections r
JOIN persons p ON p.id = r.person_id
WHERE p.numero_ofpra BETWEEN ?1 AND ?2 ORDER BY p.numero_ofpra, r.position)";
inline constexpr std::string_view select_files = R"(
SELECT f.person_id, f.etape, f.ffr_recue_le, f.instruction_le, f.actes_etablis_le FROM civil_status_files f
JOIN persons p ON p.id = f.person_id
WHERE p.numero_ofpra BETWEEN ?1 AND ?2 ORDER BY p.numero_ofpra)";
inline constexpr std::string_view select_family = R"(
SELECT l.person_id, l.lien, l.numero_ofpra, l.nom_naissance, l.prenoms, l.sexe, l.date_naissance
FROM family_links l JOIN persons p ON p.id = l.person_id
WHERE p.numero_ofpra BETWEEN ?1 AND ?2 ORDER BY p.numero_ofpra, l.position)";

// History (docs/REGISTRY-HISTORY.md). The current version of each of ?1's persons (a JSON
// array of numero_ofpra), and the last kept version of each one no longer registered.
inline constexpr std::string_view select_heads_sqlite = R"(
SELECT numero_ofpra, version, digest, updated_at, written_by FROM persons
WHERE numero_ofpra IN (SELECT value FROM json_each(?1)))";
inline constexpr std::string_view select_heads_postgresql = R"(
SELECT numero_ofpra, version, digest, updated_at, written_by FROM persons
WHERE numero_ofpra IN (SELECT json_array_elements_text(CAST(?1 AS json))))";
inline constexpr std::string_view select_kept_versions_sqlite = R"(
SELECT numero_ofpra, max(version) FROM person_versions
WHERE numero_ofpra IN (SELECT value FROM json_each(?1)) GROUP BY numero_ofpra)";
inline constexpr std::string_view select_kept_versions_postgresql = R"(
SELECT numero_ofpra, max(version) FROM person_versions
WHERE numero_ofpra IN (SELECT json_array_elements_text(CAST(?1 AS json))) GROUP BY numero_ofpra)";
inline constexpr std::string_view set_digest = "UPDATE persons SET digest = ?2 WHERE numero_ofpra = ?1";
inline constexpr std::string_view select_person_head = R"(
SELECT version, updated_at, written_by FROM persons WHERE numero_ofpra = ?1)";
inline constexpr std::string_view select_versions = R"(
SELECT version, record, written_at, written_by, replaced_at FROM person_versions
WHERE numero_ofpra = ?1 ORDER BY version)";
inline constexpr std::string_view select_person_events = R"(
SELECT id, numero_ofpra, version, type, detail, occurred_at FROM registry_events
WHERE numero_ofpra = ?1 ORDER BY id)";
inline constexpr std::string_view version_table = "person_versions";
inline constexpr std::string_view version_columns[] = {"numero_ofpra", "version",    "record",
                                                       "written_at",   "written_by", "replaced_at"};
inline constexpr std::string_view event_table = "registry_events";
inline constexpr std::string_view event_columns[] = {"numero_ofpra", "version", "type", "detail", "occurred_at"};

inline constexpr std::string_view numbers_by_agdref =
    "SELECT numero_ofpra FROM persons WHERE numero_agdref = ?1 ORDER BY numero_ofpra LIMIT 10";
inline constexpr std::string_view count_persons = "SELECT count(*) FROM persons";
inline constexpr std::string_view select_generation = "SELECT generation FROM registry_state WHERE id = 1";
inline constexpr std::string_view select_instance = "SELECT instance FROM registry_state WHERE id = 1";
inline constexpr std::string_view select_synthetic = "SELECT synthetic FROM registry_state WHERE id = 1";
inline constexpr std::string_view set_synthetic = "UPDATE registry_state SET synthetic = ?1 WHERE id = 1";
inline constexpr std::string_view bump_generation =
    "UPDATE registry_state SET generation = generation + 1 WHERE id = 1";

inline constexpr std::string_view upsert_partner = R"(
INSERT INTO partners (siret, name, type, created_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (siret) DO UPDATE SET name = excluded.name, type = excluded.type)";
inline constexpr std::string_view select_partners = "SELECT siret, name, type FROM partners ORDER BY siret";
inline constexpr std::string_view insert_client =
    "INSERT INTO api_clients (client_id, partner_siret, secret_hash, created_at, public_key_pem) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
#define OFPRA_CLIENT_COLUMNS                                                                              \
  "client_id, partner_siret, secret_hash, revoked_at IS NOT NULL, public_key_pem, previous_secret_hash, " \
  "previous_until, suspended_at IS NOT NULL, created_at"
inline constexpr std::string_view select_client =
    "SELECT " OFPRA_CLIENT_COLUMNS " FROM api_clients WHERE client_id = ?1";
inline constexpr std::string_view select_access_generation = "SELECT generation FROM access_state WHERE id = 1";
inline constexpr std::string_view forget_expired_assertions = "DELETE FROM used_assertions WHERE expires_at < ?1";
inline constexpr std::string_view insert_assertion =
    "INSERT INTO used_assertions (client_id, jti, expires_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
inline constexpr std::string_view revoke_client =
    "UPDATE api_clients SET revoked_at = coalesce(revoked_at, ?2) WHERE client_id = ?1";
inline constexpr std::string_view select_clients_of =
    "SELECT " OFPRA_CLIENT_COLUMNS " FROM api_clients WHERE partner_siret = ?1 ORDER BY created_at, client_id";
#undef OFPRA_CLIENT_COLUMNS
inline constexpr std::string_view rotate_client_secret = R"(
UPDATE api_clients SET previous_secret_hash = secret_hash, previous_until = ?3, secret_hash = ?2
WHERE client_id = ?1 AND revoked_at IS NULL AND secret_hash <> '')";
inline constexpr std::string_view suspend_client =
    "UPDATE api_clients SET suspended_at = coalesce(suspended_at, ?2) WHERE client_id = ?1 AND revoked_at IS NULL";
inline constexpr std::string_view resume_client =
    "UPDATE api_clients SET suspended_at = NULL WHERE client_id = ?1 AND revoked_at IS NULL";
inline constexpr std::string_view select_partner = "SELECT siret, name, type FROM partners WHERE siret = ?1";
inline constexpr std::string_view insert_habilitation = R"(
INSERT INTO habilitations (partner_siret, state, legal_basis, legal_basis_url, purpose, retention_months,
  valid_from, valid_to, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id)";
inline constexpr std::string_view insert_habilitation_scope =
    "INSERT INTO habilitation_scopes (habilitation_id, scope, consent_required) VALUES (?1, ?2, ?3)";
inline constexpr std::string_view select_habilitations = R"(
SELECT id, partner_siret, state, legal_basis, legal_basis_url, purpose, retention_months, valid_from, valid_to
FROM habilitations WHERE partner_siret = ?1 ORDER BY id)";
inline constexpr std::string_view insert_habilitation_recipient =
    "INSERT INTO habilitation_recipients (habilitation_id, siret) VALUES (?1, ?2)";
inline constexpr std::string_view select_habilitation_recipients =
    "SELECT siret FROM habilitation_recipients WHERE habilitation_id = ?1 ORDER BY siret";
inline constexpr std::string_view select_habilitation_scopes =
    "SELECT scope, consent_required FROM habilitation_scopes WHERE habilitation_id = ?1";

inline constexpr std::string_view insert_consent = R"(
INSERT INTO consents (numero_ofpra, partner_siret, partner_type, scopes, purpose, valid_from, valid_to, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id)";
inline constexpr std::string_view revoke_consent =
    "UPDATE consents SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1";
#define OFPRA_CONSENT_COLUMNS                                                                                     \
  "SELECT id, numero_ofpra, partner_siret, scopes, purpose, valid_from, valid_to, revoked_at, partner_type FROM " \
  "consents "
inline constexpr std::string_view select_consent = OFPRA_CONSENT_COLUMNS "WHERE id = ?1";
inline constexpr std::string_view select_consents =
    OFPRA_CONSENT_COLUMNS "WHERE numero_ofpra = ?1 AND (partner_siret = ?2 OR partner_type = ?3) ORDER BY id";
inline constexpr std::string_view select_consents_of = OFPRA_CONSENT_COLUMNS "WHERE numero_ofpra = ?1 ORDER BY id DESC";
#undef OFPRA_CONSENT_COLUMNS

}  // namespace ofpra::store::sql::queries
