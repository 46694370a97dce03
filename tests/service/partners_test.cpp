#include "service/partners.hpp"
#include "auth/secret_hash.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;

TEST(Partners, AddingStoresAValidatedHabilitationAndAHashedSecret) {
  test_support::TempDir dir;
  auto db = store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")});
  ASSERT_TRUE(db);
  service::NewPartner request{{"73282932000074", "Collège Test", domain::AdministrationType::education},
                              std::nullopt,
                              {},
                              {},
                              "Inscription scolaire",
                              {},
                              {}};
  auto c = service::add_partner(**db, request, env::secure_random(), env::system_clock());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->client_id.substr(0, 3), "pc_");
  EXPECT_GE(c->client_secret.size(), 40u);
  auto habs = (*db)->partners().habilitations("73282932000074");
  ASSERT_TRUE(habs);
  ASSERT_EQ(habs->size(), 1u);
  const auto& h = (*habs)[0];
  EXPECT_EQ(h.state, domain::HabilitationState::validated);
  EXPECT_EQ(h.purpose, "Inscription scolaire");
  EXPECT_EQ(h.scopes, (std::vector<domain::ScopeGrant>{{domain::Scope::protection, true},
                                                       {domain::Scope::civil_status_progress, true}}));
}

TEST(Partners, BadRequestsChangeNothing) {
  test_support::TempDir dir;
  auto db = store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")});
  ASSERT_TRUE(db);
  auto add = [&](service::NewPartner r) {
    return service::add_partner(**db, r, env::secure_random(), env::system_clock());
  };
  auto bad_siret = add({{"73282932000075", "X", domain::AdministrationType::caf}, std::nullopt, {}, {}, {}, {}, {}});
  ASSERT_FALSE(bad_siret);
  EXPECT_EQ(bad_siret.error().field, "siret");
  auto too_wide = add({{"73282932000074", "X", domain::AdministrationType::transport},
                       std::vector{domain::Scope::civil_status_family},
                       {},
                       {},
                       {},
                       {},
                       {}});
  ASSERT_FALSE(too_wide);
  EXPECT_EQ(too_wide.error().field, "scopes");
  auto nothing = add({{"73282932000074", "X", domain::AdministrationType::other}, std::nullopt, {}, {}, {}, {}, {}});
  ASSERT_FALSE(nothing);
  auto bad_recipient =
      add({{"73282932000074", "X", domain::AdministrationType::caf}, std::nullopt, {}, {}, {}, {}, {"73282932000075"}});
  ASSERT_FALSE(bad_recipient);
  EXPECT_EQ(bad_recipient.error().field, "acting_for");
  ASSERT_FALSE(nothing);
  EXPECT_TRUE((*db)->partners().partners()->empty());
}

TEST(Partners, AnotherClientNeverChangesAPartnersType) {
  test_support::TempDir dir;
  auto db = store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")});
  ASSERT_TRUE(db);
  auto add = [&](domain::AdministrationType type) {
    return service::add_partner(**db, {{"73282932000074", "CAF du Rhône", type}, std::nullopt, {}, {}, {}, {}, {}},
                                env::secure_random(), env::system_clock());
  };
  ASSERT_TRUE(add(domain::AdministrationType::caf));
  EXPECT_TRUE(add(domain::AdministrationType::caf));  // a second client of the same partner
  auto retyped = add(domain::AdministrationType::prefecture);
  ASSERT_FALSE(retyped);
  EXPECT_EQ(retyped.error().field, "siret");
  // Nor its name, nor its scopes: only `partner update` does, and says so.
  auto renamed = service::add_partner(
      **db, {{"73282932000074", "CAF renommée", domain::AdministrationType::caf}, std::nullopt, {}, {}, {}, {}, {}},
      env::secure_random(), env::system_clock());
  EXPECT_FALSE(renamed);
  auto wider = service::add_partner(**db,
                                    {{"73282932000074", "CAF du Rhône", domain::AdministrationType::caf},
                                     std::vector<domain::Scope>{domain::Scope::protection},
                                     {},
                                     {},
                                     {},
                                     {},
                                     {}},
                                    env::secure_random(), env::system_clock());
  EXPECT_FALSE(wider);
  const auto partner = (*db)->partners().find_partner("73282932000074");
  ASSERT_TRUE(partner && *partner);
  EXPECT_EQ((*partner)->type, domain::AdministrationType::caf);
  EXPECT_EQ((*partner)->name, "CAF du Rhône");
  EXPECT_EQ((*db)->partners().habilitations("73282932000074")->size(), 1u);
  EXPECT_EQ((*db)->partners().clients_of("73282932000074")->size(), 2u);
}

TEST(Partners, AnUpdateSaysWhatItChangedAndIsRecorded) {
  test_support::TempDir dir;
  auto db = store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")});
  ASSERT_TRUE(db);
  ASSERT_TRUE(service::add_partner(
      **db, {{"73282932000074", "CAF", domain::AdministrationType::transport}, std::nullopt, {}, {}, {}, {}, {}},
      env::secure_random(), env::system_clock()));
  service::PartnerUpdate u{"73282932000074", "CAF du Rhône", domain::AdministrationType::caf, std::nullopt, {}, {}, {}};
  auto said = service::update_partner(**db, u, env::system_clock());
  ASSERT_TRUE(said) << said.error().message;
  ASSERT_EQ(said->size(), 2u);
  EXPECT_EQ((*said)[0], "name: CAF -> CAF du Rhône");
  EXPECT_EQ((*said)[1], "type: transport -> caf");
  auto again = service::update_partner(**db, u, env::system_clock());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());  // nothing left to change
  // Scopes beyond the (new) type's policy need a legal basis, and then add a habilitation.
  u.scopes = std::vector<domain::Scope>{domain::Scope::civil_status_family};
  auto added = service::update_partner(**db, u, env::system_clock());
  ASSERT_TRUE(added);
  ASSERT_EQ(added->size(), 1u);
  EXPECT_TRUE((*added)[0].starts_with("habilitation ")) << (*added)[0];
  EXPECT_EQ((*db)->partners().habilitations("73282932000074")->size(), 2u);
  auto actions = (*db)->staff().staff_actions(0, 10);
  ASSERT_TRUE(actions);
  ASSERT_EQ(actions->size(), 2u);
  EXPECT_EQ((*actions)[0].action, "partenaire.modification");
  EXPECT_EQ((*actions)[0].email, "ligne de commande");
  EXPECT_FALSE(service::update_partner(**db, {"73282932000075", "X", std::nullopt, std::nullopt, {}, {}, {}},
                                       env::system_clock()));
}
