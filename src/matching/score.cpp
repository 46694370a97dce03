#include "matching/score.hpp"

#include "matching/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace ofpra::matching {
namespace {

// Two spellings this close are one name mistyped more often than two names.
constexpr double close_similarity = 0.88;
// A veto weighs more than any evidence names can bring.
constexpr double veto_bits = 60;

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

// u for an agreement: how many persons carry the name, whatever its spelling (the share of
// its phonetic keys). The spelling's own share would make an alias that happens to be written
// as the query outweigh the same name written otherwise: the agent's spelling says little
// about which of two namesakes she is.
Compared compare_words(const Token& q, const Token& c, const NameStatistics& s, bool family) {
  const auto text_share = family ? &NameStatistics::family_share : &NameStatistics::given_share;
  const auto key_share = family ? &NameStatistics::family_key_share : &NameStatistics::given_key_share;
  const auto name_share = [&] {
    // She carries the name: one person at least.
    return std::max({max_share(q.keys, key_share, s), max_share(c.keys, key_share, s), (s.*text_share)(c.text),
                     s.persons() ? 1.0 / static_cast<double>(s.persons()) : 0});
  };
  if (q.text == c.text) return {NameLevel::exact, name_share()};
  if (share_key(q, c) || s.learned_equivalent(q, c)) return {NameLevel::equivalent, name_share()};
  // Close: a typing error, which keeps the first letter and about the length (IBRAHIM is not
  // RAHIM, ABDINASSIR not ABDI).
  const auto shorter = std::min(q.text.size(), c.text.size()), longer = std::max(q.text.size(), c.text.size());
  if (!q.text.empty() && !c.text.empty() && q.text[0] == c.text[0] && 4 * shorter >= 3 * longer &&
      jaro_winkler(q.text, c.text) >= close_similarity)
    return {NameLevel::close, 0};
  return {NameLevel::different, 0};
}

// The candidates of one query share most of their names (hundreds of MOHAMMADI): each pair of
// words is compared once per query.
using Memo = std::unordered_map<std::string, Compared>;

Compared compare(const Token& q, const Token& c, const NameStatistics& s, bool family, Memo* memo) {
  if (!memo) return compare_words(q, c, s, family);
  std::string key;
  key.reserve(q.text.size() + c.text.size() + 2);
  key.append(q.text).push_back(family ? '|' : '/');
  key.append(c.text);
  if (auto it = memo->find(key); it != memo->end()) return it->second;
  return memo->emplace(std::move(key), compare_words(q, c, s, family)).first->second;
}

// A name close to hers but not one of its spellings (KRAVCHENKO, TKACHENKO) is at best no
// evidence: it may be a typing error, or another name.
double level_bits(const std::array<Probabilities, name_levels>& levels, const Compared& c) {
  const double b = bits_of(levels[static_cast<std::size_t>(c.level)], c.u);
  return c.level == NameLevel::close ? std::min(b, 0.0) : b;
}

const Token& whole(const NamePart& part) { return part.joined.text.empty() ? part.words.front() : part.joined; }

struct PartResult {
  double bits = 0;
  NameLevel level = NameLevel::different;  // of the whole part (family) or of its first word (given)
  // Names on both sides that are not hers: the family name, or one of the given names asked
  // against one of hers.
  bool disagrees = false;
  // The bits if every name that differs were a spelling the rules do not know (weighing
  // extra_word_bits): how close a vetoed candidate comes.
  double lenient = 0;
};

PartResult family_part(const NamePart& q, const NamePart& c, const NameStatistics& s, const Parameters& p, Memo* memo) {
  if (q.words.empty()) return {0, NameLevel::different, false, 0};
  if (c.words.empty()) return {bits_of(p.family[3]), NameLevel::different, false, p.extra_word_bits};
  const auto joined = compare(whole(q), whole(c), s, true, memo);
  PartResult best{level_bits(p.family, joined), joined.level};
  best.disagrees = joined.level == NameLevel::different;
  best.lenient = best.disagrees ? p.extra_word_bits : best.bits;
  if (q.joined.text.empty() && c.joined.text.empty() && q.words.size() == 1 && c.words.size() == 1) return best;
  // Word by word: the asked words among hers (she may carry one more, AHMADI NOORI; a form may
  // ask one more, family and given names swapped).
  std::vector<bool> used(c.words.size());
  double sum = 0;
  std::size_t found_words = 0;
  NameLevel worst = NameLevel::exact;
  for (const auto& w : q.words) {
    std::size_t pick = c.words.size();
    Compared found;
    for (std::size_t j = 0; j < c.words.size(); ++j) {
      if (used[j]) continue;
      const auto x = compare(w, c.words[j], s, true, memo);
      if (pick == c.words.size() || x.level < found.level) pick = j, found = x;
    }
    if (pick == c.words.size() || found.level > NameLevel::equivalent) {
      sum += p.extra_word_bits;
      continue;
    }
    used[pick] = true;
    ++found_words;
    sum += level_bits(p.family, found);
    worst = std::max(worst, found.level);
  }
  if (found_words > 0 && sum > best.bits) best = {sum, worst, false, sum};
  return best;
}

// Each asked given name against hers, best pairs first, each used once.
PartResult assign(const std::vector<Token>& q, const std::vector<Token>& c, const NameStatistics& s,
                  const Parameters& p, Memo* memo) {
  struct Pair {
    double bits;
    std::size_t i, j;
    NameLevel level;
  };
  std::vector<Pair> pairs;
  pairs.reserve(q.size() * c.size());
  for (std::size_t i = 0; i < q.size(); ++i)
    for (std::size_t j = 0; j < c.size(); ++j) {
      const auto x = compare(q[i], c[j], s, false, memo);
      pairs.push_back({level_bits(p.given, x), i, j, x.level});
    }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.bits > b.bits; });
  std::vector<bool> asked(q.size()), known(c.size());
  PartResult r{0, NameLevel::different, false};
  std::size_t assigned = 0;
  for (const auto& x : pairs) {
    if (asked[x.i] || known[x.j]) continue;
    asked[x.i] = known[x.j] = true;
    r.bits += x.bits;
    r.lenient += x.level == NameLevel::different ? p.extra_word_bits : x.bits;
    if (x.i == 0) r.level = x.level;
    if (x.level == NameLevel::different) r.disagrees = true;
    ++assigned;
  }
  // A given name asked beyond those of hers is weak evidence against (an extra one asked is
  // suspect, but a form may hold only some of her names); those she carries that were not
  // asked say nothing (the first one only is common).
  r.bits += static_cast<double>(q.size() - assigned) * p.extra_word_bits;
  r.lenient += static_cast<double>(q.size() - assigned) * p.extra_word_bits;
  return r;
}

