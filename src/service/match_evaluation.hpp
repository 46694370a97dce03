#pragma once
// match-eval: the identity matcher against a labelled set (one JSON object per line:
// {"identite":{...},"numero_ofpra":"…" or null, "cas":"optional label"}).
#include "env/clock.hpp"
#include "service/registry_snapshot.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

struct MatchCounts {
  std::uint64_t queries = 0;
  std::uint64_t expected_someone = 0;  // lines naming a person
  std::uint64_t right = 0;             // found, the expected person
  std::uint64_t wrong = 0;             // found, another person (or someone when nobody was expected)
  std::uint64_t ambiguous = 0;
  std::uint64_t not_found = 0;
  std::uint64_t missed = 0;  // someone expected, not found (ambiguous or not found)
};

struct MatchReport {
  MatchCounts all;
  std::map<std::string, MatchCounts> by_case;  // by "cas"
  // right / found; 1 when nothing was found.
  double precision() const;
  // right / expected_someone; 1 when nobody was expected.
  double recall() const;
  double ambiguous_rate() const;
  std::vector<double> micros;  // each query's matching time, when a clock was given
};

// One line of a labelled set.
struct LabelledQuery {
  std::uint64_t line = 0;
  IdentityQuery query;
  std::optional<std::string> expected;  // the person meant, none when nobody registered is
  std::string label;                    // "cas"
};
// Reads the whole set; a bad line is refused with its number.
domain::Result<std::vector<LabelledQuery>> read_labelled_queries(std::istream& queries);

// Reads the whole set; a bad line is refused with its number, as `import` does.
// explain, when set, sees each line's number, decision and matching time (µs, 0 without a
// clock); clock, when set, times each match.
domain::Result<MatchReport> evaluate_matching(
    const RegistrySnapshot& registry, std::istream& queries,
    const std::function<void(std::uint64_t, const IdentityMatch&, double)>& explain = {},
    const env::Clock* clock = nullptr, const matching::Parameters& parameters = matching::default_parameters());

}  // namespace ofpra::service
