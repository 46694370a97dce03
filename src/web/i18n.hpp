#pragma once
// The portal's languages (DESIGN §2: French, English, Arabic, Dari, Pashto, Tigrinya, Russian)
// and their catalogs, compiled in from i18n/<code>.json. Texts live in the catalogs, never in
// code; a key missing from any catalog fails the tests (web_tests) before it can reach a page.
#include "http/message.hpp"

#include <boost/json/object.hpp>

#include <span>
#include <string>
#include <string_view>

namespace ofpra::web {

struct Language {
  std::string_view code;  // BCP 47, as in lang=""
  std::string_view dir;   // "ltr" or "rtl"
  std::string_view autonym;
  std::string_view icu_locale;  // Gregorian calendar forced: French documents are dated so
};

std::span<const Language> languages();
// nullptr when the code is not one of ours.
const Language* find_language(std::string_view code);

// Whom a page speaks to or of, for words that agree with a person's sex (Arabic, Pashto,
// Tigrinya, French and Russian adjectives and nouns): a catalog text may be an ICU select on
// "sexe" with the keywords "femme", "homme" and "other". Only her own pages know her: every
// other page, a verifier's included, uses the neutral "other" form, since her sex belongs to
// the identity scope.
enum class Addressee { unknown, woman, man };

// The catalog of a language, its select texts resolved for addressee: key -> text. The
// reference catalog is French.
const boost::json::object& catalog(std::string_view code, Addressee addressee = Addressee::unknown);
// The text for key; the key itself when missing (never for a released catalog: tested).
std::string text(std::string_view code, std::string_view key, Addressee addressee = Addressee::unknown);
// text with its first {name} replaced by value (a catalog text's placeholder).
std::string filled(std::string text, std::string_view name, std::string_view value);
// A page's description: the text for title_key + "_description", else the title's own text.
std::string description(std::string_view code, std::string_view title_key);
// Whether the catalog says it was machine-translated and awaits a human review.
bool machine_translated(std::string_view code);

// The visitor's language: the "langue" cookie, else the first of Accept-Language we have,
// else French.
const Language& negotiate(const http::Request& request);

}  // namespace ofpra::web
