#pragma once
// A consonant skeleton of a folded name token, made to agree across the Latin spellings the
// same Arabic, Persian, Pashto, Tigrinya or Russian name gets on documents: MOHAMMAD,
// MUHAMMAD, MOHAMED and MOUHAMED give the same skeleton, so do ALEKSANDR, ALEXANDRE and
// OLEKSANDR, or ABDELKADER and ABDULQADIR. It is a blocking key, not a verdict: the scoring
// compares the spellings themselves.
#include <string>
#include <string_view>

namespace ofpra::matching {

// token: one word of fold() (upper-case ASCII letters and digits).
std::string skeleton(std::string_view token);

}  // namespace ofpra::matching
