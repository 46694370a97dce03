// The catalogs: every language has every key, every key a page uses exists, and dates and
// numbers take each locale's form.
#include "web/i18n.hpp"
#include "domain/consent.hpp"
#include "domain/share_code.hpp"
#include "domain/vocabulary.hpp"
#include "web/locale_format.hpp"
#include "web/portal.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace ofpra;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> keys_of(std::string_view lang) {
  std::set<std::string> out;
  for (const auto& [k, v] : web::catalog(lang)) out.insert(std::string(k));
  return out;
}

// Keys built from codes at run time (web/labels.cpp and the pages that call it).
std::set<std::string> generated_keys() {
  std::set<std::string> out;
  auto add = [&](std::string kind, std::string_view code) {
    std::string key = kind + "_" + std::string(code);
    for (auto& ch : key)
      if (ch == '.') ch = '_';
    out.insert(key);
  };
  using namespace domain;
  for (auto v : {ProtectionType::refugee, ProtectionType::subsidiary, ProtectionType::stateless})
    add("protection_type", to_string(v));
  for (auto v : {EndReason::cessation, EndReason::renunciation, EndReason::withdrawal, EndReason::naturalisation,
                 EndReason::death})
    add("end_reason", to_string(v));
  for (auto v : {FileStage::awaiting_ffr, FileStage::ffr_received, FileStage::instruction, FileStage::acts_established})
    add("stage", to_string(v));
  for (auto v : {FamilyLink::spouse, FamilyLink::child, FamilyLink::parent}) add("link", to_string(v));
  for (auto v : {Sex::male, Sex::female, Sex::unspecified}) add("sex", to_string(v));
  for (auto s : all_scopes) add("scope", to_string(s));
  using T = AdministrationType;
  for (auto v : {T::transport, T::education, T::caf, T::health_insurance, T::france_travail, T::prefecture,
                 T::local_authority, T::social_landlord, T::other}) {
    add("admin_type", to_string(v));
    add("admin_type_all", to_string(v));
  }
  for (auto l : {ShareLevel::protection, ShareLevel::protection_civil_status, ShareLevel::full_civil_status}) {
    add("level", to_string(l));
    add("level_hint", to_string(l));
  }
  for (auto s : {ShareCodeState::active, ShareCodeState::revoked, ShareCodeState::expired, ShareCodeState::blocked})
    add("code_state", to_string(s));
  for (auto s : {ConsentState::active, ConsentState::revoked, ConsentState::expired, ConsentState::not_yet_valid})
    add("consent_state", to_string(s));
  for (auto r : {"trouve", "non_trouve", "ambigu", "refus"}) add("result", r);
  for (auto n : {"situation", "codes", "consentements", "historique"}) add("nav", n);
  for (auto m : {"activation", "reinitialisation", "compte_existant"}) {
    out.insert("message_" + std::string(m) + "_subject");
    out.insert("message_" + std::string(m) + "_body");
  }
  return out;
}

}  // namespace

TEST(Catalogs, EveryLanguageHasExactlyTheFrenchKeysAndNoEmptyText) {
  const auto reference = keys_of("fr");
  ASSERT_GT(reference.size(), 200u);
  for (const auto& l : web::languages()) {
    const auto keys = keys_of(l.code);
    std::vector<std::string> missing, extra;
    std::set_difference(reference.begin(), reference.end(), keys.begin(), keys.end(), std::back_inserter(missing));
    std::set_difference(keys.begin(), keys.end(), reference.begin(), reference.end(), std::back_inserter(extra));
    EXPECT_TRUE(missing.empty()) << l.code << " misses " << (missing.empty() ? "" : missing.front());
    EXPECT_TRUE(extra.empty()) << l.code << " has unknown " << (extra.empty() ? "" : extra.front());
    for (const auto& [k, v] : web::catalog(l.code)) {
      ASSERT_TRUE(v.is_string()) << l.code << " " << k;
      // Only the notice of a translation that is not machine-made may be empty.
      if (k != "machine_translation_notice" || web::machine_translated(l.code)) {
        EXPECT_FALSE(v.get_string().empty()) << l.code << " " << k;
      }
    }
    if (l.code != "fr") {
      EXPECT_TRUE(web::machine_translated(l.code)) << l.code << " must be marked for review";
    }
  }
}

// Issue 25, item 10: words agree with her sex on her own pages, and are neutral on every other.
TEST(Catalogs, WordsAgreeWithHerSexOnlyWhereHerPagesKnowIt) {
  using web::Addressee;
  EXPECT_EQ(web::text("fr", "answer_protected", Addressee::woman), "Protégée");
  EXPECT_EQ(web::text("fr", "answer_protected", Addressee::man), "Protégé");
  EXPECT_EQ(web::text("fr", "answer_protected"), "Protégé(e)");
  EXPECT_EQ(web::text("ar", "answer_protected", Addressee::woman), "محمية");
  EXPECT_EQ(web::text("ar", "protection_type_refugie", Addressee::woman), "لاجئة");
  EXPECT_EQ(web::text("ar", "protection_type_refugie"), "صفة اللاجئ");
  EXPECT_EQ(web::text("fr", "level_hint_protection", Addressee::woman),
            "Je suis protégée : type de protection et date.");
  // Every select text of every catalog resolves in all three forms, leaving no syntax behind.
  for (const auto& l : web::languages())
    for (auto a : {Addressee::unknown, Addressee::woman, Addressee::man})
      for (const auto& [k, v] : web::catalog(l.code, a))
        EXPECT_EQ(std::string_view(v.get_string()).find("{sexe"), std::string_view::npos) << l.code << " " << k;
}

