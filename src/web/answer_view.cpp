#include "web/answer_view.hpp"

#include "web/labels.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

std::string date_or_empty(const Visit& v, const std::optional<domain::PartialDate>& d) {
  return d ? date_label(v, *d) : std::string();
}

}  // namespace

json::object answer_view(const Visit& v, const service::Answer& a) {
  json::object view;
  if (const auto& d = a.designation) {
    view["designation"] = json::object{{"nom_naissance", d->nom_naissance},
                                       {"nom_usage", d->nom_usage.value_or("")},
                                       {"prenoms", joined(d->prenoms)},
                                       {"birth", date_label(v, d->date_naissance)}};
  }
  if (const auto& p = a.protection) {
    view["protection"] =
        json::object{{"protected", p->is_protected},
                     {"type", p->type && p->is_protected ? label(v, "protection_type", to_string(*p->type)) : ""},
                     {"since", date_or_empty(v, p->since)},
                     {"date", date_label(v, p->date)}};
  }
  if (const auto& h = a.protection_history) {
    json::array periods;
    bool cnda = false;
    for (const auto& pr : h->periods) {
      cnda = cnda || pr.authority == domain::Authority::cnda;
      periods.push_back(json::object{{"type", label(v, "protection_type", to_string(pr.type))},
                                     {"authority", to_string(pr.authority)},
                                     {"from", date_label(v, pr.debut)},
                                     {"to", date_or_empty(v, pr.fin)},
                                     {"reason", pr.motif_fin ? label(v, "end_reason", to_string(*pr.motif_fin)) : ""}});
    }
    view["history"] = json::object{{"periods", std::move(periods)}, {"cnda", cnda}};
  }
  if (const auto& f = a.civil_status_progress) {
    json::object file{{"has_file", f->stage.has_value()}};
    if (f->stage) {
      file["stage"] = label(v, "stage", to_string(*f->stage));
      file["ffr_received"] = date_or_empty(v, f->ffr_recue_le);
      file["instruction"] = date_or_empty(v, f->instruction_le);
      file["acts_established"] = date_or_empty(v, f->actes_etablis_le);
      file["delay_known"] = f->within_delay.has_value();
      file["within_delay"] = f->within_delay.value_or(false);
      file["expected"] = date_or_empty(v, f->expected);
    }
    view["file"] = std::move(file);
  }
  if (const auto& i = a.identity) {
    view["identity"] = json::object{{"numero_ofpra", i->numero_ofpra},
                                    {"nom_naissance", i->nom_naissance},
                                    {"nom_usage", i->nom_usage.value_or("")},
                                    {"prenoms", joined(i->prenoms)},
                                    {"sexe", label(v, "sex", to_string(i->sexe))},
                                    {"birth", date_label(v, i->date_naissance)},
                                    {"place", i->lieu_naissance.value_or("")}};
  }
  if (const auto& fam = a.family) {
    json::array members;
    for (const auto& m : fam->members)
      members.push_back(json::object{{"link", label(v, "link", to_string(m.link))},
                                     {"name", m.nom_naissance.value_or("") + " " + joined(m.prenoms)},
                                     {"birth", date_or_empty(v, m.date_naissance)}});
    const bool none = members.empty();
    view["family"] = json::object{{"members", std::move(members)}, {"none", none}};
  }
  return view;
}

}  // namespace ofpra::web
