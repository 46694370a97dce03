#include "domain/registry_change.hpp"

#include "domain/word_list.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

namespace ofpra::domain {
namespace {

constexpr std::array<std::string_view, 9> event_words{
    "protection.accordee",  "protection.terminee",       "protection.type_modifie",
    "protection.rectifiee", "etat_civil.etape_modifiee", "identite.modifiee",
    "famille.lien_ajoute",  "famille.lien_retire",       "personne.supprimee"};
static_assert(event_words.size() == static_cast<std::size_t>(RegistryEventType::person_removed) + 1);

RegistryEvent event(RegistryEventType type, const boost::json::object& detail) {
  return {type, boost::json::serialize(detail)};
}

boost::json::value date_or_null(const std::optional<PartialDate>& d) {
  if (!d) return nullptr;
  return boost::json::value(d->to_string());
}

// A period is the same period when it has the same authority and start.
const Protection* same_period(const std::vector<Protection>& list, const Protection& p) {
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const Protection& q) { return q.authority == p.authority && q.debut == p.debut; });
  return it == list.end() ? nullptr : &*it;
}

void protection_changes(const Person& before, const Person& after, std::vector<RegistryEvent>& out) {
  bool corrected = false;
  for (const auto& now : after.protections) {
    const auto* was = same_period(before.protections, now);
    if (!was) {
      if (!now.fin)
        out.push_back(event(RegistryEventType::protection_granted,
                            {{"type", to_string(now.type)}, {"depuis", now.debut.to_string()}}));
      else
        corrected = true;
      continue;
    }
    if (was->type != now.type)
      out.push_back(event(RegistryEventType::protection_type_changed,
                          {{"type", to_string(now.type)}, {"precedent", to_string(was->type)}}));
    if (!was->fin && now.fin)
      out.push_back(event(
          RegistryEventType::protection_ended,
          {{"le", now.fin->to_string()},
           {"motif", now.motif_fin ? boost::json::value(to_string(*now.motif_fin)) : boost::json::value(nullptr)}}));
    else if (was->fin != now.fin || was->motif_fin != now.motif_fin)
      corrected = true;
  }
  for (const auto& was : before.protections)
    if (!same_period(after.protections, was)) corrected = true;
  if (corrected) out.push_back(event(RegistryEventType::protection_corrected, {}));
}

void civil_status_changes(const Person& before, const Person& after, std::vector<RegistryEvent>& out) {
  auto stage = [](const Person& p) -> boost::json::value {
    if (!p.dossier_etat_civil) return nullptr;
    return boost::json::value(to_string(p.dossier_etat_civil->stage));
  };
  auto was = stage(before), now = stage(after);
  if (was == now) return;
  boost::json::object detail{{"etape", now}, {"precedente", was}};
  if (after.dossier_etat_civil) {
    const auto& f = *after.dossier_etat_civil;
    if (f.stage == FileStage::ffr_received) detail["le"] = date_or_null(f.ffr_recue_le);
    if (f.stage == FileStage::instruction) detail["le"] = date_or_null(f.instruction_le);
    if (f.stage == FileStage::acts_established) detail["le"] = date_or_null(f.actes_etablis_le);
  }
  out.push_back(event(RegistryEventType::civil_status_step, detail));
}

void identity_changes(const Person& before, const Person& after, std::vector<RegistryEvent>& out) {
  boost::json::array fields;
  auto check = [&](bool differs, std::string_view name) {
    if (differs) fields.emplace_back(name);
  };
  check(before.numero_agdref != after.numero_agdref, "numero_agdref");
  check(before.nom_naissance != after.nom_naissance, "nom_naissance");
  check(before.nom_usage != after.nom_usage, "nom_usage");
  check(before.prenoms != after.prenoms, "prenoms");
  check(before.ecriture_origine != after.ecriture_origine, "ecriture_origine");
  check(before.sexe != after.sexe, "sexe");
  check(before.date_naissance != after.date_naissance, "date_naissance");
  check(before.lieu_naissance != after.lieu_naissance, "lieu_naissance");
  check(before.code_pays_naissance != after.code_pays_naissance, "code_pays_naissance");
  check(before.nationalite != after.nationalite, "nationalite");
  if (!fields.empty()) out.push_back(event(RegistryEventType::identity_changed, {{"champs", std::move(fields)}}));
}

// Links compared as a multiset: each one of before matches at most one equal link of after.
void family_changes(const Person& before, const Person& after, std::vector<RegistryEvent>& out) {
  std::vector<bool> matched(after.famille.size(), false);
  std::vector<RegistryEvent> removed;
  for (const auto& was : before.famille) {
    bool found = false;
    for (std::size_t i = 0; i < after.famille.size() && !found; ++i)
      if (!matched[i] && after.famille[i] == was) matched[i] = found = true;
    if (!found) removed.push_back(event(RegistryEventType::family_link_removed, {{"lien", to_string(was.link)}}));
  }
  for (std::size_t i = 0; i < after.famille.size(); ++i)
    if (!matched[i])
      out.push_back(event(RegistryEventType::family_link_added, {{"lien", to_string(after.famille[i].link)}}));
  out.insert(out.end(), removed.begin(), removed.end());
}

}  // namespace

std::string_view to_string(RegistryEventType type) { return event_words[static_cast<std::size_t>(type)]; }
std::optional<RegistryEventType> parse_RegistryEventType(std::string_view text) {
  return find_word<RegistryEventType>(event_words, text);
}
std::span<const std::string_view> words_of_RegistryEventType() { return event_words; }

std::vector<RegistryEvent> registry_changes(const Person& before, const Person& after) {
  std::vector<RegistryEvent> out;
  protection_changes(before, after, out);
  civil_status_changes(before, after, out);
  identity_changes(before, after, out);
  family_changes(before, after, out);
  return out;
}

RegistryEvent removal_event() { return event(RegistryEventType::person_removed, {}); }

bool names_changed(const Person& before, const Person& after) {
  return before.nom_naissance != after.nom_naissance || before.prenoms != after.prenoms;
}

void keep_former_identities(Person& after, const std::vector<NameVariant>& former) {
  for (const auto& f : former) {
    if (f.nom_naissance == after.nom_naissance && f.prenoms == after.prenoms) continue;
    if (std::find(after.alias.begin(), after.alias.end(), f) != after.alias.end()) continue;
    after.alias.push_back(f);
  }
}

}  // namespace ofpra::domain
