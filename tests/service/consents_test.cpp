#include "service/consents.hpp"
#include "service/partners.hpp"
#include "store/database.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using domain::Scope;

namespace {

// 2024-10-04 by the fixed clock.
struct Fixture : test_support::TempDatabase {
  Fixture() {
    domain::Person p;
    p.numero_ofpra = "123456789";
    p.nom_naissance = "AHMADI";
    p.date_naissance = *domain::PartialDate::parse("1990");
    auto w = std::move(*db->registry().begin_write("test"));
    EXPECT_TRUE(w->put(p));
    EXPECT_TRUE(w->commit());
    service::NewPartner school{{"73282932000074", "École", domain::AdministrationType::education},
                               std::nullopt,
                               {},
                               {},
                               "Inscription",
                               {},
                               {}};
    EXPECT_TRUE(service::add_partner(*db, school, env::secure_random(), clock));
  }
  service::NewConsent request() {
    return {"123456789", "73282932000074", std::nullopt, {Scope::protection}, "Inscription scolaire", "", "2025-06-30"};
  }
};

}  // namespace

TEST(Consents, AGoodConsentIsStoredFromTodayAndCanBeRevokedOnce) {
  Fixture f;
  auto id = service::grant_consent(*f.db, f.request(), f.clock);
  ASSERT_TRUE(id) << id.error().field << ": " << id.error().message;
  auto stored = f.db->consents().find_consent(*id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->valid_from, "2024-10-04");
  EXPECT_EQ((*stored)->scopes, std::vector<Scope>{Scope::protection});
  EXPECT_EQ(domain::state_of(**stored, "2024-10-04"), domain::ConsentState::active);
  EXPECT_TRUE(*f.db->consents().revoke_consent(*id));
  auto revoked = *f.db->consents().find_consent(*id);
  EXPECT_EQ(domain::state_of(*revoked, "2024-10-04"), domain::ConsentState::revoked);
  const auto at = revoked->revoked_at;
  f.clock.t += std::chrono::hours(24);
  EXPECT_TRUE(*f.db->consents().revoke_consent(*id));
  EXPECT_EQ((*f.db->consents().find_consent(*id))->revoked_at, at);  // the first revocation stands
  EXPECT_FALSE(*f.db->consents().revoke_consent(*id + 100));
}

TEST(Consents, BadRequestsNameTheFieldAndStoreNothing) {
  Fixture f;
  auto expect_refused = [&](service::NewConsent r, const std::string& field) {
    auto id = service::grant_consent(*f.db, r, f.clock);
    ASSERT_FALSE(id) << field;
    EXPECT_EQ(id.error().field, field);
  };
  auto r = f.request();
  r.numero_ofpra = "999999999";  // nobody
  expect_refused(r, "numero_ofpra");
  r = f.request();
  r.numero_ofpra = "12345";
  expect_refused(r, "numero_ofpra");
  r = f.request();
  r.partner_siret = "35600000000048";  // valid but not a partner
  expect_refused(r, "siret");
  r = f.request();
  r.scopes = {Scope::civil_status_identity};  // beyond the school's habilitation
  expect_refused(r, "scopes");
  r = f.request();
  r.scopes = {};
  expect_refused(r, "scopes");
  r = f.request();
  r.valid_to = "2024-10-03";
  expect_refused(r, "until");
  r = f.request();
  r.valid_to = "2025-10-06";  // more than a year
  expect_refused(r, "until");
  r = f.request();
  r.valid_to = "2025-02-30";
  expect_refused(r, "until");
  r = f.request();
  r.valid_from = "2024-13-01";
  expect_refused(r, "from");
  r = f.request();
  r.purpose = "";
  expect_refused(r, "purpose");
  EXPECT_TRUE(f.db->consents().consents("123456789", "73282932000074", domain::AdministrationType::transport)->empty());
}
