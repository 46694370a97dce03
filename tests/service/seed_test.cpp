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
  auto staff = (*db)->accounts().find_staff(report->staff[0].login);
  ASSERT_TRUE(staff && *staff);
  EXPECT_NE((*staff)->password_hash, report->staff[0].password);
  EXPECT_TRUE(auth::verify_secret(report->staff[0].password, (*staff)->password_hash));
  EXPECT_FALSE(auth::verify_secret("wrong", (*staff)->password_hash));
  EXPECT_FALSE(report->persons_to_try.empty());
}
