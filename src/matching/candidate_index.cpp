#include "matching/candidate_index.hpp"

#include "matching/data_files.hpp"

#include <unicode/uversion.h>

#include <algorithm>
#include <string>

namespace ofpra::matching {
namespace {

// Blocking reads at most two readings of a word: more would multiply the pairs.
constexpr std::size_t blocking_readings = 2;

std::uint64_t key(const std::string& text, int year) {
  return std::hash<std::string>{}(text)*0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(year + 10000);
}

// The blocking keys of a name form: every pair of its words' keys, in sorted order so that
// family and given names swapped give the same keys, with the joined compounds ("ABDUL RAHMAN"
// as "ABDULRAHMAN"). A pair is far more selective than a single name among a million persons;
// a form of one word gives that word alone. extra: more keys a word may have (the variants the
// registry's aliases taught), for a query.
template <class F>
void each_key_text(const NameForm& f, F visit, const NameStatistics* extra = nullptr) {
  std::vector<std::vector<std::string>> words;
  auto add = [&](const Token& t) {
    if (t.keys.empty()) return;
    std::vector<std::string> readings(
        t.keys.begin(), t.keys.begin() + static_cast<std::ptrdiff_t>(std::min(t.keys.size(), blocking_readings)));
    if (extra)
      for (const auto& k : t.keys)
        for (const auto& v : extra->learned_variants(k))
          if (std::find(readings.begin(), readings.end(), v) == readings.end()) readings.push_back(v);
    for (const auto& w : words)
      if (w == readings) return;
    words.push_back(std::move(readings));
  };
  for (const auto* part : {&f.family, &f.given}) {
    for (const auto& t : part->words) add(t);
    if (!part->joined.text.empty()) add(part->joined);
  }
  if (words.size() == 1)
    for (const auto& k : words.front()) visit(k);
  for (std::size_t i = 0; i < words.size(); ++i)
    for (std::size_t j = i + 1; j < words.size(); ++j)
      for (const auto& a : words[i])
        for (const auto& b : words[j])
          if (a != b) visit(a < b ? a + "|" + b : b + "|" + a);
}

// The family name alone (whole, in its first readings): a second chance for a query whose
// pairs meet none of hers (a given name transliterated from another script, or mistyped).
template <class F>
void each_family_key_text(const NameForm& f, F visit) {
  const Token* whole = !f.family.joined.text.empty() ? &f.family.joined
                       : f.family.words.empty()      ? nullptr
                                                     : &f.family.words.front();
  if (!whole) return;
  for (std::size_t i = 0; i < std::min(whole->keys.size(), blocking_readings); ++i) visit("@" + whole->keys[i]);
}

// What the keys and the statistics were made with: the rules, the parameters, ICU's
// transliterations. An index saved by another version is refused, never read with stale keys.
std::uint64_t fingerprint() {
  std::uint64_t h = 1469598103934665603ull;
  const auto add = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  for (const auto& f : data::embedded_files()) {
    add(f.name);
    add(f.content);
  }
  add(U_ICU_VERSION);
  return h;
}

}  // namespace

void CandidateIndex::add(std::uint32_t person, const domain::Person& p) {
  if (facts_.size() <= person) facts_.resize(person + 1);
  facts_[person] = {p.date_naissance, p.sexe, p.code_pays_naissance};
  const auto forms = forms_of(p);
  statistics_.add(forms);
  const int year = p.date_naissance.year;
  std::vector<std::uint64_t> seen;
  const auto keep = [&](const std::string& text) { seen.push_back(key(text, year)); };
  for (const auto& form : forms) {
    each_key_text(form, keep);
    each_family_key_text(form, keep);
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (auto k : seen) entries_.push_back({k, person});
}

void CandidateIndex::finish() {
  std::sort(entries_.begin(), entries_.end());
  entries_.shrink_to_fit();
  statistics_.finish();
}

std::optional<std::vector<Candidate>> CandidateIndex::candidates(const QueryScorer& scorer, std::size_t limit) const {
  const int year = scorer.query().date_naissance.year;  // only the year asked: a year off is a veto
  // A candidate that cannot be named may still be a contender of one who is: kept down to the
  // lead under the posterior asked.
  const double needed = weight_of(scorer.parameters().accept_posterior) - scorer.parameters().lead_bits;
  const auto gather = [&](const auto& each) {
    std::vector<std::uint64_t> keys;
    for (const auto& form : scorer.forms())
      each(form, [&](const std::string& text) { keys.push_back(key(text, year)); });
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<std::uint32_t> persons;
    for (auto k : keys) {
      auto [lo, hi] = std::equal_range(entries_.begin(), entries_.end(), Entry{k, 0});
      for (auto it = lo; it != hi; ++it) persons.push_back(it->person);
    }
    std::sort(persons.begin(), persons.end());
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < persons.size();) {
      const auto person = persons[i];
      std::uint32_t shared = 0;
      for (; i < persons.size() && persons[i] == person; ++i) ++shared;
      const double b = scorer.bound(facts_[person]);
      if (b >= needed) out.push_back({person, b, shared});
    }
    return out;
  };
  auto out = gather([&](const NameForm& f, const auto& visit) { each_key_text(f, visit, &statistics_); });
  if (out.empty()) out = gather([](const NameForm& f, const auto& visit) { each_family_key_text(f, visit); });
  // Too many to score: the caller must not pretend it looked at them all.
  if (out.size() > limit) return std::nullopt;
  // Highest bound first; among equal bounds, those sharing more name keys (likelier the best
  // names) first, so that the decision settles early.
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.bound != b.bound) return a.bound > b.bound;
    if (a.keys != b.keys) return a.keys > b.keys;
    return a.person < b.person;
  });
  return out;
}

// Country codes are five characters, held inside their strings: nothing beyond the arrays.
std::size_t CandidateIndex::memory_bytes() const {
  return entries_.capacity() * sizeof(Entry) + facts_.capacity() * sizeof(Facts) + statistics_.memory_bytes();
}

void CandidateIndex::save(const Write& write) const {
  const std::uint64_t made_with = fingerprint();
  write(&made_with, sizeof made_with);
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
  statistics_.save(write);
}

bool CandidateIndex::covers(std::size_t persons) const {
  return facts_.size() == persons &&
         std::all_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.person < persons; });
}

bool CandidateIndex::load(const Read& read) {
  // The counts are read from a file that may be damaged: memory grows with what is actually
  // read, never by a count alone.
  constexpr std::uint64_t chunk = 1 << 16;
  std::uint64_t made_with = 0, entries = 0, facts = 0;
  if (!read(&made_with, sizeof made_with) || made_with != fingerprint()) return false;
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
  return std::is_sorted(entries_.begin(), entries_.end()) && statistics_.load(read);
}

}  // namespace ofpra::matching
