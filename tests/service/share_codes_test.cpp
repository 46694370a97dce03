#include "service/share_codes.hpp"
#include "store/database.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace ofpra;

namespace {

// Replays the same bytes, so that two draws give the same code.
class RepeatingRandom final : public env::Random {
 public:
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = static_cast<std::uint8_t>(next_++ % 7 == 0 ? 250 : next_ * 37);
    if (repeat_) next_ = 0;
  }
  bool repeat_ = true;

 private:
  unsigned next_ = 0;
};

struct Fixture : test_support::TempDatabase {
  auth::CodeHasher codes{auth::CodeSecret{7}};
  service::NewShareCode request(int days = 30) {
    return {"123456789", domain::ShareLevel::protection, "Location d'un logement", days};
  }
};

}  // namespace

TEST(ShareCodes, ACodeIsNineCharactersOfTheAlphabetStoredOnlyAsAHash) {
  Fixture f;
  auto created = service::create_share_code(*f.db, f.codes, f.request(), env::secure_random(), f.clock);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->text.size(), domain::share_code_length);
  EXPECT_EQ(domain::canonical_share_code(created->text), created->text);
  EXPECT_EQ(created->code.hint, created->text.substr(6));
  EXPECT_EQ(created->code.expires_at, env::format_utc(f.clock.t + std::chrono::days(30)));
  auto found = service::find_share_code(f.db->portal(), f.codes, domain::display_share_code(created->text));
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, created->code.id);
  EXPECT_EQ((*found)->numero_ofpra, "123456789");
  // Lower case, with spaces, as read aloud: the same code.
  std::string typed;
  for (char ch : created->text) typed += static_cast<char>(std::tolower(ch)), typed += ' ';
  EXPECT_TRUE(*service::find_share_code(f.db->portal(), f.codes, typed));
  EXPECT_FALSE(*service::find_share_code(f.db->portal(), f.codes, "222222222"));
}

TEST(ShareCodes, ACodeIsFoundOnlyWithTheSecretItWasStoredUnder) {
  Fixture f;
  auto created = service::create_share_code(*f.db, f.codes, f.request(), env::secure_random(), f.clock);
  ASSERT_TRUE(created);
  // The database without the keys folder: no code can be tried against it.
  const auth::CodeHasher other(auth::CodeSecret{8});
  EXPECT_FALSE(*service::find_share_code(f.db->portal(), other, created->text));
  // After a rotation, codes made before are found under the previous secret.
  const auth::CodeHasher rotated(auth::CodeSecret{8}, auth::CodeSecret{7});
  auto found = service::find_share_code(f.db->portal(), rotated, created->text);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, created->code.id);
}

TEST(ShareCodes, CodesDrawnAreSpreadOverTheAlphabet) {
  Fixture f;
  std::set<char> seen;
  std::set<std::string> codes;
  for (int i = 0; i < 20; ++i) {
    auto created = service::create_share_code(*f.db, f.codes, f.request(), env::secure_random(), f.clock);
    ASSERT_TRUE(created) << created.error().message;
    codes.insert(created->text);
    seen.insert(created->text.begin(), created->text.end());
  }
  EXPECT_EQ(codes.size(), 20u);
  EXPECT_GT(seen.size(), 20u);  // 180 draws from 30 characters
}

TEST(ShareCodes, ACollisionDrawsAnotherCodeAndNeverStoresTwice) {
  Fixture f;
  RepeatingRandom random;
  auto first = service::create_share_code(*f.db, f.codes, f.request(), random, f.clock);
  ASSERT_TRUE(first);
  // The same bytes again: every draw collides, so creation fails rather than sharing a code.
  auto second = service::create_share_code(*f.db, f.codes, f.request(), random, f.clock);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().field, "codes");
  random.repeat_ = false;
  auto third = service::create_share_code(*f.db, f.codes, f.request(), random, f.clock);
  ASSERT_TRUE(third);
  EXPECT_NE(third->text, first->text);
}

TEST(ShareCodes, ValidityPurposeAndNumberOfActiveCodesAreBounded) {
  Fixture f;
  auto& p = *f.db;
  EXPECT_EQ(service::create_share_code(p, f.codes, f.request(0), env::secure_random(), f.clock).error().field, "days");
  EXPECT_EQ(service::create_share_code(p, f.codes, f.request(91), env::secure_random(), f.clock).error().field, "days");
  EXPECT_TRUE(service::create_share_code(p, f.codes, f.request(90), env::secure_random(), f.clock));
  auto no_purpose = f.request();
  no_purpose.purpose.clear();
  EXPECT_EQ(service::create_share_code(p, f.codes, no_purpose, env::secure_random(), f.clock).error().field, "purpose");
  for (std::size_t i = 1; i < service::max_active_share_codes; ++i)
    ASSERT_TRUE(service::create_share_code(p, f.codes, f.request(), env::secure_random(), f.clock));
  auto over = service::create_share_code(p, f.codes, f.request(), env::secure_random(), f.clock);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().field, "codes");
  // Revoking one frees a place; an expired one frees a place too.
  auto& portal = f.db->portal();
  auto codes = *portal.share_codes_of("123456789");
  ASSERT_TRUE(*portal.revoke_share_code(codes.front().id, "123456789"));
  EXPECT_FALSE(*portal.revoke_share_code(codes.front().id, "123456789"));  // once
  EXPECT_FALSE(*portal.revoke_share_code(codes.back().id, "999999999"));   // not someone else's
  EXPECT_TRUE(service::create_share_code(p, f.codes, f.request(), env::secure_random(), f.clock));
  f.clock.t += std::chrono::days(31);
  EXPECT_TRUE(service::create_share_code(p, f.codes, f.request(), env::secure_random(), f.clock));
}

