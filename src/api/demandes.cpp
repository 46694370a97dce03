#include "api/demandes.hpp"

#include "api/answer_json.hpp"
#include "api/partner_access.hpp"
#include "http/errors.hpp"
#include "service/answer_codec.hpp"
#include "service/verification_request.hpp"

#include <boost/json.hpp>

#include <future>
#include <memory>

namespace ofpra::api {
namespace {

namespace json = boost::json;
constexpr std::string_view prefix = "/api/v1/demandes/";

json::value text_or_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::object demande_data(const store::Demande& d, const domain::PartialDate& today) {
  json::object o{{"id", d.id},
                 {"statut", to_string(d.state)},
                 {"deposee_le", d.created_at},
                 {"date_limite", d.due_on},
                 {"jours_ouvres_restants", service::working_days_left(d, today)},
                 {"reference_suivie", std::to_string(d.follows)},
                 {"note", d.note},
                 {"traitee_le", text_or_null(d.settled_at)},
                 {"motif_cloture", d.reason ? json::value(to_string(*d.reason)) : json::value(nullptr)},
                 {"message", text_or_null(d.message)},
                 {"reponse", nullptr},
                 {"reference_reponse", nullptr}};
  if (auto answer = d.answer.empty() ? std::nullopt : service::decode_answer(d.answer)) {
    o["reponse"] = service::answer_data(*answer);
    o["reference_reponse"] = std::to_string(answer->reference);
  }
  return o;
}

http::Response demande_response(unsigned status, const store::Demande& d, const domain::PartialDate& today) {
  auto r = http::json_response(
      status, json::serialize(json::object{{"data", demande_data(d, today)},
                                           {"links", json::object{{"self", std::string(prefix) + d.id}}},
                                           {"meta", json::object{{"reference", std::to_string(d.reference)}}}}));
  r.set_header("Location", std::string(prefix) + d.id);
  return r;
}

http::Response unavailable_response() {
  return http::error_response(domain::Problem::unavailable, "Le service est momentanément indisponible.");
}

// A store's error as the API says it: a revoked client is 401, anything else unavailable.
http::Response error_of(const domain::Error& e) {
  if (e.field == "jeton") return unauthorized("Ce client n'est plus autorisé.");
  return unavailable_response();
}

http::Response file(const DemandeRoutes& c, const service::PartnerClient& caller, const std::string& body, bool json) {
  if (!json) return http::error_response(http::errors::malformed_request, "Le corps doit être application/json.");
  auto parsed = service::parse_demande_request(body);
  if (auto* refusal = std::get_if<service::Refusal>(&parsed)) {
    // Refused and journaled like any unreadable request of this client.
    std::promise<service::Disclosure> journaled;
    service::refuse_unreadable(c.demandes.door, caller, std::move(*refusal), body, service::Reads::store,
                               [&journaled](service::Disclosure d) { journaled.set_value(std::move(d)); });
    auto d = journaled.get_future().get();
    if (const auto* r = std::get_if<service::Refusal>(&d)) return refusal_response(*r);
    return unavailable_response();
  }
  auto& body_read = std::get<service::DemandeBody>(parsed);
  auto filed = service::file_demande(c.demandes, caller,
                                     {std::move(body_read.question), std::move(body_read.note), body_read.follows});
  if (const auto* refusal = std::get_if<service::Refusal>(&filed)) return refusal_response(*refusal);
  const auto& filing = std::get<service::Filing>(filed);
  return demande_response(filing.existed ? 200 : 201, filing.demande, domain::day_of(c.demandes.door.clock.now()));
}

http::Response read(const DemandeRoutes& c, const service::PartnerClient& caller, const std::string& id) {
  auto found = service::demande_for(c.demandes, caller, id);
  if (!found) return error_of(found.error());
  if (!*found)
    return http::error_response(domain::Problem::not_found, "Aucune demande de votre organisme ne porte ce numéro.");
  return demande_response(200, **found, domain::day_of(c.demandes.door.clock.now()));
}

http::Response list(const DemandeRoutes& c, const service::PartnerClient& caller) {
  auto all = service::demandes_for(c.demandes, caller);
  if (!all) return error_of(all.error());
  const auto today = domain::day_of(c.demandes.door.clock.now());
  json::array items;
  for (const auto& d : *all) items.push_back(demande_data(d, today));
  return http::json_response(
      200,
      json::serialize(json::object{{"data", std::move(items)}, {"links", json::object{}}, {"meta", json::object{}}}));
}

}  // namespace

void add_demande_routes(http::Router& router, const DemandeRoutes& c) {
  router.post_async("/api/v1/demandes", "demandes", [&c](const http::Request& request, http::Respond respond) {
    const bool json = request.header("content-type").find("application/json") != std::string_view::npos;
    on_pool_as_partner(
        c.pool, request, std::move(respond),
        [&c, body = request.body, json](const service::PartnerClient& caller) { return file(c, caller, body, json); });
  });
  router.add_async("GET", "/api/v1/demandes", "demandes", [&c](const http::Request& request, http::Respond respond) {
    on_pool_as_partner(c.pool, request, std::move(respond),
                       [&c](const service::PartnerClient& caller) { return list(c, caller); });
  });
  router.add_async("GET", std::string(prefix), "demande", [&c](const http::Request& request, http::Respond respond) {
    on_pool_as_partner(c.pool, request, std::move(respond),
                       [&c, id = request.path.substr(prefix.size())](const service::PartnerClient& caller) {
                         return read(c, caller, id);
                       });
  });
}

}  // namespace ofpra::api
