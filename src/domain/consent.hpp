#pragma once
// Consent (DESIGN §3): a person allows one partner, or every partner of an administration
// type, to receive some scopes, for a purpose, from one day to another. A revoked or expired consent never counts
// again.
#include "domain/partner.hpp"
#include "domain/scope.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::domain {

enum class ConsentState : std::uint8_t { active, revoked, expired, not_yet_valid };
// "active", "revoquee", "expiree", "a_venir".
std::string_view to_string(ConsentState state);

struct Consent {
  std::int64_t id = 0;  // set by the store
  std::string numero_ofpra;
  std::string partner_siret;                       // one partner, or empty with partner_type
  std::optional<AdministrationType> partner_type;  // every partner of that type
  std::vector<Scope> scopes;
  std::string purpose;
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;    // YYYY-MM-DD, inclusive
  std::optional<std::string> revoked_at;
  friend bool operator==(const Consent&, const Consent&) = default;
};

// today: YYYY-MM-DD.
ConsentState state_of(const Consent& consent, std::string_view today);

// The active consent, among those given, that covers scope; null when none does.
const Consent* covering_consent(const std::vector<Consent>& consents, Scope scope, std::string_view today);

// Longest a consent may last, in days (a year: the person renews it, or a share code is used).
inline constexpr int max_consent_days = 366;

}  // namespace ofpra::domain
