#include "service/verification.hpp"

#include "domain/habilitation.hpp"
#include "domain/partner.hpp"
#include "domain/registry_record.hpp"
#include "journal/chain.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ofpra::service {
namespace {

namespace json = boost::json;
using domain::PartialDate;
using domain::Person;
using domain::Scope;

struct Refusal {
  unsigned status;
  std::string code;
  std::string title;
  std::string detail;
  std::string parameter;
};

std::string error_body(const Refusal& r) {
  json::object e{{"code", r.code}, {"title", r.title}, {"detail", r.detail}};
  if (!r.parameter.empty()) e["source"] = json::object{{"parameter", r.parameter}};
  return json::serialize(json::object{{"errors", json::array{std::move(e)}}});
}

Refusal invalid(std::string parameter, std::string detail) {
  return {400, "40001", "Paramètre invalide", std::move(detail), std::move(parameter)};
}

std::int64_t day_number(const PartialDate& d) { return domain::days_from_civil(d.year, d.month, d.day); }

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<PartialDate>& d) { return d ? json::value(d->to_string()) : json::value(nullptr); }
json::array names(const std::vector<std::string>& v) { return json::array(v.begin(), v.end()); }

// The blocks of DESIGN §5, one per scope given; nothing else about the person.
json::object shape(const Person& p, const std::vector<Scope>& given, const PartialDate& at, int delay_months,
                   store::RegistryStore& registry) {
  json::object data{{"resultat", "trouve"}};
  for (auto scope : given) {
    json::object block;
    switch (scope) {
      case Scope::protection: {
        const domain::Protection* current = nullptr;
        for (const auto& pr : p.protections)
          if (day_number(pr.debut) <= day_number(at) && (!pr.fin || day_number(*pr.fin) >= day_number(at)))
            current = &pr;
        block["protege"] = current != nullptr;
        block["date"] = at.to_string();
        if (current) {
          block["type"] = to_string(current->type);
          block["depuis"] = current->debut.to_string();
        }
        break;
      }
      case Scope::protection_history: {
        json::array periods;
        for (const auto& pr : p.protections)
          periods.emplace_back(
              json::object{{"type", to_string(pr.type)},
                           {"autorite", to_string(pr.authority)},
                           {"debut", pr.debut.to_string()},
                           {"fin", opt(pr.fin)},
                           {"motif_fin", pr.motif_fin ? json::value(to_string(*pr.motif_fin)) : json::value(nullptr)}});
        block["periodes"] = std::move(periods);
        break;
      }
      case Scope::civil_status_progress: {
        if (!p.dossier_etat_civil) {
          block["etape"] = nullptr;
          break;
        }
        const auto& f = *p.dossier_etat_civil;
        block["etape"] = to_string(f.stage);
        block["ffr_recue_le"] = opt(f.ffr_recue_le);
        block["actes_etablis_le"] = opt(f.actes_etablis_le);
        if (f.ffr_recue_le && f.stage != domain::FileStage::acts_established) {
          const auto expected = domain::add_months(*f.ffr_recue_le, delay_months);
          block["dans_les_delais"] = day_number(at) <= day_number(expected);
          block["date_previsionnelle"] = expected.to_string();
        }
        break;
      }
      case Scope::civil_status_identity:
        block = json::object{{"numero_ofpra", p.numero_ofpra},
                             {"nom_naissance", p.nom_naissance},
                             {"nom_usage", opt(p.nom_usage)},
                             {"prenoms", names(p.prenoms)},
                             {"sexe", to_string(p.sexe)},
                             {"date_naissance", p.date_naissance.to_string()},
                             {"lieu_naissance", opt(p.lieu_naissance)},
                             {"code_pays_naissance", opt(p.code_pays_naissance)}};
        break;
      case Scope::civil_status_family: {
        json::array members;
        for (const auto& m : p.famille) {
          json::object o{{"lien", to_string(m.link)}, {"numero_ofpra", opt(m.numero_ofpra)}};
          std::optional<Person> relative;
          if (m.numero_ofpra)
            if (auto r = registry.find(*m.numero_ofpra); r && *r) relative = std::move(**r);
          o["nom_naissance"] = relative ? json::value(relative->nom_naissance) : opt(m.nom_naissance);
          o["prenoms"] = names(relative ? relative->prenoms : m.prenoms);
          o["sexe"] = relative ? json::value(to_string(relative->sexe))
                               : (m.sexe ? json::value(to_string(*m.sexe)) : json::value(nullptr));
          o["date_naissance"] = relative ? json::value(relative->date_naissance.to_string()) : opt(m.date_naissance);
          members.emplace_back(std::move(o));
        }
        block["membres"] = std::move(members);
        break;
      }
    }
    data[block_name(scope)] = std::move(block);
  }
  return data;
}

}  // namespace

