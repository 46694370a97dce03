#pragma once
// A labelled set for the identity matcher: queries as administrations would type them about
// persons of a synthetic registry (other spellings, swapped names, placeholder dates,
// typos...), each with the numero_ofpra it must find, and queries about nobody registered.
// One JSON object per line, the format `match-eval` reads:
//   {"cas":"variante_prenom","identite":{...},"numero_ofpra":"100000003"}   (null: nobody)
#include "domain/person.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ofpra::synth {

// About `count` lines drawn from registry (deterministic for a seed).
std::vector<std::string> labelled_queries(const std::vector<domain::Person>& registry, std::uint64_t seed,
                                          std::size_t count);

}  // namespace ofpra::synth
