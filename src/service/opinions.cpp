#include "service/opinions.hpp"

#include "domain/partial_date.hpp"

#include <algorithm>

namespace ofpra::service {
namespace {

std::optional<std::int64_t> published(std::int64_t n) {
  return n >= smallest_published_count ? std::optional(n) : std::nullopt;
}

// Text a person may type: no control characters but line breaks.
bool plain(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f;
  });
}

}  // namespace

std::vector<domain::Error> opinion_field_errors(const NewOpinion& o) {
  std::vector<domain::Error> errors;
  const auto known = [](const auto& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  if (!known(opinion_journeys, o.journey)) errors.push_back({"not a journey of the portal", "parcours"});
  if (!known(opinion_usefulness, o.useful)) errors.push_back({"must be oui, en_partie or non", "utile"});
  if (o.ease < 1 || o.ease > 5) errors.push_back({"must be 1 to 5", "facilite"});
  if (o.comment.size() > max_opinion_comment || !plain(o.comment))
    errors.push_back({"at most 1000 characters of text", "commentaire"});
  return errors;
}

domain::Status give_opinion(store::PortalStore& store, const NewOpinion& o, const env::Clock& clock) {
  if (auto errors = opinion_field_errors(o); !errors.empty()) return errors.front();
  return store.add_opinion(
      {domain::day_of(clock.now()).to_string(), o.journey, o.language, o.useful, o.ease, o.comment});
}

domain::Result<std::vector<OpinionFigures>> opinion_figures(store::PortalStore& store) {
  auto counts = store.opinion_counts();
  if (!counts) return counts.error();
  std::vector<OpinionFigures> out;
  for (auto journey : opinion_journeys) {
    std::int64_t answers = 0, ease_sum = 0;
    std::array<std::int64_t, 3> useful{};
    for (const auto& c : *counts) {
      if (c.journey != journey) continue;
      answers += c.count;
      ease_sum += c.ease * c.count;
      for (std::size_t i = 0; i < opinion_usefulness.size(); ++i)
        if (c.useful == opinion_usefulness[i]) useful[i] += c.count;
    }
    OpinionFigures f{std::string(journey), published(answers), {}, std::nullopt};
    for (std::size_t i = 0; i < useful.size(); ++i) f.useful[i] = published(useful[i]);
    if (f.answers) f.mean_ease = static_cast<double>(ease_sum) / static_cast<double>(answers);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace ofpra::service
