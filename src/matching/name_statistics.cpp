#include "matching/name_statistics.hpp"

#include "matching/similarity.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace ofpra::matching {
namespace {

// A pair of spellings learned from aliases counts once at least this many persons show it:
// one alias may be another name altogether (a former married name), several are a pattern.
constexpr std::uint32_t votes_needed = 3;
// Spellings of one name stay this close, and about as long; otherwise an alias is another name
// (ABDUL for ABDURRAHMAN is a part of it, not a spelling).
constexpr double spelling_similarity = 0.85;
constexpr std::size_t length_difference = 2;
constexpr std::size_t max_variants = 8;

template <class Set>
void count_once(Set& seen, NameStatistics::Counts& counts, const std::string& s) {
  if (!s.empty() && seen.insert(s).second) ++counts[s];
}

void vote(NameStatistics::Counts& votes, std::set<std::string>& seen, const Token& a, const Token& b) {
  if (a.text == b.text || a.keys.empty() || b.keys.empty() || share_key(a, b)) return;
  if (jaro_winkler(a.text, b.text) < spelling_similarity) return;
  if (a.text.size() > b.text.size() + length_difference || b.text.size() > a.text.size() + length_difference) return;
  const auto& x = a.keys.front();
  const auto& y = b.keys.front();
  auto pair = x < y ? x + "|" + y : y + "|" + x;
  if (seen.insert(pair).second) ++votes[pair];
}

}  // namespace

void NameStatistics::add(const std::vector<NameForm>& forms) {
  ++persons_;
  std::set<std::string> fam, fam_keys, giv, giv_keys, pairs;
  for (const auto& f : forms) {
    count_once(fam, family_, f.family.joined.text);
    for (const auto& k : f.family.joined.keys) count_once(fam_keys, family_keys_, k);
    for (const auto& w : f.family.words) {
      count_once(fam, family_, w.text);
      for (const auto& k : w.keys) count_once(fam_keys, family_keys_, k);
    }
    count_once(giv, given_, f.given.joined.text);
    for (const auto& k : f.given.joined.keys) count_once(giv_keys, given_keys_, k);
    for (const auto& w : f.given.words) {
      count_once(giv, given_, w.text);
      for (const auto& k : w.keys) count_once(giv_keys, given_keys_, k);
    }
  }
  // Aliases written like the established form, word for word: their differing words are
  // spellings of the same names.
  if (forms.empty()) return;
  const auto& established = forms.front();
  for (std::size_t i = 1; i < forms.size(); ++i) {
    const auto& alias = forms[i];
    if (alias.source != NameForm::Source::alias) continue;
    if (alias.family.words.size() == established.family.words.size())
      for (std::size_t w = 0; w < alias.family.words.size(); ++w)
        vote(pair_votes_, pairs, established.family.words[w], alias.family.words[w]);
    if (alias.given.words.size() == established.given.words.size())
      for (std::size_t w = 0; w < alias.given.words.size(); ++w)
        vote(pair_votes_, pairs, established.given.words[w], alias.given.words[w]);
  }
}

void NameStatistics::finish() {
  variants_.clear();
  learned_pairs_ = 0;
  for (const auto& [pair, votes] : pair_votes_) {
    if (votes < votes_needed) continue;
    const auto bar = pair.find('|');
    const auto a = pair.substr(0, bar), b = pair.substr(bar + 1);
    auto& va = variants_[a];
    auto& vb = variants_[b];
    if (va.size() < max_variants) va.push_back(b);
    if (vb.size() < max_variants) vb.push_back(a);
    ++learned_pairs_;
  }
  for (auto& [key, v] : variants_) std::sort(v.begin(), v.end());
}

double NameStatistics::share(const Counts& counts, std::string_view text) const {
  if (persons_ == 0) return 0;
  const auto it = counts.find(text);
  return it == counts.end() ? 0 : static_cast<double>(it->second) / static_cast<double>(persons_);
}

double NameStatistics::family_share(std::string_view t) const { return share(family_, t); }
double NameStatistics::family_key_share(std::string_view k) const { return share(family_keys_, k); }
double NameStatistics::given_share(std::string_view t) const { return share(given_, t); }
double NameStatistics::given_key_share(std::string_view k) const { return share(given_keys_, k); }

const std::vector<std::string>& NameStatistics::learned_variants(std::string_view key) const {
  static const std::vector<std::string> none;
  const auto it = variants_.find(key);
  return it == variants_.end() ? none : it->second;
}

bool NameStatistics::learned_equivalent(const Token& a, const Token& b) const {
  if (variants_.empty()) return false;
  for (const auto& x : a.keys) {
    const auto& v = learned_variants(x);
    for (const auto& y : b.keys)
      if (std::binary_search(v.begin(), v.end(), y)) return true;
  }
  return false;
}

std::size_t NameStatistics::memory_bytes() const {
  std::size_t bytes = 0;
  for (const auto* c : {&family_, &family_keys_, &given_, &given_keys_}) {
    bytes += c->bucket_count() * sizeof(void*);
    for (const auto& [k, v] : *c) bytes += sizeof(std::pair<const std::string, std::uint32_t>) + 16 + k.capacity();
  }
  return bytes;
}

namespace {

void write_counts(const NameStatistics::Write& write, const NameStatistics::Counts& counts) {
  const std::uint64_t n = counts.size();
  write(&n, sizeof n);
  for (const auto& [text, count] : counts) {
    const auto len = static_cast<std::uint16_t>(std::min<std::size_t>(text.size(), 0xffff));
    write(&len, sizeof len);
    write(text.data(), len);
    write(&count, sizeof count);
  }
}

bool read_counts(const NameStatistics::Read& read, NameStatistics::Counts& counts) {
  std::uint64_t n = 0;
  if (!read(&n, sizeof n) || n > (1ull << 32)) return false;
  counts.clear();
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint16_t len = 0;
    std::uint32_t count = 0;
    if (!read(&len, sizeof len)) return false;
    std::string text(len, '\0');
    if (!read(text.data(), len) || !read(&count, sizeof count)) return false;
    counts.emplace(std::move(text), count);
  }
  return true;
}

}  // namespace

void NameStatistics::save(const Write& write) const {
  const std::uint64_t persons = persons_;
  write(&persons, sizeof persons);
  for (const auto* c : {&family_, &family_keys_, &given_, &given_keys_, &pair_votes_}) write_counts(write, *c);
}

bool NameStatistics::load(const Read& read) {
  std::uint64_t persons = 0;
  if (!read(&persons, sizeof persons)) return false;
  persons_ = static_cast<std::size_t>(persons);
  for (auto* c : {&family_, &family_keys_, &given_, &given_keys_, &pair_votes_})
    if (!read_counts(read, *c)) return false;
  finish();
  return true;
}

}  // namespace ofpra::matching