// The better of two readings of a part, one that does not disagree first.
bool better_part(const PartResult& a, const PartResult& b) {
  return a.disagrees != b.disagrees ? !a.disagrees : a.bits > b.bits;
}

PartResult given_part(const NamePart& q, const NamePart& c, const NameStatistics& s, const Parameters& p, Memo* memo) {
  // No given name asked, or none known (some people have none): no evidence either way.
  if (q.words.empty() || c.words.empty()) return {0, NameLevel::different, false, 0};
  auto r = assign(q.words, c.words, s, p, memo);
  // Compound given names written together or apart, as listed (RAHMAT ULLAH, RAHMATOULLAH).
  if (!q.entries.empty() || !c.entries.empty()) {
    const auto e = assign(q.entries.empty() ? q.words : q.entries, c.entries.empty() ? c.words : c.entries, s, p, memo);
    // As listed when that reading agrees: splitting RAHMAT ULLAH in two would count it twice.
    if (!e.disagrees || better_part(e, r)) r = e;
  }
  // All of them written together or apart (ABDUL RAHMAN, ABDULRAHMAN, ABD AL RAHMAN).
  if (q.words.size() != c.words.size() || r.disagrees) {
    const auto joined = compare(whole(q), whole(c), s, false, memo);
    if (joined.level <= NameLevel::equivalent) {
      const double b = level_bits(p.given, joined);
      const PartResult j{b, joined.level, false, b};
      if (better_part(j, r)) r = j;
    }
  }
  return r;
}

struct NamesResult {
  double bits = -1e9;
  Levels levels;
  // Another family name, or a given name asked against another of hers: another person (a
  // sibling, a twin) far more often than an error.
  bool family_differs = false, given_differs = false;
  double lenient = -1e9;  // the best reading's bits were every differing name unknown (PartResult)
  bool veto(bool other_script) const { return family_differs || (given_differs && !other_script); }
};

// The better of two readings, one that is not vetoed first.
bool better(const NamesResult& r, const NamesResult& than, bool other_script) {
  return r.veto(other_script) != than.veto(other_script) ? !r.veto(other_script) : r.bits > than.bits;
}

NamesResult names_of(const NameForm& q, const NameForm& c, const NameStatistics& s, const Parameters& p,
                     bool other_script = false, Memo* memo = nullptr) {
  const auto f = family_part(q.family, c.family, s, p, memo);
  const auto g = given_part(q.given, c.given, s, p, memo);
  NamesResult r;
  r.bits = f.bits + g.bits;
  r.family_differs = f.disagrees;
  r.given_differs = g.disagrees;
  r.lenient = f.lenient + g.lenient;
  r.levels.family = f.level;
  r.levels.first_given = g.level;
  r.levels.family_known = !q.family.words.empty() && !c.family.words.empty();
  r.levels.given_known = !q.given.words.empty() && !c.given.words.empty();
  // Family and given names swapped, a common error of forms.
  const auto sf = family_part(q.given, c.family, s, p, memo);
  const auto sg = given_part(q.family, c.given, s, p, memo);
  NamesResult swapped = r;
  swapped.bits = sf.bits + sg.bits + p.swapped_names_bits;
  swapped.family_differs = sf.disagrees;
  swapped.given_differs = sg.disagrees;
  swapped.lenient = sf.lenient + sg.lenient + p.swapped_names_bits;
  const double lenient = std::max(r.lenient, swapped.lenient);
  auto out = better(swapped, r, other_script) ? swapped : r;
  out.lenient = lenient;
  return out;
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
  mutable Memo memo;  // a scorer serves one query on one thread
  double prior;       // log2 of one person in the registry
  double names_max;   // the most bits any person's names could bring
};

