#pragma once
// Habilitations: what an administration may ask, on which legal basis, and whether each scope
// needs the person's consent (DESIGN §3). The default policy by administration type applies
// unless a habilitation narrows it; it may be wider only with a legal basis recorded on it.
#include "domain/result.hpp"
#include "domain/scope.hpp"
#include "domain/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::domain {

// A request's states (docs/BACK-OFFICE.md); a habilitation itself is only ever validated or
// revoked. archived closes a request that is over (a draft abandoned, a refusal, a revocation).
enum class HabilitationState : std::uint8_t {
  draft,
  submitted,
  changes_requested,
  validated,
  refused,
  revoked,
  archived
};
std::string_view to_string(HabilitationState state);
std::optional<HabilitationState> parse_habilitation_state(std::string_view text);

struct ScopeGrant {
  Scope scope = Scope::protection;
  bool consent_required = true;
  friend bool operator==(const ScopeGrant&, const ScopeGrant&) = default;
};

struct Habilitation {
  std::int64_t id = 0;  // set by the store
  std::string partner_siret;
  std::vector<ScopeGrant> scopes;
  std::string legal_basis;      // text, e.g. "Code de la sécurité sociale, art. L. 114-12"
  std::string legal_basis_url;  // link to the text
  std::string purpose;
  int retention_months = 12;
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;    // YYYY-MM-DD, empty: open-ended
  HabilitationState state = HabilitationState::draft;
  // Administrations (SIRET) the partner may receive answers for besides itself.
  std::vector<std::string> acting_for;
  friend bool operator==(const Habilitation&, const Habilitation&) = default;
};

// Validated, and today (YYYY-MM-DD) within its validity dates.
bool in_force(const Habilitation& habilitation, std::string_view today);

// Whether answering scope today needs the person's consent under these habilitations: none
// when no habilitation in force covers it; false when one covers it without consent.
std::optional<bool> consent_needed(const std::vector<Habilitation>& habilitations, Scope scope, std::string_view today);

// Whether a partner (partner_siret) may ask today for an answer received by recipient: itself,
// or an administration named by one of its habilitations in force.
bool may_receive_for(const std::vector<Habilitation>& habilitations, std::string_view partner_siret,
                     std::string_view recipient, std::string_view today);

// The default policy of an administration type: the scopes it may ask and whether each needs
// consent. Types without a default ("autre") get nothing.
std::vector<ScopeGrant> default_policy(AdministrationType type);

// A habilitation for that type with the requested scopes: within the default policy it is
// always allowed (consent flags from the policy); a scope beyond it, or without the consent
// the policy requires, needs a legal basis. Returns the grants or why not.
Result<std::vector<ScopeGrant>> grants_for(AdministrationType type, const std::vector<Scope>& requested,
                                           bool has_legal_basis);

}  // namespace ofpra::domain
