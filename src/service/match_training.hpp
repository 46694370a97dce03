#pragma once
// match-train: the matcher's parameters estimated on a registry and unlabelled queries
// (matching/training.hpp), written with how they were made.
#include "service/match_evaluation.hpp"
#include "service/registry_snapshot.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ofpra::service {

struct TrainingSummary {
  matching::Parameters parameters;
  std::size_t random_pairs = 0;
  std::size_t queries = 0;
  std::size_t candidate_pairs = 0;
  double match_share = 0;
  int iterations = 0;
};

// u from `pairs` random pairs of the registry's persons (seeded), m by EM on the candidates of
// the queries (their labels are not read); the thresholds are kept from start.
TrainingSummary train_matcher(const RegistrySnapshot& registry, const std::vector<LabelledQuery>& queries,
                              std::size_t pairs, std::uint64_t seed, const matching::Parameters& start);

}  // namespace ofpra::service
