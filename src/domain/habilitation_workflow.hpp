#pragma once
// The habilitation workflow, as DataPass runs it for API Particulier: who may move a request from
// which state to which (docs/BACK-OFFICE.md). Pure: the service reads the request and the actor,
// asks here, then writes what this returns.
#include "domain/habilitation.hpp"
#include "domain/result.hpp"
#include "domain/staff_role.hpp"

#include <string>
#include <string_view>

namespace ofpra::domain {

enum class RequestAction : std::uint8_t { save, submit, request_changes, validate, refuse, revoke, archive };
std::string_view to_string(RequestAction action);
std::optional<RequestAction> parse_request_action(std::string_view text);

// Who acts: the requesting organisation (through its follow-up key), or a staff member.
struct WorkflowActor {
  bool staff = false;
  std::string email = {};  // the staff member's, lower case
  StaffRoles roles = {};
};

// What the rules need to know of the request.
struct RequestFacts {
  HabilitationState state = HabilitationState::draft;
  // Its scopes go beyond the default policy of the organisation's type: two validators.
  bool beyond_default = false;
  std::string first_validator = {};  // who validated first, when a second is needed
  std::string dpo_email = {};        // the organisation's contacts: a staff member named there
  std::string technical_email = {};  // asked for it herself, and never decides on it
};

struct Step {
  HabilitationState to = HabilitationState::draft;
  // A validation that counts as the first of two: the request stays submitted.
  bool first_validation = false;
};

// The state after the action, or why the actor may not take it (field "action" for a state
// that does not allow it, "role" for a missing role, "validator" for a staff member who asked
// for it or already validated it, "comment" for a staff action without a reason).
Result<Step> next_step(const RequestFacts& request, RequestAction action, const WorkflowActor& actor,
                       std::string_view comment);

// Whether requested scopes go beyond the default policy of the type (or need more consent
// than it asks, never less: a scope it grants with consent asked without is beyond it).
bool beyond_default(AdministrationType type, const std::vector<ScopeGrant>& requested);

}  // namespace ofpra::domain
