#pragma once
// What an OFPRA staff member may do in the back office (docs/BACK-OFFICE.md). Roles are held by
// Ofpra Connect, not by the identity provider, and none implies another: an admin who manages
// staff does not thereby instruct habilitations or search the journal.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::domain {

enum class StaffRole : std::uint8_t { habilitations, support, audit, admin };
inline constexpr StaffRole all_staff_roles[] = {StaffRole::habilitations, StaffRole::support, StaffRole::audit,
                                                StaffRole::admin};

std::string_view to_string(StaffRole role);
std::optional<StaffRole> parse_staff_role(std::string_view text);

// A set of roles, stored as their words separated by spaces.
struct StaffRoles {
  std::uint8_t bits = 0;
  bool has(StaffRole r) const { return (bits >> static_cast<unsigned>(r)) & 1U; }
  void add(StaffRole r) { bits = static_cast<std::uint8_t>(bits | (1U << static_cast<unsigned>(r))); }
  bool empty() const { return bits == 0; }
  friend bool operator==(const StaffRoles&, const StaffRoles&) = default;
};
std::string to_string(StaffRoles roles);
// Words separated by spaces or commas; nullopt when one is not a role.
std::optional<StaffRoles> parse_staff_roles(std::string_view text);

}  // namespace ofpra::domain
