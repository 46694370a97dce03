#include "matching/normalize.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace ofpra::matching {
namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Upper-case letters and digits; every run of anything else becomes one space, except
// apostrophes and the letters left outside ASCII, which vanish inside a word: an ayn or a
// hamza (SAʻID, SA'ID, SAID) and N'DIAYE are one word however they were written. The schwa
// of Ethiopic romanisations (GƏBRE) is an E.
std::string ascii_words(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool gap = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const bool schwa = (c == 0xC9 || c == 0xC7 || c == 0xC6) && i + 1 < s.size() &&
                         ((c == 0xC9 && static_cast<unsigned char>(s[i + 1]) == 0x99) ||
                          (c == 0xC7 && static_cast<unsigned char>(s[i + 1]) == 0x9D) ||
                          (c == 0xC6 && static_cast<unsigned char>(s[i + 1]) == 0x8F));
      while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) ++i;
      if (!schwa) continue;
      if (gap) out.push_back(' ');
      gap = false;
      out.push_back('E');
      continue;
    }
    if (c == '\'' || c == '`') continue;
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) {
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back(' ');
    gap = false;
    out.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
  }
  return out;
}

// ICU transliterators are not safe to share between threads: one per thread, built once.
const icu::Transliterator* to_latin_ascii() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(
        icu::Transliterator::createInstance("NFKC; Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return t.get();
}

}  // namespace

std::string fold(std::string_view name) {
  if (is_ascii(name)) return ascii_words(name);
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  if (const auto* t = to_latin_ascii()) t->transliterate(text);
  std::string utf8;
  text.toUTF8String(utf8);
  return ascii_words(utf8);
}

std::string fold_all(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    auto f = fold(n);
    if (f.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += f;
  }
  return out;
}

}  // namespace ofpra::matching
