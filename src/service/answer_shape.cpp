#include "service/answer_shape.hpp"

namespace ofpra::service {
namespace {

using domain::PartialDate;
using domain::Person;
using domain::Scope;

std::int64_t day_number(const PartialDate& d) { return domain::days_from_civil(d.year, d.month, d.day); }

ProtectionBlock protection_on(const Person& p, const PartialDate& at) {
  ProtectionBlock b;
  b.date = at;
  const domain::Protection* current = nullptr;
  for (const auto& pr : p.protections)
    if (day_number(pr.debut) <= day_number(at) && (!pr.fin || day_number(*pr.fin) >= day_number(at))) current = &pr;
  b.is_protected = current != nullptr;
  if (current) {
    b.type = current->type;
    b.since = current->debut;
  }
  return b;
}

CivilStatusProgressBlock progress_of(const Person& p, const PartialDate& at, int delay_months) {
  CivilStatusProgressBlock b;
  if (!p.dossier_etat_civil) return b;
  const auto& f = *p.dossier_etat_civil;
  b.stage = f.stage;
  b.ffr_recue_le = f.ffr_recue_le;
  b.instruction_le = f.instruction_le;
  b.actes_etablis_le = f.actes_etablis_le;
  if (f.ffr_recue_le && f.stage != domain::FileStage::acts_established) {
    const auto expected = domain::add_months(*f.ffr_recue_le, delay_months);
    b.within_delay = day_number(at) <= day_number(expected);
    b.expected = expected;
  }
  return b;
}

IdentityBlock identity_of(const Person& p) {
  return {p.numero_ofpra, p.nom_naissance,  p.nom_usage,      p.prenoms,
          p.sexe,         p.date_naissance, p.lieu_naissance, p.code_pays_naissance};
}

FamilyBlock family_of(const Person& p, const RegistrySnapshot& registry) {
  FamilyBlock b;
  b.members.reserve(p.famille.size());
  for (const auto& m : p.famille) {
    domain::FamilyMember member = m;
    if (m.numero_ofpra)
      if (auto relative = registry.find(*m.numero_ofpra, domain::PersonParts::identity)) {
        member.nom_naissance = relative->nom_naissance;
        member.prenoms = relative->prenoms;
        member.sexe = relative->sexe;
        member.date_naissance = relative->date_naissance;
      }
    b.members.push_back(std::move(member));
  }
  return b;
}

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

Answer shape_answer(const Person& p, const std::vector<Scope>& given, const PartialDate& at, int delay_months,
                    const RegistrySnapshot& registry) {
  Answer a;
  a.outcome = Outcome::found;
  a.scopes = given;
  for (auto scope : given) switch (scope) {
      case Scope::protection:
        a.protection = protection_on(p, at);
        break;
      case Scope::protection_history:
        a.protection_history = ProtectionHistoryBlock{p.protections};
        break;
      case Scope::civil_status_progress:
        a.civil_status_progress = progress_of(p, at, delay_months);
        break;
      case Scope::civil_status_identity:
        a.identity = identity_of(p);
        break;
      case Scope::civil_status_family:
        a.family = family_of(p, registry);
        break;
    }
  return a;
}

}  // namespace ofpra::service
