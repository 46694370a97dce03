#include "web/locale_format.hpp"

#include "web/i18n.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/listformatter.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <cstdio>
#include <memory>

namespace ofpra::web {
namespace {

icu::Locale locale_of(std::string_view lang) {
  const auto* l = find_language(lang);
  return icu::Locale(std::string(l ? l->icu_locale : "fr_FR@calendar=gregorian").c_str());
}

UDate to_udate(int year, unsigned month, unsigned day, int hour = 12, int minute = 0, int second = 0) {
  const auto days = domain::days_from_civil(year, month, day);
  return static_cast<UDate>(((days * 24 + hour) * 60 + minute) * 60 + second) * 1000.0;
}

std::string with_skeleton(std::string_view lang, const char* skeleton, UDate when, const char* zone) {
  UErrorCode status = U_ZERO_ERROR;
  const auto locale = locale_of(lang);
  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(locale, status));
  if (U_FAILURE(status)) return {};
  const auto pattern = generator->getBestPattern(icu::UnicodeString(skeleton), status);
  if (U_FAILURE(status)) return {};
  icu::SimpleDateFormat format(pattern, locale, status);
  if (U_FAILURE(status)) return {};
  format.adoptTimeZone(icu::TimeZone::createTimeZone(zone));
  icu::UnicodeString out;
  format.format(when, out);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// French writes the first of the month as an ordinal: "1er janvier" (ICU writes "1 janvier").
std::string first_of_month(std::string_view lang, std::string text) {
  if (lang == "fr" && text.starts_with("1 ")) text.insert(1, "er");
  return text;
}

}  // namespace

std::string format_date(std::string_view lang, const domain::PartialDate& d) {
  switch (d.precision) {
    case domain::DatePrecision::year:
      return with_skeleton(lang, "y", to_udate(d.year, 7, 1), "UTC");
    case domain::DatePrecision::month:
      return with_skeleton(lang, "yMMMM", to_udate(d.year, d.month, 15), "UTC");
    case domain::DatePrecision::day:
      return first_of_month(lang, with_skeleton(lang, "yMMMMd", to_udate(d.year, d.month, d.day), "UTC"));
  }
  return d.to_string();
}

std::string format_date_text(std::string_view lang, std::string_view text) {
  const auto d = domain::PartialDate::parse(text);
  return d ? format_date(lang, *d) : std::string(text);
}

std::string format_time(std::string_view lang, std::string_view t) {
  // 2026-12-01T10:28:42.123Z
  int y = 0, mo = 0, da = 0, h = 0, mi = 0, s = 0;
  if (t.size() < 19 ||
      std::sscanf(std::string(t.substr(0, 19)).c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &da, &h, &mi, &s) != 6 ||
      !domain::is_valid_day(y, static_cast<unsigned>(mo), static_cast<unsigned>(da)))
    return std::string(t);
  return first_of_month(
      lang, with_skeleton(lang, "yMMMMdHHmm",
                          to_udate(y, static_cast<unsigned>(mo), static_cast<unsigned>(da), h, mi, s), "Europe/Paris"));
}

namespace {

// n in the language's digits and separators, with that many decimals.
std::string formatted(std::string_view lang, const icu::Formattable& n, int decimals) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(icu::NumberFormat::createInstance(locale_of(lang), status));
  if (U_FAILURE(status)) return {};
  format->setMinimumFractionDigits(decimals);
  format->setMaximumFractionDigits(decimals);
  icu::UnicodeString out;
  icu::FieldPosition position;
  format->format(n, out, position, status);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace

std::string format_number(std::string_view lang, std::int64_t n) {
  auto text = formatted(lang, icu::Formattable(static_cast<int64_t>(n)), 0);
  return text.empty() ? std::to_string(n) : text;
}

std::string format_decimal(std::string_view lang, double x) {
  auto text = formatted(lang, icu::Formattable(x), 1);
  return text.empty() ? std::to_string(x) : text;
}

std::string format_list(std::string_view lang, const std::vector<std::string>& items) {
  std::vector<icu::UnicodeString> parts;
  for (const auto& i : items) parts.push_back(icu::UnicodeString::fromUTF8(i));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::ListFormatter> format(icu::ListFormatter::createInstance(locale_of(lang), status));
  std::string utf8;
  if (U_FAILURE(status)) {
    for (const auto& i : items) utf8 += (utf8.empty() ? "" : ", ") + i;
    return utf8;
  }
  icu::UnicodeString out;
  format->format(parts.data(), static_cast<int32_t>(parts.size()), out, status);
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace ofpra::web
