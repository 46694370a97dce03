#include "matching/transliteration.hpp"

#include "matching/data_files.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>
#include <unordered_map>

namespace ofpra::matching {
namespace {

constexpr std::size_t max_keys = 4;

struct Rule {
  std::string from;         // letters consumed
  bool at_start = false;    // ^
  bool at_end = false;      // $
  std::string followed_by;  // [..]: one of these letters must follow
  std::vector<std::string> to;
};

struct Rules {
  std::array<std::vector<Rule>, 128> by_first;  // longest first
  std::vector<std::string> particles;
  std::map<std::string, std::vector<std::string>, std::less<>> abbreviations;
  std::string error;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

bool letters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

Rules parse(std::string_view text) {
  Rules r;
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string w; fields >> w;) f.push_back(w);
    if (f.empty()) continue;
    const auto bad = [&](const char* why) {
      r.error = "transliteration.rules line " + std::to_string(number) + ": " + why;
      return r;
    };
    if (f[0] == "particle") {
      for (std::size_t i = 1; i < f.size(); ++i) {
        if (!letters(f[i])) return bad("a particle is upper-case letters");
        r.particles.push_back(f[i]);
      }
      continue;
    }
    if (f[0] == "abbreviation") {
      if (f.size() != 3 || f[1].size() != 1 || !letters(f[1])) return bad("abbreviation LETTER EXPANSION[|...]");
      auto expansions = split(f[2], '|');
      if (!std::all_of(expansions.begin(), expansions.end(), letters)) return bad("an expansion is letters");
      r.abbreviations[f[1]] = std::move(expansions);
      continue;
    }
    if (f.size() != 2) return bad("a rule is FROM TO[|TO...]");
    Rule rule;
    std::string from = f[0];
    if (from.front() == '^') {
      rule.at_start = true;
      from.erase(0, 1);
    }
    if (auto open = from.find('['); open != std::string::npos) {
      if (from.back() != ']') return bad("[...] closes the pattern");
      rule.followed_by = from.substr(open + 1, from.size() - open - 2);
      from.erase(open);
      if (!letters(rule.followed_by)) return bad("[...] holds letters");
    }
    if (!from.empty() && from.back() == '$') {
      rule.at_end = true;
      from.pop_back();
    }
    if (!letters(from)) return bad("FROM is upper-case letters, with ^, $ or [...]");
    rule.from = from;
    for (auto& to : split(f[1], '|')) {
      if (to == "_")
        to.clear();
      else if (!letters(to))
        return bad("TO is letters or _");
      rule.to.push_back(to);
    }
    r.by_first[static_cast<unsigned char>(from.front())].push_back(std::move(rule));
  }
  for (auto& rules : r.by_first)
    std::stable_sort(rules.begin(), rules.end(),
                     [](const Rule& a, const Rule& b) { return a.from.size() > b.from.size(); });
  return r;
}

const Rules& rules() {
  static const Rules r = [] {
    for (const auto& f : data::embedded_files())
      if (f.name == "transliteration.rules") return parse(f.content);
    Rules none;
    none.error = "transliteration.rules is not embedded";
    return none;
  }();
  return r;
}

const Rule* rule_at(const Rules& r, std::string_view word, std::size_t i) {
  const auto c = static_cast<unsigned char>(word[i]);
  if (c >= 128) return nullptr;
  for (const auto& rule : r.by_first[c]) {
    if (rule.at_start && i != 0) continue;
    if (word.substr(i, rule.from.size()) != rule.from) continue;
    const std::size_t end = i + rule.from.size();
    if (rule.at_end && end != word.size()) continue;
    if (!rule.followed_by.empty() && (end >= word.size() || rule.followed_by.find(word[end]) == std::string::npos))
      continue;
    return &rule;
  }
  return nullptr;
}

}  // namespace

namespace {

std::vector<std::string> keys_of(std::string_view word) {
  const auto& r = rules();
  std::vector<std::string> keys{std::string()};
  for (std::size_t i = 0; i < word.size();) {
    const Rule* rule = rule_at(r, word, i);
    if (!rule) {
      for (auto& k : keys) k += word[i];
      ++i;
      continue;
    }
    // Readings multiply; past max_keys, only the first reading of what follows is kept.
    const std::size_t readings = keys.size() * rule->to.size() <= max_keys ? rule->to.size() : 1;
    std::vector<std::string> next;
    next.reserve(keys.size() * readings);
    for (const auto& k : keys)
      for (std::size_t t = 0; t < readings; ++t) next.push_back(k + rule->to[t]);
    keys = std::move(next);
    i += rule->from.size();
  }
  for (auto& k : keys) k.erase(std::unique(k.begin(), k.end()), k.end());
  std::vector<std::string> out;
  for (auto& k : keys)
    if (!k.empty() && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(std::move(k));
  return out;
}

// Names repeat (a registry of a million persons holds some tens of thousands of words): each
// thread remembers the keys it made, up to a bound.
constexpr std::size_t remembered_words = 1 << 17;

}  // namespace

std::vector<std::string> phonetic_keys(std::string_view word) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  const std::string w(word);
  if (auto it = memo.find(w); it != memo.end()) return it->second;
  if (memo.size() >= remembered_words) memo.clear();
  return memo.emplace(w, keys_of(word)).first->second;
}

bool is_particle(std::string_view word) {
  const auto& p = rules().particles;
  return std::find(p.begin(), p.end(), word) != p.end();
}

const std::vector<std::string>& abbreviation_of(std::string_view word) {
  static const std::vector<std::string> none;
  const auto& a = rules().abbreviations;
  const auto it = a.find(word);
  return it == a.end() ? none : it->second;
}

const std::string& rules_error() { return rules().error; }

}  // namespace ofpra::matching
