#include "matching/score.hpp"

#include "matching/similarity.hpp"

#include <algorithm>
#include <cmath>

namespace ofpra::matching {
namespace {

// Two spellings this close are one name mistyped more often than two names.
constexpr double close_similarity = 0.88;
// A veto weighs more than any evidence names can bring.
constexpr double veto_bits = 60;
constexpr double min_share = 1e-7;

struct Compared {
  NameLevel level = NameLevel::different;
  double u = 0;  // the registry's share behind an agreement; 0: the parameters' u
};

double bits_of(const Probabilities& p, double u = 0) { return std::log2(p.m / (u > 0 ? u : p.u)); }

double max_share(const std::vector<std::string>& keys, double (NameStatistics::*share)(std::string_view) const,
                 const NameStatistics& s) {
  double out = 0;
  for (const auto& k : keys) out = std::max(out, (s.*share)(k));
  return out;
}

// u for an agreement: how many persons would agree with the query by chance. Exact: those
// with her name; equivalent: those with a name of the same key that is not the asked spelling.
Compared compare(const Token& q, const Token& c, const NameStatistics& s, bool family,
                 const std::array<Probabilities, name_levels>& p) {
  const auto text_share = family ? &NameStatistics::family_share : &NameStatistics::given_share;
  const auto key_share = family ? &NameStatistics::family_key_share : &NameStatistics::given_key_share;
  if (q.text == c.text) return {NameLevel::exact, std::max((s.*text_share)(c.text), s.persons() ? min_share : 0)};
  if (share_key(q, c) || s.learned_equivalent(q, c)) {
    const double chance = max_share(q.keys, key_share, s) - (s.*text_share)(q.text);
    return {NameLevel::equivalent, std::max(chance, p[1].u)};
  }
  if (jaro_winkler(q.text, c.text) >= close_similarity) return {NameLevel::close, 0};
  return {NameLevel::different, 0};
}

const Token& whole(const NamePart& part) { return part.joined.text.empty() ? part.words.front() : part.joined; }

struct PartResult {
  double bits = 0;
  NameLevel level = NameLevel::different;  // of the whole part (family) or of its first word (given)
};

PartResult family_part(const NamePart& q, const NamePart& c, const NameStatistics& s, const Parameters& p) {
  if (q.words.empty()) return {0, NameLevel::different};
  if (c.words.empty()) return {bits_of(p.family[3]), NameLevel::different};
  const auto joined = compare(whole(q), whole(c), s, true, p.family);
  PartResult best{bits_of(p.family[static_cast<std::size_t>(joined.level)], joined.u), joined.level};
  if (q.words.size() == 1 && c.words.size() == 1) return best;
  // Word by word: every asked word among hers (she may carry one more, AHMADI NOORI).
  std::vector<bool> used(c.words.size());
  double sum = 0;
  NameLevel worst = NameLevel::exact;
  for (const auto& w : q.words) {
    std::size_t pick = c.words.size();
    Compared found;
    for (std::size_t j = 0; j < c.words.size(); ++j) {
      if (used[j]) continue;
      const auto x = compare(w, c.words[j], s, true, p.family);
      if (pick == c.words.size() || x.level < found.level) pick = j, found = x;
    }
    if (pick == c.words.size() || found.level > NameLevel::equivalent) return best;
    used[pick] = true;
    sum += bits_of(p.family[static_cast<std::size_t>(found.level)], found.u);
    worst = std::max(worst, found.level);
  }
  if (sum > best.bits) best = {sum, worst};
  return best;
}

PartResult given_part(const NamePart& q, const NamePart& c, const NameStatistics& s, const Parameters& p) {
  // No given name asked, or none known (some people have none): no evidence either way.
  if (q.words.empty() || c.words.empty()) return {0, NameLevel::different};
  struct Pair {
    double bits;
    std::size_t i, j;
    NameLevel level;
  };
  std::vector<Pair> pairs;
  pairs.reserve(q.words.size() * c.words.size());
  for (std::size_t i = 0; i < q.words.size(); ++i)
    for (std::size_t j = 0; j < c.words.size(); ++j) {
      const auto x = compare(q.words[i], c.words[j], s, false, p.given);
      pairs.push_back({bits_of(p.given[static_cast<std::size_t>(x.level)], x.u), i, j, x.level});
    }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.bits > b.bits; });
  std::vector<bool> asked(q.words.size()), known(c.words.size());
  PartResult r{0, NameLevel::different};
  std::size_t assigned = 0;
  for (const auto& x : pairs) {
    if (asked[x.i] || known[x.j]) continue;
    asked[x.i] = known[x.j] = true;
    r.bits += x.bits;
    if (x.i == 0) r.level = x.level;
    ++assigned;
  }
  // Every given name asked that she does not carry is evidence against (an extra one asked is
  // suspect); those she carries that were not asked say nothing (the first one only is common).
  r.bits += static_cast<double>(q.words.size() - assigned) * bits_of(p.given[3]);
  // Compounds written together or apart (ABDUL RAHMAN, ABDULRAHMAN).
  if (q.words.size() != c.words.size()) {
    const auto joined = compare(whole(q), whole(c), s, false, p.given);
    if (joined.level <= NameLevel::equivalent) {
      const double b = bits_of(p.given[static_cast<std::size_t>(joined.level)], joined.u);
      if (b > r.bits) r = {b, joined.level};
    }
  }
  return r;
}

