#pragma once
// The SQL of the subscription store (subscriptions, webhook endpoints, notifications), for both
// databases.
#include <string_view>

namespace ofpra::store::sql::queries {

inline constexpr std::string_view subscription_columns_list =
    "id, partner_siret, client_id, numero_ofpra, scopes, recipient_siret, purpose, partner_reference, created_at, "
    "reference, ended_at, end_reason";
inline constexpr std::string_view insert_subscription = R"(
INSERT INTO subscriptions (id, partner_siret, client_id, numero_ofpra, scopes, recipient_siret, purpose,
  partner_reference, created_at, reference, ended_at, end_reason)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '', ''))";
inline constexpr std::string_view select_subscription = R"(
SELECT id, partner_siret, client_id, numero_ofpra, scopes, recipient_siret, purpose, partner_reference, created_at,
  reference, ended_at, end_reason FROM subscriptions WHERE id = ?1)";
inline constexpr std::string_view select_subscriptions_of_partner = R"(
SELECT id, partner_siret, client_id, numero_ofpra, scopes, recipient_siret, purpose, partner_reference, created_at,
  reference, ended_at, end_reason FROM subscriptions WHERE partner_siret = ?1 ORDER BY created_at DESC, id LIMIT ?2)";
inline constexpr std::string_view select_subscriptions_of_person = R"(
SELECT id, partner_siret, client_id, numero_ofpra, scopes, recipient_siret, purpose, partner_reference, created_at,
  reference, ended_at, end_reason FROM subscriptions WHERE numero_ofpra = ?1 ORDER BY created_at DESC, id)";
inline constexpr std::string_view select_active_subscriptions = R"(
SELECT id, partner_siret, client_id, numero_ofpra, scopes, recipient_siret, purpose, partner_reference, created_at,
  reference, ended_at, end_reason FROM subscriptions WHERE ended_at = '' ORDER BY created_at, id)";
inline constexpr std::string_view end_subscription =
    "UPDATE subscriptions SET ended_at = ?2, end_reason = ?3 WHERE id = ?1 AND ended_at = ''";

inline constexpr std::string_view upsert_endpoint = R"(
INSERT INTO webhook_endpoints (partner_siret, url, secret, created_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (partner_siret) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at)";
inline constexpr std::string_view select_endpoint =
    "SELECT partner_siret, url, secret, created_at FROM webhook_endpoints WHERE partner_siret = ?1";
inline constexpr std::string_view delete_endpoint = "DELETE FROM webhook_endpoints WHERE partner_siret = ?1";

inline constexpr std::string_view select_notify_cursor = "SELECT last_event FROM notify_cursor WHERE id = 1";
inline constexpr std::string_view select_events_after = R"(
SELECT id, numero_ofpra, version, type, detail, occurred_at FROM registry_events WHERE id > ?1 ORDER BY id LIMIT ?2)";
inline constexpr std::string_view move_notify_cursor =
    "UPDATE notify_cursor SET last_event = ?2 WHERE id = 1 AND last_event = ?1";

inline constexpr std::string_view notification_table = "notifications";
inline constexpr std::string_view notification_columns[] = {
    "id",       "partner_siret",   "subscription_id", "type",       "payload",     "created_at",
    "attempts", "next_attempt_at", "state",           "last_error", "delivered_at"};
inline constexpr std::string_view select_due_notifications = R"(
SELECT id, partner_siret, subscription_id, type, payload, created_at, attempts, next_attempt_at, state, last_error,
  delivered_at FROM notifications WHERE state = 'en_attente' AND next_attempt_at <= ?1
ORDER BY next_attempt_at, id LIMIT ?2)";
inline constexpr std::string_view claim_notification = R"(
UPDATE notifications SET next_attempt_at = ?3 WHERE id = ?1 AND state = 'en_attente' AND next_attempt_at = ?2)";
inline constexpr std::string_view record_attempt = R"(
UPDATE notifications SET attempts = ?2, next_attempt_at = ?3, state = ?4, last_error = ?5, delivered_at = ?6
WHERE id = ?1)";
inline constexpr std::string_view select_notifications_of_partner = R"(
SELECT id, partner_siret, subscription_id, type, payload, created_at, attempts, next_attempt_at, state, last_error,
  delivered_at FROM notifications WHERE partner_siret = ?1 AND (?2 = '' OR state = ?2)
ORDER BY created_at DESC, id LIMIT ?3)";
inline constexpr std::string_view select_notifications_in_state = R"(
SELECT id, partner_siret, subscription_id, type, payload, created_at, attempts, next_attempt_at, state, last_error,
  delivered_at FROM notifications WHERE state = ?1 ORDER BY created_at DESC, id LIMIT ?2)";
inline constexpr std::string_view select_notification = R"(
SELECT id, partner_siret, subscription_id, type, payload, created_at, attempts, next_attempt_at, state, last_error,
  delivered_at FROM notifications WHERE id = ?1)";
inline constexpr std::string_view redeliver_notification = R"(
UPDATE notifications SET state = 'en_attente', attempts = 0, next_attempt_at = ?3, last_error = ''
WHERE partner_siret = ?1 AND id = ?2)";

}  // namespace ofpra::store::sql::queries
