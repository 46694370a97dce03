#pragma once
// Finding a person from the identity an administration holds (DESIGN §5, issue 5): a blocking
// index over every name form of every person, explainable scores, and a decision that
// names a person only when one candidate is clearly the one.
#include "domain/person.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::matching {

// The identity as asked ("identite" of a verification).
struct IdentityQuery {
  std::string nom_naissance;
  std::vector<std::string> prenoms;
  domain::PartialDate date_naissance;
  std::optional<std::string> code_pays_naissance;
  std::optional<domain::Sex> sexe;
};

// Each feature in [0, 1], so that a decision can be explained.
struct Score {
  double names = 0;    // best name form: family and given names, in any order
  double date = 0;     // birth dates at the precision both have
  double country = 0;  // 0.5 when either side does not know it
  double sex = 0;      // 0.5 when either side does not know it
  double total = 0;
};

Score score(const IdentityQuery& query, const domain::Person& person);

// The same scores for one query against many persons, its names folded once.
class QueryScorer {
 public:
  explicit QueryScorer(const IdentityQuery& query);  // keeps a reference to query
  ~QueryScorer();
  Score operator()(const domain::Person& person) const;

 private:
  struct Prepared;
  std::unique_ptr<Prepared> prepared_;
};

// Decision thresholds, chosen on the labelled set of tests/matching (docs/MATCHING.md says why).
inline constexpr double accept_threshold = 0.86;  // a candidate under this is never named
inline constexpr double ambiguity_margin = 0.06;  // the runner-up must be this far behind

enum class Verdict { found, ambiguous, not_found };
struct Decision {
  Verdict verdict = Verdict::not_found;
  std::size_t best = 0;                 // index in the scores, when found
  std::vector<std::size_t> contenders;  // indexes of the candidates within the margin, when ambiguous
};
Decision decide(const std::vector<Score>& scores);

struct Candidate {
  std::uint32_t person;
  double bound;        // the highest total the candidate could reach, whatever its names
  std::uint32_t keys;  // name keys it shares with the query
};

// (pair of name-token skeletons, birth year) → persons, over every name form of every
// person, with each person's birth date, sex and country, so that candidates that could not
// reach the threshold are dropped before anything is decoded.
class CandidateIndex {
 public:
  void add(std::uint32_t person, const domain::Person& p);
  void finish();  // after the last add, before the first lookup
  // Persons sharing a name key with the query, born the year asked, whose bound reaches the
  // threshold, highest bound first; none (nullopt) when there are more than `limit`: then
  // nobody may be named from this query.
  std::optional<std::vector<Candidate>> candidates(const IdentityQuery& query, std::size_t limit = 512) const;
  std::size_t memory_bytes() const;

  // The index as bytes, for a snapshot file; read gives false on bytes it did not write.
  using Write = std::function<void(const void*, std::size_t)>;
  using Read = std::function<bool(void*, std::size_t)>;
  void save(const Write& write) const;
  bool load(const Read& read);
  // Every entry and fact is about one of `persons` persons (a loaded index is checked so).
  bool covers(std::size_t persons) const;

 private:
  struct Entry {
    std::uint64_t key;
    std::uint32_t person;
    friend bool operator<(const Entry& a, const Entry& b) { return a.key < b.key; }
  };
  struct Facts {
    domain::PartialDate date;
    domain::Sex sex = domain::Sex::unspecified;
    std::optional<std::string> country;
  };
  std::vector<Entry> entries_;
  std::vector<Facts> facts_;  // by person
};

}  // namespace ofpra::matching
