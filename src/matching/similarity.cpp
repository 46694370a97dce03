#include "matching/similarity.hpp"

#include "matching/phonetic.hpp"

#include <algorithm>
#include <array>

namespace ofpra::matching {

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1;
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 1;
  // Names are short; longer inputs are compared on their first 64 characters.
  a = a.substr(0, 64);
  b = b.substr(0, 64);
  const std::size_t window = std::max<std::size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  std::array<bool, 64> used_a{}, used_b{};
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(b.size(), i + window + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (used_b[j] || a[i] != b[j]) continue;
      used_a[i] = used_b[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!used_a[i]) continue;
    while (!used_b[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2) / m) /
                      3;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1 - jaro);
}

double token_similarity(std::string_view a, std::string_view b) {
  const double jw = jaro_winkler(a, b);
  // Spellings of one name stay above 0.6 (OLEKSANDR / ALEXANDRE 0.76); below it, another
  // name: no need to compare skeletons.
  if (jw >= 0.9 || jw < 0.6) return jw;
  const auto sa = skeleton(a);
  return sa.size() >= 2 && sa == skeleton(b) ? 0.9 : jw;
}

namespace {

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += t;
  return out;
}

// Greedy assignment, best pairs first: with names of a few tokens it finds the best pairing.
double assigned(const std::vector<std::string>& asked, const std::vector<std::string>& known) {
  struct Pair {
    double s;
    std::size_t i, j;
  };
  std::vector<Pair> pairs;
  pairs.reserve(asked.size() * known.size());
  for (std::size_t i = 0; i < asked.size(); ++i)
    for (std::size_t j = 0; j < known.size(); ++j) pairs.push_back({token_similarity(asked[i], known[j]), i, j});
  std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return x.s > y.s; });
  std::vector<bool> done_a(asked.size()), done_k(known.size());
  double sum = 0;
  for (const auto& p : pairs) {
    if (done_a[p.i] || done_k[p.j]) continue;
    done_a[p.i] = done_k[p.j] = true;
    sum += p.s;
  }
  // Mostly: is what was asked there? A little: is what is known all asked? (A missing second
  // given name is common; an extra one asked is suspect.)
  const double asked_cover = sum / static_cast<double>(asked.size());
  const double known_cover = sum / static_cast<double>(known.size());
  return 0.8 * asked_cover + 0.2 * known_cover;
}

}  // namespace

double tokens_similarity(const std::vector<std::string>& asked, const std::vector<std::string>& known, bool compounds) {
  if (asked.empty() && known.empty()) return 1;
  if (asked.empty() || known.empty()) return 0.7;  // one side has no given name: weak evidence
  const double by_token = assigned(asked, known);
  if (!compounds || (asked.size() == 1 && known.size() == 1)) return by_token;
  return std::max(by_token, token_similarity(joined(asked), joined(known)));
}

}  // namespace ofpra::matching
