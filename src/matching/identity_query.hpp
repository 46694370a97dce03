#pragma once
// The identity an administration holds, as asked ("identite" of a verification, DESIGN §5).
#include "domain/partial_date.hpp"
#include "domain/vocabulary.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ofpra::matching {

struct IdentityQuery {
  std::string nom_naissance;
  std::vector<std::string> prenoms;
  domain::PartialDate date_naissance;
  std::optional<std::string> code_pays_naissance;
  std::optional<domain::Sex> sexe;
};

}  // namespace ofpra::matching
