#include "domain/habilitation_workflow.hpp"

#include "domain/plain_text.hpp"

#include <algorithm>
#include <array>

namespace ofpra::domain {
namespace {

using S = HabilitationState;

constexpr std::array<std::string_view, 7> action_words{
    "enregistrer", "soumettre", "demander_modifications", "valider", "refuser", "revoquer", "archiver"};

bool in(S s, std::initializer_list<S> states) { return std::find(states.begin(), states.end(), s) != states.end(); }

}  // namespace

std::string_view to_string(RequestAction action) { return action_words[static_cast<std::size_t>(action)]; }

std::optional<RequestAction> parse_request_action(std::string_view text) {
  for (std::size_t i = 0; i < action_words.size(); ++i)
    if (action_words[i] == text) return static_cast<RequestAction>(i);
  return std::nullopt;
}

Result<Step> next_step(const RequestFacts& r, RequestAction action, const WorkflowActor& actor,
                       std::string_view comment) {
  const bool requester_action = action == RequestAction::save || action == RequestAction::submit;
  if (requester_action) {
    if (actor.staff) return refused("role", "only the requesting organisation edits and submits its request");
    if (!in(r.state, {S::draft, S::changes_requested}))
      return refused("action", "the request can be edited only as a draft or when changes were asked");
    return Step{action == RequestAction::submit ? S::submitted : r.state, false};
  }
  if (!actor.staff) return refused("role", "only OFPRA staff decide on a request");
  const bool may = action == RequestAction::archive
                       ? actor.roles.has(StaffRole::habilitations) || actor.roles.has(StaffRole::admin)
                       : actor.roles.has(StaffRole::habilitations);
  if (!may) return refused("role", "this action needs the habilitations role");
  if (!is_reason(comment)) return refused("comment", "every decision on a request says why, in plain text");
  if (!actor.email.empty() && (actor.email == r.dpo_email || actor.email == r.technical_email))
    return refused("validator", "a staff member named in a request never decides on it");
  switch (action) {
    case RequestAction::request_changes:
      if (r.state != S::submitted) return refused("action", "changes can be asked of a submitted request only");
      return Step{S::changes_requested, false};
    case RequestAction::validate:
      if (r.state != S::submitted) return refused("action", "only a submitted request can be validated");
      if (!r.first_validator.empty() && r.first_validator == actor.email)
        return refused("validator", "a second validator, other than the first, must validate");
      if (r.beyond_default && r.first_validator.empty()) return Step{S::submitted, true};
      return Step{S::validated, false};
    case RequestAction::refuse:
      if (!in(r.state, {S::submitted, S::changes_requested}))
        return refused("action", "only a request under instruction can be refused");
      return Step{S::refused, false};
    case RequestAction::revoke:
      if (r.state != S::validated) return refused("action", "only a validated habilitation can be revoked");
      return Step{S::revoked, false};
    case RequestAction::archive:
      if (!in(r.state, {S::draft, S::refused, S::revoked}))
        return refused("action", "only a draft, a refused or a revoked request can be archived");
      return Step{S::archived, false};
    default:
      return refused("action", "unknown action");
  }
}

bool beyond_default(AdministrationType type, const std::vector<ScopeGrant>& requested) {
  const auto policy = default_policy(type);
  return std::any_of(requested.begin(), requested.end(), [&](const ScopeGrant& g) {
    const auto it = std::find_if(policy.begin(), policy.end(), [&](const ScopeGrant& p) { return p.scope == g.scope; });
    return it == policy.end() || (it->consent_required && !g.consent_required);
  });
}

}  // namespace ofpra::domain
