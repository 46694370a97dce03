// Names through normalisation, the matcher's keys and its scores. Lines of the input: the
// family name and given names asked, then those the registry holds.
#include "../fuzz_check.hpp"
#include "matching/matcher.hpp"
#include "matching/normalize.hpp"
#include "matching/similarity.hpp"
#include "matching/transliteration.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace ofpra;

namespace {

std::vector<std::string> lines_of(std::string_view input) {
  std::vector<std::string> lines;
  while (lines.size() < 4) {
    const auto end = input.find('\n');
    lines.emplace_back(input.substr(0, end));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  lines.resize(4);
  return lines;
}

bool in_unit(double x) { return x >= 0.0 && x <= 1.0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto lines = lines_of(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto folded = matching::fold(lines[0]);
  for (const char c : folded) FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ');
  FUZZ_CHECK(folded.find("  ") == std::string::npos);
  std::string_view words = folded;
  while (!words.empty()) {
    const auto end = words.find(' ');
    const auto keys = matching::phonetic_keys(words.substr(0, end));
    FUZZ_CHECK(!keys.empty() && keys.size() <= 4);
    words = end == std::string_view::npos ? std::string_view{} : words.substr(end + 1);
  }
  FUZZ_CHECK(in_unit(matching::jaro_winkler(lines[0], lines[2])));

  matching::IdentityQuery query;
  query.nom_naissance = lines[0];
  query.prenoms = {lines[1]};
  query.date_naissance = domain::PartialDate::parse("1990-05-17").value();
  domain::Person person;
  person.numero_ofpra = "123456789";
  person.nom_naissance = lines[2];
  person.prenoms = {lines[3]};
  person.date_naissance = query.date_naissance;
  matching::CandidateIndex index;
  index.add(0, person);
  index.finish();
  const matching::QueryScorer scorer(query, index.statistics());
  const auto score = scorer(person);
  FUZZ_CHECK(std::isfinite(score.weight) && in_unit(score.total));
  FUZZ_CHECK(score.weight <= scorer.bound({person.date_naissance, person.sexe, person.code_pays_naissance}) + 1e-9);
  if (const auto found = index.candidates(scorer))
    for (const auto& candidate : *found) FUZZ_CHECK(candidate.person == 0);
  return 0;
}
