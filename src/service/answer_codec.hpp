#pragma once
// The door's answer as JSON, in the API's words (DESIGN §5): the "data" object an API answer
// carries, and the same object read back, so that an answer OFPRA gave to a request is kept
// as it was given (service/demandes.hpp) and shown later as it was journaled.
#include "service/answer.hpp"
#include "service/refusal.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ofpra::service {

// {"resultat", one block per scope given, named after it}; with_designation adds
// "designation" when the answer has one (never for an information system).
boost::json::object answer_data(const Answer& answer, bool with_designation = false);

// answer_data with its designation and its journal reference, as text to keep.
std::string encode_answer(const Answer& answer);
// nullopt for text encode_answer did not write.
std::optional<Answer> decode_answer(std::string_view text);

// An answer (as encode_answer) or a refusal, as text to keep: a bulk job's item's result.
std::string encode_outcome(const std::variant<Answer, Refusal>& outcome);
// nullopt for text encode_outcome did not write.
std::optional<std::variant<Answer, Refusal>> decode_outcome(std::string_view text);

}  // namespace ofpra::service
