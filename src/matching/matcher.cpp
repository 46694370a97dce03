#include "matching/matcher.hpp"

#include "matching/normalize.hpp"
#include "matching/phonetic.hpp"
#include "matching/similarity.hpp"

#include <algorithm>
#include <functional>
#include <optional>

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

// Letters beyond the Latin blocks (Latin-1, Extended-A/B, combining marks, Latin Extended
// Additional): a name written in Arabic, Ethiopic, Cyrillic... script.
bool other_script(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    std::uint32_t cp = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    const bool latin = cp < 0x0250 || (cp >= 0x0300 && cp < 0x0370) || (cp >= 0x1E00 && cp < 0x1F00);
    if (!latin) return true;
  }
  return false;
}

bool in_other_script(const IdentityQuery& q) {
  return other_script(q.nom_naissance) || std::any_of(q.prenoms.begin(), q.prenoms.end(), other_script);
}

// with_original: also the names in the original script, folded the way a query in that
// script is: both sides through the same transliteration agree where the Latin forms OFPRA
// established may not (رضا folds to RDA, not REZA).
std::vector<NameForm> forms_of(const domain::Person& p, bool with_original = false) {
  std::vector<NameForm> out;
  const auto given = words(fold_all(p.prenoms));
  out.push_back({words(fold(p.nom_naissance)), given});
  if (p.nom_usage) out.push_back({words(fold(*p.nom_usage)), given});
  for (const auto& a : p.alias)
    out.push_back({words(fold(a.nom_naissance)), a.prenoms.empty() ? given : words(fold_all(a.prenoms))});
  if (with_original && p.ecriture_origine)
    out.push_back({words(fold(p.ecriture_origine->nom)), words(fold_all(p.ecriture_origine->prenoms))});
  return out;
}

double names_score(const NameForm& q, const NameForm& c) {
  const double straight = tokens_similarity(q.family, c.family) * tokens_similarity(q.given, c.given);
  // Family and given names swapped, whole or in part (a common error of forms).
  const double swapped = tokens_similarity(q.family, c.given) * tokens_similarity(q.given, c.family) * 0.97;
  std::vector<std::string> qa = q.family, ca = c.family;
  qa.insert(qa.end(), q.given.begin(), q.given.end());
  ca.insert(ca.end(), c.given.begin(), c.given.end());
  const double mixed = tokens_similarity(qa, ca, false) * 0.95;
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

// Scores follow how likely the agreement is if the two were different persons: a day that
// agrees is strong evidence (one chance in 365 otherwise), a year that merely does not
// contradict is weak.
double date_score(domain::PartialDate q, domain::PartialDate c) {
  q = informative(q);
  c = informative(c);
  const int dy = std::abs(q.year - c.year);
  if (dy > 1) return 0;
  if (dy == 1) return 0.2;               // a typo of the year, or a year of birth rounded
  if (!q.month || !c.month) return 0.7;  // the year agrees; one side knows no more
  if (!q.day || !c.day) return q.month == c.month ? 0.75 : 0.3;
  if (q.month == c.month && q.day == c.day) return 1;
  if (q.month == c.day && q.day == c.month) return 0.8;  // day and month swapped
  if (q.month == c.month) return 0.5;
  if (q.day == c.day) return 0.4;
  return 0.25;
}

std::uint64_t key(const std::string& skel, int year) {
  return std::hash<std::string>{}(skel)*0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(year + 10000);
}

// The blocking keys of a name form: every pair of its tokens' skeletons, in sorted order so
// that family and given names swapped give the same keys, and the joined compounds
// ("ABDUL RAHMAN" as "ABDULRAHMAN"). A pair is far more selective than a single name among a
// million persons; a form of one token gives that token alone.
template <class F>
void each_key_text(const NameForm& f, F visit) {
  std::vector<std::string> skels;
  auto add = [&](std::string skel) {
    if (!skel.empty() && std::find(skels.begin(), skels.end(), skel) == skels.end()) skels.push_back(std::move(skel));
  };
  for (const auto& t : f.family) add(skeleton(t));
  for (const auto& t : f.given) add(skeleton(t));
  std::string fam, giv;
  for (const auto& t : f.family) fam += t;
  for (const auto& t : f.given) giv += t;
  if (f.family.size() > 1) add(skeleton(fam));
  if (f.given.size() > 1) add(skeleton(giv));
  if (skels.size() == 1) visit(skels.front());
  for (std::size_t i = 0; i < skels.size(); ++i)
    for (std::size_t j = i + 1; j < skels.size(); ++j)
      visit(skels[i] < skels[j] ? skels[i] + "|" + skels[j] : skels[j] + "|" + skels[i]);
}

}  // namespace

