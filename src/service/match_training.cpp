#include "service/match_training.hpp"

#include "matching/training.hpp"

#include <random>

namespace ofpra::service {
namespace {

// The identity a person's own record gives, as an administration would ask it.
IdentityQuery query_of(const domain::Person& p) {
  return {p.nom_naissance, p.prenoms, p.date_naissance, p.code_pays_naissance, p.sexe};
}

}  // namespace

TrainingSummary train_matcher(const RegistrySnapshot& registry, const std::vector<LabelledQuery>& queries,
                              std::size_t pairs, std::uint64_t seed, const matching::Parameters& start) {
  TrainingSummary out;
  const auto& statistics = registry.name_statistics();
  std::vector<matching::Levels> random;
  if (registry.size() >= 2) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, registry.size() - 1);
    for (std::size_t i = 0; i < pairs; ++i) {
      const auto a = pick(rng), b = pick(rng);
      if (a == b) continue;
      random.push_back(matching::levels_of(query_of(registry.at(a)), registry.at(b), statistics));
    }
  }
  auto p = matching::estimate_u(random, start);
  std::vector<std::vector<matching::Levels>> candidates;
  for (const auto& q : queries) {
    auto& levels = candidates.emplace_back();
    for (const auto& [numero, score] : registry.considered(q.query, 512))
      if (auto person = registry.find(numero)) levels.push_back(matching::levels_of(q.query, *person, statistics));
    out.candidate_pairs += levels.size();
  }
  const auto em = matching::estimate_m(candidates, registry.size(), p);
  out.parameters = em.parameters;
  out.random_pairs = random.size();
  out.queries = queries.size();
  out.match_share = em.match_share;
  out.iterations = em.iterations;
  return out;
}

}  // namespace ofpra::service
