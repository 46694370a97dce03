#pragma once
// Name pools of the main countries of origin of protected persons in France, with the Latin
// form OFPRA establishes, the original script, and spellings seen on other documents.
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::synth {

struct NameForm {
  std::string latin;                  // as OFPRA establishes it
  std::string native;                 // original script; empty when the country writes in Latin
  std::vector<std::string> variants;  // other Latin spellings met on documents
};

enum class SurnameRule {
  family,      // children take the father's family name
  patronymic,  // children's name is the father's first given name (Eritrea, Somalia, Sudan)
};

struct CountryPool {
  std::string_view cog;     // INSEE COG code
  std::string_view name;    // for documentation and tests
  std::string_view script;  // ISO 15924, empty for Latin
  std::string_view language;
  SurnameRule rule;
  double weight;  // share of the synthetic registry
  std::vector<NameForm> male;
  std::vector<NameForm> female;
  std::vector<NameForm> surnames;
  std::vector<std::string> places;
};

const std::vector<CountryPool>& country_pools();

}  // namespace ofpra::synth
