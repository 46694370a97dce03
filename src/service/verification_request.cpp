#include "service/verification_request.hpp"

#include "domain/partner.hpp"
#include "domain/registry_record.hpp"
#include "domain/share_code.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace ofpra::service {
namespace {

namespace json = boost::json;

Refusal invalid(std::string parameter, std::string detail) {
  return {400, "40001", "Paramètre invalide", std::move(detail), std::move(parameter)};
}

const json::string* string_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? &v->get_string() : nullptr;
}

// A date at the precision known (AAAA, AAAA-MM or AAAA-MM-JJ), or nothing when absent or bad.
std::optional<domain::PartialDate> partial_date_at(const json::object& o, std::string_view key) {
  const auto* text = string_at(o, key);
  if (!text) return std::nullopt;
  auto parsed = domain::PartialDate::parse(*text);
  if (!parsed) return std::nullopt;
  return *parsed;
}

bool has_only(const json::object& o, std::span<const std::string_view> known, std::string& unknown) {
  for (const auto& kv : o)
    if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end()) {
      unknown = std::string(kv.key());
      return false;
    }
  return true;
}

bool is_name(const json::value& v) { return v.is_string() && !v.get_string().empty() && v.get_string().size() <= 100; }

std::optional<Refusal> read_identity(const json::value& v, IdentityQuery& q) {
  if (!v.is_object()) return invalid("identite", "identite doit être un objet.");
  const auto& o = v.get_object();
  static constexpr std::array<std::string_view, 5> known{"nom_naissance", "prenoms", "date_naissance",
                                                         "code_pays_naissance", "sexe"};
  if (std::string unknown; !has_only(o, known, unknown)) return invalid("identite." + unknown, "Champ inconnu.");
  const auto* nom = o.if_contains("nom_naissance");
  if (!nom || !is_name(*nom))
    return invalid("identite.nom_naissance", "Le nom de naissance est requis (1 à 100 caractères).");
  q.nom_naissance = std::string(nom->get_string());
  const auto* prenoms = o.if_contains("prenoms");
  if (!prenoms || !prenoms->is_array() || prenoms->get_array().size() > 10 ||
      !std::all_of(prenoms->get_array().begin(), prenoms->get_array().end(), is_name))
    return invalid("identite.prenoms", "Les prénoms sont un tableau de 0 à 10 textes de 1 à 100 caractères.");
  for (const auto& p : prenoms->get_array()) q.prenoms.emplace_back(p.get_string());
  const auto parsed = partial_date_at(o, "date_naissance");
  if (!parsed)
    return invalid("identite.date_naissance",
                   "La date de naissance est requise, à la précision connue : AAAA, AAAA-MM ou AAAA-MM-JJ.");
  q.date_naissance = *parsed;
  if (o.contains("code_pays_naissance")) {
    const auto* cog = string_at(o, "code_pays_naissance");
    if (!cog || !domain::is_cog_code(*cog))
      return invalid("identite.code_pays_naissance",
                     "Le code pays de naissance est un code COG de l'Insee (5 caractères).");
    q.code_pays_naissance = std::string(*cog);
  }
  if (o.contains("sexe")) {
    const auto* sexe = string_at(o, "sexe");
    auto s = sexe ? domain::parse_Sex(*sexe) : std::nullopt;
    if (!s) return invalid("identite.sexe", "Le sexe est M, F ou X.");
    q.sexe = *s;
  }
  return std::nullopt;
}

std::variant<VerificationRequest, Refusal> read_share_code(const json::object& o, VerificationRequest& r) {
  r.subject = SubjectKind::code_partage;
  const auto* code = string_at(o, "code_partage");
  auto canonical = code && code->size() <= 20 ? domain::canonical_share_code(*code) : std::nullopt;
  if (!canonical)
    return invalid("code_partage",
                   "Le code de partage compte 9 caractères : chiffres 2 à 9 et lettres sauf I, L, O et U.");
  r.number = std::move(*canonical);
  const auto parsed = partial_date_at(o, "date_naissance");
  if (!parsed)
    return invalid("date_naissance",
                   "La date de naissance de la personne est requise avec le code : AAAA-MM-JJ (ou AAAA-MM, AAAA).");
  r.date_naissance = *parsed;
  return r;
}

}  // namespace

std::variant<IdentityQuery, Refusal> parse_identity(const json::value& identite) {
  IdentityQuery q;
  if (auto refusal = read_identity(identite, q)) return *refusal;
  return q;
}

std::string error_body(const Refusal& r) {
  json::object e{{"code", r.code}, {"title", r.title}, {"detail", r.detail}};
  if (!r.parameter.empty()) e["source"] = json::object{{"parameter", r.parameter}};
  return json::serialize(json::object{{"errors", json::array{std::move(e)}}});
}

