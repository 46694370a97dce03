#include "domain/demande.hpp"

#include "domain/word_list.hpp"

#include <array>

namespace ofpra::domain {
namespace {

constexpr std::array<std::string_view, 4> state_words{"ouverte", "prise_en_charge", "repondue", "close"};
constexpr std::array<std::string_view, 4> reason_words{"hors_ofpra", "non_protegee", "informations_insuffisantes",
                                                       "reponse_ecrite"};

}  // namespace

std::string_view to_string(DemandeState state) { return state_words[static_cast<std::size_t>(state)]; }
std::optional<DemandeState> parse_demande_state(std::string_view text) {
  return find_word<DemandeState>(state_words, text);
}

std::string_view to_string(ClosingReason reason) { return reason_words[static_cast<std::size_t>(reason)]; }
std::optional<ClosingReason> parse_closing_reason(std::string_view text) {
  return find_word<ClosingReason>(reason_words, text);
}

}  // namespace ofpra::domain
