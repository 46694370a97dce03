#include "api/answer_json.hpp"

#include "api/partner_access.hpp"
#include "http/errors.hpp"

#include <boost/json.hpp>

namespace ofpra::api {
namespace {

namespace json = boost::json;
using domain::PartialDate;
using domain::Scope;

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<PartialDate>& d) { return d ? json::value(d->to_string()) : json::value(nullptr); }
template <class E>
json::value opt_word(const std::optional<E>& e) {
  return e ? json::value(to_string(*e)) : json::value(nullptr);
}
json::array names(const std::vector<std::string>& v) { return json::array(v.begin(), v.end()); }

json::object protection(const service::ProtectionBlock& b) {
  json::object o(4);
  o["protege"] = b.is_protected;
  o["date"] = b.date.to_string();
  if (b.type) o["type"] = to_string(*b.type);
  if (b.since) o["depuis"] = b.since->to_string();
  return o;
}

json::object history(const service::ProtectionHistoryBlock& b) {
  json::array periods;
  for (const auto& pr : b.periods)
    periods.emplace_back(json::object{{"type", to_string(pr.type)},
                                      {"autorite", to_string(pr.authority)},
                                      {"debut", pr.debut.to_string()},
                                      {"fin", opt(pr.fin)},
                                      {"motif_fin", opt_word(pr.motif_fin)}});
  return json::object{{"periodes", std::move(periods)}};
}

json::object progress(const service::CivilStatusProgressBlock& b) {
  json::object o(6);
  if (!b.stage) {
    o["etape"] = nullptr;
    return o;
  }
  o["etape"] = to_string(*b.stage);
  o["ffr_recue_le"] = opt(b.ffr_recue_le);
  o["instruction_le"] = opt(b.instruction_le);
  o["actes_etablis_le"] = opt(b.actes_etablis_le);
  if (b.within_delay) o["dans_les_delais"] = *b.within_delay;
  if (b.expected) o["date_previsionnelle"] = b.expected->to_string();
  return o;
}

json::object identity(const service::IdentityBlock& b) {
  return json::object{{"numero_ofpra", b.numero_ofpra},
                      {"nom_naissance", b.nom_naissance},
                      {"nom_usage", opt(b.nom_usage)},
                      {"prenoms", names(b.prenoms)},
                      {"sexe", to_string(b.sexe)},
                      {"date_naissance", b.date_naissance.to_string()},
                      {"lieu_naissance", opt(b.lieu_naissance)},
                      {"code_pays_naissance", opt(b.code_pays_naissance)}};
}

json::object family(const service::FamilyBlock& b) {
  json::array members;
  for (const auto& m : b.members)
    members.emplace_back(json::object{{"lien", to_string(m.link)},
                                      {"numero_ofpra", opt(m.numero_ofpra)},
                                      {"nom_naissance", opt(m.nom_naissance)},
                                      {"prenoms", names(m.prenoms)},
                                      {"sexe", opt_word(m.sexe)},
                                      {"date_naissance", opt(m.date_naissance)}});
  return json::object{{"membres", std::move(members)}};
}

json::object data_of(const service::Answer& a) {
  json::object data(1 + a.scopes.size());
  data["resultat"] = to_string(a.outcome);
  for (auto scope : a.scopes) {
    json::object block;
    switch (scope) {
      case Scope::protection:
        block = protection(*a.protection);
        break;
      case Scope::protection_history:
        block = history(*a.protection_history);
        break;
      case Scope::civil_status_progress:
        block = progress(*a.civil_status_progress);
        break;
      case Scope::civil_status_identity:
        block = identity(*a.identity);
        break;
      case Scope::civil_status_family:
        block = family(*a.family);
        break;
    }
    data[block_name(scope)] = std::move(block);
  }
  return data;
}

}  // namespace

http::Response answer_response(const service::Answer& answer) {
  return http::json_response(
      200, json::serialize(json::object{{"data", data_of(answer)},
                                        {"links", json::object{}},
                                        {"meta", json::object{{"reference", std::to_string(answer.reference)}}}}));
}

http::Response refusal_response(const service::Refusal& refusal) {
  if (refusal.problem == domain::Problem::invalid_token) return unauthorized(refusal.detail);
  return http::error_response(refusal.problem, refusal.detail, refusal.parameter);
}

}  // namespace ofpra::api
