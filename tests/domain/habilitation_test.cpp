#include "domain/habilitation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace ofpra::domain;

namespace {

std::map<Scope, bool> as_map(const std::vector<ScopeGrant>& grants) {
  std::map<Scope, bool> m;
  for (const auto& g : grants) m[g.scope] = g.consent_required;
  return m;
}

}  // namespace

TEST(Scope, WireNamesAndBlocks) {
  for (auto s : all_scopes) {
    EXPECT_EQ(parse_scope(to_string(s)), s);
    auto block = std::string(block_name(s));
    auto name = std::string(to_string(s));
    std::replace(name.begin(), name.end(), '.', '_');
    EXPECT_EQ(block, name);
  }
  EXPECT_FALSE(parse_scope("etat_civil"));
  EXPECT_FALSE(parse_scope("Protection"));
}

TEST(DefaultPolicy, FollowsTheDesignTable) {
  using enum AdministrationType;
  using M = std::map<Scope, bool>;
  EXPECT_EQ(as_map(default_policy(transport)), (M{{Scope::protection, true}}));
  EXPECT_EQ(as_map(default_policy(social_landlord)), (M{{Scope::protection, true}}));
  EXPECT_EQ(as_map(default_policy(education)), (M{{Scope::protection, true}, {Scope::civil_status_progress, true}}));
  for (auto t : {caf, health_insurance, prefecture}) {
    auto m = as_map(default_policy(t));
    EXPECT_EQ(m.size(), 5u);
    for (const auto& [scope, consent] : m) EXPECT_FALSE(consent);
  }
  EXPECT_EQ(
      as_map(default_policy(france_travail)),
      (M{{Scope::protection, false}, {Scope::civil_status_progress, false}, {Scope::civil_status_identity, false}}));
  auto town = as_map(default_policy(local_authority));
  EXPECT_EQ(town.size(), 5u);
  for (const auto& [scope, consent] : town) EXPECT_TRUE(consent);
  EXPECT_TRUE(default_policy(other).empty());
}

TEST(DefaultPolicy, NarrowerIsAllowedWiderNeedsALegalBasis) {
  auto narrow = grants_for(AdministrationType::caf, {Scope::protection}, false);
  ASSERT_TRUE(narrow);
  EXPECT_EQ(narrow->size(), 1u);
  EXPECT_FALSE((*narrow)[0].consent_required);

  auto wide = grants_for(AdministrationType::transport, {Scope::protection, Scope::civil_status_identity}, false);
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().field, "scopes");
  EXPECT_NE(wide.error().message.find("etat_civil.identite"), std::string::npos);

  auto based = grants_for(AdministrationType::transport, {Scope::protection, Scope::civil_status_identity}, true);
  ASSERT_TRUE(based);
  EXPECT_EQ(as_map(*based), (std::map<Scope, bool>{{Scope::protection, true}, {Scope::civil_status_identity, true}}));

  auto twice = grants_for(AdministrationType::caf, {Scope::protection, Scope::protection}, false);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->size(), 1u);
}