struct NamesResult {
  double bits = -1e9;
  Levels levels;
};

NamesResult names_of(const NameForm& q, const NameForm& c, const NameStatistics& s, const Parameters& p) {
  const auto f = family_part(q.family, c.family, s, p);
  const auto g = given_part(q.given, c.given, s, p);
  NamesResult r;
  r.bits = f.bits + g.bits;
  r.levels.family = f.level;
  r.levels.first_given = g.level;
  r.levels.family_known = !q.family.words.empty() && !c.family.words.empty();
  r.levels.given_known = !q.given.words.empty() && !c.given.words.empty();
  // Family and given names swapped, a common error of forms.
  const double swapped =
      family_part(q.given, c.family, s, p).bits + given_part(q.family, c.given, s, p).bits + p.swapped_names_bits;
  if (swapped > r.bits) r.bits = swapped;
  return r;
}

bool first_of_january(const domain::PartialDate& d) {
  return d.precision == domain::DatePrecision::day && d.month == 1 && d.day == 1;
}

DateLevel date_level(const domain::PartialDate& q, const domain::PartialDate& c) {
  if (q.year != c.year) return DateLevel::other_year;
  if (first_of_january(q) || first_of_january(c)) return DateLevel::placeholder;
  if (!q.month || !c.month) return DateLevel::year_only;
  if (!q.day || !c.day) return q.month == c.month ? DateLevel::month : DateLevel::other_day;
  if (q.month == c.month && q.day == c.day) return DateLevel::day;
  if (q.month == c.day && q.day == c.month) return DateLevel::swapped;
  return DateLevel::other_day;
}

FactLevel country_level(const IdentityQuery& q, const std::optional<std::string>& known) {
  if (!q.code_pays_naissance || !known) return FactLevel::unknown;
  return *q.code_pays_naissance == *known ? FactLevel::agree : FactLevel::differ;
}

FactLevel sex_level(const IdentityQuery& q, domain::Sex known) {
  if (!q.sexe || *q.sexe == domain::Sex::unspecified || known == domain::Sex::unspecified) return FactLevel::unknown;
  return *q.sexe == known ? FactLevel::agree : FactLevel::differ;
}

double fact_bits(const std::array<Probabilities, fact_levels>& p, FactLevel l) {
  return l == FactLevel::unknown ? 0 : bits_of(p[static_cast<std::size_t>(l)]);
}

// What the facts weigh, with their vetoes.
Score facts_score(const IdentityQuery& q, const Facts& f, const Parameters& p) {
  Score s;
  const auto d = date_level(q.date_naissance, f.date);
  const auto sex = sex_level(q, f.sex);
  const auto country = country_level(q, f.country);
  s.date = bits_of(p.date[static_cast<std::size_t>(d)]);
  s.sex = fact_bits(p.sex, sex);
  s.country = fact_bits(p.country, country);
  s.veto = d == DateLevel::other_day || d == DateLevel::other_year || sex == FactLevel::differ ||
           country == FactLevel::differ;
  return s;
}

}  // namespace

double weight_of(double posterior) { return std::log2(posterior / (1 - posterior)); }

