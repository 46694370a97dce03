#include "api/registry.hpp"

#include "api/partner_access.hpp"
#include "domain/registry_record.hpp"
#include "http/errors.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <memory>

namespace ofpra::api {
namespace {

namespace json = boost::json;
using service::KeptReply;
constexpr std::string_view person_prefix = "/api/v1/registre/personnes/";
// Records named in one refusal of a batch; the count of all is in meta.
constexpr std::size_t max_listed_errors = 100;

KeptReply kept(const http::Response& r) { return {r.status, r.body}; }

http::Response unavailable() {
  return http::error_response(http::errors::unavailable, "Le registre est momentanément indisponible ; réessayez.");
}

// "famille[1].lien" as a JSON pointer under base: "/famille/1/lien".
std::string pointer(std::string_view base, std::string_view field) {
  std::string out(base);
  if (field.empty()) return out.empty() ? "/" : out;
  out += '/';
  for (char ch : field) {
    if (ch == '.' || ch == '[')
      out += '/';
    else if (ch != ']')
      out += ch;
  }
  return out;
}

json::object record_error(std::string detail, std::string source_pointer) {
  const auto& i = domain::info(domain::Problem::invalid_record);
  return {{"code", i.code},
          {"title", i.title},
          {"detail", std::move(detail)},
          {"source", json::object{{"pointer", std::move(source_pointer)}}}};
}

http::Response invalid_records(json::array errors, std::uint64_t bad) {
  return http::json_response(422,
                             json::serialize(json::object{{"errors", std::move(errors)},
                                                          {"meta", json::object{{"enregistrements_invalides", bad}}}}));
}

std::string_view outcome_word(service::PersonWrite w) {
  switch (w) {
    case service::PersonWrite::created:
      return "cree";
    case service::PersonWrite::changed:
      return "modifie";
    case service::PersonWrite::unchanged:
      return "inchange";
    case service::PersonWrite::removed:
      return "supprime";
    case service::PersonWrite::absent:
      break;
  }
  return "absent";
}

http::Response person_written(const std::string& numero, const service::PersonWritten& w) {
  auto r = http::json_response(
      w.outcome == service::PersonWrite::created ? 201 : 200,
      json::serialize(json::object{
          {"data",
           json::object{{"numero_ofpra", numero}, {"resultat", outcome_word(w.outcome)}, {"evenements", w.events}}},
          {"links", json::object{{"self", std::string(person_prefix) + numero}}},
          {"meta", json::object{}}}));
  return r;
}

http::Response put(const RegistryRoutes& c, const std::string& client, const std::string& numero,
                   const http::Request& request) {
  if (request.header("content-type").find("application/json") == std::string_view::npos)
    return http::error_response(http::errors::malformed_request, "Le corps doit être application/json.");
  auto done = service::put_person(c.ingestion, client, numero, request.body);
  if (const auto* bad = std::get_if<service::LineError>(&done)) {
    json::array errors;
    errors.push_back(
        record_error(bad->field.empty() ? bad->reason : bad->field + " : " + bad->reason, pointer("", bad->field)));
    return invalid_records(std::move(errors), 1);
  }
  if (std::holds_alternative<domain::Error>(done)) return unavailable();
  return person_written(numero, std::get<service::PersonWritten>(done));
}

http::Response remove(const RegistryRoutes& c, const std::string& client, const std::string& numero) {
  auto done = service::remove_person(c.ingestion, client, numero);
  if (!done) return unavailable();
  if (done->outcome == service::PersonWrite::absent)
    return http::error_response(http::errors::not_found, "Aucune personne du registre ne porte ce numéro.");
  return person_written(numero, *done);
}

http::Response batch(const RegistryRoutes& c, const std::string& client, const http::Request& request) {
  const auto type = request.header("content-type");
  if (type.find("application/x-ndjson") == std::string_view::npos &&
      type.find("application/jsonl") == std::string_view::npos)
    return http::error_response(http::errors::malformed_request,
                                "Le corps doit être application/x-ndjson : un enregistrement JSON par ligne.");
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return http::error_response(http::errors::invalid_parameter,
                                "Le lot ne contient aucun enregistrement : un par ligne.");
  auto report = service::put_batch(c.ingestion, client, request.body);
  if (!report) return unavailable();
  if (!report->committed) {
    json::array errors;
    for (const auto& e : report->errors) {
      if (errors.size() == max_listed_errors) break;
      errors.push_back(
          record_error("ligne " + std::to_string(e.line) + " : " + (e.field.empty() ? "" : e.field + " : ") + e.reason,
                       pointer("/lignes/" + std::to_string(e.line), e.field)));
    }
    return invalid_records(std::move(errors), report->bad_lines);
  }
  const auto& n = report->counts;
  return http::json_response(
      200, json::serialize(json::object{{"data", json::object{{"enregistrements", report->persons_written},
                                                              {"crees", n.added},
                                                              {"modifies", n.changed},
                                                              {"inchanges", n.unchanged},
                                                              {"evenements", n.events}}},
                                        {"links", json::object{}},
                                        {"meta", json::object{}}}));
}

// An Idempotency-Key: 1 to 200 visible ASCII characters.
bool is_key(std::string_view key) {
  return !key.empty() && key.size() <= 200 &&
         std::all_of(key.begin(), key.end(), [](char ch) { return ch > ' ' && ch < 127; });
}

using Work = std::function<http::Response(const std::string& client)>;

// The token, then on the blocking pool the client's standing and the work, once per
// Idempotency-Key when one is given.
void on_pool(const RegistryRoutes& c, const http::Request& request, http::Respond respond, Work work) {
  auto token = registry_bearer_token(request, c.issuer, c.ingestion.clock);
  if (auto* refusal = std::get_if<http::Response>(&token)) return respond(std::move(*refusal));
  auto client = std::get<auth::AccessToken>(token).client_id;
  const auto key = std::string(request.header("idempotency-key"));
  if (!key.empty() && !is_key(key))
    return respond(http::error_response(http::errors::invalid_parameter,
                                        "Idempotency-Key : 1 à 200 caractères ASCII visibles.", "Idempotency-Key"));
  // What makes two requests the same request.
  auto fingerprint = request.method + " " + request.path + "\n" + request.body;
  const bool queued = c.blocking.submit(
      [&c, client = std::move(client), key, fingerprint = std::move(fingerprint), respond, work = std::move(work)] {
        auto active = service::registry_client_active(c.ingestion, client);
        if (!active) return respond(unavailable());
        if (!*active) return respond(unauthorized("Ce client n'est plus autorisé."));
        if (key.empty()) return respond(work(client));
        auto once = service::once_per_key(c.ingestion, client, key, fingerprint, [&] { return kept(work(client)); });
        if (const auto* refusal = std::get_if<service::KeyRefusal>(&once))
          return respond(http::error_response(
              http::errors::conflict,
              *refusal == service::KeyRefusal::reused
                  ? "Cette Idempotency-Key a déjà servi pour une autre requête ; prenez-en une nouvelle."
                  : "La première requête portant cette Idempotency-Key est en cours ; réessayez dans un instant.",
              "Idempotency-Key"));
        if (std::holds_alternative<domain::Error>(once)) return respond(unavailable());
        const bool replayed = std::holds_alternative<service::Replayed>(once);
        const auto& reply = replayed ? std::get<service::Replayed>(once).reply : std::get<KeptReply>(once);
        auto r = http::json_response(reply.status, reply.body);
        if (replayed) r.set_header("Idempotent-Replayed", "true");
        respond(std::move(r));
      });
  if (!queued)
    respond(http::error_response(http::errors::shutting_down, "Le service s'arrête ; réessayez dans un instant."));
}

// The number the address names, or the 400 to answer (without repeating it).
std::optional<http::Response> bad_number(const std::string& numero) {
  if (domain::is_numero_ofpra(numero)) return std::nullopt;
  return http::error_response(http::errors::invalid_parameter, "Le numéro OFPRA de l'adresse doit compter 9 chiffres.",
                              "numero_ofpra");
}

}  // namespace

void add_registry_routes(http::Router& router, const RegistryRoutes& c) {
  router.add_async("PUT", std::string(person_prefix), "registre_personne",
                   [&c](const http::Request& request, http::Respond respond) {
                     auto numero = request.path.substr(person_prefix.size());
                     if (auto refusal = bad_number(numero)) return respond(std::move(*refusal));
                     on_pool(c, request, std::move(respond), [&c, numero, request](const std::string& client) {
                       return put(c, client, numero, request);
                     });
                   });
  router.add_async("DELETE", std::string(person_prefix), "registre_personne",
                   [&c](const http::Request& request, http::Respond respond) {
                     auto numero = request.path.substr(person_prefix.size());
                     if (auto refusal = bad_number(numero)) return respond(std::move(*refusal));
                     on_pool(c, request, std::move(respond),
                             [&c, numero](const std::string& client) { return remove(c, client, numero); });
                   });
  router.post_async(std::string(registry_batch_path), "registre_lots",
                    [&c](const http::Request& request, http::Respond respond) {
                      on_pool(c, request, std::move(respond),
                              [&c, request](const std::string& client) { return batch(c, client, request); });
                    });
}

}  // namespace ofpra::api