void verify_person(const VerificationContext& c, const auth::AccessToken& caller, const std::string& body,
                   std::function<void(VerificationOutcome)> done) {
  domain::JournalEntry entry;
  entry.channel = "api";
  entry.partner_siret = caller.siret;
  entry.client_id = caller.client_id;
  entry.request_hash = journal::sha256_hex(body);

  // Every answer, refusals included, is journaled first; only then does it leave.
  auto answer = [&](unsigned status, std::string answer_body, std::string result, std::string refusal_code) {
    entry.result = std::move(result);
    entry.refusal_code = std::move(refusal_code);
    c.journal.submit(std::move(entry), [status, answer_body = std::move(answer_body),
                                        done](domain::Result<domain::JournalEntry> written) mutable {
      if (!written) {
        done({503, error_body({503,
                               "50302",
                               "Journal indisponible",
                               "La réponse n'a pas pu être enregistrée au journal : elle n'est pas donnée. "
                               "Réessayez plus tard.",
                               {}})});
        return;
      }
      if (status == 200) {
        // The reference the person will see in her access history.
        answer_body.pop_back();
        answer_body += ",\"meta\":{\"reference\":\"" + std::to_string(written->seq) + "\"}}";
      }
      done({status, std::move(answer_body)});
    });
  };
  auto refuse = [&](const Refusal& r) { answer(r.status, error_body(r), "refus", r.code); };

  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 8;
  auto parsed = json::parse(body, ec, {}, options);
  if (ec || !parsed.is_object())
    return refuse({400, "40000", "Requête mal formée", "Le corps doit être un objet JSON.", {}});
  const auto& o = parsed.get_object();
  auto text = [&](std::string_view key) -> std::optional<std::string> {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->get_string());
  };

  for (const auto& kv : o) {
    static constexpr std::array<std::string_view, 9> known{"numero_ofpra", "numero_agdref",  "identite",
                                                           "code_partage", "date_naissance", "recipient",
                                                           "motif",        "agent",          "scopes"};
    if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end() && kv.key() != "date")
      return refuse(invalid(std::string(kv.key()), "Champ inconnu."));
  }
  const auto recipient = text("recipient");
  if (!recipient || !domain::is_siret(*recipient))
    return refuse(
        invalid("recipient", "Le SIRET de l'administration destinataire est requis (14 chiffres, clé de Luhn)."));
  entry.recipient_siret = *recipient;
  const auto motif = text("motif");
  if (!motif || motif->empty() || motif->size() > 500)
    return refuse(invalid("motif", "Le motif de la demande est requis (1 à 500 caractères)."));
  entry.purpose = *motif;
  if (o.contains("agent")) {
    const auto agent = text("agent");
    if (!agent || agent->size() > 100)
      return refuse(invalid("agent", "L'identifiant d'agent doit être un texte de 100 caractères au plus."));
    entry.agent = *agent;
  }
  std::vector<Scope> asked;
  const auto* scopes = o.if_contains("scopes");
  if (!scopes || !scopes->is_array() || scopes->get_array().empty())
    return refuse(invalid("scopes", "Indiquez les scopes demandés (tableau non vide)."));
  for (const auto& s : scopes->get_array()) {
    auto scope = s.is_string() ? domain::parse_scope(std::string_view(s.get_string())) : std::nullopt;
    if (!scope) return refuse(invalid("scopes", "Scope inconnu."));
    if (std::find(asked.begin(), asked.end(), *scope) == asked.end()) asked.push_back(*scope);
    entry.scopes_asked.emplace_back(to_string(*scope));
  }
  PartialDate at =
      domain::civil_from_days(std::chrono::duration_cast<std::chrono::days>(c.clock.now().time_since_epoch()).count());
  if (o.contains("date")) {
    auto d = text("date") ? PartialDate::parse_day(*text("date")) : domain::Result<PartialDate>(domain::Error{});
    if (!d) return refuse(invalid("date", "La date doit être de la forme AAAA-MM-JJ."));
    at = *d;
  }

  int subjects = 0;
  for (auto k : {"numero_ofpra", "numero_agdref", "identite", "code_partage"}) subjects += o.contains(k) ? 1 : 0;
  if (subjects != 1)
    return refuse(invalid("numero_ofpra",
                          "Désignez la personne par un seul moyen : numero_ofpra, numero_agdref, "
                          "identite ou code_partage."));
  if (o.contains("identite") || o.contains("code_partage"))
    return refuse({400, "40003", "Mode de désignation indisponible",
                   "La désignation par identité ou par code de partage n'est pas encore ouverte ; utilisez "
                   "numero_ofpra ou numero_agdref.",
                   o.contains("identite") ? "identite" : "code_partage"});

  // Policy: the token's scopes (never beyond the habilitation), then consent.
  for (auto s : asked)
    if (std::find(caller.scopes.begin(), caller.scopes.end(), to_string(s)) == caller.scopes.end())
      return refuse({403, "40300", "Scope non habilité",
                     "Votre jeton ne couvre pas le scope " + std::string(to_string(s)) + ".", "scopes"});
  auto habs = c.db.partners().habilitations(caller.siret);
  if (!habs) return done({503, error_body({503, "50300", "Service indisponible", "Réessayez plus tard.", {}})});
  const auto today = env::format_utc(c.clock.now()).substr(0, 10);
  for (auto s : asked) {
    // The habilitation as it is now: a token outlives a revocation by at most its lifetime,
    // but not here.
    bool covered = false;
    bool needs_consent = true;
    for (const auto& h : *habs) {
      if (!domain::in_force(h, today)) continue;
      for (const auto& g : h.scopes) {
        if (g.scope != s) continue;
        covered = true;
        if (!g.consent_required) needs_consent = false;
      }
    }
    if (!covered)
      return refuse({403, "40300", "Scope non habilité",
                     "Votre habilitation ne couvre plus le scope " + std::string(to_string(s)) + ".", "scopes"});
    // Consents and share codes come with the portal; until then a scope that needs consent
    // is refused.
    if (needs_consent)
      return refuse(
          {403, "40301", "Consentement requis",
           "Le scope " + std::string(to_string(s)) + " exige le consentement de la personne ou un code de partage.",
           "scopes"});
  }

  std::optional<std::string> numero;
  if (auto n = text("numero_ofpra")) {
    if (!domain::is_numero_ofpra(*n)) return refuse(invalid("numero_ofpra", "Le numéro Ofpra comporte 9 chiffres."));
    numero = *n;
  } else {
    auto a = text("numero_agdref");
    if (!a || !domain::is_numero_agdref(*a))
      return refuse(invalid("numero_agdref", "Le numéro AGDREF comporte 10 chiffres."));
    auto numbers = c.db.registry().numbers_by_agdref(*a);
    if (!numbers) return done({503, error_body({503, "50300", "Service indisponible", "Réessayez plus tard.", {}})});
    if (numbers->size() > 1) {
      // Two registered persons share this number: answering could name the wrong one.
      return answer(
          200, json::serialize(json::object{{"data", json::object{{"resultat", "ambigu"}}}, {"links", json::object{}}}),
          "ambigu", {});
    }
    if (numbers->size() == 1) numero = numbers->front();
  }
  std::optional<Person> person;
  if (numero) {
    auto found = c.db.registry().find(*numero);
    if (!found) return done({503, error_body({503, "50300", "Service indisponible", "Réessayez plus tard.", {}})});
    person = std::move(*found);
  }
  if (!person)
    return answer(
        200,
        json::serialize(json::object{{"data", json::object{{"resultat", "non_trouve"}}}, {"links", json::object{}}}),
        "non_trouve", {});
  entry.person = person->numero_ofpra;
  for (auto s : asked) entry.scopes_given.emplace_back(to_string(s));
  auto data = shape(*person, asked, at, c.processing_delay_months, c.db.registry());
  answer(200, json::serialize(json::object{{"data", std::move(data)}, {"links", json::object{}}}), "trouve", {});
}

}  // namespace ofpra::service