struct QueryScorer::Prepared {
  const IdentityQuery& query;
  const NameStatistics& statistics;
  const Parameters& parameters;
  std::vector<NameForm> forms;
  bool other_script;
  double prior;      // log2 of one person in the registry
  double names_max;  // the most bits any person's names could bring
};

namespace {

// The most one word can weigh, as a family or a given name, at any level.
double word_max(const Token& w, const NameStatistics& s, const Parameters& p) {
  const double floor = s.persons() ? 1.0 / static_cast<double>(s.persons()) : 0;
  double best = 0;
  for (const auto* levels : {&p.family, &p.given}) {
    const double share = levels == &p.family ? s.family_share(w.text) : s.given_share(w.text);
    best = std::max({best, bits_of((*levels)[0], std::max({share, floor, min_share})), bits_of((*levels)[1]),
                     bits_of((*levels)[2])});
  }
  return best;
}

}  // namespace

QueryScorer::QueryScorer(const IdentityQuery& q, const NameStatistics& s, const Parameters& p)
    : prepared_(std::make_unique<Prepared>(
          Prepared{q, s, p, forms_of(q), in_other_script(q),
                   -std::log2(static_cast<double>(std::max<std::size_t>(s.persons(), 1))), 0})) {
  auto& pr = *prepared_;
  for (const auto& f : pr.forms) {
    double sum = 0;
    for (const auto* part : {&f.family, &f.given}) {
      for (const auto& w : part->words) sum += word_max(w, s, p);
      if (!part->joined.text.empty()) sum += word_max(part->joined, s, p);
    }
    pr.names_max = std::max(pr.names_max, sum);
  }
}

QueryScorer::~QueryScorer() = default;

const std::vector<NameForm>& QueryScorer::forms() const { return prepared_->forms; }
const IdentityQuery& QueryScorer::query() const { return prepared_->query; }
const Parameters& QueryScorer::parameters() const { return prepared_->parameters; }

double QueryScorer::bound(const Facts& f) const {
  const auto& pr = *prepared_;
  const auto s = facts_score(pr.query, f, pr.parameters);
  return pr.names_max + s.date + s.sex + s.country + pr.prior - (s.veto ? veto_bits : 0);
}

Score QueryScorer::operator()(const domain::Person& person) const {
  const auto& pr = *prepared_;
  auto s = facts_score(pr.query, {person.date_naissance, person.sexe, person.code_pays_naissance}, pr.parameters);
  s.names = -1e9;
  for (const auto& c : forms_of(person, pr.other_script))
    for (const auto& q : pr.forms) s.names = std::max(s.names, names_of(q, c, pr.statistics, pr.parameters).bits);
  s.weight = s.names + s.date + s.sex + s.country + pr.prior - (s.veto ? veto_bits : 0);
  // A query in another script reaches candidates only through the Latin forms' keys, so its
  // namesake may be the only one found: a person is named from it only on a birth date that
  // agrees to the day.
  if (pr.other_script && date_level(pr.query.date_naissance, person.date_naissance) != DateLevel::day)
    s.weight = std::min(s.weight, weight_of(pr.parameters.accept_posterior) - 0.01);
  s.total = 1 / (1 + std::exp2(-s.weight));
  return s;
}

Decision decide(const std::vector<Score>& scores, const Parameters& p) {
  Decision d;
  if (scores.empty()) return d;
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i)
    if (scores[i].weight > scores[best].weight) best = i;
  if (scores[best].total < p.accept_posterior) return d;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (scores[i].weight > scores[best].weight - p.lead_bits) d.contenders.push_back(i);
  if (d.contenders.size() > 1) {
    d.verdict = Verdict::ambiguous;
    return d;
  }
  d.contenders.clear();
  d.verdict = Verdict::found;
  d.best = best;
  return d;
}

Levels levels_of(const IdentityQuery& q, const domain::Person& person, const NameStatistics& s) {
  const auto& p = default_parameters();
  Levels best;
  double best_bits = -1e18;
  for (const auto& c : forms_of(person))
    for (const auto& f : forms_of(q)) {
      const auto r = names_of(f, c, s, p);
      if (r.bits > best_bits) best_bits = r.bits, best = r.levels;
    }
  best.date = date_level(q.date_naissance, person.date_naissance);
  best.sex = sex_level(q, person.sexe);
  best.country = country_level(q, person.code_pays_naissance);
  return best;
}

}  // namespace ofpra::matching
