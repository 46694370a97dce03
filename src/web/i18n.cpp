#include "web/i18n.hpp"

#include "http/cookies.hpp"
#include "web/catalogs.hpp"

#include <unicode/msgfmt.h>
#include <boost/json.hpp>

#include <array>
#include <map>
#include <mutex>

namespace ofpra::web {
namespace {

namespace json = boost::json;

constexpr std::array<Language, 7> all{{
    {"fr", "ltr", "Français", "fr_FR@calendar=gregorian"},
    {"en", "ltr", "English", "en_GB@calendar=gregorian"},
    {"ar", "rtl", "العربية", "ar@calendar=gregorian"},
    {"fa-AF", "rtl", "دری", "fa_AF@calendar=gregorian"},
    {"ps", "rtl", "پښتو", "ps_AF@calendar=gregorian"},
    {"ti", "ltr", "ትግርኛ", "ti_ER@calendar=gregorian"},
    {"ru", "ltr", "Русский", "ru_RU@calendar=gregorian"},
}};

struct Loaded {
  json::object texts;
  bool machine = false;
};

const std::map<std::string, Loaded, std::less<>>& loaded() {
  static const auto catalogs = [] {
    std::map<std::string, Loaded, std::less<>> out;
    for (const auto& f : catalogs::embedded_files()) {
      auto name = std::string(f.name);
      if (!name.ends_with(".json")) continue;
      boost::system::error_code ec;
      auto v = json::parse(f.content, ec);
      if (ec || !v.is_object()) continue;  // caught by the catalog test
      Loaded l;
      if (const auto* t = v.get_object().if_contains("texts"); t && t->is_object()) l.texts = t->get_object();
      if (const auto* m = v.get_object().if_contains("_meta"); m && m->is_object())
        if (const auto* mt = m->get_object().if_contains("machine_translation"); mt && mt->is_bool())
          l.machine = mt->get_bool();
      out.emplace(name.substr(0, name.size() - 5), std::move(l));
    }
    return out;
  }();
  return catalogs;
}

// A select text in the form for addressee; the text unchanged when ICU cannot read it (the
// catalog test makes sure it always can).
std::string resolved(std::string_view text, const icu::Locale& locale, Addressee addressee) {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessageFormat format(icu::UnicodeString::fromUTF8(text), locale, status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString names[] = {"sexe"};
  const icu::Formattable values[] = {addressee == Addressee::woman ? "femme"
                                     : addressee == Addressee::man ? "homme"
                                                                   : "other"};
  icu::UnicodeString out;
  format.format(names, values, 1, out, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// Every catalog for every addressee, resolved once.
const std::map<std::pair<std::string, Addressee>, json::object, std::less<>>& resolved_catalogs() {
  static const auto catalogs = [] {
    std::map<std::pair<std::string, Addressee>, json::object, std::less<>> out;
    for (const auto& [code, l] : loaded()) {
      const auto* language = find_language(code);
      const icu::Locale locale(language ? std::string(language->icu_locale).c_str() : "fr");
      for (auto a : {Addressee::unknown, Addressee::woman, Addressee::man}) {
        auto texts = l.texts;
        for (auto& [key, value] : texts)
          if (value.is_string() &&
              std::string_view(value.get_string()).find("{sexe, select,") != std::string_view::npos)
            value = json::string(resolved(value.get_string(), locale, a));
        out.emplace(std::pair(code, a), std::move(texts));
      }
    }
    return out;
  }();
  return catalogs;
}

}  // namespace

std::span<const Language> languages() { return all; }

const Language* find_language(std::string_view code) {
  for (const auto& l : all)
    if (l.code == code) return &l;
  return nullptr;
}

const json::object& catalog(std::string_view code, Addressee addressee) {
  static const json::object empty;
  const auto& c = resolved_catalogs();
  auto it = c.find(std::pair(std::string(code), addressee));
  return it == c.end() ? empty : it->second;
}

std::string text(std::string_view code, std::string_view key, Addressee addressee) {
  const auto* v = catalog(code, addressee).if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string(key);
}

std::string filled(std::string text, std::string_view name, std::string_view value) {
  if (const auto at = text.find(name); at != std::string::npos) text.replace(at, name.size(), value);
  return text;
}

std::string description(std::string_view code, std::string_view title_key) {
  const auto key = std::string(title_key) + "_description";
  const auto* v = catalog(code).if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : text(code, title_key);
}

bool machine_translated(std::string_view code) {
  const auto& c = loaded();
  auto it = c.find(code);
  return it != c.end() && it->second.machine;
}

const Language& negotiate(const http::Request& request) {
  if (const auto* chosen = find_language(http::cookie(request, "langue"))) return *chosen;
  // Accept-Language: "ar-MA,ar;q=0.9,fr;q=0.8". Quality values are taken in the order given,
  // which is how browsers send them.
  std::string_view rest = request.header("accept-language");
  while (!rest.empty()) {
    const auto end = rest.find(',');
    auto item = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    item = item.substr(0, item.find(';'));
    std::string tag(item);
    for (auto& ch : tag) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const auto& l : all) {
      std::string code(l.code);
      for (auto& ch : code) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (tag == code) return l;
    }
    // Dari is Persian as spoken in Afghanistan: a browser asking "fa" reads it best.
    if (tag == "prs" || tag.starts_with("fa")) return all[3];
    const auto primary = tag.substr(0, tag.find('-'));
    for (const auto& l : all)
      if (l.code == primary) return l;
  }
  return all[0];
}

}  // namespace ofpra::web
