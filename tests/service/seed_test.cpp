#include "service/seed.hpp"
#include "auth/secret_hash.hpp"
#include "domain/partner.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace ofpra;

TEST(Seed, WritesTheRegistryPartnersOfEveryKindAndHashedSecrets) {
  test_support::TempDir dir;
  auto db = store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")});
  ASSERT_TRUE(db);
  auto report = service::seed_database(**db, 200, 5, env::secure_random());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->persons, 200u);
  EXPECT_EQ(*(*db)->registry().count(), 200);
  auto partners = (*db)->partners().partners();
  ASSERT_TRUE(partners);
  std::set<domain::AdministrationType> kinds;
  for (const auto& p : *partners) {
    EXPECT_TRUE(domain::is_siret(p.siret)) << p.siret;
    kinds.insert(p.type);
  }
  EXPECT_GE(kinds.size(), 8u);
  ASSERT_FALSE(report->staff.empty());
  // Staff of every role, with no password anywhere: they sign in with ProConnect.
  domain::StaffRoles held;
  for (const auto& s : report->staff) {
    auto staff = (*db)->staff().find_staff_member(s.email);
    ASSERT_TRUE(staff && *staff) << s.email;
    EXPECT_TRUE((*staff)->active);
    held.bits |= (*staff)->roles.bits;
  }
  for (auto role : domain::all_staff_roles) EXPECT_TRUE(held.has(role)) << to_string(role);
  // Demo requests in every state of the workflow.
  auto requests = (*db)->requests().requests(std::nullopt);
  ASSERT_TRUE(requests);
  std::set<domain::HabilitationState> states;
  for (const auto& r : *requests) states.insert(r.state);
  EXPECT_EQ(states.size(), 7u);
  EXPECT_FALSE(report->persons_to_try.empty());
}
