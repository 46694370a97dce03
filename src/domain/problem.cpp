#include "domain/problem.hpp"

#include <array>

namespace ofpra::domain {
namespace {

constexpr std::array<ProblemInfo, 21> table{{
    {400, "40000", "Requête mal formée"},
    {400, "40001", "Paramètre invalide"},
    {401, "40100", "Jeton d'accès invalide"},
    {403, "40300", "Scope non habilité"},
    {403, "40301", "Consentement requis"},
    {403, "40302", "Scope hors du code de partage"},
    {403, "40303", "Destinataire non habilité"},
    {404, "40400", "Ressource introuvable"},
    {404, "40401", "Code de partage invalide"},
    {405, "40500", "Méthode non autorisée"},
    {408, "40800", "Délai de requête dépassé"},
    {409, "40900", "Conflit"},
    {413, "41300", "Corps de requête trop volumineux"},
    {422, "42200", "Enregistrement invalide"},
    {429, "42900", "Trop de requêtes"},
    {429, "42901", "Trop d'essais"},
    {431, "43100", "En-têtes de requête trop volumineux"},
    {500, "50000", "Erreur interne"},
    {503, "50300", "Service indisponible"},
    {503, "50301", "Service en cours d'arrêt"},
    {503, "50302", "Journal indisponible"},
}};
static_assert(table.size() == static_cast<std::size_t>(Problem::journal_unavailable) + 1);

}  // namespace

const ProblemInfo& info(Problem problem) { return table[static_cast<std::size_t>(problem)]; }

std::optional<Problem> problem_of_code(std::string_view code) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].code == code) return static_cast<Problem>(i);
  return std::nullopt;
}

}  // namespace ofpra::domain
