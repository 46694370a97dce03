#pragma once
// The SQL of the ingestion store (registry clients, idempotency keys), for both databases.
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view insert_registry_client =
    "INSERT INTO registry_clients (client_id, name, secret_hash, created_at) VALUES (?1, ?2, ?3, ?4)";
inline constexpr std::string_view select_registry_client =
    "SELECT client_id, name, secret_hash, created_at, revoked_at FROM registry_clients WHERE client_id = ?1";
inline constexpr std::string_view revoke_registry_client =
    "UPDATE registry_clients SET revoked_at = ?2 WHERE client_id = ?1 AND revoked_at IS NULL";
inline constexpr std::string_view forget_idempotency_keys = "DELETE FROM idempotency_keys WHERE created_at < ?1";
inline constexpr std::string_view reserve_idempotency_key = R"(
INSERT INTO idempotency_keys (client_id, key, request_hash, status, body, created_at) VALUES (?1, ?2, ?3, 0, '', ?4)
ON CONFLICT (client_id, key) DO NOTHING)";
inline constexpr std::string_view select_idempotency_key =
    "SELECT request_hash, status, body FROM idempotency_keys WHERE client_id = ?1 AND key = ?2";
inline constexpr std::string_view settle_idempotency_key =
    "UPDATE idempotency_keys SET status = ?3, body = ?4 WHERE client_id = ?1 AND key = ?2";
inline constexpr std::string_view release_idempotency_key =
    "DELETE FROM idempotency_keys WHERE client_id = ?1 AND key = ?2 AND status = 0";

}  // namespace ofpra::store::sql::queries
