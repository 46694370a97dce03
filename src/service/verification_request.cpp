#include "service/verification_request.hpp"

#include "domain/json_strict.hpp"
#include "domain/partner.hpp"
#include "domain/plain_text.hpp"
#include "domain/registry_record.hpp"
#include "domain/share_code.hpp"
#include "journal/chain.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace ofpra::service {
namespace {

namespace json = boost::json;

Refusal invalid(std::string parameter, std::string detail) {
  return {domain::Problem::invalid_parameter, std::move(detail), std::move(parameter)};
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

// A journal reference: a positive whole number, or the same in a string (as meta.reference).
std::optional<std::int64_t> journal_reference(const json::value& v) {
  if (v.is_int64() && v.get_int64() > 0) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= 999'999'999'999'999'999ULL) return static_cast<std::int64_t>(v.get_uint64());
  if (!v.is_string()) return std::nullopt;
  const auto& text = v.get_string();
  if (text.empty() || text.size() > 18 || text[0] == '0' || text.find_first_not_of("0123456789") != json::string::npos)
    return std::nullopt;
  return std::stoll(std::string(text));
}

bool has_only(const json::object& o, std::span<const std::string_view> known, std::string& unknown) {
  for (const auto& kv : o)
    if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end()) {
      unknown = std::string(kv.key());
      return false;
    }
  return true;
}

Refusal invalid_purpose() {
  return invalid("motif", "Le motif de la demande est requis (1 à 500 caractères, sans caractère de contrôle).");
}

Refusal invalid_code() {
  return invalid("code_partage",
                 "Le code de partage compte 9 caractères : chiffres 2 à 9 et lettres sauf I, L, O et U.");
}

// A share code as typed and the birth date that confirms it; birth_date null when absent.
std::optional<Refusal> read_code_and_birth_date(std::string_view code, std::optional<std::string_view> birth_date,
                                                Subject& subject) {
  auto canonical = code.size() <= 20 ? domain::canonical_share_code(code) : std::nullopt;
  if (!canonical) return invalid_code();
  subject.number = std::move(*canonical);
  auto parsed =
      birth_date ? domain::PartialDate::parse(*birth_date) : domain::Result<domain::PartialDate>(domain::Error{});
  if (!parsed)
    return invalid("date_naissance",
                   "La date de naissance de la personne est requise avec le code : AAAA-MM-JJ (ou AAAA-MM, AAAA).");
  subject.date_naissance = *parsed;
  return std::nullopt;
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

std::optional<Refusal> read_share_code(const json::object& o, Subject& subject) {
  subject.kind = SubjectKind::code_partage;
  const auto* code = string_at(o, "code_partage");
  if (!code) return invalid_code();
  const auto* birth_date = string_at(o, "date_naissance");
  return read_code_and_birth_date(*code, birth_date ? std::optional<std::string_view>(*birth_date) : std::nullopt,
                                  subject);
}

}  // namespace

std::variant<IdentityQuery, Refusal> parse_identity(const json::value& identite) {
  IdentityQuery q;
  if (auto refusal = read_identity(identite, q)) return *refusal;
  return q;
}

namespace {

// The body's object, or why it is not one. The tree lives in arena while the request is read:
// its nodes come from a buffer on the caller's stack (from the heap only past it).
std::variant<json::value, Refusal> parse_body(std::string_view body, json::monotonic_resource& arena) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 8;
  auto parsed = json::parse(body, ec, &arena, options);
  if (ec || !parsed.is_object())
    return Refusal{domain::Problem::malformed_request, "Le corps doit être un objet JSON.", {}};
  if (domain::has_repeated_member(body))
    return Refusal{
        domain::Problem::malformed_request, "Un objet du corps nomme deux fois le même champ (RFC 7493).", {}};
  return parsed;
}

constexpr std::array<std::string_view, 10> verification_fields{
    "numero_ofpra", "numero_agdref", "identite", "code_partage", "date_naissance",
    "recipient",    "motif",         "agent",    "scopes",       "date"};

// A verification's fields of o; also: the other fields the body may have.
std::variant<DisclosureRequest, Refusal> read_verification(const json::object& o,
                                                           std::span<const std::string_view> also) {
  DisclosureRequest r;
  for (const auto& kv : o) {
    const std::string_view key = kv.key();
    if (std::find(verification_fields.begin(), verification_fields.end(), key) == verification_fields.end() &&
        std::find(also.begin(), also.end(), key) == also.end())
      return invalid(std::string(key), "Champ inconnu.");
  }
  const auto* recipient = string_at(o, "recipient");
  if (!recipient || !domain::is_siret(*recipient))
    return invalid("recipient", "Le SIRET de l'administration destinataire est requis (14 chiffres, clé de Luhn).");
  r.recipient = std::string(*recipient);
  const auto* motif = string_at(o, "motif");
  if (!motif || !valid_purpose(*motif)) return invalid_purpose();
  r.purpose = std::string(*motif);
  if (o.contains("agent")) {
    const auto* agent = string_at(o, "agent");
    if (!agent || !valid_agent(*agent))
      return invalid("agent",
                     "L'identifiant d'agent doit être un texte de 100 caractères au plus, sans caractère de contrôle.");
    r.agent = std::string(*agent);
  }
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
  auto& subject = r.subject;
  if (o.contains("numero_ofpra")) {
    const auto* n = string_at(o, "numero_ofpra");
    if (!n || !domain::is_numero_ofpra(*n)) return invalid("numero_ofpra", "Le numéro Ofpra comporte 9 chiffres.");
    subject.kind = SubjectKind::numero_ofpra;
    subject.number = std::string(*n);
  } else if (o.contains("numero_agdref")) {
    const auto* n = string_at(o, "numero_agdref");
    if (!n || !domain::is_numero_agdref(*n)) return invalid("numero_agdref", "Le numéro AGDREF comporte 10 chiffres.");
    subject.kind = SubjectKind::numero_agdref;
    subject.number = std::string(*n);
  } else if (o.contains("identite")) {
    subject.kind = SubjectKind::identite;
    if (auto refusal = read_identity(o.at("identite"), subject.identite)) return *refusal;
  } else if (auto refusal = read_share_code(o, subject)) {
    return *refusal;
  }
  return r;
}

}  // namespace

