#include "notify/notifier.hpp"

#include "domain/registry_change.hpp"

#include <boost/json.hpp>

namespace ofpra::notify {
namespace {

namespace json = boost::json;
constexpr std::size_t events_per_pass = 500;
constexpr std::size_t deliveries_per_pass = 50;
constexpr auto attempt_lease = std::chrono::minutes(2);
constexpr std::string_view ending_type = "abonnement.termine";

bool follows(const std::vector<std::string>& scopes, std::initializer_list<std::string_view> any) {
  for (const auto& s : scopes)
    for (auto a : any)
      if (s == a) return true;
  return false;
}

// Why a partner may no longer hold a subscription, in the words of its notice.
std::string_view end_reason(const service::Refusal& r) {
  if (r.problem == domain::Problem::consent_required) return "consentement_retire";
  return "habilitation_terminee";
}

service::PartnerClient client_of(const store::Subscription& s) {
  return {auth::AccessToken{s.client_id, s.partner_siret, s.scopes, {}, 0, 0}, "abonnement"};
}

std::vector<domain::Scope> scopes_of(const store::Subscription& s) {
  std::vector<domain::Scope> out;
  for (const auto& w : s.scopes)
    if (auto scope = domain::parse_scope(w)) out.push_back(*scope);
  return out;
}

// The thin body (Standard Webhooks' type, timestamp, data): never a word about her.
store::Notification notification(const NotifyContext& c, const store::Subscription& s, std::string_view type,
                                 json::object data, const std::string& now) {
  data["abonnement"] = s.id;
  data["reference_partenaire"] = s.partner_reference;
  store::Notification n;
  n.id = "msg_" + env::random_hex(c.random, 16);
  n.partner_siret = s.partner_siret;
  n.subscription_id = s.id;
  n.type = type;
  n.payload = json::serialize(json::object{{"type", type}, {"timestamp", now}, {"data", std::move(data)}});
  n.created_at = now;
  n.next_attempt_at = now;
  return n;
}

}  // namespace

bool concerns(std::string_view event_type, const std::vector<std::string>& scopes) {
  auto type = domain::parse_RegistryEventType(event_type);
  if (!type) return false;
  using T = domain::RegistryEventType;
  switch (*type) {
    case T::protection_granted:
    case T::protection_ended:
    case T::protection_type_changed:
    case T::protection_corrected:
      return follows(scopes, {"protection", "protection.historique"});
    case T::civil_status_step:
      return follows(scopes, {"etat_civil.avancement"});
    case T::identity_changed:
      return follows(scopes, {"etat_civil.identite"});
    case T::family_link_added:
    case T::family_link_removed:
      return follows(scopes, {"etat_civil.famille"});
    case T::person_removed:
      return true;
  }
  return false;
}

Notifier::Notifier(const NotifyContext& context, WebhookTransport& transport, NotifierOptions options)
    : c_(context),
      transport_(transport),
      options_(options),
      checked_(std::chrono::steady_clock::now()),
      loop_("notifier", options.period, [this] { return pass(); }) {}

Notifier::~Notifier() { loop_.stop(); }

bool Notifier::fan_out() {
  auto pending = c_.db.subscriptions().events_after_cursor(events_per_pass);
  if (!pending) return false;
  auto& [cursor, events] = *pending;
  if (events.empty()) return true;
  const auto now = env::format_utc(c_.door.clock.now());
  store::FanOut out{cursor, cursor, {}, {}, now};
  for (const auto& e : events) {
    auto subscriptions = c_.db.subscriptions().subscriptions_of_person(e.numero_ofpra);
    if (!subscriptions) return false;
    for (const auto& s : *subscriptions) {
      if (!s.active() || !concerns(e.type, s.scopes)) continue;
      auto refused = service::may_still_know(c_.door, client_of(s), s.numero_ofpra, scopes_of(s), s.recipient_siret);
      if (refused && refused->problem == domain::Problem::unavailable) return false;  // later, from this event
      if (refused) {
        out.ended.emplace_back(s.id, std::string(end_reason(*refused)));
        out.notifications.push_back(
            notification(c_, s, ending_type, {{"motif", end_reason(*refused)}, {"date", now}}, now));
        continue;
      }
      out.notifications.push_back(notification(c_, s, e.type, {{"evenement", e.type}, {"date", e.occurred_at}}, now));
      // She is no longer registered: nothing more will be told of her.
      if (e.type == to_string(domain::RegistryEventType::person_removed))
        out.ended.emplace_back(s.id, "personne_supprimee");
    }
    out.to_event = e.id;
  }
  return static_cast<bool>(c_.db.subscriptions().commit_fan_out(out));
}

bool Notifier::check_subscriptions() {
  auto active = c_.db.subscriptions().active_subscriptions();
  if (!active) return false;
  const auto now = env::format_utc(c_.door.clock.now());
  store::FanOut out{0, 0, {}, {}, now};
  for (const auto& s : *active) {
    auto refused = service::may_still_know(c_.door, client_of(s), s.numero_ofpra, scopes_of(s), s.recipient_siret);
    if (!refused || refused->problem == domain::Problem::unavailable) continue;
    out.ended.emplace_back(s.id, std::string(end_reason(*refused)));
    out.notifications.push_back(
        notification(c_, s, ending_type, {{"motif", end_reason(*refused)}, {"date", now}}, now));
  }
  if (out.ended.empty()) return true;
  return static_cast<bool>(c_.db.subscriptions().commit_fan_out(out));
}

std::size_t Notifier::deliver_due() {
  const auto now = c_.door.clock.now();
  auto due = c_.db.subscriptions().due_notifications(env::format_utc(now), deliveries_per_pass);
  if (!due) return 0;
  std::size_t attempts = 0;
  for (auto& n : *due) {
    auto claimed =
        c_.db.subscriptions().claim_notification(n.id, n.next_attempt_at, env::format_utc(now + attempt_lease));
    if (!claimed || !*claimed) continue;
    attempt(std::move(n));
    ++attempts;
  }
  return attempts;
}

void Notifier::attempt(store::Notification n) {
  const auto now = c_.door.clock.now();
  auto fail = [&](std::string error) {
    n.last_error = std::move(error);
    if (static_cast<std::size_t>(n.attempts) >= retry_schedule.size()) {
      n.state = store::NotificationState::dead;
      n.next_attempt_at.clear();
    } else {
      n.next_attempt_at = env::format_utc(now + retry_schedule[static_cast<std::size_t>(n.attempts)]);
    }
    (void)c_.db.subscriptions().record_attempt(n);
  };
  ++n.attempts;
  auto endpoint = c_.db.subscriptions().find_endpoint(n.partner_siret);
  if (!endpoint) return fail("la base n'a pas répondu");
  if (!*endpoint) return fail("aucun webhook enregistré");
  auto secret = c_.sealer.open((*endpoint)->sealed_secret);
  if (!secret) return fail("le secret du webhook ne peut être lu");
  auto destination = check_destination((*endpoint)->url, c_.resolver, c_.policy);
  if (!destination) return fail(destination.error().message);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  auto headers = sign_delivery(n.id, seconds, n.payload, *secret, c_.signing_key);
  if (!headers) return fail("le secret du webhook ne peut être lu");
  auto reply = transport_.post(*destination, *headers, n.payload);
  if (!reply.error.empty()) return fail(std::move(reply.error));
  n.state = store::NotificationState::delivered;
  n.next_attempt_at.clear();
  n.last_error.clear();
  n.delivered_at = env::format_utc(now);
  (void)c_.db.subscriptions().record_attempt(n);
}

bool Notifier::pass() {
  fan_out();
  if (std::chrono::steady_clock::now() - checked_ >= options_.check_period) {
    check_subscriptions();
    checked_ = std::chrono::steady_clock::now();
  }
  return deliver_due() == deliveries_per_pass;
}

}  // namespace ofpra::notify
