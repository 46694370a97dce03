#include "domain/consent.hpp"

#include <gtest/gtest.h>

using namespace ofpra::domain;

namespace {
Consent consent(std::int64_t id, std::vector<Scope> scopes, std::string from, std::string to) {
  return {
      id, "123456789", "73282932000074", std::nullopt, std::move(scopes), "Inscription", std::move(from), std::move(to),
      {}};
}
}  // namespace

TEST(Consent, StateFollowsTheDatesAndTheRevocation) {
  auto c = consent(1, {Scope::protection}, "2026-01-01", "2026-06-30");
  EXPECT_EQ(state_of(c, "2025-12-31"), ConsentState::not_yet_valid);
  EXPECT_EQ(state_of(c, "2026-01-01"), ConsentState::active);
  EXPECT_EQ(state_of(c, "2026-06-30"), ConsentState::active);  // the last day counts
  EXPECT_EQ(state_of(c, "2026-07-01"), ConsentState::expired);
  c.revoked_at = "2026-02-01T10:00:00.000Z";
  EXPECT_EQ(state_of(c, "2026-03-01"), ConsentState::revoked);
  EXPECT_EQ(to_string(ConsentState::revoked), "revoquee");
  EXPECT_EQ(to_string(ConsentState::expired), "expiree");
}

TEST(Consent, OnlyAnActiveConsentForThatScopeCovers) {
  std::vector<Consent> given{consent(1, {Scope::protection}, "2025-01-01", "2025-12-31"),
                             consent(2, {Scope::civil_status_progress}, "2026-01-01", "2026-12-31"),
                             consent(3, {Scope::protection}, "2026-01-01", "2026-12-31")};
  given[2].revoked_at = "2026-01-02T00:00:00.000Z";
  EXPECT_EQ(covering_consent(given, Scope::protection, "2026-05-01"), nullptr);  // 1 expired, 3 revoked
  ASSERT_NE(covering_consent(given, Scope::civil_status_progress, "2026-05-01"), nullptr);
  EXPECT_EQ(covering_consent(given, Scope::civil_status_progress, "2026-05-01")->id, 2);
  EXPECT_EQ(covering_consent(given, Scope::civil_status_identity, "2026-05-01"), nullptr);
  ASSERT_NE(covering_consent(given, Scope::protection, "2025-05-01"), nullptr);
  EXPECT_EQ(covering_consent(given, Scope::protection, "2025-05-01")->id, 1);
}