TEST(ShareCodes, FailedAttemptsBlockTheCode) {
  Fixture f;
  auto created = service::create_share_code(*f.db, f.codes, f.request(), env::secure_random(), f.clock);
  ASSERT_TRUE(created);
  const auto now = env::format_utc(f.clock.t);
  for (int i = 0; i < domain::share_code_max_failures; ++i) {
    auto c = **service::find_share_code(f.db->portal(), f.codes, created->text);
    EXPECT_EQ(domain::state_of(c, now), domain::ShareCodeState::active);
    ASSERT_TRUE(f.db->portal().count_share_code_failure(c.id));
  }
  auto c = **service::find_share_code(f.db->portal(), f.codes, created->text);
  EXPECT_EQ(domain::state_of(c, now), domain::ShareCodeState::blocked);
}

TEST(ShareCodes, EveryMalformedFieldIsNamedAtOnce) {
  const auto errors = service::share_code_field_errors({"123456789", domain::ShareLevel::protection, "", 0});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "purpose");
  EXPECT_EQ(errors[1].field, "days");
  EXPECT_TRUE(service::share_code_field_errors({"123456789", domain::ShareLevel::protection, "École", 90}).empty());
}

TEST(ShareCodes, OnlyHerOwnWorkingCodeIsEmailedAndOnlyUpToTheDailyLimit) {
  Fixture f;
  auth::RateLimiter failures{50, std::chrono::minutes(15), f.clock};
  auth::RateLimiter emails{2, std::chrono::hours(24), f.clock};
  const service::AccountContext c{
      *f.db, env::secure_random(), f.clock, f.codes, failures, {}, {}, {}, nullptr, nullptr, &emails};
  auto created = service::create_share_code(*f.db, f.codes, f.request(), env::secure_random(), f.clock);
  ASSERT_TRUE(created);
  std::string composed_with;
  auto compose = [&](std::string_view code) {
    composed_with = code;
    return service::MessageText{"Code", "Le code : " + std::string(code)};
  };
  auto unsent = [&] { return f.db->portal().claim_unsent(10, 5)->size(); };
  // Not a code, with a bad address too: the code is what is refused (the page then shows no code).
  EXPECT_EQ(service::email_share_code(c, {"123456789", "garbage", "agent-at-ecole"}, compose).error().field, "code");
  // Not an address; not hers; not a code: nothing queued, nothing counted.
  EXPECT_EQ(service::email_share_code(c, {"123456789", created->text, "agent-at-ecole"}, compose).error().field,
            "courriel");
  EXPECT_EQ(service::email_share_code(c, {"223456789", created->text, "a@ecole.fr"}, compose).error().field, "code");
  EXPECT_EQ(service::email_share_code(c, {"123456789", "ZZZZZZZZZ", "a@ecole.fr"}, compose).error().field, "code");
  EXPECT_EQ(unsent(), 0u);
  // Hers, typed as read aloud: queued under its canonical text.
  std::string typed;
  for (char ch : created->text) typed += static_cast<char>(std::tolower(ch)), typed += ' ';
  ASSERT_TRUE(service::email_share_code(c, {"123456789", typed, "a@ecole.fr"}, compose));
  EXPECT_EQ(composed_with, created->text);
  ASSERT_TRUE(service::email_share_code(c, {"123456789", created->text, "b@ecole.fr"}, compose));
  EXPECT_EQ(service::email_share_code(c, {"123456789", created->text, "c@ecole.fr"}, compose).error().field, "essais");
  EXPECT_EQ(unsent(), 2u);
  // Revoked: no longer sent.
  ASSERT_TRUE(service::revoke_own_share_code(*f.db, created->code.id, "123456789"));
  auth::RateLimiter fresh{2, std::chrono::hours(24), f.clock};
  const service::AccountContext later{
      *f.db, env::secure_random(), f.clock, f.codes, failures, {}, {}, {}, nullptr, nullptr, &fresh};
  EXPECT_EQ(service::email_share_code(later, {"123456789", created->text, "a@ecole.fr"}, compose).error().field,
            "code");
}
