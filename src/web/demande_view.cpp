#include "web/demande_view.hpp"

#include "web/locale_format.hpp"

#include <boost/json.hpp>

namespace ofpra::web {

namespace json = boost::json;

json::array question_rows(const service::DisclosureRequest& q) {
  json::array rows;
  auto add = [&rows](std::string label, std::string value) {
    if (!value.empty()) rows.push_back(json::object{{"label", std::move(label)}, {"value", std::move(value)}});
  };
  const auto& s = q.subject;
  switch (s.kind) {
    case service::SubjectKind::numero_ofpra:
      add("Numéro Ofpra", s.number);
      break;
    case service::SubjectKind::numero_agdref:
      add("Numéro AGDREF", s.number);
      break;
    case service::SubjectKind::identite: {
      add("Nom de naissance", s.identite.nom_naissance);
      std::string given;
      for (const auto& p : s.identite.prenoms) given += (given.empty() ? "" : " ") + p;
      add("Prénoms", given);
      add("Date de naissance", format_date("fr", s.identite.date_naissance));
      add("Pays de naissance (COG)", s.identite.code_pays_naissance.value_or(""));
      if (s.identite.sexe) add("Sexe", std::string(to_string(*s.identite.sexe)));
      break;
    }
    case service::SubjectKind::code_partage:
      break;
  }
  std::string scopes;
  for (auto sc : q.scopes) scopes += (scopes.empty() ? "" : ", ") + std::string(to_string(sc));
  add("Données demandées", scopes);
  add("Motif", q.purpose);
  add("Destinataire (SIRET)", q.recipient);
  if (q.date) add("Situation au", format_date("fr", *q.date));
  return rows;
}

}  // namespace ofpra::web
