#include "matching/name_form.hpp"

#include "matching/normalize.hpp"
#include "matching/transliteration.hpp"

#include <algorithm>
#include <cstdint>

namespace ofpra::matching {
namespace {

std::vector<std::string> words_of(const std::string& folded) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < folded.size();) {
    auto end = folded.find(' ', pos);
    if (end == std::string::npos) end = folded.size();
    if (end > pos) out.push_back(folded.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

Token token(std::string text) {
  Token t{std::move(text), {}};
  t.keys = phonetic_keys(t.text);
  return t;
}

NamePart part(const std::vector<std::string>& words) {
  NamePart p;
  for (const auto& w : words)
    if (!is_particle(w) || words.size() == 1) p.words.push_back(token(w));
  // Joined with its particles: ABD EL-KADER is ABDELKADER, AL HASSAN is ALHASSAN.
  if (words.size() > 1) {
    std::string joined;
    for (const auto& w : words) joined += w;
    p.joined = token(std::move(joined));
  }
  return p;
}

// G MEDHIN (from G/MEDHIN) is also GEBREMEDHIN: the words with the first abbreviation letter
// written out, one variant per expansion; ALNAJAR is also AL NAJAR: the first word that starts
// with the article before a consonant, four letters at least left, split from it (not ALIREZA).
std::vector<std::vector<std::string>> expanded(const std::vector<std::string>& words) {
  std::vector<std::vector<std::string>> out{words};
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    const auto article = w.substr(0, 2);
    if (w.size() < 6 || (article != "AL" && article != "EL" && article != "UL") ||
        std::string_view("AEIOUY").find(w[2]) != std::string_view::npos)
      continue;
    auto split = words;
    split[i] = w.substr(2);
    split.insert(split.begin() + static_cast<std::ptrdiff_t>(i), w.substr(0, 2));
    out.push_back(std::move(split));
    break;
  }
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const auto& expansions = abbreviation_of(words[i]);
    if (expansions.empty()) continue;
    for (const auto& e : expansions) {
      auto w = words;
      w[i] = e + w[i + 1];
      w.erase(w.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      out.push_back(std::move(w));
    }
    break;
  }
  return out;
}

std::vector<Token> entries_of(const std::vector<std::string>& given) {
  std::vector<Token> out;
  bool compound = false;
  for (const auto& g : given) {
    auto words = words_of(fold(g));
    compound = compound || words.size() > 1;
    std::string joined;
    for (const auto& w : words) joined += w;
    if (!joined.empty()) out.push_back(token(std::move(joined)));
  }
  return compound ? out : std::vector<Token>{};
}

void add_forms(std::vector<NameForm>& out, const std::string& family, const std::vector<std::string>& given,
               bool alias) {
  const auto families = expanded(words_of(fold(family)));
  const auto givens = expanded(words_of(fold_all(given)));
  const auto entries = entries_of(given);
  for (const auto& f : families)
    for (const auto& g : givens) {
      out.push_back({part(f), part(g)});
      out.back().given.entries = entries;
      out.back().source = &f == &families.front() && &g == &givens.front()
                              ? (alias ? NameForm::Source::alias : NameForm::Source::established)
                              : NameForm::Source::reading;
    }
}

// Letters beyond the Latin blocks (Latin-1, Extended-A/B, combining marks, Latin Extended
// Additional).
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

}  // namespace

std::vector<NameForm> forms_of(const domain::Person& p, bool with_original) {
  std::vector<NameForm> out;
  add_forms(out, p.nom_naissance, p.prenoms, false);
  if (p.nom_usage) add_forms(out, *p.nom_usage, p.prenoms, false);
  for (const auto& a : p.alias) add_forms(out, a.nom_naissance, a.prenoms.empty() ? p.prenoms : a.prenoms, true);
  if (with_original && p.ecriture_origine) add_forms(out, p.ecriture_origine->nom, p.ecriture_origine->prenoms, false);
  return out;
}

std::vector<NameForm> forms_of(const IdentityQuery& q) {
  std::vector<NameForm> out;
  add_forms(out, q.nom_naissance, q.prenoms, false);
  return out;
}

bool in_other_script(const IdentityQuery& q) {
  return other_script(q.nom_naissance) || std::any_of(q.prenoms.begin(), q.prenoms.end(), other_script);
}

bool share_key(const Token& a, const Token& b) {
  for (const auto& x : a.keys)
    for (const auto& y : b.keys)
      if (x == y) return true;
  return false;
}

}  // namespace ofpra::matching