namespace {

// The most one word can weigh, as a family (or given) name: an agreement's u is never under the
// share of persons whose name has one of its keys (compare), a close one weighs nothing.
double word_max(const Token& w, const NameStatistics& s, bool family, const Parameters& p) {
  const auto& levels = family ? p.family : p.given;
  if (!s.persons()) return std::max({0.0, bits_of(levels[0]), bits_of(levels[1])});
  const auto key_share = family ? &NameStatistics::family_key_share : &NameStatistics::given_key_share;
  const double u = std::max({max_share(w.keys, key_share, s), 1.0 / static_cast<double>(s.persons())});
  return std::max({0.0, bits_of(levels[0], u), bits_of(levels[1], u)});
}

// The most a part can weigh: its words one by one, as listed, or joined.
double part_max(const NamePart& part, const NameStatistics& s, bool family, const Parameters& p) {
  double words = 0, entries = 0;
  for (const auto& w : part.words) words += word_max(w, s, family, p);
  for (const auto& e : part.entries) entries += word_max(e, s, family, p);
  const double joined = part.joined.text.empty() ? 0 : word_max(part.joined, s, family, p);
  return std::max({words, entries, joined});
}

}  // namespace

QueryScorer::QueryScorer(const IdentityQuery& q, const NameStatistics& s, const Parameters& p)
    : prepared_(
          std::make_unique<Prepared>(Prepared{q,
                                              s,
                                              p,
                                              forms_of(q),
                                              in_other_script(q),
                                              {},
                                              -std::log2(static_cast<double>(std::max<std::size_t>(s.persons(), 1))),
                                              0})) {
  auto& pr = *prepared_;
  for (const auto& f : pr.forms) {
    const double straight = part_max(f.family, s, true, p) + part_max(f.given, s, false, p);
    const double swapped = part_max(f.given, s, true, p) + part_max(f.family, s, false, p) + p.swapped_names_bits;
    pr.names_max = std::max({pr.names_max, straight, swapped});
  }
}

QueryScorer::~QueryScorer() = default;

const std::vector<NameForm>& QueryScorer::forms() const { return prepared_->forms; }
const IdentityQuery& QueryScorer::query() const { return prepared_->query; }
const Parameters& QueryScorer::parameters() const { return prepared_->parameters; }

double QueryScorer::bound(const Facts& f) const {
  const auto& pr = *prepared_;
  const auto s = facts_score(pr.query, f, pr.parameters);
  const double names = pr.names_max;
  const double b = names + s.date + s.sex + s.country + pr.prior - (s.veto ? veto_bits : 0);
  // The cap of a query in another script (operator()), known before her names are read.
  if (pr.other_script && date_level(pr.query.date_naissance, f.date) != DateLevel::day)
    return std::min(b, weight_of(pr.parameters.accept_posterior) - 0.01);
  return b;
}

Score QueryScorer::operator()(const domain::Person& person) const {
  const auto& pr = *prepared_;
  auto s = facts_score(pr.query, {person.date_naissance, person.sexe, person.code_pays_naissance}, pr.parameters);
  // A given name transliterated by ICU from another script often meets none of hers (رضا is
  // RDA, not REZA): there a disagreement is evidence, not a veto; the day must agree instead.
  NamesResult names;
  names.family_differs = true;
  double lenient = -1e9;
  for (const auto& c : forms_of(person, pr.other_script))
    for (const auto& q : pr.forms) {
      const auto r = names_of(q, c, pr.statistics, pr.parameters, pr.other_script, &pr.memo);
      lenient = std::max(lenient, r.lenient);
      if (better(r, names, pr.other_script)) names = r;
    }
  s.names = names.bits;
  s.unvetoed = lenient + s.date + s.sex + s.country + pr.prior - (s.veto ? veto_bits : 0);
  s.veto = s.veto || names.veto(pr.other_script);
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
    if (std::max(scores[i].weight, scores[i].unvetoed) > scores[best].weight - p.lead_bits) d.contenders.push_back(i);
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
  const auto asked = forms_of(q);
  for (const auto& c : forms_of(person))
    for (const auto& f : asked) {
      if (const auto r = names_of(f, c, s, p); r.bits > best_bits) best_bits = r.bits, best = r.levels;
    }
  best.date = date_level(q.date_naissance, person.date_naissance);
  best.sex = sex_level(q, person.sexe);
  best.country = country_level(q, person.code_pays_naissance);
  return best;
}

}  // namespace ofpra::matching
