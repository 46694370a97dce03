#include "service/seed.hpp"

#include "auth/secret_hash.hpp"
#include "domain/partial_date.hpp"
#include "service/habilitation_requests.hpp"
#include "service/partners.hpp"
#include "service/staff.hpp"
#include "synth/generator.hpp"

#include <array>

namespace ofpra::service {
namespace {

struct DemoPartner {
  const char* name;
  const char* siret_prefix;  // 13 digits; the Luhn digit is added
  domain::AdministrationType type;
  const char* purpose;  // its habilitation's, which its counter agents choose
};

// Fictitious administrations, one of each kind the default policy distinguishes.
constexpr std::array<DemoPartner, 8> demo_partners{{
    {"Régie des transports de démonstration", "9990000100001", domain::AdministrationType::transport,
     "Tarification solidaire des transports"},
    {"Collège de démonstration", "9990000200001", domain::AdministrationType::education,
     "Inscription scolaire d'un enfant"},
    {"Caisse d'allocations familiales de démonstration", "9990000300001", domain::AdministrationType::caf,
     "Ouverture de droits aux prestations familiales"},
    {"Caisse primaire d'assurance maladie de démonstration", "9990000400001",
     domain::AdministrationType::health_insurance, "Affiliation à l'assurance maladie"},
    {"France Travail, agence de démonstration", "9990000500001", domain::AdministrationType::france_travail,
     "Inscription comme demandeur d'emploi"},
    {"Préfecture de démonstration", "9990000600001", domain::AdministrationType::prefecture,
     "Instruction d'un titre de séjour"},
    {"Mairie de démonstration", "9990000700001", domain::AdministrationType::local_authority, "Accompagnement social"},
    {"Office HLM de démonstration", "9990000800001", domain::AdministrationType::social_landlord,
     "Attribution d'un logement social"},
}};

// Staff of each role; two instruct habilitations, so that a request beyond the default policy
// can be validated twice.
constexpr std::array<std::array<const char*, 3>, 5> demo_staff{{
    {"admin@ofpra-demo.fr", "Alice Administratrice", "admin"},
    {"instructeur@ofpra-demo.fr", "Hugo Instructeur", "habilitations"},
    {"instructrice@ofpra-demo.fr", "Inès Instructrice", "habilitations"},
    {"support@ofpra-demo.fr", "Samia Support", "support"},
    {"audit@ofpra-demo.fr", "Arthur Auditeur", "audit"},
}};

struct DemoRequest {
  const char* organisation;
  const char* siret_prefix;
  const char* type;
  std::vector<const char*> scopes;
  bool without_consent;
  // What the staff do with it once submitted (none: left as a draft).
  std::vector<std::pair<domain::RequestAction, const char*>> steps;
  bool submitted = true;
};

domain::Status seed_back_office(store::Database& db, SeedReport& report) {
  const auto& clock = env::system_clock();
  for (const auto& [email, name, roles] : demo_staff) {
    auto m = put_staff_member(db, clock, nullptr, {email, name, *domain::parse_staff_roles(roles), true}, "démo");
    if (!m) return m.error();
    report.staff.push_back({email, name, roles});
  }
  using A = domain::RequestAction;
  const std::vector<DemoRequest> requests{
      {"Communauté de communes de démonstration", "9990001000001", "collectivite", {"protection"}, false, {}, false},
      {"Bailleur social de démonstration", "9990001100001", "bailleur_social", {"protection"}, false, {}},
      {"Lycée de démonstration",
       "9990001200001",
       "education",
       {"protection", "etat_civil.avancement"},
       false,
       {{A::request_changes, "Précisez la finalité : inscription ou bourse ?"}}},
      {"Réseau de bus de démonstration",
       "9990001300001",
       "transport",
       {"protection"},
       false,
       {{A::validate, "Conforme à la politique par défaut des transports."}}},
      {"Association de démonstration",
       "9990001400001",
       "autre",
       {"etat_civil.identite"},
       false,
       {{A::refuse, "Une association n'est pas une administration : pas de base légale."}}},
      {"Syndicat de transports de démonstration",
       "9990001500001",
       "transport",
       {"protection"},
       false,
       {{A::validate, "Conforme."}, {A::revoke, "Le syndicat a été dissous."}}},
      {"Groupement de démonstration",
       "9990001600001",
       "autre",
       {"protection"},
       false,
       {{A::refuse, "Demande en double."}, {A::archive, "Doublon clos."}}},
      {"Département de démonstration (PMI)",
       "9990001700001",
       "collectivite",
       {"protection", "etat_civil.famille"},
       true,
       {{A::validate, "Base légale vérifiée (CASF, art. L. 2112-2)."}}},
  };
  const RequestContext c{db, clock, env::secure_random(), {}, false};
  auto instructor = db.staff().find_staff_member(demo_staff[1][0]);
  if (!instructor || !*instructor) return domain::unavailable_error("the demo instructor was not stored");
  for (const auto& d : requests) {
    RequestForm form{{"siret", synth::complete_siret(d.siret_prefix)},
                     {"organisation", d.organisation},
                     {"type", d.type},
                     {"base_legale", "Code des relations entre le public et l'administration, art. L. 114-8"},
                     {"reference", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033219115"},
                     {"motif", "Ouverture d'un droit au tarif social"},
                     {"volume", "200"},
                     {"email_dpd", "dpd@" + std::string(d.siret_prefix) + ".demo.fr"},
                     {"email_technique", "technique@" + std::string(d.siret_prefix) + ".demo.fr"}};
    for (const char* scope : d.scopes) form[std::string("scope_") + scope] = "on";
    if (d.without_consent) form["sans_consentement"] = "on";
    auto created = create_request(c, form, d.submitted);
    if (!created) return created.error();
    for (const auto& [action, comment] : d.steps)
      if (auto r = decide_request(c, **instructor, created->id, action, comment); !r) return r.error();
    ++report.habilitation_requests;
  }
  return domain::success();
}

// Beyond any synthetic registry's numbers.
constexpr std::array<const char*, 2> demo_namesakes{"999000001", "999000002"};

domain::Person namesake(const char* numero) {
  domain::Person p;
  p.numero_ofpra = numero;
  p.nom_naissance = "TESFAYE";
  p.prenoms = {"Tsehaye"};
  p.sexe = domain::Sex::male;
  p.date_naissance = *domain::PartialDate::parse("1985");
  p.lieu_naissance = numero == demo_namesakes[0] ? "Asmara" : "Keren";
  p.code_pays_naissance = "99317";
  p.protections.push_back(
      {numero == demo_namesakes[0] ? domain::ProtectionType::refugee : domain::ProtectionType::subsidiary,
       domain::Authority::ofpra, *domain::PartialDate::parse("2019-05-06"), std::nullopt, std::nullopt});
  return p;
}

}  // namespace

domain::Result<SeedReport> seed_database(store::Database& db, std::uint64_t persons, std::uint64_t seed,
                                         env::Random& random, bool namesakes) {
  SeedReport report;
  // Synthetic only if nothing real was there before.
  auto before = db.registry().count();
  if (!before) return before.error();
  auto writer = db.registry().begin_write("seed");
  if (!writer) return writer.error();
  if (*before == 0)
    if (auto s = (*writer)->set_synthetic(true); !s) return s.error();
  domain::Status status = domain::success();
  synth::generate_registry(seed, persons, [&](domain::Person&& p) {
    if (!status) return;
    status = (*writer)->put(p);
    if (!status) return;
    ++report.persons;
    // A few people of different situations for a newcomer to try.
    if (report.persons_to_try.size() < 3 && p.date_naissance.precision == domain::DatePrecision::day &&
        !p.protections.back().fin && p.dossier_etat_civil && (p.contact.email || p.contact.telephone) &&
        static_cast<int>(p.dossier_etat_civil->stage) == static_cast<int>(report.persons_to_try.size())) {
      report.persons_to_try.push_back({p.numero_ofpra, p.date_naissance.to_string(),
                                       std::string(to_string(p.protections.back().type)) + ", " +
                                           std::string(to_string(p.dossier_etat_civil->stage))});
    }
  });
  if (!status) return status.error();
  // Two namesakes born the same year in the same country: an identity names neither, and the
  // counter offers to ask OFPRA.
  if (namesakes) {
    for (const auto* numero : demo_namesakes) {
      if (auto s = (*writer)->put(namesake(numero)); !s) return s.error();
      ++report.persons;
    }
    report.ambiguous_identity = "TESFAYE Tsehaye, 1985, 99317";
  }
  if (auto s = (*writer)->commit(); !s) return s.error();

  // Partners for a year already, so that the demo's year of activity (seed --demo-activity) is
  // within their habilitations.
  const env::ManualClock year_ago(env::system_clock().now() - std::chrono::hours(24 * 366));
  for (const auto& d : demo_partners) {
    NewPartner request{{synth::complete_siret(d.siret_prefix), d.name, d.type}, std::nullopt, {}, {}, {}, {}, {}};
    request.purpose = d.purpose;
    auto credentials = add_partner(db, request, random, year_ago);
    if (!credentials) return credentials.error();
    report.clients.push_back({request.partner.name, request.partner.siret, std::string(to_string(d.type)),
                              credentials->client_id, credentials->client_secret});
  }
  if (auto staff = seed_back_office(db, report); !staff) return staff.error();
  if (!report.persons_to_try.empty()) {
    DemoPortalAccount account{report.persons_to_try.front().numero_ofpra, auth::new_secret(random, 12)};
    auto hash = auth::hash_secret(account.password);
    if (!hash) return domain::Error{"could not hash a secret (out of memory)", {}};
    if (auto s = db.portal().set_password(account.numero_ofpra, *hash); !s) return s.error();
    // She consented to the demo school (protection and civil-status progress, a year): its agent
    // at the counter finds her by number, as the default policy asks.
    const auto today = domain::day_of(env::system_clock().now());
    domain::Consent consent{0,
                            account.numero_ofpra,
                            synth::complete_siret(demo_partners[1].siret_prefix),
                            std::nullopt,
                            {domain::Scope::protection, domain::Scope::civil_status_progress},
                            demo_partners[1].purpose,
                            today.to_string(),
                            std::to_string(today.year + 1) + today.to_string().substr(4, 3) + "-28",
                            std::nullopt};
    if (auto s = db.consents().put_consent(consent); !s) return s.error();
    report.consent_to_school = consent.partner_siret;
    report.portal_account = std::move(account);
  }
  return report;
}

}  // namespace ofpra::service
