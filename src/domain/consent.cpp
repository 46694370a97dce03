#include "domain/consent.hpp"

#include <algorithm>

namespace ofpra::domain {

std::string_view to_string(ConsentState state) {
  switch (state) {
    case ConsentState::active:
      return "active";
    case ConsentState::revoked:
      return "revoquee";
    case ConsentState::expired:
      return "expiree";
    case ConsentState::not_yet_valid:
      return "a_venir";
  }
  return "revoquee";
}

ConsentState state_of(const Consent& c, std::string_view today) {
  if (c.revoked_at) return ConsentState::revoked;
  if (c.valid_to < today) return ConsentState::expired;
  if (c.valid_from > today) return ConsentState::not_yet_valid;
  return ConsentState::active;
}

const Consent* covering_consent(const std::vector<Consent>& consents, Scope scope, std::string_view today) {
  for (const auto& c : consents)
    if (state_of(c, today) == ConsentState::active &&
        std::find(c.scopes.begin(), c.scopes.end(), scope) != c.scopes.end())
      return &c;
  return nullptr;
}

}  // namespace ofpra::domain