TEST(Catalogs, EveryKeyThePagesUseExists) {
  const auto known = keys_of("fr");
  std::set<std::string> used = generated_keys();
  const std::filesystem::path web_dir = std::filesystem::path(OFPRA_SOURCE_DIR) / "src" / "web";
  const std::regex in_template(R"(\{\{[#^/]?t\.([a-z0-9_]+)\}\})");
  const std::regex in_code(R"(\bt\(\"([a-z0-9_]+)\"\)|\"([a-z_]+_(?:title|text|heading))\")");
  for (const auto& e : std::filesystem::recursive_directory_iterator(web_dir)) {
    const auto ext = e.path().extension();
    if (ext != ".mustache" && ext != ".cpp") continue;
    const auto text = read(e.path());
    const auto& re = ext == ".mustache" ? in_template : in_code;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
      for (std::size_t g = 1; g < it->size(); ++g)
        if ((*it)[g].matched) used.insert((*it)[g].str());
  }
  ASSERT_GT(used.size(), 150u);
  for (const auto& k : used) EXPECT_TRUE(known.count(k)) << "no text for " << k;
}

TEST(Catalogs, MessagesCarryTheCodeAndWhenItWasAsked) {
  for (const auto& l : web::languages()) {
    for (auto m : {"activation", "reinitialisation"})
      EXPECT_NE(web::text(l.code, "message_" + std::string(m) + "_body").find("{code}"), std::string::npos)
          << l.code << " " << m;
    for (auto m : {"activation", "reinitialisation", "compte_existant"})
      EXPECT_NE(web::text(l.code, "message_" + std::string(m) + "_body").find("{demande}"), std::string::npos)
          << l.code << " " << m;
    EXPECT_NE(web::text(l.code, "message_requested_at").find("{heure}"), std::string::npos) << l.code;
  }
}

TEST(Catalogs, AMessageSaysInHerLanguageWhenTheCodeWasAsked) {
  domain::Contact contact;
  const service::CodeMessage message{"activation", "12345678", "2026-12-07T09:30:00Z"};
  const auto fr = web::compose_code_message(message, contact, "fr");
  EXPECT_NE(fr.body.find("12345678"), std::string::npos);
  EXPECT_NE(fr.body.find("demandé le 7 décembre 2026 à 10:30 (heure de Paris)"), std::string::npos) << fr.body;
  EXPECT_EQ(fr.body.find('{'), std::string::npos);  // no placeholder left
  contact.langue = "ar";                            // her language, whatever the page's
  const auto ar = web::compose_code_message(message, contact, "fr");
  EXPECT_NE(ar.body.find("باريس"), std::string::npos);
  EXPECT_NE(ar.body.find("٢٠٢٦"), std::string::npos);
  EXPECT_EQ(ar.body.find('{'), std::string::npos);
}

TEST(LocaleFormat, DatesKeepTheirPrecisionInEachLocale) {
  auto d = [](const char* t) { return *domain::PartialDate::parse(t); };
  EXPECT_EQ(web::format_date("fr", d("1990-05-17")), "17 mai 1990");
  EXPECT_EQ(web::format_date("fr", d("1990-05")), "mai 1990");
  EXPECT_EQ(web::format_date("fr", d("1990-01-01")), "1er janvier 1990");  // issue 25, item 10
  EXPECT_EQ(web::format_date("fr", d("1990-01-11")), "11 janvier 1990");
  EXPECT_EQ(web::format_date("en", d("1990-01-01")), "1 January 1990");
  EXPECT_EQ(web::format_date("fr", d("1990")), "1990");
  EXPECT_EQ(web::format_date("en", d("1990-05-17")), "17 May 1990");
  EXPECT_EQ(web::format_date("ru", d("1990-05-17")), "17 мая 1990\u202Fг.");
  // Arabic and Dari in their own digits, and the Gregorian calendar for every language.
  EXPECT_NE(web::format_date("ar", d("1990-05-17")).find("١٩٩٠"), std::string::npos);
  EXPECT_NE(web::format_date("fa-AF", d("1990-05-17")).find("۱۹۹۰"), std::string::npos);
  EXPECT_NE(web::format_date("ti", d("1990-05-17")).find("1990"), std::string::npos);
}

TEST(LocaleFormat, TimesAreShownInParisAndNumbersGrouped) {
  EXPECT_EQ(web::format_time("fr", "2026-12-01T10:28:42.123Z"), "1er décembre 2026 à 11:28");
  EXPECT_EQ(web::format_time("fr", "2026-07-01T10:28:42.123Z"), "1er juillet 2026 à 12:28");
  EXPECT_EQ(web::format_time("fr", "garbage"), "garbage");
  EXPECT_EQ(web::format_number("fr", 1234567), "1\u202F234\u202F567");
  EXPECT_EQ(web::format_number("en", 1234567), "1,234,567");
}

TEST(Languages, NegotiationPrefersTheCookieThenAcceptLanguage) {
  http::Request r;
  EXPECT_EQ(web::negotiate(r).code, "fr");
  r.headers = {{"accept-language", "de-DE,ar-MA;q=0.8,fr;q=0.5"}};
  EXPECT_EQ(web::negotiate(r).code, "ar");
  r.headers = {{"accept-language", "fa-IR"}};
  EXPECT_EQ(web::negotiate(r).code, "fa-AF");
  EXPECT_EQ(web::negotiate(r).dir, "rtl");
  r.headers = {{"accept-language", "ps"}, {"cookie", "a=1; langue=ti"}};
  EXPECT_EQ(web::negotiate(r).code, "ti");
  r.headers = {{"cookie", "langue=xx"}};
  EXPECT_EQ(web::negotiate(r).code, "fr");
}
