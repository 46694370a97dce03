#pragma once
// An administration that asks OFPRA about a person (DESIGN §3).
#include "domain/vocabulary.hpp"

#include <string>
#include <string_view>

namespace ofpra::domain {

struct Partner {
  std::string siret;  // 14 digits, Luhn-checked
  std::string name;
  AdministrationType type = AdministrationType::other;
};

// 14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments excepted, as INSEE does).
bool is_siret(std::string_view s);

}  // namespace ofpra::domain