std::variant<DisclosureRequest, Refusal> parse_verification_request(std::string_view body) {
  unsigned char buffer[4096];
  json::monotonic_resource arena(buffer, sizeof buffer);
  auto parsed = parse_body(body, arena);
  if (auto* refusal = std::get_if<Refusal>(&parsed)) return std::move(*refusal);
  auto r = read_verification(std::get<json::value>(parsed).get_object(), {});
  if (auto* request = std::get_if<DisclosureRequest>(&r)) request->request_hash = journal::sha256_hex(body);
  return r;
}

namespace {

// A verification's fields, and the members `also` names, which finish reads from the same object
// into the body it makes; the request's hash is that of the whole body.
template <class Body, class Finish>
std::variant<Body, Refusal> read_verification_and(std::string_view body, std::span<const std::string_view> also,
                                                  Finish finish) {
  unsigned char buffer[4096];
  json::monotonic_resource arena(buffer, sizeof buffer);
  auto parsed = parse_body(body, arena);
  if (auto* refusal = std::get_if<Refusal>(&parsed)) return std::move(*refusal);
  const auto& o = std::get<json::value>(parsed).get_object();
  auto question = read_verification(o, also);
  if (auto* refusal = std::get_if<Refusal>(&question)) return std::move(*refusal);
  auto& request = std::get<DisclosureRequest>(question);
  request.request_hash = journal::sha256_hex(body);
  return finish(std::move(request), o);
}

}  // namespace

std::variant<DemandeBody, Refusal> parse_demande_request(std::string_view body) {
  static constexpr std::array<std::string_view, 2> also{"note", "reference"};
  return read_verification_and<DemandeBody>(
      body, also, [](DisclosureRequest&& question, const json::object& o) -> std::variant<DemandeBody, Refusal> {
        const auto* note = string_at(o, "note");
        if (!note || !domain::is_reason(*note))
          return invalid("note",
                         "Dites à l'Ofpra ce que vous cherchez à savoir (note : 1 à 2 000 caractères, sans caractère "
                         "de contrôle).");
        const auto* reference = o.if_contains("reference");
        const auto follows = reference ? journal_reference(*reference) : std::nullopt;
        if (!follows)
          return invalid("reference",
                         "Indiquez la référence (meta.reference) de la réponse automatique que la demande suit.");
        return DemandeBody{std::move(question), std::string(*note), *follows};
      });
}