namespace {

double country_score(const IdentityQuery& q, const std::optional<std::string>& known) {
  if (!q.code_pays_naissance || !known) return 0.5;
  return *q.code_pays_naissance == *known ? 1.0 : 0.0;
}

double sex_score(const IdentityQuery& q, domain::Sex known) {
  const bool both = q.sexe && *q.sexe != domain::Sex::unspecified && known != domain::Sex::unspecified;
  return !both ? 0.5 : (*q.sexe == known ? 1.0 : 0.0);
}

// The total, rising with every feature: with names at 1 it bounds what a candidate can reach.
double combine(const Score& s, bool other_script_query) {
  double total = 0.55 * s.names + 0.30 * s.date + 0.10 * s.country + 0.05 * s.sex;
  // Vetoes: a different sex or country of birth, when both sides know them, is another person
  // far more often than an error.
  if (s.sex == 0) total *= 0.6;
  if (s.country == 0) total *= 0.8;
  // A query in another script reaches candidates only through the Latin forms' keys, so
  // its namesake may be the only one found: a person is named from it only on a birth
  // date that agrees to the day.
  if (other_script_query && s.date < 1) total = std::min(total, accept_threshold - 0.01);
  return total;
}

}  // namespace

struct QueryScorer::Prepared {
  const IdentityQuery& q;
  NameForm asked;
  bool other_script;
};

QueryScorer::QueryScorer(const IdentityQuery& q)
    : prepared_(std::make_unique<Prepared>(
          Prepared{q, {words(fold(q.nom_naissance)), words(fold_all(q.prenoms))}, in_other_script(q)})) {}

QueryScorer::~QueryScorer() = default;

Score QueryScorer::operator()(const domain::Person& p) const {
  const auto& [q, asked, other] = *prepared_;
  Score s;
  for (const auto& form : forms_of(p, other)) s.names = std::max(s.names, names_score(asked, form));
  s.date = date_score(q.date_naissance, p.date_naissance);
  s.country = country_score(q, p.code_pays_naissance);
  s.sex = sex_score(q, p.sexe);
  s.total = combine(s, other);
  return s;
}

Score score(const IdentityQuery& q, const domain::Person& p) { return QueryScorer(q)(p); }

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
  if (facts_.size() <= person) facts_.resize(person + 1);
  facts_[person] = {p.date_naissance, p.sexe, p.code_pays_naissance};
  const int year = p.date_naissance.year;
  std::vector<std::string> seen;
  for (const auto& form : forms_of(p))
    each_key_text(form, [&](std::string text) {
      if (std::find(seen.begin(), seen.end(), text) != seen.end()) return;
      entries_.push_back({key(text, year), person});
      seen.push_back(std::move(text));
    });
}

void CandidateIndex::finish() {
  std::sort(entries_.begin(), entries_.end());
  entries_.shrink_to_fit();
}

