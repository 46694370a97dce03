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
// used once; with compounds, they are also compared joined ("ABDUL RAHMAN" and
// "ABDULRAHMAN"), which is right within one kind of name only (joining a family name to
// given names lets a shared family name hide different given names). 1 when both are empty.
double tokens_similarity(const std::vector<std::string>& asked, const std::vector<std::string>& known,
                         bool compounds = true);

}  // namespace ofpra::matching
