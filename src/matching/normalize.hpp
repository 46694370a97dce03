#pragma once
// Name normalisation: any script to upper-case ASCII Latin, so that "Ahmadi", "AHMADI",
// "Aḥmadī" and "احمدی"'s transliteration meet. Words are separated by single spaces; hyphens,
// apostrophes and other punctuation separate words.
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::matching {

// UTF-8 in, upper-case ASCII words out. Invalid UTF-8 folds to what ICU makes of it (never
// throws).
std::string fold(std::string_view name);

// fold() of each name, joined with single spaces (a list of given names as one string).
std::string fold_all(const std::vector<std::string>& names);

}  // namespace ofpra::matching