std::optional<std::vector<Candidate>> CandidateIndex::candidates(const IdentityQuery& q, std::size_t limit) const {
  const NameForm asked{words(fold(q.nom_naissance)), words(fold_all(q.prenoms))};
  std::vector<std::string> texts;
  each_key_text(asked, [&](std::string text) {
    if (std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(std::move(text));
  });
  // Only the year asked: a year one off scores at most 0.76 (date 0.2), under the threshold
  // and too far behind any candidate that reaches it to make an ambiguity.
  std::vector<std::uint32_t> persons;
  for (const auto& text : texts) {
    auto [lo, hi] = std::equal_range(entries_.begin(), entries_.end(), Entry{key(text, q.date_naissance.year), 0});
    for (auto it = lo; it != hi; ++it) persons.push_back(it->person);
  }
  std::sort(persons.begin(), persons.end());
  const bool other = in_other_script(q);
  std::vector<Candidate> out;
  for (std::size_t i = 0; i < persons.size();) {
    const auto person = persons[i];
    std::uint32_t keys = 0;
    for (; i < persons.size() && persons[i] == person; ++i) ++keys;
    const auto& f = facts_[person];
    Score bound;
    bound.names = 1;
    bound.date = date_score(q.date_naissance, f.date);
    bound.country = country_score(q, f.country);
    bound.sex = sex_score(q, f.sex);
    const double b = combine(bound, other);
    if (b >= accept_threshold) out.push_back({person, b, keys});
  }
  // Too many to score: the caller must not pretend it looked at them all.
  if (out.size() > limit) return std::nullopt;
  // Highest bound first; among equal bounds, those sharing more name keys (likelier the
  // best names) first, so that the decision settles early.
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.bound != b.bound) return a.bound > b.bound;
    if (a.keys != b.keys) return a.keys > b.keys;
    return a.person < b.person;
  });
  return out;
}

// Country codes are five characters, held inside their strings: nothing beyond the arrays.
std::size_t CandidateIndex::memory_bytes() const {
  return entries_.capacity() * sizeof(Entry) + facts_.capacity() * sizeof(Facts);
}

}  // namespace ofpra::matching

namespace ofpra::matching {

void CandidateIndex::save(const Write& write) const {
  const std::uint64_t entries = entries_.size(), facts = facts_.size();
  write(&entries, sizeof entries);
  write(entries_.data(), entries * sizeof(Entry));
  write(&facts, sizeof facts);
  for (const auto& f : facts_) {
    const std::uint8_t fixed[6] = {static_cast<std::uint8_t>(f.date.year & 0xff),
                                   static_cast<std::uint8_t>((f.date.year >> 8) & 0xff),
                                   f.date.month,
                                   f.date.day,
                                   static_cast<std::uint8_t>(f.date.precision),
                                   static_cast<std::uint8_t>(f.sex)};
    write(fixed, sizeof fixed);
    const std::uint8_t n = f.country ? static_cast<std::uint8_t>(std::min<std::size_t>(f.country->size(), 254)) : 255;
    write(&n, 1);
    if (f.country) write(f.country->data(), n);
  }
}

bool CandidateIndex::covers(std::size_t persons) const {
  return facts_.size() == persons &&
         std::all_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.person < persons; });
}

bool CandidateIndex::load(const Read& read) {
  // The counts are read from a file that may be damaged: memory grows with what is actually
  // read, never by a count alone.
  constexpr std::uint64_t chunk = 1 << 16;
  std::uint64_t entries = 0, facts = 0;
  if (!read(&entries, sizeof entries) || entries > (1ull << 34)) return false;
  entries_.clear();
  for (std::uint64_t done = 0; done < entries;) {
    const auto n = std::min(chunk, entries - done);
    entries_.resize(done + n);
    if (!read(entries_.data() + done, n * sizeof(Entry))) return false;
    done += n;
  }
  if (!read(&facts, sizeof facts) || facts > (1ull << 32)) return false;
  facts_.clear();
  facts_.reserve(std::min(facts, chunk));
  for (std::uint64_t i = 0; i < facts; ++i) {
    std::uint8_t fixed[6], n = 0;
    if (!read(fixed, sizeof fixed) || !read(&n, 1)) return false;
    if (fixed[4] < 1 || fixed[4] > 3 || fixed[5] > 2) return false;  // a precision, a sex
    auto& f = facts_.emplace_back();
    f.date.year = static_cast<std::int16_t>(fixed[0] | (fixed[1] << 8));
    f.date.month = fixed[2];
    f.date.day = fixed[3];
    f.date.precision = static_cast<domain::DatePrecision>(fixed[4]);
    f.sex = static_cast<domain::Sex>(fixed[5]);
    if (n != 255) {
      f.country.emplace(n, '\0');
      if (!read(f.country->data(), n)) return false;
    }
  }
  return std::is_sorted(entries_.begin(), entries_.end());
}

}  // namespace ofpra::matching
