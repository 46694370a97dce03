#pragma once
// The Fellegi–Sunter score of a person against a query (docs/MATCHING.md): each field's
// comparison level weighs log2(m/u) bits, u taken from the registry's term frequencies for
// names that agree; the prior is one person in the registry. A different sex, country of birth
// or birth day (both known) is a veto: another person far more often than an error.
#include "domain/person.hpp"
#include "matching/identity_query.hpp"
#include "matching/name_statistics.hpp"
#include "matching/parameters.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::matching {

// Bits of evidence, so that a decision can be explained.
struct Score {
  double names = 0;    // family and given names of the best form (straight or swapped)
  double date = 0;     // birth dates at the precision both have
  double country = 0;  // 0 when either side does not know it
  double sex = 0;      // 0 when either side does not know it
  double weight = 0;   // all of them and the prior, minus any veto
  double total = 0;    // the posterior: the probability that she is the person asked for
  bool veto = false;
  // The weight were every name of hers that differs a spelling the rules do not know, without
  // the names' veto: a candidate that comes this close to the best one keeps her from being
  // named.
  double unvetoed = 0;
};

// What a candidate is known by before her names are read.
struct Facts {
  domain::PartialDate date;
  domain::Sex sex = domain::Sex::unspecified;
  std::optional<std::string> country;
};

class QueryScorer {
 public:
  // Keeps references to query and statistics.
  QueryScorer(const IdentityQuery& query, const NameStatistics& statistics,
              const Parameters& parameters = default_parameters());
  ~QueryScorer();
  Score operator()(const domain::Person& person) const;
  // The highest weight a candidate with these facts could reach, whatever her names.
  double bound(const Facts& facts) const;
  const std::vector<NameForm>& forms() const;
  const IdentityQuery& query() const;
  const Parameters& parameters() const;

 private:
  struct Prepared;
  std::unique_ptr<Prepared> prepared_;
};

// The weight a posterior of p needs.
double weight_of(double posterior);

enum class Verdict { found, ambiguous, not_found };
struct Decision {
  Verdict verdict = Verdict::not_found;
  std::size_t best = 0;                 // index in the scores, when found
  std::vector<std::size_t> contenders;  // indexes of the candidates within the lead, when ambiguous
};
// Found: the best reaches the posterior and every other is lead_bits behind (vetoed for her
// names or not); several within the lead: ambiguous; otherwise not found.
Decision decide(const std::vector<Score>& scores, const Parameters& parameters = default_parameters());

// The comparison levels of a query against a person's best form (for training).
struct Levels {
  NameLevel family = NameLevel::different;
  NameLevel first_given = NameLevel::different;
  bool family_known = false, given_known = false;
  DateLevel date = DateLevel::other_year;
  FactLevel sex = FactLevel::unknown, country = FactLevel::unknown;
};
Levels levels_of(const IdentityQuery& query, const domain::Person& person, const NameStatistics& statistics);

}  // namespace ofpra::matching
