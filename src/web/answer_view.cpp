#include "web/answer_view.hpp"

#include "web/labels.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

const json::object* block(const json::object& data, std::string_view name) {
  const auto* b = data.if_contains(name);
  return b && b->is_object() ? &b->get_object() : nullptr;
}

std::string string_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

const json::value& value_of(const json::object& o, std::string_view key) {
  static const json::value null;
  const auto* v = o.if_contains(key);
  return v ? *v : null;
}

}  // namespace

json::object answer_view(const Visit& v, const json::object& data) {
  json::object view;
  if (const auto* p = block(data, "protection")) {
    const bool is_protected = value_of(*p, "protege").is_bool() && value_of(*p, "protege").get_bool();
    view["protection"] = json::object{{"protected", is_protected},
                                      {"type", is_protected ? label(v, "protection_type", string_of(*p, "type")) : ""},
                                      {"since", date_label(v, value_of(*p, "depuis"))},
                                      {"date", date_label(v, value_of(*p, "date"))}};
  }
  if (const auto* h = block(data, "protection_historique")) {
    json::array periods;
    if (const auto* list = h->if_contains("periodes"); list && list->is_array())
      for (const auto& item : list->get_array()) {
        if (!item.is_object()) continue;
        const auto& o = item.get_object();
        const auto reason = string_of(o, "motif_fin");
        periods.push_back(json::object{{"type", label(v, "protection_type", string_of(o, "type"))},
                                       {"authority", string_of(o, "autorite")},
                                       {"from", date_label(v, value_of(o, "debut"))},
                                       {"to", date_label(v, value_of(o, "fin"))},
                                       {"reason", reason.empty() ? "" : label(v, "end_reason", reason)}});
      }
    view["history"] = json::object{{"periods", std::move(periods)}};
  }
  if (const auto* f = block(data, "etat_civil_avancement")) {
    const auto stage = string_of(*f, "etape");
    json::object file{{"has_file", !stage.empty()}};
    if (!stage.empty()) {
      file["stage"] = label(v, "stage", stage);
      file["ffr_received"] = date_label(v, value_of(*f, "ffr_recue_le"));
      file["instruction"] = date_label(v, value_of(*f, "instruction_le"));
      file["acts_established"] = date_label(v, value_of(*f, "actes_etablis_le"));
      const auto& within = value_of(*f, "dans_les_delais");
      file["delay_known"] = within.is_bool();
      file["within_delay"] = within.is_bool() && within.get_bool();
      file["expected"] = date_label(v, value_of(*f, "date_previsionnelle"));
    }
    view["file"] = std::move(file);
  }
  if (const auto* i = block(data, "etat_civil_identite")) {
    view["identity"] = json::object{
        {"numero_ofpra", string_of(*i, "numero_ofpra")},  {"nom_naissance", string_of(*i, "nom_naissance")},
        {"nom_usage", string_of(*i, "nom_usage")},        {"prenoms", joined(value_of(*i, "prenoms"))},
        {"sexe", label(v, "sex", string_of(*i, "sexe"))}, {"birth", date_label(v, value_of(*i, "date_naissance"))},
        {"place", string_of(*i, "lieu_naissance")}};
  }
  if (const auto* fam = block(data, "etat_civil_famille")) {
    json::array members;
    if (const auto* list = fam->if_contains("membres"); list && list->is_array())
      for (const auto& item : list->get_array()) {
        if (!item.is_object()) continue;
        const auto& o = item.get_object();
        members.push_back(json::object{{"link", label(v, "link", string_of(o, "lien"))},
                                       {"name", string_of(o, "nom_naissance") + " " + joined(value_of(o, "prenoms"))},
                                       {"birth", date_label(v, value_of(o, "date_naissance"))}});
      }
    const bool none = members.empty();
    view["family"] = json::object{{"members", std::move(members)}, {"none", none}};
  }
  return view;
}

}  // namespace ofpra::web
