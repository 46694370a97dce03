#include "domain/staff_role.hpp"

#include <array>

namespace ofpra::domain {
namespace {
constexpr std::array<std::string_view, 4> words{"habilitations", "support", "audit", "admin"};
}  // namespace

std::string_view to_string(StaffRole role) { return words[static_cast<std::size_t>(role)]; }

std::optional<StaffRole> parse_staff_role(std::string_view text) {
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i] == text) return static_cast<StaffRole>(i);
  return std::nullopt;
}

std::string to_string(StaffRoles roles) {
  std::string out;
  for (auto r : all_staff_roles)
    if (roles.has(r)) out += (out.empty() ? "" : " ") + std::string(to_string(r));
  return out;
}

std::optional<StaffRoles> parse_staff_roles(std::string_view text) {
  StaffRoles roles;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto end = std::min(text.find_first_of(" ,", pos), text.size());
    if (end > pos) {
      auto role = parse_staff_role(text.substr(pos, end - pos));
      if (!role) return std::nullopt;
      roles.add(*role);
    }
    pos = end + 1;
  }
  return roles;
}

}  // namespace ofpra::domain
