#include "store/sql/queries.hpp"
#include "store/sql/stores.hpp"
#include "store/sql/subscription_queries.hpp"

#include <array>

namespace ofpra::store::sql {
namespace {

constexpr std::array<std::string_view, 3> state_words{"en_attente", "livree", "abandonnee"};

std::string state_word(NotificationState s) { return std::string(state_words[static_cast<std::size_t>(s)]); }

std::vector<std::string> words(const std::string& spaced) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < spaced.size();) {
    const auto end = std::min(spaced.find(' ', pos), spaced.size());
    if (end > pos) out.push_back(spaced.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

Subscription subscription_from_row(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3),  words(r.text(4)), r.text(5),
          r.text(6), r.text(7), r.text(8), r.int64(9), r.text(10),       r.text(11)};
}

Notification notification_from_row(const Row& r) {
  Notification n{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.int64(6), r.text(7)};
  for (std::size_t i = 0; i < state_words.size(); ++i)
    if (r.text(8) == state_words[i]) n.state = static_cast<NotificationState>(i);
  n.last_error = r.text(9);
  n.delivered_at = r.text(10);
  return n;
}

std::vector<Value> notification_values(const Notification& n) {
  return {n.id,       n.partner_siret,   n.subscription_id,   n.type,       n.payload,     n.created_at,
          n.attempts, n.next_attempt_at, state_word(n.state), n.last_error, n.delivered_at};
}

}  // namespace

Status SqlSubscriptionStore::create_subscription(const Subscription& s) {
  std::string scopes;
  for (const auto& w : s.scopes) scopes += (scopes.empty() ? "" : " ") + w;
  auto r = db_.run(queries::insert_subscription,
                   {s.id, s.partner_siret, s.client_id, s.numero_ofpra, scopes, s.recipient_siret, s.purpose,
                    s.partner_reference, s.created_at, s.reference});
  if (!r) return r.error();
  return domain::success();
}

Result<std::optional<Subscription>> SqlSubscriptionStore::find_subscription(const std::string& id) {
  return first<Subscription>(db_.query(queries::select_subscription, {id}), subscription_from_row);
}

Result<std::vector<Subscription>> SqlSubscriptionStore::subscriptions_of_partner(const std::string& siret,
                                                                                 std::size_t limit) {
  return all(db_.query(queries::select_subscriptions_of_partner, {siret, static_cast<std::int64_t>(limit)}),
             subscription_from_row);
}

Result<std::vector<Subscription>> SqlSubscriptionStore::subscriptions_of_person(const std::string& numero_ofpra) {
  return all(db_.query(queries::select_subscriptions_of_person, {numero_ofpra}), subscription_from_row);
}

Result<std::vector<Subscription>> SqlSubscriptionStore::active_subscriptions() {
  return all(db_.query(queries::select_active_subscriptions), subscription_from_row);
}

Status SqlSubscriptionStore::put_endpoint(const WebhookEndpoint& e) {
  auto r = db_.run(queries::upsert_endpoint, {e.partner_siret, e.url, e.sealed_secret, e.created_at});
  if (!r) return r.error();
  return domain::success();
}

Result<std::optional<WebhookEndpoint>> SqlSubscriptionStore::find_endpoint(const std::string& siret) {
  return first<WebhookEndpoint>(db_.query(queries::select_endpoint, {siret}), [](const Row& r) {
    return WebhookEndpoint{r.text(0), r.text(1), r.text(2), r.text(3)};
  });
}

Result<bool> SqlSubscriptionStore::delete_endpoint(const std::string& siret) {
  auto r = db_.run(queries::delete_endpoint, {siret});
  if (!r) return r.error();
  return *r > 0;
}

