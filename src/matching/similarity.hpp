#pragma once
// Similarity of folded name tokens and of lists of them, compared in any order.
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::matching {

// Jaro-Winkler similarity in [0, 1] (1: the same).
double jaro_winkler(std::string_view a, std::string_view b);

// Two tokens: Jaro-Winkler, raised to 0.9 when their skeletons agree (a transliteration
// variant rather than another name).
double token_similarity(std::string_view a, std::string_view b);

// How well the tokens of `asked` are found among those of `known`, in any order, each token
// used once; compound names are also compared joined ("ABDUL RAHMAN" and "ABDULRAHMAN").
// 1 when both lists are empty.
double tokens_similarity(const std::vector<std::string>& asked, const std::vector<std::string>& known);

}  // namespace ofpra::matching
