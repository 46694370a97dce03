#include "api/subscriptions.hpp"

#include "api/answer_json.hpp"
#include "http/errors.hpp"
#include "notify/webhook_signature.hpp"
#include "service/answer_codec.hpp"

#include <boost/json.hpp>

namespace ofpra::api {
namespace {

namespace json = boost::json;
constexpr std::string_view subscriptions_path = "/api/v1/abonnements";
constexpr std::string_view subscription_prefix = "/api/v1/abonnements/";
constexpr std::string_view notification_prefix = "/api/v1/notifications/";
constexpr std::string_view redelivery_suffix = "/relivraison";

json::value text_or_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

http::Response unavailable() {
  return http::error_response(http::errors::unavailable, "Le service est momentanément indisponible.");
}

http::Response enveloped(unsigned status, json::value data, json::object links = {}, json::object meta = {}) {
  return http::json_response(
      status,
      json::serialize(json::object{{"data", std::move(data)}, {"links", std::move(links)}, {"meta", std::move(meta)}}));
}

json::object subscription_data(const store::Subscription& s) {
  json::array scopes;
  for (const auto& w : s.scopes) scopes.emplace_back(w);
  return {{"id", s.id},
          {"etat", s.active() ? "actif" : "termine"},
          {"reference_partenaire", s.partner_reference},
          {"scopes", std::move(scopes)},
          {"cree_le", s.created_at},
          {"termine_le", text_or_null(s.ended_at)},
          {"motif_fin", text_or_null(s.end_reason)},
          {"reference", std::to_string(s.reference)}};
}

json::object notification_data(const store::Notification& n) {
  return {{"id", n.id},
          {"type", n.type},
          {"abonnement", n.subscription_id},
          {"cree_le", n.created_at},
          {"etat", notify::state_word(n.state)},
          {"tentatives", n.attempts},
          {"prochaine_tentative", text_or_null(n.next_attempt_at)},
          {"derniere_erreur", text_or_null(n.last_error)},
          {"livree_le", text_or_null(n.delivered_at)}};
}

http::Response subscribe(const SubscriptionRoutes& c, const service::PartnerClient& caller, const http::Request& r) {
  if (r.header("content-type").find("application/json") == std::string_view::npos)
    return http::error_response(http::errors::malformed_request, "Le corps doit être application/json.");
  auto body = service::parse_subscription_request(r.body);
  if (auto* refusal = std::get_if<service::Refusal>(&body)) return refusal_response(*refusal);
  auto done = notify::subscribe(c.notify, caller, std::get<service::SubscriptionBody>(body));
  if (auto* refusal = std::get_if<service::Refusal>(&done)) return refusal_response(*refusal);
  const auto& s = std::get<notify::Subscribed>(done);
  auto data = subscription_data(s.subscription);
  data["situation"] = service::answer_data(s.answer);
  auto response = enveloped(201, std::move(data), {{"self", std::string(subscription_prefix) + s.subscription.id}},
                            {{"reference", std::to_string(s.answer.reference)}});
  response.set_header("Location", std::string(subscription_prefix) + s.subscription.id);
  return response;
}

http::Response list(const SubscriptionRoutes& c, const service::PartnerClient& caller) {
  auto all = notify::subscriptions_of(c.notify, caller);
  if (!all) return unavailable();
  json::array items;
  for (const auto& s : *all) items.push_back(subscription_data(s));
  return enveloped(200, std::move(items));
}

http::Response unknown_subscription() {
  return http::error_response(http::errors::not_found, "Aucun abonnement de votre organisme ne porte ce numéro.");
}

http::Response read(const SubscriptionRoutes& c, const service::PartnerClient& caller, const std::string& id) {
  auto found = notify::subscription_of(c.notify, caller, id);
  if (!found) return unavailable();
  if (!*found) return unknown_subscription();
  return enveloped(200, subscription_data(**found), {{"self", std::string(subscription_prefix) + id}});
}

http::Response end(const SubscriptionRoutes& c, const service::PartnerClient& caller, const std::string& id) {
  // Ended already: said as it stands, as for the first DELETE.
  if (auto ended = notify::unsubscribe(c.notify, caller, id); !ended) return unavailable();
  return read(c, caller, id);
}

http::Response put_webhook(const SubscriptionRoutes& c, const service::PartnerClient& caller, const http::Request& r) {
  if (r.header("content-type").find("application/json") == std::string_view::npos)
    return http::error_response(http::errors::malformed_request, "Le corps doit être application/json.");
  boost::system::error_code ec;
  auto parsed = json::parse(r.body, ec);
  const json::string* url = nullptr;
  if (!ec && parsed.is_object())
    if (const auto* u = parsed.get_object().if_contains("url"); u && u->is_string()) url = &u->get_string();
  if (!url)
    return http::error_response(http::errors::invalid_parameter,
                                "Donnez l'adresse de votre webhook : {\"url\":\"https://…\"}.", "url");
  auto secret = notify::register_endpoint(c.notify, caller, std::string(*url));
  if (!secret) {
    if (secret.error().is_unavailable()) return unavailable();
    return http::error_response(http::errors::invalid_parameter,
                                "Adresse de webhook refusée : " + secret.error().message + ".", "url");
  }
  return enveloped(200, json::object{{"url", *url}, {"secret", *secret}});
}

http::Response get_webhook(const SubscriptionRoutes& c, const service::PartnerClient& caller) {
  auto found = notify::endpoint_of(c.notify, caller);
  if (!found) return unavailable();
  if (!*found) return http::error_response(http::errors::not_found, "Votre organisme n'a pas enregistré de webhook.");
  return enveloped(200, json::object{{"url", (*found)->url}, {"cree_le", (*found)->created_at}});
}

http::Response delete_webhook(const SubscriptionRoutes& c, const service::PartnerClient& caller) {
  auto removed = notify::remove_endpoint(c.notify, caller);
  if (!removed) return unavailable();
  if (!*removed) return http::error_response(http::errors::not_found, "Votre organisme n'a pas enregistré de webhook.");
  return enveloped(200, json::object{{"url", nullptr}});
}

http::Response notifications(const SubscriptionRoutes& c, const service::PartnerClient& caller,
                             const http::Request& r) {
  std::optional<store::NotificationState> state;
  if (r.query.starts_with("etat=")) {
    state = notify::parse_state(r.query.substr(5));
    if (!state)
      return http::error_response(http::errors::invalid_parameter, "etat : en_attente, livree ou abandonnee.", "etat");
  } else if (!r.query.empty()) {
    return http::error_response(http::errors::invalid_parameter, "Seul le paramètre etat est connu.", "etat");
  }
  auto all = notify::notifications_of(c.notify, caller, state);
  if (!all) return unavailable();
  json::array items;
  for (const auto& n : *all) items.push_back(notification_data(n));
  return enveloped(200, std::move(items));
}

http::Response redeliver(const SubscriptionRoutes& c, const service::PartnerClient& caller, const std::string& id) {
  auto again = notify::redeliver(c.notify, caller, id);
  if (!again) return unavailable();
  if (!*again)
    return http::error_response(http::errors::not_found, "Aucune notification de votre organisme ne porte ce numéro.");
  c.notifier.wake();
  return enveloped(200, json::object{{"id", id}, {"etat", "en_attente"}});
}

}  // namespace

void add_subscription_routes(http::Router& router, const SubscriptionRoutes& c) {
  router.post_async(
      std::string(subscriptions_path), "abonnements", [&c](const http::Request& r, http::Respond respond) {
        on_pool_as_partner(c.pool, r, std::move(respond),
                           [&c, r](const service::PartnerClient& caller) { return subscribe(c, caller, r); });
      });
  router.add_async("GET", std::string(subscriptions_path), "abonnements",
                   [&c](const http::Request& r, http::Respond respond) {
                     on_pool_as_partner(c.pool, r, std::move(respond),
                                        [&c](const service::PartnerClient& caller) { return list(c, caller); });
                   });
  for (const char* method : {"GET", "DELETE"})
    router.add_async(method, std::string(subscription_prefix), "abonnement",
                     [&c, get = std::string_view(method) == "GET"](const http::Request& r, http::Respond respond) {
                       on_pool_as_partner(c.pool, r, std::move(respond),
                                          [&c, get, id = r.path.substr(subscription_prefix.size())](
                                              const service::PartnerClient& caller) {
                                            return get ? read(c, caller, id) : end(c, caller, id);
                                          });
                     });
  router.add_async("PUT", "/api/v1/webhook", "webhook", [&c](const http::Request& r, http::Respond respond) {
    on_pool_as_partner(c.pool, r, std::move(respond),
                       [&c, r](const service::PartnerClient& caller) { return put_webhook(c, caller, r); });
  });
  router.add_async("GET", "/api/v1/webhook", "webhook", [&c](const http::Request& r, http::Respond respond) {
    on_pool_as_partner(c.pool, r, std::move(respond),
                       [&c](const service::PartnerClient& caller) { return get_webhook(c, caller); });
  });
  router.add_async("DELETE", "/api/v1/webhook", "webhook", [&c](const http::Request& r, http::Respond respond) {
    on_pool_as_partner(c.pool, r, std::move(respond),
                       [&c](const service::PartnerClient& caller) { return delete_webhook(c, caller); });
  });
  router.add_async(
      "GET", "/api/v1/notifications", "notifications", [&c](const http::Request& r, http::Respond respond) {
        on_pool_as_partner(c.pool, r, std::move(respond),
                           [&c, r](const service::PartnerClient& caller) { return notifications(c, caller, r); });
      });
  router.post_async(
      std::string(notification_prefix), "relivraison", [&c](const http::Request& r, http::Respond respond) {
        auto id = r.path.substr(notification_prefix.size());
        if (!id.ends_with(redelivery_suffix)) {
          return respond(http::error_response(http::errors::not_found, "Aucune ressource à cette adresse."));
        }
        id.resize(id.size() - redelivery_suffix.size());
        on_pool_as_partner(c.pool, r, std::move(respond),
                           [&c, id](const service::PartnerClient& caller) { return redeliver(c, caller, id); });
      });
  router.get("/api/v1/webhooks/cle-publique", "webhook_key", [&c](const http::Request&) {
    return enveloped(200, json::object{{"cle", notify::webhook_public_key(c.notify.signing_key)},
                                       {"algorithme", "ed25519"},
                                       {"signature", "v1a"}});
  });
}

}  // namespace ofpra::api
