#include "domain/share_code.hpp"

#include <gtest/gtest.h>

using namespace ofpra::domain;

TEST(ShareCode, TypedCodesAreReadWithoutCaseSpacesOrDashes) {
  EXPECT_EQ(canonical_share_code("abc-def-ghj"), "ABCDEFGHJ");
  EXPECT_EQ(canonical_share_code(" W7K 2RT 9PX "), "W7K2RT9PX");
  EXPECT_EQ(display_share_code("W7K2RT9PX"), "W7K-2RT-9PX");
}

TEST(ShareCode, LookAlikesAndWrongLengthsAreRefused) {
  EXPECT_FALSE(canonical_share_code("ABCDEFGH"));    // 8
  EXPECT_FALSE(canonical_share_code("ABCDEFGHJK"));  // 10
  EXPECT_FALSE(canonical_share_code("ABCDEFGH0"));   // zero
  EXPECT_FALSE(canonical_share_code("ABCDEFGHI"));   // I
  EXPECT_FALSE(canonical_share_code("ABCDEFGHO"));   // O
  EXPECT_FALSE(canonical_share_code("ABCDEFGHU"));   // U
  EXPECT_FALSE(canonical_share_code("ABCDEFGH1"));   // one
  EXPECT_FALSE(canonical_share_code("ABCDÉFGHJ"));   // not ASCII
  for (char ch : share_code_alphabet) EXPECT_TRUE(std::string("0O1ILU").find(ch) == std::string::npos);
}

TEST(ShareCode, EachLevelOpensItsScopesOnly) {
  EXPECT_EQ(scopes_of(ShareLevel::protection), std::vector<Scope>{Scope::protection});
  EXPECT_EQ(scopes_of(ShareLevel::protection_civil_status),
            (std::vector<Scope>{Scope::protection, Scope::civil_status_progress}));
  const auto full = scopes_of(ShareLevel::full_civil_status);
  EXPECT_EQ(full.size(), 4u);
  EXPECT_EQ(std::count(full.begin(), full.end(), Scope::protection_history), 0);
  for (auto l : {ShareLevel::protection, ShareLevel::protection_civil_status, ShareLevel::full_civil_status})
    EXPECT_EQ(parse_share_level(to_string(l)), l);
  EXPECT_FALSE(parse_share_level("tout"));
}

TEST(ShareCode, StateFollowsRevocationExpiryAndFailures) {
  ShareCode c;
  c.expires_at = "2026-12-31T10:00:00.000Z";
  EXPECT_EQ(state_of(c, "2026-12-31T09:59:59.999Z"), ShareCodeState::active);
  EXPECT_EQ(state_of(c, "2026-12-31T10:00:00.000Z"), ShareCodeState::expired);
  c.failed_attempts = share_code_max_failures - 1;
  EXPECT_EQ(state_of(c, "2026-12-01T00:00:00.000Z"), ShareCodeState::active);
  c.failed_attempts = share_code_max_failures;
  EXPECT_EQ(state_of(c, "2026-12-01T00:00:00.000Z"), ShareCodeState::blocked);
  c.revoked_at = "2026-12-02T00:00:00.000Z";
  EXPECT_EQ(state_of(c, "2026-12-01T00:00:00.000Z"), ShareCodeState::revoked);
}

TEST(ShareCode, TheBirthDateMustBeGivenAsPreciselyAsTheRegistryKnowsIt) {
  auto d = [](const char* t) { return *PartialDate::parse(t); };
  EXPECT_TRUE(birth_date_confirms(d("1990-05-17"), d("1990-05-17")));
  EXPECT_FALSE(birth_date_confirms(d("1990-05-17"), d("1990-05-18")));
  EXPECT_FALSE(birth_date_confirms(d("1990-05-17"), d("1990-05")));
  EXPECT_FALSE(birth_date_confirms(d("1990-05-17"), d("1990")));
  // The registry knows only the year: the day on a document is not checked against it.
  EXPECT_TRUE(birth_date_confirms(d("1990"), d("1990")));
  EXPECT_TRUE(birth_date_confirms(d("1990"), d("1990-01-01")));
  EXPECT_FALSE(birth_date_confirms(d("1990"), d("1991-01-01")));
  EXPECT_TRUE(birth_date_confirms(d("1990-05"), d("1990-05-03")));
  EXPECT_FALSE(birth_date_confirms(d("1990-05"), d("1990-06-03")));
}
