#pragma once
// A request to OFPRA ("demande", docs/DEMANDES.md): a question the machine could not settle (an
// identity that stays ambiguous, a person not found, a case the data cannot decide), or a
// person's own question about her file, handed to a person at OFPRA with a promised delay in
// working days.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::domain {

// ouverte → prise_en_charge → repondue | close. An open or assigned request may be answered or
// closed; assigning takes an open one, or one another agent holds.
enum class DemandeState : std::uint8_t { open, assigned, answered, closed };
// "ouverte", "prise_en_charge", "repondue", "close".
std::string_view to_string(DemandeState state);
std::optional<DemandeState> parse_demande_state(std::string_view text);
inline bool is_pending(DemandeState s) { return s == DemandeState::open || s == DemandeState::assigned; }

// Why a request is closed without an answer through the door: the person is not OFPRA's, she is
// not protected, what was given does not designate her (the message says what to send), or (a
// person's own question) OFPRA answered her in writing.
enum class ClosingReason : std::uint8_t { not_ours, not_protected, insufficient, replied };
// "hors_ofpra", "non_protegee", "informations_insuffisantes", "reponse_ecrite".
std::string_view to_string(ClosingReason reason);
std::optional<ClosingReason> parse_closing_reason(std::string_view text);

// What OFPRA promises: an answer within this many working days (domain/working_days.hpp).
inline constexpr int default_demande_delay_days = 5;
inline constexpr std::size_t demande_id_length = 10;  // characters of the share codes' alphabet

}  // namespace ofpra::domain
