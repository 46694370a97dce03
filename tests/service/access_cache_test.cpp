#include "service/access_cache.hpp"
#include "service/partners.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;

namespace {

std::unique_ptr<store::Database> open_db(const std::string& path) {
  return std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, path}));
}

// Another habilitation for the CAF (`partner update --scopes`).
const service::PartnerUpdate more{
    "73282932000074", std::nullopt, std::nullopt, std::vector<domain::Scope>{domain::Scope::protection}, {}, {},
    "Prestations"};

}  // namespace

TEST(AccessCache, SeesEveryChangeMadeThroughAnotherConnectionAtTheNextCall) {
  test_support::TempDir dir;
  auto server = open_db(dir.file("r.db"));
  service::AccessCache cache(server->partners());
  auto cli = open_db(dir.file("r.db"));  // as `partner add` / `revoke-client` would, from another process
  service::NewPartner caf{
      {"73282932000074", "CAF", domain::AdministrationType::caf}, std::nullopt, {}, {}, "Prestations", {}, {}};
  auto credentials = service::add_partner(*cli, caf, env::secure_random(), env::system_clock());
  ASSERT_TRUE(credentials);

  auto first = cache.current(credentials->client_id);
  ASSERT_TRUE(first && *first);
  EXPECT_FALSE((*first)->client.revoked);
  EXPECT_EQ((*first)->habilitations.size(), 1u);
  EXPECT_EQ(*cache.current(credentials->client_id), *first);  // served from memory

  // Another habilitation for the partner, then the revocation: each seen at once.
  ASSERT_TRUE(service::update_partner(*cli, more, env::system_clock()));
  auto second = cache.current(credentials->client_id);
  ASSERT_TRUE(second && *second);
  EXPECT_EQ((*second)->habilitations.size(), 2u);
  ASSERT_TRUE(*cli->partners().revoke_client(credentials->client_id));
  auto revoked = cache.current(credentials->client_id);
  ASSERT_TRUE(revoked && *revoked);
  EXPECT_TRUE((*revoked)->client.revoked);

  auto unknown = cache.current("pc_nobody");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(*unknown, nullptr);
}

namespace {

class SwitchFeed final : public store::ChangeFeed {
 public:
  bool on = true;
  bool live() const override { return on; }
};

}  // namespace

TEST(AccessCache, FollowingALiveFeedItTrustsNoticesAndFallsBackOnTheStoreWhenTheFeedIsDown) {
  test_support::TempDir dir;
  auto server = open_db(dir.file("r.db"));
  service::AccessCache cache(server->partners());
  SwitchFeed feed;
  cache.follow(feed);
  auto cli = open_db(dir.file("r.db"));
  service::NewPartner caf{
      {"73282932000074", "CAF", domain::AdministrationType::caf}, std::nullopt, {}, {}, "Prestations", {}, {}};
  auto credentials = service::add_partner(*cli, caf, env::secure_random(), env::system_clock());
  ASSERT_TRUE(credentials);
  ASSERT_FALSE((*cache.current(credentials->client_id))->client.revoked);

  ASSERT_TRUE(*cli->partners().revoke_client(credentials->client_id));
  // No notice yet: the copy in memory still answers (the database is not asked).
  EXPECT_FALSE((*cache.current(credentials->client_id))->client.revoked);
  cache.changed();
  EXPECT_TRUE((*cache.current(credentials->client_id))->client.revoked);

  // The feed down: every call asks the store again, as without a feed.
  ASSERT_TRUE(service::update_partner(*cli, more, env::system_clock()));
  feed.on = false;
  EXPECT_EQ((*cache.current(credentials->client_id))->habilitations.size(), 2u);
}