std::variant<SubscriptionBody, Refusal> parse_subscription_request(std::string_view body) {
  static constexpr std::array<std::string_view, 1> also{"reference_partenaire"};
  return read_verification_and<SubscriptionBody>(
      body, also, [](DisclosureRequest&& question, const json::object& o) -> std::variant<SubscriptionBody, Refusal> {
        const auto* reference = string_at(o, "reference_partenaire");
        if (!reference || reference->empty() || reference->size() > 100 || !plain_text(*reference))
          return invalid("reference_partenaire",
                         "Donnez votre propre référence pour cette personne (reference_partenaire : 1 à 100 "
                         "caractères, sans caractère de contrôle) : les notifications la portent.");
        return SubscriptionBody{std::move(question), std::string(*reference)};
      });
}

std::string verification_body(const DisclosureRequest& r) {
  json::object o;
  const auto& subject = r.subject;
  switch (subject.kind) {
    case SubjectKind::numero_ofpra:
      o["numero_ofpra"] = subject.number;
      break;
    case SubjectKind::numero_agdref:
      o["numero_agdref"] = subject.number;
      break;
    case SubjectKind::identite: {
      const auto& q = subject.identite;
      json::array prenoms;
      for (const auto& p : q.prenoms) prenoms.emplace_back(p);
      json::object identite{{"nom_naissance", q.nom_naissance},
                            {"prenoms", std::move(prenoms)},
                            {"date_naissance", q.date_naissance.to_string()}};
      if (q.code_pays_naissance) identite["code_pays_naissance"] = *q.code_pays_naissance;
      if (q.sexe) identite["sexe"] = domain::to_string(*q.sexe);
      o["identite"] = std::move(identite);
      break;
    }
    case SubjectKind::code_partage:
      o["code_partage"] = subject.number;
      if (subject.date_naissance) o["date_naissance"] = subject.date_naissance->to_string();
      break;
  }
  o["recipient"] = r.recipient;
  o["motif"] = r.purpose;
  if (!r.agent.empty()) o["agent"] = r.agent;
  json::array scopes;
  for (auto s : r.scopes) scopes.emplace_back(to_string(s));
  o["scopes"] = std::move(scopes);
  if (r.date) o["date"] = r.date->to_string();
  return json::serialize(o);
}

bool plain_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t n = 0;
    if (b < 0x80) {
      cp = b, n = 1;
    } else if ((b & 0xE0) == 0xC0) {
      cp = b & 0x1Fu, n = 2;
    } else if ((b & 0xF0) == 0xE0) {
      cp = b & 0x0Fu, n = 3;
    } else if ((b & 0xF8) == 0xF0) {
      cp = b & 0x07u, n = 4;
    } else {
      return false;
    }
    if (i + n > text.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    constexpr std::uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < shortest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;  // not UTF-8
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;                              // controls
    if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
      return false;  // bidirectional marks, overrides and isolates
    i += n;
  }
  return true;
}

bool valid_purpose(std::string_view purpose) {
  return !purpose.empty() && purpose.size() <= max_purpose_length && plain_text(purpose);
}

bool valid_agent(std::string_view agent) { return agent.size() <= max_agent_length && plain_text(agent); }

std::variant<DisclosureRequest, Refusal> share_code_page_request(std::string_view code, std::string_view birth_date,
                                                                 std::string_view purpose,
                                                                 std::string_view organisation) {
  DisclosureRequest r;
  if (!valid_purpose(purpose)) return invalid_purpose();
  r.purpose = std::string(purpose);
  if (organisation.empty() || !valid_agent(organisation))
    return invalid("agent", "Le nom de votre organisme est requis (1 à 100 caractères, sans caractère de contrôle).");
  r.agent = std::string(organisation);
  r.subject.kind = SubjectKind::code_partage;
  if (auto refusal = read_code_and_birth_date(code, birth_date, r.subject)) return *refusal;
  return r;
}

}  // namespace ofpra::service
