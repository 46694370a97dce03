#pragma once
// Transliteration knowledge as data (src/matching/data/transliteration.rules): the phonetic
// keys that make the Latin spellings one Arabic, Persian, Pashto, Tigrinya, Somali or Russian
// name gets on documents meet (MOHAMMAD, MUHAMMAD, MOHAMED, MAXAMED; ALEKSANDR, ALEXANDRE;
// QASIM, GASIM; CABDI, ABDI), the particles that may be left out of a name, and the
// abbreviations of compound names. A key is evidence for the scoring, not a verdict.
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::matching {

// The keys of one word of fold() (upper-case ASCII): one per reading of its ambiguous letters,
// at most four, the first from every rule's first reading. Two words are transliteration
// variants of each other when they have a key in common. Empty for an empty word.
std::vector<std::string> phonetic_keys(std::string_view word);

// An article or particle that a name may carry or not (AL, EL, UL...).
bool is_particle(std::string_view word);

// What an abbreviation letter of a compound name stands for (G → GEBRE); empty when the word
// is not one.
const std::vector<std::string>& abbreviation_of(std::string_view word);

// The rules as parsed, for tests: empty when the embedded file is valid, else what is wrong
// with it (then phonetic_keys uses no rule).
const std::string& rules_error();

}  // namespace ofpra::matching
