#pragma once
// Scopes (DESIGN §3): what part of a person's situation an answer may carry.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ofpra::domain {

enum class Scope : std::uint8_t {
  protection,             // level 1: protected or not, type, since when
  protection_history,     // the periods of protection, status at a date
  civil_status_progress,  // level 2: stage of the civil-status file
  civil_status_identity,  // level 3: established identity
  civil_status_family,    // level 3: spouse(s), children, parents
};

inline constexpr std::array<Scope, 5> all_scopes{Scope::protection, Scope::protection_history,
                                                 Scope::civil_status_progress, Scope::civil_status_identity,
                                                 Scope::civil_status_family};

// "protection", "protection.historique", "etat_civil.avancement", "etat_civil.identite", "etat_civil.famille".
std::string_view to_string(Scope scope);
std::optional<Scope> parse_scope(std::string_view text);
// The answer block named after the scope, '.' written '_' (e.g. "etat_civil_identite").
std::string_view block_name(Scope scope);

}  // namespace ofpra::domain
