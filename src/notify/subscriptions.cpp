#include "notify/subscriptions.hpp"

#include "notify/webhook_signature.hpp"

#include <array>
#include <future>

namespace ofpra::notify {
namespace {

constexpr std::array<std::string_view, 3> state_words{"en_attente", "livree", "abandonnee"};
constexpr std::size_t max_listed = 1000;

}  // namespace

std::string_view state_word(store::NotificationState state) { return state_words[static_cast<std::size_t>(state)]; }

std::optional<store::NotificationState> parse_state(std::string_view word) {
  for (std::size_t i = 0; i < state_words.size(); ++i)
    if (state_words[i] == word) return static_cast<store::NotificationState>(i);
  return std::nullopt;
}

std::variant<Subscribed, service::Refusal> subscribe(const NotifyContext& c, const service::PartnerClient& caller,
                                                     const service::SubscriptionBody& body) {
  service::PartnerClient following = caller;
  following.context = "abonnement";
  struct Decided {
    service::Disclosure disclosure = service::DecideAgain{};
    std::string person;
  };
  auto decided = std::make_shared<Decided>();
  std::promise<void> journaled;
  service::follow(c.door, following, body.request, [decided, &journaled](service::Disclosure d, std::string person) {
    decided->disclosure = std::move(d);
    decided->person = std::move(person);
    journaled.set_value();
  });
  journaled.get_future().wait();
  auto& disclosure = decided->disclosure;
  const auto& person = decided->person;
  if (auto* refusal = std::get_if<service::Refusal>(&disclosure)) return std::move(*refusal);
  if (std::holds_alternative<service::DecideAgain>(disclosure)) return service::unavailable();
  auto& answer = std::get<service::Answer>(disclosure);
  if (answer.outcome != service::Outcome::found || person.empty())
    return service::Refusal{domain::Problem::not_found,
                            answer.outcome == service::Outcome::ambiguous
                                ? "Plusieurs personnes répondent à cette identité : donnez le numéro OFPRA ou un code "
                                  "de partage pour suivre son dossier."
                                : "Aucune personne du registre ne répond à cette demande : rien n'est suivi.",
                            {}};
  store::Subscription s;
  s.id = "ab_" + env::random_hex(c.random, 12);
  s.partner_siret = caller.token.siret;
  s.client_id = caller.token.client_id;
  s.numero_ofpra = person;
  for (auto scope : answer.scopes) s.scopes.emplace_back(domain::to_string(scope));
  s.recipient_siret = body.request.recipient;
  s.purpose = body.request.purpose;
  s.partner_reference = body.partner_reference;
  s.created_at = env::format_utc(c.door.clock.now());
  s.reference = answer.reference;
  if (!c.db.subscriptions().create_subscription(s)) return service::unavailable();
  return Subscribed{std::move(answer), std::move(s)};
}

domain::Result<std::vector<store::Subscription>> subscriptions_of(const NotifyContext& c,
                                                                  const service::PartnerClient& caller) {
  return c.db.subscriptions().subscriptions_of_partner(caller.token.siret, max_listed);
}

domain::Result<std::optional<store::Subscription>> subscription_of(const NotifyContext& c,
                                                                   const service::PartnerClient& caller,
                                                                   const std::string& id) {
  auto found = c.db.subscriptions().find_subscription(id);
  if (!found) return found.error();
  if (*found && (*found)->partner_siret != caller.token.siret) return std::optional<store::Subscription>{};
  return found;
}

domain::Result<bool> unsubscribe(const NotifyContext& c, const service::PartnerClient& caller, const std::string& id) {
  auto found = subscription_of(c, caller, id);
  if (!found) return found.error();
  if (!*found || !(*found)->active()) return false;
  store::FanOut ending;
  ending.ended.emplace_back(id, "resiliee");
  ending.at = env::format_utc(c.door.clock.now());
  auto done = c.db.subscriptions().commit_fan_out(ending);
  if (!done) return done.error();
  return true;
}

domain::Result<std::string> register_endpoint(const NotifyContext& c, const service::PartnerClient& caller,
                                              const std::string& url) {
  auto destination = check_destination(url, c.resolver, c.policy);
  if (!destination) return destination.error();
  auto secret = new_webhook_secret(c.random);
  store::WebhookEndpoint e{caller.token.siret, url, c.sealer.seal(secret), env::format_utc(c.door.clock.now())};
  if (auto s = c.db.subscriptions().put_endpoint(e); !s) return s.error();
  return secret;
}

domain::Result<std::optional<store::WebhookEndpoint>> endpoint_of(const NotifyContext& c,
                                                                  const service::PartnerClient& caller) {
  return c.db.subscriptions().find_endpoint(caller.token.siret);
}

domain::Result<bool> remove_endpoint(const NotifyContext& c, const service::PartnerClient& caller) {
  return c.db.subscriptions().delete_endpoint(caller.token.siret);
}

domain::Result<std::vector<store::Notification>> notifications_of(const NotifyContext& c,
                                                                  const service::PartnerClient& caller,
                                                                  std::optional<store::NotificationState> state) {
  return c.db.subscriptions().notifications_of_partner(caller.token.siret, state, max_listed);
}

domain::Result<bool> redeliver(const NotifyContext& c, const service::PartnerClient& caller, const std::string& id) {
  return c.db.subscriptions().redeliver(caller.token.siret, id, env::format_utc(c.door.clock.now()));
}

}  // namespace ofpra::notify
