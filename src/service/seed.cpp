#include "service/seed.hpp"

#include "auth/secret_hash.hpp"
#include "domain/partial_date.hpp"
#include "service/partners.hpp"
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

}  // namespace

domain::Result<SeedReport> seed_database(store::Database& db, std::uint64_t persons, std::uint64_t seed,
                                         env::Random& random) {
  SeedReport report;
  // Synthetic only if nothing real was there before.
  auto before = db.registry().count();
  if (!before) return before.error();
  auto writer = db.registry().begin_write();
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
  if (auto s = (*writer)->commit(); !s) return s.error();

  for (const auto& d : demo_partners) {
    NewPartner request{{synth::complete_siret(d.siret_prefix), d.name, d.type}, std::nullopt, {}, {}, {}, {}, {}};
    request.purpose = d.purpose;
    auto credentials = add_partner(db, request, random, env::system_clock());
    if (!credentials) return credentials.error();
    report.clients.push_back({request.partner.name, request.partner.siret, std::string(to_string(d.type)),
                              credentials->client_id, credentials->client_secret});
  }
  for (const char* role : {"admin", "auditor"}) {
    DemoStaff staff{std::string("demo-") + role, auth::new_secret(random, 12), role};
    auto hash = auth::hash_secret(staff.password);
    if (!hash) return domain::Error{"could not hash a secret (out of memory)", {}};
    if (auto s = db.accounts().put_staff({staff.login, *hash, staff.role}); !s) return s.error();
    report.staff.push_back(std::move(staff));
  }
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
