#include "service/answer_shape.hpp"

#include <boost/json.hpp>

namespace ofpra::service {
namespace {

namespace json = boost::json;
using domain::PartialDate;
using domain::Person;
using domain::Scope;

std::int64_t day_number(const PartialDate& d) { return domain::days_from_civil(d.year, d.month, d.day); }

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<PartialDate>& d) { return d ? json::value(d->to_string()) : json::value(nullptr); }
json::array names(const std::vector<std::string>& v) { return json::array(v.begin(), v.end()); }

}  // namespace

domain::PersonParts parts_for(const std::vector<Scope>& given) {
  using domain::PersonParts;
  auto parts = static_cast<PersonParts>(0);
  for (auto scope : given) switch (scope) {
      case Scope::protection:
      case Scope::protection_history:
        parts = parts | PersonParts::protections;
        break;
      case Scope::civil_status_progress:
        parts = parts | PersonParts::civil_status;
        break;
      case Scope::civil_status_identity:
        parts = parts | PersonParts::identity;
        break;
      case Scope::civil_status_family:
        parts = parts | PersonParts::family;
        break;
    }
  return parts;
}

json::object shape_answer(const Person& p, const std::vector<Scope>& given, const PartialDate& at, int delay_months,
                          const RegistrySnapshot& registry) {
  json::object data{{"resultat", "trouve"}};
  for (auto scope : given) {
    json::object block(8);  // room for any scope's keys: grown key by key, it rehashes
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
        block["instruction_le"] = opt(f.instruction_le);
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
          if (m.numero_ofpra) relative = registry.find(*m.numero_ofpra, domain::PersonParts::identity);
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

}  // namespace ofpra::service
