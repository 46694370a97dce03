#include "domain/habilitation.hpp"

#include <algorithm>
#include <array>

namespace ofpra::domain {
namespace {

constexpr std::array<std::string_view, 7> state_words{
    "brouillon", "soumise", "modifications_demandees", "validee", "refusee", "revoquee", "archivee"};

std::vector<ScopeGrant> all(bool consent) {
  std::vector<ScopeGrant> out;
  for (auto s : all_scopes) out.push_back({s, consent});
  return out;
}

}  // namespace

std::string_view to_string(HabilitationState state) { return state_words[static_cast<std::size_t>(state)]; }

std::optional<HabilitationState> parse_habilitation_state(std::string_view text) {
  for (std::size_t i = 0; i < state_words.size(); ++i)
    if (state_words[i] == text) return static_cast<HabilitationState>(i);
  return std::nullopt;
}

bool in_force(const Habilitation& h, std::string_view today) {
  return h.state == HabilitationState::validated && h.valid_from <= today &&
         (h.valid_to.empty() || h.valid_to >= today);
}

std::optional<bool> consent_needed(const std::vector<Habilitation>& habilitations, Scope scope,
                                   std::string_view today) {
  std::optional<bool> needed;
  for (const auto& h : habilitations) {
    if (!in_force(h, today)) continue;
    for (const auto& g : h.scopes)
      if (g.scope == scope) needed = needed.value_or(true) && g.consent_required;
  }
  return needed;
}

bool may_receive_for(const std::vector<Habilitation>& habilitations, std::string_view partner_siret,
                     std::string_view recipient, std::string_view today) {
  if (recipient == partner_siret) return true;
  return std::any_of(habilitations.begin(), habilitations.end(), [&](const Habilitation& h) {
    return in_force(h, today) && std::find(h.acting_for.begin(), h.acting_for.end(), recipient) != h.acting_for.end();
  });
}

std::vector<ScopeGrant> default_policy(AdministrationType type) {
  using enum AdministrationType;
  switch (type) {
    case transport:
    case social_landlord:
      return {{Scope::protection, true}};
    case education:
      return {{Scope::protection, true}, {Scope::civil_status_progress, true}};
    case caf:
    case health_insurance:
    case prefecture:
      return all(false);
    case france_travail:
      return {{Scope::protection, false}, {Scope::civil_status_progress, false}, {Scope::civil_status_identity, false}};
    case local_authority:
      return all(true);
    case other:
      return {};
  }
  return {};
}

Result<std::vector<ScopeGrant>> grants_for(AdministrationType type, const std::vector<Scope>& requested,
                                           bool has_legal_basis) {
  const auto policy = default_policy(type);
  std::vector<ScopeGrant> out;
  for (auto scope : requested) {
    if (std::any_of(out.begin(), out.end(), [&](const ScopeGrant& g) { return g.scope == scope; })) continue;
    auto it = std::find_if(policy.begin(), policy.end(), [&](const ScopeGrant& g) { return g.scope == scope; });
    if (it != policy.end()) {
      out.push_back(*it);
    } else if (has_legal_basis) {
      // Beyond the default policy: allowed on the recorded legal basis, with consent unless
      // the basis says otherwise (recorded explicitly on the habilitation later).
      out.push_back({scope, true});
    } else {
      return Error{"the scope " + std::string(to_string(scope)) + " is beyond the default policy for " +
                       std::string(to_string(type)) + " administrations; it needs a legal basis",
                   "scopes"};
    }
  }
  return out;
}

}  // namespace ofpra::domain
