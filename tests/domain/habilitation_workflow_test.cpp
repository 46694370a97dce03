#include "domain/habilitation_workflow.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace ofpra {
namespace {

using domain::HabilitationState;
using domain::RequestAction;
using S = HabilitationState;
using A = RequestAction;

domain::WorkflowActor staff(std::string email, std::initializer_list<domain::StaffRole> roles) {
  domain::WorkflowActor a{true, std::move(email), {}};
  for (auto r : roles) a.roles.add(r);
  return a;
}

const domain::WorkflowActor requester{};
const auto instructor = staff("hugo@ofpra.fr", {domain::StaffRole::habilitations});
const auto second = staff("ines@ofpra.fr", {domain::StaffRole::habilitations});
const auto admin = staff("alice@ofpra.fr", {domain::StaffRole::admin});
const auto auditor = staff("arthur@ofpra.fr", {domain::StaffRole::audit, domain::StaffRole::support});

constexpr S all_states[] = {S::draft,   S::submitted, S::changes_requested, S::validated,
                            S::refused, S::revoked,   S::archived};
constexpr A all_actions[] = {A::save, A::submit, A::request_changes, A::validate, A::refuse, A::revoke, A::archive};

// Every allowed (state, action) for each kind of actor, with the state it leads to; every other
// pair is refused.
TEST(HabilitationWorkflow, EveryTransitionIsAllowedOrRefusedByRole) {
  const std::map<std::tuple<S, A>, S> by_requester{
      {{S::draft, A::save}, S::draft},
      {{S::draft, A::submit}, S::submitted},
      {{S::changes_requested, A::save}, S::changes_requested},
      {{S::changes_requested, A::submit}, S::submitted},
  };
  const std::map<std::tuple<S, A>, S> by_instructor{
      {{S::submitted, A::request_changes}, S::changes_requested},
      {{S::submitted, A::validate}, S::validated},
      {{S::submitted, A::refuse}, S::refused},
      {{S::changes_requested, A::refuse}, S::refused},
      {{S::validated, A::revoke}, S::revoked},
      {{S::draft, A::archive}, S::archived},
      {{S::refused, A::archive}, S::archived},
      {{S::revoked, A::archive}, S::archived},
  };
  const std::map<std::tuple<S, A>, S> by_admin{
      {{S::draft, A::archive}, S::archived},
      {{S::refused, A::archive}, S::archived},
      {{S::revoked, A::archive}, S::archived},
  };
  for (auto state : all_states)
    for (auto action : all_actions) {
      const domain::RequestFacts facts{state};
      const auto key = std::make_tuple(state, action);
      for (const auto& [who, actor, allowed] :
           {std::tuple{"requester", requester, by_requester}, std::tuple{"instructor", instructor, by_instructor},
            std::tuple{"admin", admin, by_admin}, std::tuple{"auditor", auditor, std::map<std::tuple<S, A>, S>{}}}) {
        const auto step = domain::next_step(facts, action, actor, "parce que");
        const auto it = allowed.find(key);
        SCOPED_TRACE(std::string(who) + " " + std::string(to_string(state)) + " " + std::string(to_string(action)));
        if (it == allowed.end()) {
          EXPECT_FALSE(step);
        } else {
          ASSERT_TRUE(step) << step.error().message;
          EXPECT_EQ(step->to, it->second);
          EXPECT_FALSE(step->first_validation);
        }
      }
    }
}

TEST(HabilitationWorkflow, AStaffDecisionSaysWhy) {
  const domain::RequestFacts facts{S::submitted};
  auto silent = domain::next_step(facts, A::refuse, instructor, "  \n");
  ASSERT_FALSE(silent);
  EXPECT_EQ(silent.error().field, "comment");
  for (std::string invisible : {std::string("\0\0", 2), std::string("\xE2\x80\x8B")})
    EXPECT_EQ(domain::next_step(facts, A::refuse, instructor, invisible).error().field, "comment");
  auto role = domain::next_step(facts, A::validate, auditor, "ok");
  ASSERT_FALSE(role);
  EXPECT_EQ(role.error().field, "role");
}

TEST(HabilitationWorkflow, BeyondTheDefaultPolicyTwoDifferentValidatorsAreNeeded) {
  domain::RequestFacts facts{S::submitted, true};
  auto first = domain::next_step(facts, A::validate, instructor, "base légale vérifiée");
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->first_validation);
  EXPECT_EQ(first->to, S::submitted);
  facts.first_validator = instructor.email;
  auto again = domain::next_step(facts, A::validate, instructor, "encore");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "validator");
  auto other = domain::next_step(facts, A::validate, second, "d'accord");
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->first_validation);
  EXPECT_EQ(other->to, S::validated);
}

TEST(HabilitationWorkflow, AStaffMemberNamedInARequestNeverDecidesOnIt) {
  domain::RequestFacts facts{S::submitted};
  facts.dpo_email = instructor.email;
  for (auto action : {A::validate, A::refuse, A::request_changes}) {
    auto step = domain::next_step(facts, action, instructor, "moi");
    ASSERT_FALSE(step);
    EXPECT_EQ(step.error().field, "validator");
  }
  EXPECT_TRUE(domain::next_step(facts, A::validate, second, "elle"));
}

TEST(HabilitationWorkflow, BeyondTheDefaultMeansAnotherScopeOrLessConsent) {
  using domain::AdministrationType;
  using domain::Scope;
  EXPECT_FALSE(domain::beyond_default(AdministrationType::transport, {{Scope::protection, true}}));
  EXPECT_TRUE(domain::beyond_default(AdministrationType::transport, {{Scope::protection, false}}));
  EXPECT_TRUE(domain::beyond_default(AdministrationType::transport, {{Scope::civil_status_identity, true}}));
  EXPECT_FALSE(domain::beyond_default(AdministrationType::caf, {{Scope::civil_status_family, false}}));
  EXPECT_TRUE(domain::beyond_default(AdministrationType::other, {{Scope::protection, true}}));
}

TEST(HabilitationWorkflow, ActionsAndRolesReadBackFromTheirWords) {
  for (auto a : all_actions) EXPECT_EQ(domain::parse_request_action(to_string(a)), a);
  EXPECT_FALSE(domain::parse_request_action("approuver"));
  auto roles = domain::parse_staff_roles("admin, audit");
  ASSERT_TRUE(roles);
  EXPECT_TRUE(roles->has(domain::StaffRole::admin));
  EXPECT_TRUE(roles->has(domain::StaffRole::audit));
  EXPECT_FALSE(roles->has(domain::StaffRole::support));
  EXPECT_EQ(to_string(*roles), "audit admin");
  EXPECT_FALSE(domain::parse_staff_roles("admin superuser"));
}

}  // namespace
}  // namespace ofpra
