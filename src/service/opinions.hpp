#pragma once
// "Je donne mon avis": what people say of a journey, stored without anything that identifies
// them (not the address, not the session, not the time of day), and the figures published
// from it, where no count below 10 is shown.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "store/database.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::service {

inline constexpr std::array<std::string_view, 5> opinion_journeys{"activation", "codes", "verification",
                                                                  "consentements", "espace"};
inline constexpr std::array<std::string_view, 3> opinion_usefulness{"oui", "en_partie", "non"};
inline constexpr std::size_t max_opinion_comment = 1000;  // bytes
// A count below this is published as "fewer than" it: a small count could point at someone.
inline constexpr std::int64_t smallest_published_count = 10;

struct NewOpinion {
  std::string journey;
  std::string language;
  std::string useful;
  int ease = 0;  // 1 to 5
  std::string comment;
};

// Every field in error: "parcours", "utile", "facilite", "commentaire".
std::vector<domain::Error> opinion_field_errors(const NewOpinion& opinion);
// Stores it, dated by the day only.
domain::Status give_opinion(store::PortalStore& store, const NewOpinion& opinion, const env::Clock& clock);

// One journey's published figures; a count under smallest_published_count is nullopt.
struct OpinionFigures {
  std::string journey;
  std::optional<std::int64_t> answers;
  std::array<std::optional<std::int64_t>, 3> useful;  // in the order of opinion_usefulness
  std::optional<double> mean_ease;                    // only over a published number of answers
};
domain::Result<std::vector<OpinionFigures>> opinion_figures(store::PortalStore& store);

}  // namespace ofpra::service
