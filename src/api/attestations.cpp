#include "api/attestations.hpp"

#include "http/errors.hpp"

#include <boost/json.hpp>

namespace ofpra::api {
namespace {

namespace json = boost::json;
using domain::AttestationStatus;

json::value text_or_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

std::string_view reading_problem(const attest::ReadAttestation& read) {
  if (read.scan_problem == attest::ScanProblem::too_large) return "Le fichier est trop volumineux (8 Mo au plus).";
  if (read.scan_problem == attest::ScanProblem::unreadable) return "Le fichier n'a pas pu être lu (PDF, PNG ou JPEG).";
  if (read.scan_problem == attest::ScanProblem::no_symbol)
    return "Aucun code 2D-Doc n'a été trouvé dans le fichier : essayez une image plus nette, ou le texte du code.";
  return {};
}

}  // namespace

std::string verification_json(const attest::Verification& v) {
  const auto& check = *v.check;
  const auto& s = *v.read.stated;
  json::object data{{"statut", to_string(check.status)}};
  // A header whose signature does not hold says nothing: only what was checked is given back.
  const bool genuine = check.status != domain::AttestationStatus::invalid;
  json::object attestation{
      {"identifiant", s.id},
      {"autorite", s.authority},
      {"certificat", s.certificate},
      {"autorite_de_test", genuine && s.test_authority},
      {"delivree_le", genuine ? text_or_null(attest::iso_day(s.issued)) : json::value(nullptr)},
      {"valable_jusqu_au", genuine ? text_or_null(attest::iso_day(s.valid_until)) : json::value(nullptr)}};
  // What it states is shown only once it is known as ours: a forged one is not repeated.
  if (check.record) {
    const auto& r = *check.record;
    attestation["niveau"] = to_string(r.level);
    attestation["valable_jusqu_au"] = r.valid_until;
    if (r.revoked_reason) attestation["motif_revocation"] = to_string(*r.revoked_reason);
    json::array given;
    for (const auto& p : s.prenoms) given.emplace_back(p);
    data["personne"] =
        json::object{{"nom_naissance", s.nom_naissance}, {"nom_usage", text_or_null(s.nom_usage)},
                     {"prenoms", std::move(given)},      {"date_naissance", s.date_naissance},
                     {"sexe", text_or_null(s.sexe)},     {"lieu_naissance", text_or_null(s.lieu_naissance)}};
    if (!s.numero_ofpra.empty()) data["personne"].as_object()["numero_ofpra"] = s.numero_ofpra;
    if (r.level == domain::AttestationLevel::identity) {
      json::array family;
      for (const auto& m : s.family)
        family.push_back(json::object{{"lien", m.link == "CONJOINT" ? "conjoint"
                                               : m.link == "ENFANT" ? "enfant"
                                                                    : "parent"},
                                      {"noms", m.names},
                                      {"date_naissance", text_or_null(m.date_naissance)}});
      data["famille"] = std::move(family);
    }
    data["enonce"] = json::object{{"situation", s.statement}, {"depuis", text_or_null(s.since)}};
  }
  data["attestation"] = std::move(attestation);
  return json::serialize(json::object{{"data", std::move(data)},
                                      {"links", json::object{}},
                                      {"meta", json::object{{"reference", std::to_string(check.reference)}}}});
}

void add_attestation_routes(http::Router& router, const AttestationRoutes& c) {
  router.get("/api/v1/attestations/certificats", "attestation_certificates", [&c](const http::Request&) {
    http::Response r{200, "application/x-pem-file", c.authority.chain_pem(), {}, {}};
    r.set_header("Cache-Control", "public, max-age=3600");
    return r;
  });
  router.get("/api/v1/attestations/crl", "attestation_crl", [&c](const http::Request&) {
    http::Response r{200, "application/x-pem-file", c.authority.crl_pem(), {}, {}};
    r.set_header("Cache-Control", "public, max-age=3600");
    return r;
  });
  router.post_async(
      std::string(attestation_verification_path), "attestation_verification",
      [&c](const http::Request& request, http::Respond respond) {
        std::string content = request.body;
        if (request.header("content-type").find("application/json") != std::string_view::npos) {
          boost::system::error_code ec;
          auto body = json::parse(request.body, ec);
          const auto* text = !ec && body.is_object() ? body.as_object().if_contains("code_2ddoc") : nullptr;
          if (ec)
            return respond(
                http::error_response(domain::Problem::malformed_request, "Le corps n'est pas du JSON valide."));
          if (!text || !text->is_string())
            return respond(http::error_response(domain::Problem::invalid_parameter,
                                                "Donnez le texte du code 2D-Doc dans code_2ddoc (une chaîne).",
                                                "code_2ddoc"));
          content = std::string(text->as_string());
        }
        if (!c.checks.take(request.client_address).allowed)
          return respond(
              http::error_response(domain::Problem::too_many_requests,
                                   "Trop de vérifications depuis votre adresse : réessayez dans une minute."));
        service::AttestationVerifier verifier{request.client_address, {}};
        const bool queued = c.blocking.submit([&c, verifier, content = std::move(content), respond] {
          const auto v = attest::verify_attestation(c.door, c.authority.trusted(), c.authority.settings().document_type,
                                                    verifier, content);
          if (const auto problem = reading_problem(v.read); !problem.empty())
            return respond(http::error_response(v.read.scan_problem == attest::ScanProblem::too_large
                                                    ? domain::Problem::body_too_large
                                                    : domain::Problem::invalid_parameter,
                                                problem, "document"));
          if (!v.read.stated)
            return respond(http::error_response(
                domain::Problem::invalid_parameter,
                "Ce n'est pas le code d'une attestation de l'Ofpra : " + v.read.unreadable + ".", "document"));
          if (v.refusal) return respond(http::error_response(v.refusal->problem, v.refusal->detail));
          auto r = http::json_response(200, verification_json(v));
          r.set_header("Cache-Control", "no-store");
          respond(std::move(r));
        });
        if (!queued)
          respond(
              http::error_response(http::errors::shutting_down, "Le service s'arrête ; réessayez dans un instant."));
      });
}

}  // namespace ofpra::api
