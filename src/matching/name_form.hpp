#pragma once
// A person's names as the matcher reads them: each form (the established identity, the usage
// name, every alias, the original script) as family and given words, each word folded
// (normalize.hpp) with its phonetic keys (transliteration.hpp); particles left out, the
// abbreviations of compound names written out.
#include "domain/person.hpp"
#include "matching/identity_query.hpp"

#include <string>
#include <vector>

namespace ofpra::matching {

struct Token {
  std::string text;               // folded
  std::vector<std::string> keys;  // phonetic_keys(text)
};

struct NamePart {
  std::vector<Token> words;
  Token joined;  // every word written together, particles too (ABD EL KADER as ABDELKADER); empty for one word
  // Given names as listed, each written together (RAHMAT ULLAH as RAHMATULLAH), when one of them
  // has several words; empty otherwise.
  std::vector<Token> entries;
};

struct NameForm {
  NamePart family;
  NamePart given;
  // As written (the established identity or a usage name, an alias), or another reading of one
  // (an abbreviation written out, an article split).
  enum class Source { established, alias, reading } source = Source::established;
};

// The established form first. with_original: also the names in the original script, folded as
// a query in that script is (both sides through the same transliteration agree where the Latin
// forms OFPRA established may not).
std::vector<NameForm> forms_of(const domain::Person& p, bool with_original = false);
std::vector<NameForm> forms_of(const IdentityQuery& q);

// Whether a query is written in another script than Latin (Arabic, Ethiopic, Cyrillic...).
bool in_other_script(const IdentityQuery& q);

// Whether two words (or joined parts) are transliteration variants: a phonetic key in common.
bool share_key(const Token& a, const Token& b);

}  // namespace ofpra::matching
