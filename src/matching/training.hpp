#pragma once
// Estimating the model's parameters from data (match-train): u from the comparison levels of
// random pairs of a registry's persons (almost all different persons), m by expectation–
// maximisation on the candidates of unlabelled queries, each query matching at most one of its
// candidates (the candidates of one query compete; pairwise EM, as Splink does it on
// deduplication, takes "same country" for "same person" within a name block).
#include "matching/parameters.hpp"
#include "matching/score.hpp"

#include <vector>

namespace ofpra::matching {

// start's u replaced by the levels' frequencies (smoothed: no level is impossible).
Parameters estimate_u(const std::vector<Levels>& random_pairs, Parameters start);

struct EmResult {
  Parameters parameters;
  double match_share = 0;  // the share of queries whose person is among their candidates
  int iterations = 0;
};
// candidates[q]: the levels of each candidate of query q; persons: the registry's size (the
// prior). start: its m are the first guess and weigh as `prior_pairs` pairs.
EmResult estimate_m(const std::vector<std::vector<Levels>>& candidates, std::size_t persons, Parameters start,
                    int max_iterations = 50, double prior_pairs = 10);

}  // namespace ofpra::matching
