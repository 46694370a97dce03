#include "domain/scope.hpp"

namespace ofpra::domain {
namespace {

constexpr std::array<std::string_view, 5> names{"protection", "protection.historique", "etat_civil.avancement",
                                                "etat_civil.identite", "etat_civil.famille"};
constexpr std::array<std::string_view, 5> blocks{"protection", "protection_historique", "etat_civil_avancement",
                                                 "etat_civil_identite", "etat_civil_famille"};

}  // namespace

std::string_view to_string(Scope scope) { return names[static_cast<std::size_t>(scope)]; }
std::string_view block_name(Scope scope) { return blocks[static_cast<std::size_t>(scope)]; }

std::optional<Scope> parse_scope(std::string_view text) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<Scope>(i);
  return std::nullopt;
}

}  // namespace ofpra::domain
