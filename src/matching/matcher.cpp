#include "matching/matcher.hpp"

#include "matching/normalize.hpp"
#include "matching/phonetic.hpp"
#include "matching/similarity.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace ofpra::matching {
namespace {

std::vector<std::string> words(const std::string& folded) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < folded.size();) {
    auto end = folded.find(' ', pos);
    if (end == std::string::npos) end = folded.size();
    if (end > pos) out.push_back(folded.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

struct NameForm {
  std::vector<std::string> family;
  std::vector<std::string> given;
};

std::vector<NameForm> forms_of(const domain::Person& p) {
  std::vector<NameForm> out;
  const auto given = words(fold_all(p.prenoms));
  out.push_back({words(fold(p.nom_naissance)), given});
  if (p.nom_usage) out.push_back({words(fold(*p.nom_usage)), given});
  for (const auto& a : p.alias)
    out.push_back({words(fold(a.nom_naissance)), a.prenoms.empty() ? given : words(fold_all(a.prenoms))});
  return out;
}

double names_score(const NameForm& q, const NameForm& c) {
  const double straight = tokens_similarity(q.family, c.family) * tokens_similarity(q.given, c.given);
  // Family and given names swapped, whole or in part (a common error of forms).
  const double swapped = tokens_similarity(q.family, c.given) * tokens_similarity(q.given, c.family) * 0.97;
  std::vector<std::string> qa = q.family, ca = c.family;
  qa.insert(qa.end(), q.given.begin(), q.given.end());
  ca.insert(ca.end(), c.given.begin(), c.given.end());
  const double mixed = tokens_similarity(qa, ca) * 0.95;
  return std::max({straight, swapped, mixed});
}

// 1 January is how an unknown day and month are often written: then only the year says
// anything.
domain::PartialDate informative(domain::PartialDate d) {
  if (d.precision == domain::DatePrecision::day && d.month == 1 && d.day == 1) {
    d.precision = domain::DatePrecision::year;
    d.month = d.day = 0;
  }
  return d;
}

double date_score(domain::PartialDate q, domain::PartialDate c) {
  q = informative(q);
  c = informative(c);
  const int dy = std::abs(q.year - c.year);
  if (dy > 1) return 0;
  if (dy == 1) return 0.35;               // a typo of the year, or a year of birth rounded
  if (!q.month || !c.month) return 0.85;  // the year agrees; one side knows no more
  if (!q.day || !c.day) return q.month == c.month ? 0.9 : 0.4;
  if (q.month == c.month && q.day == c.day) return 1;
  if (q.month == c.day && q.day == c.month) return 0.8;  // day and month swapped
  if (q.month == c.month) return 0.55;
  if (q.day == c.day) return 0.45;
  return 0.3;
}

std::uint64_t key(const std::string& skel, int year) {
  return std::hash<std::string>{}(skel)*0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(year + 10000);
}

// The blocking keys of a name form: each token's skeleton, and the joined family and given
// names (compounds written as one word or several).
template <class F>
void each_skeleton(const NameForm& f, F visit) {
  std::string fam, giv;
  for (const auto& t : f.family) {
    visit(skeleton(t));
    fam += t;
  }
  for (const auto& t : f.given) {
    visit(skeleton(t));
    giv += t;
  }
  if (f.family.size() > 1) visit(skeleton(fam));
  if (f.given.size() > 1) visit(skeleton(giv));
}

}  // namespace

Score score(const IdentityQuery& q, const domain::Person& p) {
  Score s;
  const NameForm asked{words(fold(q.nom_naissance)), words(fold_all(q.prenoms))};
  for (const auto& form : forms_of(p)) s.names = std::max(s.names, names_score(asked, form));
  s.date = date_score(q.date_naissance, p.date_naissance);
  s.country = (!q.code_pays_naissance || !p.code_pays_naissance) ? 0.5
              : *q.code_pays_naissance == *p.code_pays_naissance ? 1.0
                                                                 : 0.0;
  const bool sex_known = q.sexe && *q.sexe != domain::Sex::unspecified && p.sexe != domain::Sex::unspecified;
  s.sex = !sex_known ? 0.5 : (*q.sexe == p.sexe ? 1.0 : 0.0);
  s.total = 0.55 * s.names + 0.30 * s.date + 0.10 * s.country + 0.05 * s.sex;
  // Vetoes: a different sex or country of birth, when both sides know them, is another person
  // far more often than an error.
  if (s.sex == 0) s.total *= 0.6;
  if (s.country == 0) s.total *= 0.8;
  return s;
}

Decision decide(const std::vector<Score>& scores) {
  Decision d;
  if (scores.empty()) return d;
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i)
    if (scores[i].total > scores[best].total) best = i;
  if (scores[best].total < accept_threshold) return d;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (scores[i].total >= scores[best].total - ambiguity_margin) d.contenders.push_back(i);
  if (d.contenders.size() > 1) {
    d.verdict = Verdict::ambiguous;
    return d;
  }
  d.contenders.clear();
  d.verdict = Verdict::found;
  d.best = best;
  return d;
}

void CandidateIndex::add(std::uint32_t person, const domain::Person& p) {
  const int year = p.date_naissance.year;
  std::vector<std::string> seen;
  for (const auto& form : forms_of(p))
    each_skeleton(form, [&](std::string skel) {
      if (skel.empty() || std::find(seen.begin(), seen.end(), skel) != seen.end()) return;
      entries_.push_back({key(skel, year), person});
      seen.push_back(std::move(skel));
    });
}

void CandidateIndex::finish() {
  std::sort(entries_.begin(), entries_.end());
  entries_.shrink_to_fit();
}

std::vector<std::uint32_t> CandidateIndex::candidates(const IdentityQuery& q, std::size_t limit) const {
  const NameForm asked{words(fold(q.nom_naissance)), words(fold_all(q.prenoms))};
  std::vector<std::string> skeletons;
  each_skeleton(asked, [&](std::string skel) {
    if (!skel.empty() && std::find(skeletons.begin(), skeletons.end(), skel) == skeletons.end())
      skeletons.push_back(std::move(skel));
  });
  std::unordered_map<std::uint32_t, int> hits;
  for (const auto& skel : skeletons)
    for (int year = q.date_naissance.year - 1; year <= q.date_naissance.year + 1; ++year) {
      auto [lo, hi] = std::equal_range(entries_.begin(), entries_.end(), Entry{key(skel, year), 0});
      for (auto it = lo; it != hi; ++it) ++hits[it->person];
    }
  std::vector<std::pair<int, std::uint32_t>> ranked;
  ranked.reserve(hits.size());
  for (const auto& [person, n] : hits) ranked.emplace_back(n, person);
  // Most shared keys first; ties in person order, so that the result does not depend on the
  // hash map.
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) out.push_back(ranked[i].second);
  return out;
}

std::size_t CandidateIndex::memory_bytes() const { return entries_.capacity() * sizeof(Entry); }

}  // namespace ofpra::matching
