#pragma once
// The SQL of the bulk job store, for both databases.
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view insert_bulk_job = R"(
INSERT INTO bulk_jobs (id, partner_siret, client_id, scopes, items, created_at, finished_at, state)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', 'en_cours'))";
inline constexpr std::string_view bulk_item_table = "bulk_items";
inline constexpr std::string_view bulk_item_columns[] = {"job_id", "position", "request"};
inline constexpr std::string_view select_bulk_job = R"(
SELECT id, partner_siret, client_id, scopes, items, created_at, finished_at, state FROM bulk_jobs WHERE id = ?1)";
inline constexpr std::string_view select_running_bulk_jobs = R"(
SELECT id, partner_siret, client_id, scopes, items, created_at, finished_at, state FROM bulk_jobs
WHERE state = 'en_cours' ORDER BY created_at, id)";
inline constexpr std::string_view select_bulk_items = R"(
SELECT position, request FROM bulk_items WHERE job_id = ?1 AND position >= ?2 ORDER BY position LIMIT ?3)";
inline constexpr std::string_view claim_bulk_job = R"(
UPDATE bulk_jobs SET lease_owner = ?2, lease_until = ?3
WHERE id = ?1 AND state = 'en_cours' AND (lease_owner = ?2 OR lease_until < ?4))";
inline constexpr std::string_view finish_bulk_job =
    "UPDATE bulk_jobs SET state = ?2, finished_at = ?3 WHERE id = ?1 AND state = 'en_cours'";
inline constexpr std::string_view select_bulk_jobs_finished_before =
    "SELECT id FROM bulk_jobs WHERE state <> 'en_cours' AND finished_at < ?1";
inline constexpr std::string_view delete_bulk_job = "DELETE FROM bulk_jobs WHERE id = ?1";
inline constexpr std::string_view delete_bulk_items = "DELETE FROM bulk_items WHERE job_id = ?1";

}  // namespace ofpra::store::sql::queries
