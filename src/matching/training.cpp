#include "matching/training.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace ofpra::matching {
namespace {

// Each field's level of a pair, or none when the field says nothing (one side unknown).
struct Observed {
  std::optional<std::size_t> family, given, sex, country;
  std::size_t date;
};

Observed observed(const Levels& l) {
  Observed o;
  if (l.family_known) o.family = static_cast<std::size_t>(l.family);
  if (l.given_known) o.given = static_cast<std::size_t>(l.first_given);
  if (l.sex != FactLevel::unknown) o.sex = static_cast<std::size_t>(l.sex);
  if (l.country != FactLevel::unknown) o.country = static_cast<std::size_t>(l.country);
  o.date = static_cast<std::size_t>(l.date);
  return o;
}

template <std::size_t N>
struct Tally {
  std::array<double, N> n{};
  void add(const std::optional<std::size_t>& level, double w) {
    if (level) n[*level] += w;
  }
  // Frequencies with half a pair added to every level.
  void into(std::array<Probabilities, N>& out, bool m) const {
    double total = 0;
    for (double x : n) total += x + 0.5;
    for (std::size_t i = 0; i < N; ++i) (m ? out[i].m : out[i].u) = (n[i] + 0.5) / total;
  }
};

struct Tallies {
  Tally<name_levels> family, given;
  Tally<date_levels> date;
  Tally<fact_levels> sex, country;
  void add(const Observed& o, double w) {
    family.add(o.family, w);
    given.add(o.given, w);
    date.add(o.date, w);
    sex.add(o.sex, w);
    country.add(o.country, w);
  }
  void into(Parameters& p, bool m) const {
    family.into(p.family, m);
    given.into(p.given, m);
    date.into(p.date, m);
    sex.into(p.sex, m);
    country.into(p.country, m);
  }
};

template <std::size_t N>
double bits(const std::array<Probabilities, N>& p, const std::optional<std::size_t>& level) {
  return level ? std::log2(p[*level].m / p[*level].u) : 0;
}

template <std::size_t N>
void seed(Tally<N>& t, const std::array<Probabilities, N>& p, double pairs) {
  for (std::size_t i = 0; i < N; ++i) t.n[i] += p[i].m * pairs;
}

}  // namespace

Parameters estimate_u(const std::vector<Levels>& random_pairs, Parameters p) {
  Tallies t;
  for (const auto& l : random_pairs) t.add(observed(l), 1);
  t.into(p, false);
  return p;
}

EmResult estimate_m(const std::vector<std::vector<Levels>>& candidates, std::size_t persons, Parameters p,
                    int max_iterations, double prior_pairs) {
  std::vector<std::vector<Observed>> pairs;
  for (const auto& c : candidates) {
    auto& out = pairs.emplace_back();
    for (const auto& l : c) out.push_back(observed(l));
  }
  const double prior = -std::log2(static_cast<double>(std::max<std::size_t>(persons, 1)));
  EmResult r;
  double share = 0.5;
  for (r.iterations = 1; r.iterations <= max_iterations; ++r.iterations) {
    Tallies t;
    seed(t.family, p.family, prior_pairs);
    seed(t.given, p.given, prior_pairs);
    seed(t.date, p.date, prior_pairs);
    seed(t.sex, p.sex, prior_pairs);
    seed(t.country, p.country, prior_pairs);
    double matched = 0;
    for (const auto& query : pairs) {
      // P(candidate c is the one) ∝ share · 2^weight(c); P(none of them) ∝ 1 − share.
      std::vector<double> w;
      double top = -1e300;
      for (const auto& o : query) {
        w.push_back(prior + bits(p.family, o.family) + bits(p.given, o.given) +
                    std::log2(p.date[o.date].m / p.date[o.date].u) + bits(p.sex, o.sex) + bits(p.country, o.country));
        top = std::max(top, w.back());
      }
      top = std::max(top, 0.0);
      double denominator = (1 - share) * std::exp2(-top);
      for (double x : w) denominator += share * std::exp2(x - top);
      for (std::size_t c = 0; c < query.size(); ++c) {
        const double posterior = share * std::exp2(w[c] - top) / denominator;
        t.add(query[c], posterior);
        matched += posterior;
      }
    }
    const auto before = p;
    t.into(p, true);
    share = std::clamp(pairs.empty() ? 0.5 : matched / static_cast<double>(pairs.size()), 0.01, 0.99);
    double moved = 0;
    for (std::size_t i = 0; i < name_levels; ++i)
      moved =
          std::max({moved, std::abs(p.family[i].m - before.family[i].m), std::abs(p.given[i].m - before.given[i].m)});
    for (std::size_t i = 0; i < date_levels; ++i) moved = std::max(moved, std::abs(p.date[i].m - before.date[i].m));
    if (moved < 1e-5) break;
  }
  r.iterations = std::min(r.iterations, max_iterations);
  r.match_share = share;
  r.parameters = p;
  return r;
}

}  // namespace ofpra::matching