std::variant<VerificationRequest, Refusal> parse_verification_request(std::string_view body, Channel channel) {
  const bool partner = channel == Channel::api;
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 8;
  // The tree lives only while the request is read: its nodes come from a buffer on the stack
  // (from the heap only past it), not from one allocation each.
  unsigned char buffer[4096];
  json::monotonic_resource arena(buffer, sizeof buffer);
  auto parsed = json::parse(body, ec, &arena, options);
  if (ec || !parsed.is_object())
    return Refusal{400, "40000", "Requête mal formée", "Le corps doit être un objet JSON.", {}};
  const auto& o = parsed.get_object();
  VerificationRequest r;

  static constexpr std::array<std::string_view, 10> known{"numero_ofpra",   "numero_agdref", "identite", "code_partage",
                                                          "date_naissance", "recipient",     "motif",    "agent",
                                                          "scopes",         "date"};
  static constexpr std::array<std::string_view, 4> known_on_page{"code_partage", "date_naissance", "motif", "agent"};
  if (std::string unknown; !has_only(o, partner ? std::span<const std::string_view>(known) : known_on_page, unknown))
    return invalid(unknown, "Champ inconnu.");
  if (partner) {
    const auto* recipient = string_at(o, "recipient");
    if (!recipient || !domain::is_siret(*recipient))
      return invalid("recipient", "Le SIRET de l'administration destinataire est requis (14 chiffres, clé de Luhn).");
    r.recipient = std::string(*recipient);
  }
  const auto* motif = string_at(o, "motif");
  if (!motif || motif->empty() || motif->size() > 500)
    return invalid("motif", "Le motif de la demande est requis (1 à 500 caractères).");
  r.motif = std::string(*motif);
  if (o.contains("agent") || !partner) {
    const auto* agent = string_at(o, "agent");
    if (!agent || agent->size() > 100 || (!partner && agent->empty()))
      return invalid("agent", partner ? "L'identifiant d'agent doit être un texte de 100 caractères au plus."
                                      : "Le nom de votre organisme est requis (1 à 100 caractères).");
    r.agent = std::string(*agent);
  }
  if (!partner) return read_share_code(o, r);
  const auto* scopes = o.if_contains("scopes");
  if (!scopes || !scopes->is_array() || scopes->get_array().empty())
    return invalid("scopes", "Indiquez les scopes demandés (tableau non vide).");
  for (const auto& s : scopes->get_array()) {
    auto scope = s.is_string() ? domain::parse_scope(std::string_view(s.get_string())) : std::nullopt;
    if (!scope) return invalid("scopes", "Scope inconnu.");
    if (std::find(r.scopes.begin(), r.scopes.end(), *scope) == r.scopes.end()) r.scopes.push_back(*scope);
  }
  if (o.contains("date")) {
    const auto* text = string_at(o, "date");
    auto d = text ? domain::PartialDate::parse_day(*text) : domain::Result<domain::PartialDate>(domain::Error{});
    if (!d) return invalid("date", "La date doit être une date du calendrier, de la forme AAAA-MM-JJ.");
    r.date = *d;
  }

  int subjects = 0;
  for (auto k : {"numero_ofpra", "numero_agdref", "identite", "code_partage"}) subjects += o.contains(k) ? 1 : 0;
  if (subjects != 1)
    return invalid("numero_ofpra",
                   "Désignez la personne par un seul moyen : numero_ofpra, numero_agdref, identite ou code_partage.");
  if (o.contains("date_naissance") && !o.contains("code_partage"))
    return invalid("date_naissance", "date_naissance accompagne code_partage ; avec identite, elle va dans l'objet.");
  if (o.contains("numero_ofpra")) {
    const auto* n = string_at(o, "numero_ofpra");
    if (!n || !domain::is_numero_ofpra(*n)) return invalid("numero_ofpra", "Le numéro Ofpra comporte 9 chiffres.");
    r.subject = SubjectKind::numero_ofpra;
    r.number = std::string(*n);
  } else if (o.contains("numero_agdref")) {
    const auto* n = string_at(o, "numero_agdref");
    if (!n || !domain::is_numero_agdref(*n)) return invalid("numero_agdref", "Le numéro AGDREF comporte 10 chiffres.");
    r.subject = SubjectKind::numero_agdref;
    r.number = std::string(*n);
  } else if (o.contains("identite")) {
    r.subject = SubjectKind::identite;
    if (auto refusal = read_identity(o.at("identite"), r.identite)) return *refusal;
  } else {
    return read_share_code(o, r);
  }
  return r;
}

}  // namespace ofpra::service
