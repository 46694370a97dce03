#pragma once
// Similarity of folded name words.
#include <string_view>

namespace ofpra::matching {

// Jaro-Winkler similarity in [0, 1] (1: the same).
double jaro_winkler(std::string_view a, std::string_view b);

}  // namespace ofpra::matching