Result<std::pair<std::int64_t, std::vector<StoredRegistryEvent>>> SqlSubscriptionStore::events_after_cursor(
    std::size_t limit) {
  std::pair<std::int64_t, std::vector<StoredRegistryEvent>> out;
  auto s = db_.transaction(Mode::snapshot, [&](Executor& tx) -> Status {
    auto cursor = tx.integer(queries::select_notify_cursor);
    if (!cursor) return cursor.error();
    out.first = *cursor;
    auto events =
        all(tx.query(queries::select_events_after, {*cursor, static_cast<std::int64_t>(limit)}), [](const Row& r) {
          return StoredRegistryEvent{r.int64(0), r.text(1), r.int64(2), r.text(3), r.text(4), r.text(5)};
        });
    if (!events) return events.error();
    out.second = std::move(*events);
    return domain::success();
  });
  if (!s) return s.error();
  return out;
}

Result<bool> SqlSubscriptionStore::commit_fan_out(const FanOut& f) {
  bool moved = false;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    moved = false;
    if (f.from_event != f.to_event) {
      auto r = tx.run(queries::move_notify_cursor, {f.from_event, f.to_event});
      if (!r) return r.error();
      if (*r == 0) return domain::success();  // another node handled these events
    }
    std::vector<std::string> ended_now;
    for (const auto& [id, reason] : f.ended) {
      auto r = tx.run(queries::end_subscription, {id, f.at, reason});
      if (!r) return r.error();
      if (*r > 0) ended_now.push_back(id);
    }
    std::vector<std::vector<Value>> rows;
    for (const auto& n : f.notifications) {
      // An ending's notice goes only with the ending it tells of.
      const bool notice =
          std::any_of(f.ended.begin(), f.ended.end(), [&](const auto& e) { return e.first == n.subscription_id; });
      if (notice && std::find(ended_now.begin(), ended_now.end(), n.subscription_id) == ended_now.end() &&
          n.type == "abonnement.termine")
        continue;
      rows.push_back(notification_values(n));
    }
    if (!rows.empty())
      if (auto st = tx.insert_many(queries::notification_table, queries::notification_columns, rows); !st) return st;
    moved = true;
    return domain::success();
  });
  if (!s) return s.error();
  return moved;
}

Result<std::vector<Notification>> SqlSubscriptionStore::due_notifications(const std::string& now, std::size_t limit) {
  return all(db_.query(queries::select_due_notifications, {now, static_cast<std::int64_t>(limit)}),
             notification_from_row);
}

Result<bool> SqlSubscriptionStore::claim_notification(const std::string& id, const std::string& next_attempt_at,
                                                      const std::string& until) {
  auto r = db_.run(queries::claim_notification, {id, next_attempt_at, until});
  if (!r) return r.error();
  return *r > 0;
}

Status SqlSubscriptionStore::record_attempt(const Notification& n) {
  auto r = db_.run(queries::record_attempt,
                   {n.id, n.attempts, n.next_attempt_at, state_word(n.state), n.last_error, n.delivered_at});
  if (!r) return r.error();
  return domain::success();
}

Result<std::vector<Notification>> SqlSubscriptionStore::notifications_of_partner(const std::string& siret,
                                                                                 std::optional<NotificationState> state,
                                                                                 std::size_t limit) {
  return all(db_.query(queries::select_notifications_of_partner,
                       {siret, state ? state_word(*state) : std::string(), static_cast<std::int64_t>(limit)}),
             notification_from_row);
}

Result<std::vector<Notification>> SqlSubscriptionStore::notifications_in_state(NotificationState state,
                                                                               std::size_t limit) {
  return all(db_.query(queries::select_notifications_in_state, {state_word(state), static_cast<std::int64_t>(limit)}),
             notification_from_row);
}

Result<std::optional<Notification>> SqlSubscriptionStore::find_notification(const std::string& id) {
  return first<Notification>(db_.query(queries::select_notification, {id}), notification_from_row);
}

Result<bool> SqlSubscriptionStore::redeliver(const std::string& siret, const std::string& id, const std::string& now) {
  auto r = db_.run(queries::redeliver_notification, {siret, id, now});
  if (!r) return r.error();
  return *r > 0;
}

}  // namespace ofpra::store::sql
