#pragma once
// A door over a real SQLite store, a real registry and a real journal, with the requests to
// OFPRA on it: two namesakes an identity cannot tell apart, a third person, a CAF (every scope
// on a legal basis), a school (consent) and two staff members (support, audit).
#include "journal/signer.hpp"
#include "service/demandes.hpp"
#include "service/partners.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <future>

namespace ofpra::test_support {

using domain::Scope;

inline constexpr auto her = "123456789";
inline constexpr auto her_namesake = "323456789";
inline constexpr auto caf_siret = "73282932000074";

inline domain::Person person(std::string numero, std::string nom, std::string born) {
  domain::Person p;
  p.numero_ofpra = std::move(numero);
  p.nom_naissance = std::move(nom);
  p.prenoms = {"Sara"};
  p.sexe = domain::Sex::female;
  p.date_naissance = *domain::PartialDate::parse(born);
  p.code_pays_naissance = "99212";
  p.protections.push_back({domain::ProtectionType::refugee, domain::Authority::ofpra,
                           *domain::PartialDate::parse("2023-04-12"), std::nullopt, std::nullopt});
  return p;
}

inline std::chrono::system_clock::time_point at(int y, unsigned m, unsigned d) {
  return std::chrono::system_clock::time_point{} + std::chrono::hours(24 * domain::days_from_civil(y, m, d)) +
         std::chrono::hours(10);
}

// The door over a real SQLite store holding persons, with a journal and a clock at start.
struct DoorRig {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> db;
  std::optional<service::Registry> registry;
  std::optional<journal::Signer> signer;
  std::unique_ptr<journal::JournalWriter> writer;
  std::optional<service::AccessCache> access;
  std::optional<auth::RateLimiter> failures;
  auth::CodeHasher codes{auth::CodeSecret{7}};
  std::optional<service::DoorContext> door;

  DoorRig(const std::vector<domain::Person>& persons, std::chrono::system_clock::time_point start) {
    clock.t = start;
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}, {.clock = &clock}));
    auto w = db->registry().begin_write("test");
    for (const auto& p : persons) EXPECT_TRUE((*w)->put(p));
    EXPECT_TRUE((*w)->commit());
    registry.emplace(db->registry());
    EXPECT_TRUE(registry->load());
    signer.emplace(std::move(*journal::Signer::load_or_create(dir.path())));
    writer = std::move(*journal::JournalWriter::start(db->journal(), *signer, clock));
    access.emplace(db->partners());
    failures.emplace(20, std::chrono::minutes(15), clock);
    door.emplace(service::DoorContext{*db, *access, *registry, *writer, clock, codes, *failures, 18});
  }
  service::Disclosure ask(const service::Caller& caller, const service::DisclosureRequest& request,
                          service::Reads reads = service::Reads::store) {
    std::promise<service::Disclosure> answered;
    service::disclose(*door, caller, request, reads, [&](service::Disclosure d) { answered.set_value(std::move(d)); });
    return answered.get_future().get();
  }
  std::vector<domain::JournalEntry> journal_of(const std::string& numero) {
    return *db->journal().search({.person = numero, .limit = 100});
  }
};

struct Fixture : DoorRig {
  std::optional<service::DemandeContext> demandes;
  service::ClientCredentials caf, school;

  // start: when the partners and their habilitations begin; a Thursday, Easter Monday 2026
  // being 6 April, unless said. Two persons whom the same identity designates, and a third
  // nobody confuses.
  explicit Fixture(std::chrono::system_clock::time_point start = at(2026, 4, 2))
      : DoorRig({person(her, "AHMADI", "1990-05-17"), person(her_namesake, "AHMADI", "1990-05-17"),
                 person("223456789", "KARIMI", "1985-01-01")},
                start) {
    demandes.emplace(service::DemandeContext{*door, env::secure_random(), "https://connect.example", 5});
    caf = *service::add_partner(
        *db,
        {{caf_siret, "CAF du Rhône", domain::AdministrationType::caf}, std::nullopt, {}, {}, "Prestations", {}, {}},
        env::secure_random(), clock);
    school = *service::add_partner(*db,
                                   {{"21750001600019", "École Jaurès", domain::AdministrationType::education},
                                    std::nullopt,
                                    {},
                                    {},
                                    "Inscription",
                                    {},
                                    {}},
                                   env::secure_random(), clock);
    EXPECT_TRUE(db->staff().put_staff_member({"support@ofpra.fr", "Sam", *domain::parse_staff_roles("support"), true}));
    EXPECT_TRUE(db->staff().put_staff_member({"audit@ofpra.fr", "Ada", *domain::parse_staff_roles("audit"), true}));
  }

  service::PartnerClient client(const service::ClientCredentials& c, std::string siret,
                                std::vector<std::string> scopes = {"protection", "etat_civil.avancement",
                                                                   "etat_civil.identite"}) const {
    return {{c.client_id, std::move(siret), std::move(scopes), "jti", 0, 0}};
  }
  store::StaffMember staff(const char* email) { return **db->staff().find_staff_member(email); }
};

inline service::DisclosureRequest by_identity(std::vector<Scope> scopes = {Scope::protection,
                                                                           Scope::civil_status_identity}) {
  service::DisclosureRequest r;
  r.subject.kind = service::SubjectKind::identite;
  r.subject.identite.nom_naissance = "AHMADI";
  r.subject.identite.prenoms = {"Sara"};
  r.subject.identite.date_naissance = *domain::PartialDate::parse("1990-05-17");
  r.scopes = std::move(scopes);
  r.purpose = "Ouverture de droits";
  r.recipient = caf_siret;
  return r;
}

// The reference of an ambiguous answer to the CAF's client.
inline std::int64_t ambiguous_answer(Fixture& f) {
  auto d = f.ask(f.client(f.caf, caf_siret), by_identity());
  const auto* a = std::get_if<service::Answer>(&d);
  EXPECT_TRUE(a && a->outcome == service::Outcome::ambiguous);
  return a ? a->reference : 0;
}

}  // namespace ofpra::test_support
